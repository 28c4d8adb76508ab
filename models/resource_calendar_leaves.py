import logging

import psycopg2

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    # Set on the public holidays an earlier version loaded into the calendars. Public holidays now
    # live in cq.public.holiday per country and region; the business-day engine ignores these
    # leaves and init() removes them.
    cq_holiday_date = fields.Date(
        string="Public Holiday", index=True, readonly=True,
        help="Set on the public holidays loaded from the holidays package.",
    )
    cq_holiday_country_id = fields.Many2one("res.country", string="Holiday Country", readonly=True)

    def init(self):
        """Remove the public holidays the former loader generated into the
        calendars: they were copies of the holidays package (no history, no
        chatter, nothing written by users) and, put into a shared calendar,
        gave one company's holidays to another. Anything still referring to
        one keeps it (ignored by the engine all the same)."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(SQL(
                    "DELETE FROM resource_calendar_leaves WHERE cq_holiday_date IS NOT NULL"
                ))
        except psycopg2.IntegrityError:
            _logger.info("Public holiday leaves still referenced elsewhere are kept (ignored for terms).")

    # ------------------------------------------------------------------
    # The business days cached per calendar and year (resource.calendar
    # _cq_business_year) count the leaves without a resource
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if any(not vals.get("resource_id") for vals in vals_list):
            self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if "resource_id" in vals or not all(self.mapped("resource_id")):
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        if not all(self.mapped("resource_id")):
            self.env.registry.clear_cache()
        return super().unlink()
