from odoo import fields, models


class CqPqrsCancelWizard(models.TransientModel):
    _name = "cq.pqrs.cancel.wizard"
    _description = "Cancel a PQRS Case"

    pqrs_id = fields.Many2one("cq.pqrs", required=True, readonly=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_cancel_case(self):
        self.ensure_one()
        self.pqrs_id._cq_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
