from odoo import api, fields, models


class CqPqrsCompletionWizard(models.TransientModel):
    """Ask the filer to complete an incomplete petition (Ley 1755 de 2015,
    art. 17): the missing items are required; after 10 business days of the
    filing date the wizard warns but still allows it."""

    _name = "cq.pqrs.completion.wizard"
    _description = "Request the Completion of a PQRS Case"

    pqrs_id = fields.Many2one("cq.pqrs", required=True, readonly=True, ondelete="cascade")
    missing_items = fields.Text(
        required=True, help="What the filer must provide: documents, information or clarifications."
    )
    is_late = fields.Boolean(compute="_compute_is_late")

    @api.depends("pqrs_id")
    def _compute_is_late(self):
        for wizard in self:
            wizard.is_late = bool(wizard.pqrs_id) and wizard.pqrs_id._cq_completion_request_late()

    def action_request_completion(self):
        self.ensure_one()
        self.pqrs_id._cq_request_completion(self.missing_items)
        return {"type": "ir.actions.act_window_close"}
