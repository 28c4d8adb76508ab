from odoo import api, fields, models


class CqPqrsTransferWizard(models.TransientModel):
    """Transfer a case to the competent party (transfer step):
    the receiving entity, the reason, the documents of the case sent with its
    case file, and after the limit a manager's reason."""

    _name = "cq.pqrs.transfer.wizard"
    _description = "Transfer a PQRS Case to the Competent Party"

    pqrs_id = fields.Many2one("cq.pqrs", required=True, readonly=True, ondelete="cascade")
    partner_id = fields.Many2one(
        "res.partner", string="Receiving Entity", domain="[('email', '!=', False)]",
        help="The party competent for the case: it receives the case file and the documents by email.",
    )
    reason = fields.Text(help="Why the receiving entity, and not the company, is competent for the case.")
    attachment_ids = fields.Many2many(
        "ir.attachment", "cq_pqrs_transfer_wizard_attachment_rel", "wizard_id", "attachment_id",
        string="Documents",
        domain="[('res_model', '=', 'cq.pqrs'), ('res_id', '=', pqrs_id)]",
        help="Documents of the case sent to the entity with the case file.",
    )
    transfer_limit = fields.Date(related="pqrs_id.transfer_limit")
    legal_basis = fields.Char(compute="_compute_legal_basis")

    @api.depends("pqrs_id")
    def _compute_legal_basis(self):
        for wizard in self:
            step = wizard.pqrs_id._cq_legal_step("transfer") if wizard.pqrs_id else None
            wizard.legal_basis = step.legal_basis if step else False
    is_late = fields.Boolean(compute="_compute_is_late")
    late_reason = fields.Text(
        string="Late Transfer Reason",
        help="The 5 business days have passed: only a manager may transfer the case, saying why it is late.",
    )

    @api.depends("pqrs_id")
    def _compute_is_late(self):
        for wizard in self:
            wizard.is_late = bool(wizard.pqrs_id) and wizard.pqrs_id._cq_transfer_is_late()

    def action_transfer(self):
        self.ensure_one()
        self.pqrs_id._cq_transfer(self.partner_id, self.reason, self.attachment_ids, self.late_reason)
        return {"type": "ir.actions.act_window_close"}
