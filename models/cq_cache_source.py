from odoo import api, models


class CqCacheSource(models.AbstractModel):
    """Records that values kept in Odoo's cache (ormcache) are computed from: public holidays and
    working hours, behind the business days of resource.calendar._cq_business_year. Any change
    clears the cache on every worker (and a rolled-back transaction clears what it filled)."""

    _name = "cq.cache.source"
    _description = "Source of Cached Business Days"

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
