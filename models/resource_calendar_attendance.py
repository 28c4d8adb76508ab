from odoo import api, models


class ResourceCalendarAttendance(models.Model):
    """Working hours change the business days cached per calendar and year
    (resource.calendar._cq_business_year): every change clears Odoo's cache on
    every worker."""

    _inherit = "resource.calendar.attendance"

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
