from odoo import api, fields, models


class CqSaleReviewLine(models.Model):
    _name = "cq.sale.review.line"
    _description = "Requirements Review of a Sales Order"
    _order = "sequence, id"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade", index=True)
    item_id = fields.Many2one("cq.review.item", required=True, ondelete="restrict")
    name = fields.Char(related="item_id.name")
    description = fields.Text(related="item_id.description")
    sequence = fields.Integer(related="item_id.sequence", store=True)
    checked = fields.Boolean(string="Reviewed")
    note = fields.Char()
    checked_by_id = fields.Many2one("res.users", string="Reviewed by", readonly=True)
    checked_on = fields.Datetime(string="Reviewed on", readonly=True)

    _sql_constraints = [
        ("item_order_uniq", "unique(order_id, item_id)", "Each review item appears once per order."),
    ]

    def write(self, vals):
        if "checked" in vals:
            vals = dict(vals)
            vals.update(
                checked_by_id=self.env.user.id if vals["checked"] else False,
                checked_on=fields.Datetime.now() if vals["checked"] else False,
            )
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("checked"):
                vals.update(checked_by_id=self.env.user.id, checked_on=fields.Datetime.now())
        return super().create(vals_list)
