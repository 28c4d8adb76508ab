from odoo import fields, models


class CqRejectionReason(models.Model):
    _name = "cq.rejection.reason"
    _description = "Quotation Rejection Reason"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
