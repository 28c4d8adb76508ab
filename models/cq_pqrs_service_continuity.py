from odoo import api, fields, models

from .cq_pqrs import OPEN_STATES


def service_claim_field():
    """The warning field of contacts, sales orders and invoices; their compute
    and search call cq.pqrs._cq_compute_service_claim / _cq_search_service_claim
    with the path to their customer company."""
    return fields.Boolean(
        string="Open Service Claim", compute="_compute_cq_service_claim_open",
        search="_search_cq_service_claim_open", groups="base.group_user",
        help="The customer has an open claim of a type that keeps the service on: the service must not be "
        "suspended while it is open.",
    )


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
    def _cq_compute_service_claim(self, records, customer_path):
        """Set cq_service_claim_open on `records` (contacts, orders, invoices)
        whose customer company, at `customer_path`, has an open claim."""
        open_claims = self._cq_service_claim_customers(records.mapped(customer_path))
        for record in records:
            record.cq_service_claim_open = bool(open_claims.get(record.mapped(customer_path)))

    @api.model
    def _cq_search_service_claim(self, customer_path, operator, value):
        """The domain, on the records' `customer_path` (their customer
        company), of those whose customer has (or, negated, has not) an open
        claim that keeps the service on."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Search on an open service claim with = or != and a boolean."))
        customers = list(self._cq_service_claim_customers())
        has = (operator == "=") == value
        return [(customer_path, "in" if has else "not in", [c.id for c in customers])]
