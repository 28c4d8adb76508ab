from odoo import fields, models


class CqSaleRejectionWizard(models.TransientModel):
    _name = "cq.sale.rejection.wizard"
    _description = "Mark Quotations Rejected"

    order_ids = fields.Many2many("sale.order", string="Quotations", required=True, readonly=True)
    reason_id = fields.Many2one("cq.rejection.reason", string="Reason", required=True)
    note = fields.Text()

    def action_reject(self):
        self.ensure_one()
        self.order_ids._cq_mark_rejected(self.reason_id, self.note)
        return {"type": "ir.actions.act_window_close"}
