from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

# formula -> unit of its value
FORMULA_UNITS = {
    "cct": "percent",
    "sc": "percent",
    "rrt": "percent",
    "isc": "percent",
    "i1": "number",
    "i2": "days",
    "i3": "percent",
    "i4": "percent",
    "i5": "percent",
    "i6": "percent",
    "hsat": "percent",
    "frt": "percent",
}
PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "semester": 6, "yearly": 12}
MEASURE_BATCH = 100


def period_bounds(frequency, day):
    """First and last day of the period of `frequency` that contains `day`."""
    months = PERIOD_MONTHS[frequency]
    start = date(day.year, ((day.month - 1) // months) * months + 1, 1)
    return start, start + relativedelta(months=months, days=-1)


def customer_key_sql(commercial_partner, email, alone):
    """SQL text naming the customer an opinion (a survey answer, a rating)
    belongs to, so that each customer counts once in SC, ISC and I6:

    - the commercial partner of its contact (two contacts of one company are
      one customer);
    - without a contact, its email, trimmed, lower-cased and taken out of a
      ``Name <address>`` form (two anonymous answers from one address are one
      customer);
    - with neither, the opinion alone (``alone``, an SQL text unique to it).
    """
    email_address = SQL("COALESCE(substring(%s FROM '<([^<>]+)>'), %s)", email, email)
    return SQL(
        "COALESCE('partner ' || %s, 'email ' || NULLIF(lower(btrim(%s)), ''), %s)",
        commercial_partner,
        email_address,
        alone,
    )


def period_label(frequency, date_from):
    if frequency == "monthly":
        return f"{date_from.year}-{date_from.month:02d}"
    if frequency == "quarterly":
        return f"{date_from.year}-Q{(date_from.month - 1) // 3 + 1}"
    if frequency == "semester":
        return f"{date_from.year}-S{(date_from.month - 1) // 6 + 1}"
    return str(date_from.year)


class CqIndicator(models.Model):
    """A process indicator of the quality system, measured per period
    against a target. The computations of all indicators live here."""

    _name = "cq.indicator"
    _description = "Quality Indicator"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, code"
    _check_company_auto = True

    code = fields.Char(required=True, tracking=True)
    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    process = fields.Selection(
        [
            ("customer_management", "Customer Management"),
            ("post_sale", "Post-Sale"),
            ("customers", "Customers"),
        ],
        required=True,
        default="customer_management",
    )
    formula = fields.Selection(
        [
            ("cct", "CCT: contracts fulfilled on time and in form"),
            ("sc", "SC: satisfied customers over surveyed customers"),
            ("rrt", "RRT: complaints and claims answered within term"),
            ("isc", "ISC: post-sale satisfaction"),
            ("i1", "I1: new prospects identified"),
            ("i2", "I2: days from identification to first contact"),
            ("i3", "I3: profile completeness"),
            ("i4", "I4: conversion to captive customer"),
            ("i5", "I5: profile update rate"),
            ("i6", "I6: captive customers' satisfaction"),
            ("hsat", "HSAT: satisfaction with complaint handling (ISO 10002)"),
            ("frt", "FRT: first responses within the team's target"),
        ],
        required=True,
        tracking=True,
    )
    unit = fields.Selection(
        [("percent", "%"), ("number", "Number"), ("days", "Days")],
        compute="_compute_unit",
        store=True,
    )
    frequency = fields.Selection(
        [
            ("monthly", "Monthly"),
            ("quarterly", "Quarterly"),
            ("semester", "Semester"),
            ("yearly", "Yearly"),
        ],
        required=True,
        default="quarterly",
        tracking=True,
    )
    target = fields.Float(required=True, tracking=True, digits=(16, 2))
    tolerance = fields.Float(
        tracking=True,
        digits=(16, 2),
        help="Margin around the target in which a value is a warning rather than out of range.",
    )
    direction = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        required=True,
        default="higher",
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        tracking=True,
        domain="[('share', '=', False)]",
        default=lambda self: self.env.user,
    )
    data_source = fields.Text(translate=True)
    justification = fields.Text(translate=True)
    action_plan_policy = fields.Text(string="Action When Out of Range", translate=True)
    date_start = fields.Date(
        string="Measure From",
        required=True,
        default=lambda self: date(fields.Date.context_today(self).year, 1, 1),
        help="The first period measured by the scheduled computation.",
    )
    plan_days = fields.Integer(
        string="Action Plan Term (days)",
        default=30,
        help="Days given to the action plan opened when a measure is out of range.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    measure_ids = fields.One2many("cq.indicator.measure", "indicator_id", string="Measures")
    measure_count = fields.Integer(compute="_compute_last_measure")
    last_measure_id = fields.Many2one(
        "cq.indicator.measure", compute="_compute_last_measure", string="Last Measure"
    )
    last_period = fields.Char(compute="_compute_last_measure", string="Last Period")
    last_value = fields.Float(compute="_compute_last_measure", string="Last Value", digits=(16, 2))
    last_has_data = fields.Boolean(compute="_compute_last_measure")
    last_status = fields.Selection(
        [
            ("no_data", "No Data"),
            ("in_range", "In Range"),
            ("warning", "Warning"),
            ("out_of_range", "Out of Range"),
        ],
        compute="_compute_last_measure",
        string="Last Status",
    )
    color = fields.Integer(compute="_compute_last_measure")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The indicator code must be unique per company."),
    ]

    @api.depends("formula")
    def _compute_unit(self):
        for indicator in self:
            indicator.unit = FORMULA_UNITS.get(indicator.formula, "number")

    def _compute_last_measure(self):
        """Count and latest period per indicator: two queries for any number."""
        Measure = self.env["cq.indicator.measure"]
        stats = {
            indicator.id: (count, last_from)
            for indicator, count, last_from in Measure._read_group(
                [("indicator_id", "in", self.ids)], ["indicator_id"], ["__count", "date_from:max"]
            )
        }
        last = Measure.browse()
        if stats:
            last = Measure.search(
                [
                    ("indicator_id", "in", list(stats)),
                    ("date_from", "in", list({last_from for _count, last_from in stats.values()})),
                ]
            )
        by_indicator = {m.indicator_id.id: m for m in last if stats[m.indicator_id.id][1] == m.date_from}
        colors = {"in_range": 10, "warning": 2, "out_of_range": 1}
        for indicator in self:
            last_measure = by_indicator.get(indicator.id, Measure)
            indicator.measure_count = stats.get(indicator.id, (0, None))[0]
            indicator.last_measure_id = last_measure
            indicator.last_period = last_measure.period
            indicator.last_value = last_measure.value
            indicator.last_has_data = last_measure.has_data
            indicator.last_status = last_measure.status
            indicator.color = colors.get(last_measure.status, 0)

    @api.constrains("target", "tolerance", "unit", "plan_days")
    def _check_target(self):
        for indicator in self:
            if indicator.unit == "percent" and not 0 <= indicator.target <= 100:
                raise ValidationError(
                    self.env._(
                        "The target of %(indicator)s is a percentage: it must be between 0 and 100.",
                        indicator=indicator.display_name,
                    )
                )
            if indicator.target < 0:
                raise ValidationError(
                    self.env._("The target of %(indicator)s cannot be negative.", indicator=indicator.display_name)
                )
            if indicator.tolerance < 0:
                raise ValidationError(
                    self.env._(
                        "The tolerance of %(indicator)s cannot be negative.", indicator=indicator.display_name
                    )
                )
            if indicator.plan_days <= 0:
                raise ValidationError(
                    self.env._(
                        "The action plan term of %(indicator)s must be at least one day.",
                        indicator=indicator.display_name,
                    )
                )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for indicator in self:
            indicator.display_name = f"{indicator.code} {indicator.name}" if indicator.code else indicator.name

    # ------------------------------------------------------------------
    # status
    # ------------------------------------------------------------------
    @api.model
    def _status_of(self, value, target, tolerance, direction):
        """in_range / warning / out_of_range for a value, no_data for None."""
        if value is None:
            return "no_data"
        gap = value - target if direction == "higher" else target - value
        if gap >= 0:
            return "in_range"
        if -gap <= tolerance:
            return "warning"
        return "out_of_range"

    # ------------------------------------------------------------------
    # computations: every formula of a period in a constant number of queries
    # ------------------------------------------------------------------
    @api.model
    def _compute_facts(self, date_from, date_to, company):
        """{formula: (numerator, denominator, value)} for every formula over the
        period [date_from, date_to] of `company`; value None without data."""
        return self._compute_period_facts(date_from, date_to, company)[0]

    @api.model
    def _compute_period_facts(self, date_from, date_to, company):
        """(facts, pending): the facts of _compute_facts() and {formula: number
        of cases of the period still within their term}, for the formulas
        that count cases which may still be answered (RRT). A measure with
        pending cases is provisional: measured again until none is left."""
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        if not date_from or not date_to or date_from > date_to:
            raise UserError(self.env._("The indicator period needs a start date before its end date."))
        facts = {}
        prospects = self.env["cq.prospect.indicator"]._compute_facts(date_from, date_to, company)
        facts.update(prospects)
        cct = self.env["cq.contract"]._cq_cct(date_from, date_to, company)
        facts["cct"] = (cct["fulfilled"], cct["contracts"], cct["cct"])
        rrt = self._rrt_total(date_from, date_to, company)
        facts["rrt"] = self._rrt_fact(rrt)
        pending = {"rrt": rrt["pending"]}
        facts["hsat"] = self._compute_handling_satisfaction(date_from, date_to, company)
        facts["frt"] = self.env["cq.pqrs"]._cq_first_response_facts(date_from, date_to, company)
        # SC and ISC count customers, in one query: each customer's latest
        # opinion decides; for ISC the latest of the post-sale survey answers
        # and the customer's ratings of post-sale cases
        satisfaction = self.env["survey.user_input"]._cq_satisfaction_facts(
            date_from, date_to, company, post_sale_ratings=True
        )
        facts["sc"] = satisfaction["satisfaction"]
        facts["isc"] = satisfaction["post_sale"]
        return facts, pending

    @api.model
    def _cq_satisfied_customers(self, opinions):
        """{figure: (satisfied customers, customers, %)} in one query.

        `opinions` is an SQL query of rows (figure, customer, moment, source,
        record, satisfied): an opinion given at `moment` by `customer` (see
        customer_key_sql) counting in `figure`. Each customer's latest opinion
        of a figure decides whether that customer is satisfied; the
        denominator is the number of distinct customers with an opinion. On an
        exact tie the highest (source, record) wins: the last one recorded.
        """
        rows = self.env.execute_query(
            SQL(
                """
                SELECT figure, COUNT(*) FILTER (WHERE satisfied), COUNT(*)
                  FROM (SELECT DISTINCT ON (figure, customer) figure, satisfied
                          FROM (%s) AS opinion
                      ORDER BY figure, customer, moment DESC NULLS LAST, source DESC, record DESC) AS latest
              GROUP BY figure
                """,
                opinions,
            )
        )
        return {
            figure: (satisfied, customers, round(100.0 * satisfied / customers, 2))
            for figure, satisfied, customers in rows
        }

    @api.model
    def _compute_handling_satisfaction(self, date_from, date_to, company):
        """ISO 10002 §8.3: the cases answered in the period that their
        customer rated as satisfied (4 of 5 and up), over the rated ones; one
        query (cq.pqrs._cq_rating_counts)."""
        domain = [
            ("date_answered", ">=", fields.Datetime.to_datetime(date_from)),
            ("date_answered", "<", fields.Datetime.to_datetime(date_to) + relativedelta(days=1)),
            ("company_id", "=", company.id),
        ]
        counts = self.env["cq.pqrs"]._cq_rating_counts(domain).get((), {"rated": 0, "rated_satisfied": 0})
        satisfied, rated = counts["rated_satisfied"], counts["rated"]
        return satisfied, rated, round(100.0 * satisfied / rated, 2) if rated else None

    @api.model
    def _rrt_total(self, date_from, date_to, company):
        """The response statistics (cq.pqrs._cq_response_stats(), total) of
        the complaints and claims (types that need a root cause) filed in the
        period, cancelled cases and endings without an answer apart."""
        Pqrs = self.env["cq.pqrs"]
        domain = Pqrs._cq_period_domain(date_from, date_to, company) + [("type_id.requires_root_cause", "=", True)]
        return Pqrs._cq_response_stats(domain)[None]

    @api.model
    def _rrt_fact(self, total):
        """(answered on time, cases answered or past their term, RRT rounded
        to 2 decimals): the pending cases are in neither figure."""
        rrt = total["rrt"]
        return total["on_time"], total["count"] - total["pending"], round(rrt, 2) if rrt is not None else None

    @api.model
    def _compute_rrt(self, date_from, date_to, company):
        """Complaints and claims filed in the period and answered within their
        term, over those answered or past their term (see _rrt_total)."""
        return self._rrt_fact(self._rrt_total(date_from, date_to, company))

    # ------------------------------------------------------------------
    # measures
    # ------------------------------------------------------------------
    def _measure_values(self, date_from, date_to, facts, pending=None):
        """The values of the measure of a period from its facts; with
        `pending` ({formula: cases within their term}, see
        _compute_period_facts) a measure with pending cases is provisional."""
        self.ensure_one()
        numerator, denominator, value = facts[self.formula]
        pending_cases = (pending or {}).get(self.formula, 0)
        return {
            "indicator_id": self.id,
            "date_from": date_from,
            "date_to": date_to,
            "numerator": numerator or 0.0,
            "denominator": denominator or 0.0,
            "value": value or 0.0,
            "has_data": value is not None,
            "target": self.target,
            "tolerance": self.tolerance,
            "direction": self.direction,
            "status": self._status_of(value, self.target, self.tolerance, self.direction),
            "date_computed": fields.Datetime.now(),
            "pending": pending_cases,
            "provisional": bool(pending_cases),
        }

    def _missing_periods(self, today):
        """Closed periods since date_start without a measure, oldest first."""
        self.ensure_one()
        existing = set(self.measure_ids.mapped("date_from"))
        periods = []
        start, stop = period_bounds(self.frequency, self.date_start)
        while stop < today:
            if start not in existing:
                periods.append((start, stop))
            start = stop + relativedelta(days=1)
            stop = period_bounds(self.frequency, start)[1]
        return periods

    def _measure_periods(self, periods_by_indicator):
        """Create the measures of {indicator: [(date_from, date_to)]}, the facts
        of each (period, company) computed once, and open action plans."""
        cache = {}
        vals_list = []
        for indicator, periods in periods_by_indicator.items():
            for date_from, date_to in periods:
                key = (date_from, date_to, indicator.company_id.id)
                if key not in cache:
                    cache[key] = self._compute_period_facts(date_from, date_to, indicator.company_id)
                vals_list.append(indicator._measure_values(date_from, date_to, *cache[key]))
        measures = self.env["cq.indicator.measure"].create(vals_list)
        measures._open_action_plans()
        return measures

    @api.model
    def _cron_compute_measures(self):
        """Measure every closed period that has no measure yet, then measure
        again the provisional measures (their period still had cases within
        their term) until they are final. Idempotent: a period measured once
        is never measured twice by the cron (a unique index guards it when
        two workers run at once); the provisional measures are claimed FOR
        UPDATE SKIP LOCKED, so that a second worker takes other ones."""
        today = fields.Date.context_today(self)
        todo = {}
        planned = 0
        for indicator in self.search([]):
            periods = indicator._missing_periods(today)[: MEASURE_BATCH - planned]
            if periods:
                todo[indicator] = periods
                planned += len(periods)
            if planned >= MEASURE_BATCH:
                break
        self._measure_periods(todo)
        Measure = self.env["cq.indicator.measure"]
        remeasured = Measure._cq_remeasure_provisional(MEASURE_BATCH - planned) if planned < MEASURE_BATCH else Measure
        done = planned + len(remeasured)
        remaining = 0
        if done >= MEASURE_BATCH:
            remaining = sum(len(i._missing_periods(today)) for i in self.search([])) + Measure._cq_provisional_due_count()
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    def action_compute_last_period(self):
        """Measure the last closed period now (a manager's shortcut; an
        existing measure is recomputed, keeping its old values in the chatter)."""
        today = fields.Date.context_today(self)
        todo = {}
        for indicator in self:
            current_start = period_bounds(indicator.frequency, today)[0]
            date_from, date_to = period_bounds(indicator.frequency, current_start - relativedelta(days=1))
            measure = indicator.measure_ids.filtered(lambda m, d=date_from: m.date_from == d)
            if measure:
                measure.action_recompute()
            else:
                todo[indicator] = [(date_from, date_to)]
        if todo:
            self._measure_periods(todo)
        return self.action_view_measures() if len(self) == 1 else True

    def action_view_measures(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("customer_quality.cq_indicator_measure_action")
        action["domain"] = [("indicator_id", "=", self.id)]
        action["context"] = {"default_indicator_id": self.id}
        return action

    @api.ondelete(at_uninstall=False)
    def _unlink_except_measured(self):
        if self.measure_ids:
            raise UserError(self.env._("An indicator with measures cannot be deleted: archive it instead."))
