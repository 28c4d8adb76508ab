from odoo import fields, models


class CqRnbdDatabase(models.Model):
    """A database of personal data the company registered with the data
    protection registry: the claims about it are reported under it."""

    _name = "cq.rnbd.database"
    _description = "Registered Personal Database"
    _order = "company_id, name, id"

    name = fields.Char(required=True)
    registry_number = fields.Char(
        string="Registration Number", help="The number the registry gave the database when it was registered."
    )
    purpose = fields.Text(help="What the data of this database is processed for, as registered.")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company, ondelete="cascade"
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_company_unique", "unique(company_id, name)", "A company registers each database once."),
    ]
