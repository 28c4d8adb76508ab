from odoo import fields, models


class CqSaleReviewWaiverWizard(models.TransientModel):
    _name = "cq.sale.review.waiver.wizard"
    _description = "Waive the Requirements Review"

    order_id = fields.Many2one("sale.order", required=True, readonly=True)
    reason = fields.Text(required=True)

    def action_waive(self):
        self.ensure_one()
        self.order_id._cq_waive_review(self.reason)
        return {"type": "ir.actions.act_window_close"}
