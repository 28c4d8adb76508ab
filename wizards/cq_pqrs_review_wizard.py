from odoo import fields, models

from ..models.cq_pqrs_supervisor_review import REVIEW_OUTCOMES


class CqPqrsReviewWizard(models.TransientModel):
    """Staff record the customer's request for a supervisor's review (asked by
    phone, by post, at the counter), or the supervisor records its outcome."""

    _name = "cq.pqrs.review.wizard"
    _description = "PQRS Supervisor Review"

    pqrs_id = fields.Many2one("cq.pqrs", required=True, ondelete="cascade")
    mode = fields.Selection([("request", "Request"), ("outcome", "Outcome")], required=True, default="request")
    reason = fields.Text(string="Why the Customer Asks")
    outcome = fields.Selection(REVIEW_OUTCOMES, string="Outcome")
    answer = fields.Text(string="Supervisor's Answer", help="Sent to the customer with the outcome.")

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "request":
            self.pqrs_id._cq_request_review(self.reason, self.env._("through staff"))
        else:
            self.pqrs_id._cq_record_review(self.outcome, self.answer)
        return {"type": "ir.actions.act_window_close"}
