from odoo import fields, models


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    cq_holiday_date = fields.Date(
        string="Public Holiday", index=True, readonly=True,
        help="Set on the public holidays loaded from the holidays package.",
    )
    cq_holiday_country_id = fields.Many2one("res.country", string="Holiday Country", readonly=True)
