from odoo import fields, models


class CqReviewItem(models.Model):
    """An item of the requirements review done before an order is confirmed
    (ISO 9001 §8.2.3)."""

    _name = "cq.review.item"
    _description = "Requirements Review Item"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", string="Company")
