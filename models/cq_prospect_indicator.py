from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .res_partner import LIFECYCLE_FIELDS


class CqProspectIndicator(models.AbstractModel):
    """The six prospect indicators of the customer procedure (I1-I6).

    Every figure comes from the database in a constant number of queries,
    whatever the number of contacts.
    """

    _name = "cq.prospect.indicator"
    _description = "Prospect Indicators"

    @api.model
    def _lifecycle_domain(self, companies=None):
        domain = [("customer_state", "!=", False)]
        if companies:
            domain += [("company_id", "in", [False, *companies.ids])]
        return domain

    @api.model
    def compute_indicators(self, date_from, date_to, companies=None):
        """Return a dict with the indicators of the period [date_from, date_to]:

        - i1: new prospects identified in the period;
        - i2: mean days from identification to first contact (prospects of the
          period that were contacted), None without data;
        - i3: mean profile completeness (%) of the prospects of the period;
        - i4: conversion rate (%): prospects of the period converted into
          captive customers by the end of the period;
        - i5: profile update rate (%): customers identified by the end of the
          period whose profile was edited during the period;
        - i6: satisfaction (%) of captive customers: captive customers whose
          latest satisfaction-survey answer of the period is satisfied, over
          the captive customers who answered in the period.
        """
        facts = self._compute_facts(date_from, date_to, companies)
        return {code: value for code, (_numerator, _denominator, value) in facts.items()}

    @api.model
    def _compute_facts(self, date_from, date_to, companies=None):
        """{code: (numerator, denominator, value)} of I1-I6; value None
        without data. A constant number of queries whatever the volume."""
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        if not date_from or not date_to or date_from > date_to:
            raise UserError(self.env._("The indicator period needs a start date before its end date."))
        Partner = self.env["res.partner"].with_context(active_test=False)
        base = self._lifecycle_domain(companies)
        cohort = base + [
            ("cq_identification_date", ">=", date_from),
            ("cq_identification_date", "<=", date_to),
        ]
        [(count, completeness_sum)] = Partner._read_group(
            cohort, aggregates=["__count", "cq_profile_completeness:sum"]
        )
        # integer columns store 0 for "no value": average the contacted ones only
        [(contacted, days_sum)] = Partner._read_group(
            cohort + [("cq_first_contact_date", "!=", False)],
            aggregates=["__count", "cq_days_to_first_contact:sum"],
        )
        [(converted,)] = Partner._read_group(
            cohort + [("cq_conversion_date", "!=", False), ("cq_conversion_date", "<=", date_to)],
            aggregates=["__count"],
        )
        [(population,)] = Partner._read_group(
            base + [("cq_identification_date", "<=", date_to)], aggregates=["__count"]
        )
        updated = self._count_profile_updates(date_from, date_to, companies)
        satisfied, surveyed = self.env["survey.user_input"]._cq_captive_satisfaction(date_from, date_to, companies)

        def ratio(numerator, denominator, factor=100.0):
            return round(factor * numerator / denominator, 2) if denominator else None

        return {
            "i1": (count, 0, count),
            "i2": (days_sum or 0, contacted, ratio(days_sum or 0, contacted, 1.0)),
            "i3": (completeness_sum or 0, count, ratio(completeness_sum or 0, count, 1.0)),
            "i4": (converted, count, ratio(converted, count)),
            "i5": (updated, population, ratio(updated, population)),
            "i6": (satisfied, surveyed, ratio(satisfied, surveyed)),
        }

    @api.model
    def _count_profile_updates(self, date_from, date_to, companies=None):
        """Customers identified by date_to whose tracked profile fields were
        edited between date_from and date_to (from the tracking history)."""
        company_clause = SQL("TRUE")
        if companies:
            company_clause = SQL(
                "(p.company_id IS NULL OR p.company_id IN %s)", tuple(companies.ids)
            )
        self.env["res.partner"].flush_model(["customer_state", "cq_identification_date", "company_id"])
        self.env["mail.message"].flush_model(["model", "res_id", "date"])
        self.env["mail.tracking.value"].flush_model(["mail_message_id", "field_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT COUNT(DISTINCT p.id)
                  FROM res_partner p
                  JOIN mail_message m ON m.model = 'res.partner' AND m.res_id = p.id
                  JOIN mail_tracking_value t ON t.mail_message_id = m.id
                  JOIN ir_model_fields f ON f.id = t.field_id
                 WHERE p.customer_state IS NOT NULL
                   AND p.cq_identification_date <= %(date_to)s
                   AND m.date >= %(start)s AND m.date < %(stop)s
                   AND f.name NOT IN %(lifecycle)s
                   AND %(company_clause)s
                """,
                date_to=date_to,
                start=datetime.combine(date_from, time.min),
                stop=datetime.combine(date_to + timedelta(days=1), time.min),
                lifecycle=tuple(LIFECYCLE_FIELDS),
                company_clause=company_clause,
            )
        )
        return self.env.cr.fetchone()[0]
