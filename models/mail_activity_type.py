from odoo import fields, models


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    cq_counts_as_contact = fields.Boolean(
        string="Counts as Customer Contact",
        help="When an activity of this type is marked as done on a prospect, "
        "its date becomes the prospect's first-contact date (if not set yet).",
    )
