from odoo import api, models

from .cq_pqrs import OPEN_STATES


class CqPqrs(models.Model):
    """No suspension of the service while a claim about it is open: the open
    cases of the types that keep the service on, per customer, read by the
    warnings and filters of contacts, sales orders and invoices."""

    _inherit = "cq.pqrs"

    @api.model
    def _cq_service_claim_domain(self):
        return [("type_id.keeps_service", "=", True), ("state", "in", OPEN_STATES)]

    @api.model
    def _cq_service_claim_customers(self, customers=None):
        """{customer (commercial partner): open claims} of the customers with
        an open claim whose service must not be suspended (of `customers`
        only, when given), counted in SQL."""
        domain = self._cq_service_claim_domain()
        if customers is not None:
            domain = [*domain, ("commercial_partner_id", "in", customers.ids)]
        return dict(self.sudo()._read_group(domain, ["commercial_partner_id"], ["__count"]))

    @api.model
    def _cq_search_service_claim(self, operator, value):
        """The domain on commercial_partner_id of the records whose customer
        has (or, negated, has not) an open claim that keeps the service on."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Search on an open service claim with = or != and a boolean."))
        customers = list(self._cq_service_claim_customers())
        has = (operator == "=") == value
        return [("commercial_partner_id", "in" if has else "not in", [c.id for c in customers])]
