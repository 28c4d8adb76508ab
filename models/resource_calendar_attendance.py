from odoo import models


class ResourceCalendarAttendance(models.Model):
    """Working hours change the business days cached per calendar and year
    (resource.calendar._cq_business_year): every change clears Odoo's cache on
    every worker."""

    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "cq.cache.source"]
