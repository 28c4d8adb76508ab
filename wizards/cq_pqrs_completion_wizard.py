from odoo import api, fields, models


class CqPqrsCompletionWizard(models.TransientModel):
    """Ask the filer to complete an incomplete petition (completion step):
    the missing items are required; after the term of the completion_request
    step the wizard warns but still allows it."""

    _name = "cq.pqrs.completion.wizard"
    _description = "Request the Completion of a PQRS Case"

    pqrs_id = fields.Many2one("cq.pqrs", required=True, readonly=True, ondelete="cascade")
    missing_items = fields.Text(
        required=True, help="What the filer must provide: documents, information or clarifications."
    )
    is_late = fields.Boolean(compute="_compute_is_late")
    legal_basis = fields.Char(compute="_compute_is_late")
    request_term = fields.Char(string="Term to Ask", compute="_compute_is_late")
    period = fields.Char(string="Completion Period", compute="_compute_is_late")

    @api.depends("pqrs_id")
    def _compute_is_late(self):
        for wizard in self:
            case = wizard.pqrs_id
            wizard.is_late = bool(case) and case._cq_completion_request_late()
            request, period = (case._cq_legal_step("completion_request"), case._cq_legal_step("completion")) \
                if case else (None, None)
            wizard.legal_basis = period.legal_basis if period else False
            wizard.request_term = request._cq_term_label() if request else False
            wizard.period = period._cq_term_label() if period else False

    def action_request_completion(self):
        self.ensure_one()
        self.pqrs_id._cq_request_completion(self.missing_items)
        return {"type": "ir.actions.act_window_close"}
