from odoo import fields, models


class CqPqrsWithdrawalWizard(models.TransientModel):
    """A withdrawal the filer made by phone or letter (withdrawal step,
    art. 18), or a manager's decision to continue a withdrawn case: both
    need a reason."""

    _name = "cq.pqrs.withdrawal.wizard"
    _description = "Withdraw or Continue a PQRS Case"

    pqrs_id = fields.Many2one("cq.pqrs", required=True, readonly=True, ondelete="cascade")
    mode = fields.Selection(
        [("withdraw", "Record Withdrawal"), ("continue", "Continue the Case")],
        required=True, default="withdraw", readonly=True,
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "continue":
            self.pqrs_id._cq_continue(self.reason)
        else:
            filer = self.pqrs_id.with_context(lang=self.pqrs_id._cq_filer_lang())
            self.pqrs_id._cq_withdraw(self.reason, filer.env._("recorded by staff"))
        return {"type": "ir.actions.act_window_close"}
