from odoo import fields, models


class CqLostReason(models.Model):
    _name = "cq.lost.reason"
    _description = "Lost Customer Reason"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
