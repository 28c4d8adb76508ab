from odoo import fields, models


class CqPqrsRootCause(models.Model):
    _name = "cq.pqrs.root.cause"
    _description = "PQRS Root-Cause Category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
