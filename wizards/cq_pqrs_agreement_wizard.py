from odoo import fields, models


class CqPqrsAgreementWizard(models.TransientModel):
    """The agreement a consumer accepted on the spot to settle a complaints
    book sheet (the type's agreement step): it ends the case as agreed and
    prints on the sheet."""

    _name = "cq.pqrs.agreement.wizard"
    _description = "Record an Agreement on the Spot"

    pqrs_id = fields.Many2one("cq.pqrs", required=True, readonly=True, ondelete="cascade")
    requires_root_cause = fields.Boolean(related="pqrs_id.requires_root_cause")
    legal_basis = fields.Char(compute="_compute_legal_basis")
    agreement = fields.Text(required=True, help="What was agreed, as the consumer accepted it.")
    root_cause_id = fields.Many2one("cq.pqrs.root.cause", string="Root Cause")
    root_cause_analysis = fields.Text(string="Root-Cause Analysis")

    def _compute_legal_basis(self):
        for wizard in self:
            wizard.legal_basis = wizard.pqrs_id._cq_step_basis("agreement")

    def action_confirm(self):
        self.ensure_one()
        self.pqrs_id._cq_record_agreement(self.agreement, self.root_cause_id, self.root_cause_analysis)
        return {"type": "ir.actions.act_window_close"}
