from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_datetime

from .cq_indicator import period_label
from .cron_claim import claim

STATUS = [
    ("no_data", "No Data"),
    ("in_range", "In Range"),
    ("warning", "Warning"),
    ("out_of_range", "Out of Range"),
]


class CqIndicatorMeasure(models.Model):
    """The value of an indicator for one period, with the target in force
    then (frozen) and the management's analysis."""

    _name = "cq.indicator.measure"
    _description = "Indicator Measure"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, indicator_sequence, id"
    _rec_name = "period"

    indicator_id = fields.Many2one("cq.indicator", required=True, ondelete="restrict", index=True)
    indicator_sequence = fields.Integer(related="indicator_id.sequence", store=True)
    code = fields.Char(related="indicator_id.code", store=True)
    process = fields.Selection(related="indicator_id.process", store=True)
    unit = fields.Selection(related="indicator_id.unit")
    company_id = fields.Many2one(related="indicator_id.company_id", store=True, index=True)
    user_id = fields.Many2one(related="indicator_id.user_id", string="Responsible")
    date_from = fields.Date(string="Period Start", required=True, readonly=True)
    date_to = fields.Date(string="Period End", required=True, readonly=True)
    period = fields.Char(compute="_compute_period", store=True)
    numerator = fields.Float(readonly=True, digits=(16, 2), aggregator="sum")
    denominator = fields.Float(readonly=True, digits=(16, 2), aggregator="sum")
    value = fields.Float(readonly=True, digits=(16, 2), aggregator="avg")
    has_data = fields.Boolean(readonly=True)
    value_display = fields.Char(string="Result", compute="_compute_value_display")
    target = fields.Float(readonly=True, digits=(16, 2), aggregator="avg", help="Target in force for the period.")
    tolerance = fields.Float(readonly=True, digits=(16, 2), aggregator=None)
    direction = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")], readonly=True
    )
    status = fields.Selection(STATUS, readonly=True, tracking=True, index=True)
    date_computed = fields.Datetime(string="Computed On", readonly=True)
    pending = fields.Integer(
        string="Pending Cases", readonly=True, aggregator="sum",
        help="Cases of the period still open within their legal term when the measure was computed: neither "
        "on time nor late yet, they are left out of the value.",
    )
    provisional = fields.Boolean(
        readonly=True, index=True,
        help="The period still had cases within their term: the measure is computed again every day until "
        "each case of the period is answered or past its term, then it is final.",
    )
    analysis = fields.Html(tracking=False)
    reviewed_by_id = fields.Many2one("res.users", string="Reviewed By", readonly=True, tracking=True)
    date_reviewed = fields.Date(string="Reviewed On", readonly=True, tracking=True)
    action_plan_ids = fields.One2many("cq.action.plan", "measure_id", string="Action Plans")
    action_plan_count = fields.Integer(compute="_compute_action_plan_count")
    color = fields.Integer(compute="_compute_color")

    _sql_constraints = [
        (
            "indicator_period_uniq",
            "unique(indicator_id, date_from)",
            "An indicator has one measure per period.",
        ),
    ]

    @api.depends("date_from", "indicator_id.frequency")
    def _compute_period(self):
        for measure in self:
            measure.period = (
                period_label(measure.indicator_id.frequency, measure.date_from) if measure.date_from else False
            )

    @api.depends("value", "has_data", "unit")
    def _compute_value_display(self):
        for measure in self:
            if not measure.has_data:
                measure.value_display = self.env._("No data")
            elif measure.unit == "percent":
                measure.value_display = f"{measure.value:.2f} %"
            elif measure.unit == "days":
                days = f"{measure.value:.2f}"
                measure.value_display = self.env._("%(days)s days", days=days)
            else:
                measure.value_display = f"{measure.value:g}"

    def _compute_action_plan_count(self):
        counts = dict(
            self.env["cq.action.plan"]._read_group([("measure_id", "in", self.ids)], ["measure_id"], ["__count"])
        )
        for measure in self:
            measure.action_plan_count = counts.get(measure, 0)

    @api.depends("status")
    def _compute_color(self):
        colors = {"in_range": 10, "warning": 2, "out_of_range": 1}
        for measure in self:
            measure.color = colors.get(measure.status, 0)

    def _compute_display_name(self):
        for measure in self:
            measure.display_name = f"{measure.indicator_id.code} {measure.period}"

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def _open_action_plans(self):
        """One action plan per out-of-range final measure, never two: a
        provisional value may still change, its plan waits until it is final."""
        todo = self.filtered(lambda m: m.status == "out_of_range" and not m.provisional and not m.action_plan_ids)
        if not todo:
            return self.env["cq.action.plan"]
        today = fields.Date.context_today(self)
        targets = {measure: f"{measure.target:g}" for measure in todo}
        plans = self.env["cq.action.plan"].create(
            [
                {
                    "title": self.env._(
                        "%(indicator)s out of range in %(period)s",
                        indicator=measure.indicator_id.display_name,
                        period=measure.period,
                    ),
                    "plan_type": "corrective",
                    "origin": "measure",
                    "measure_id": measure.id,
                    "user_id": measure.indicator_id.user_id.id,
                    "company_id": measure.company_id.id,
                    "date_deadline": today + relativedelta(days=measure.indicator_id.plan_days),
                    "description": self.env._(
                        "%(indicator)s measured %(value)s against a target of %(target)s in %(period)s.",
                        indicator=measure.indicator_id.display_name,
                        value=measure.value_display,
                        target=targets[measure],
                        period=measure.period,
                    ),
                }
                for measure in todo
            ]
        )
        for measure, plan in zip(todo, plans):
            measure.message_post(
                body=self.env._("Out of range: action plan %(plan)s opened.", plan=plan.name),
            )
        return plans

    def _cq_remeasure(self, facts, pending):
        """Write the values of the measure's period from `facts` and `pending`
        (cq.indicator._compute_period_facts()); the target, tolerance and
        direction stay those frozen when it was first measured."""
        self.ensure_one()
        values = self.indicator_id._measure_values(self.date_from, self.date_to, facts, pending)
        for frozen in ("target", "tolerance", "direction", "indicator_id", "date_from", "date_to"):
            values.pop(frozen)
        values["status"] = self.env["cq.indicator"]._status_of(
            values["value"] if values["has_data"] else None, self.target, self.tolerance, self.direction
        )
        self.write(values)

    def action_recompute(self):
        """Recompute the measure with today's data and rules; the chatter keeps
        the previous values next to the new ones (old → new). The target stays
        the one frozen when first measured."""
        if not self.env.user.has_group("customer_quality.group_cq_manager"):
            raise AccessError(self.env._("Only quality managers can recompute an indicator measure."))
        Indicator = self.env["cq.indicator"]
        statuses = dict(self._fields["status"]._description_selection(self.env))
        for measure in self:
            facts, pending = Indicator._compute_period_facts(measure.date_from, measure.date_to, measure.company_id)
            old_numerator, old_denominator = f"{measure.numerator:g}", f"{measure.denominator:g}"
            old_value, old_status = measure.value_display, statuses.get(measure.status)
            computed_on = format_datetime(self.env, measure.date_computed) if measure.date_computed else "-"
            measure._cq_remeasure(facts, pending)
            numerator, denominator = f"{measure.numerator:g}", f"{measure.denominator:g}"
            measure.message_post(
                body=self.env._(
                    "Recomputed: %(old_numerator)s / %(old_denominator)s = %(old_value)s (%(old_status)s, "
                    "computed on %(date)s) → %(numerator)s / %(denominator)s = %(value)s (%(status)s).",
                    numerator=numerator,
                    denominator=denominator,
                    value=measure.value_display,
                    status=statuses.get(measure.status),
                    old_numerator=old_numerator,
                    old_denominator=old_denominator,
                    old_value=old_value,
                    old_status=old_status,
                    date=computed_on,
                )
            )
        self._open_action_plans()
        return True

    # ------------------------------------------------------------------
    # provisional measures, measured again by the indicators' cron
    # ------------------------------------------------------------------
    @api.model
    def _cq_provisional_due(self):
        """SQL condition of the provisional measures to measure again: those
        not computed yet today (UTC), so that a cron run that continues in
        batches does not take the same measures twice."""
        today = fields.Datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
        return SQL("provisional AND date_computed < %s", today)

    @api.model
    def _cq_provisional_due_count(self):
        self.flush_model(["provisional", "date_computed"])
        self.env.cr.execute(SQL("SELECT COUNT(*) FROM cq_indicator_measure WHERE %s", self._cq_provisional_due()))
        return self.env.cr.fetchone()[0]

    @api.model
    def _cq_remeasure_provisional(self, limit):
        """Measure again at most `limit` provisional measures, locked FOR
        UPDATE SKIP LOCKED (a second worker takes other ones), the facts of
        each (period, company) computed once. A measure whose period has no
        pending case left becomes final: the chatter says so, with the value,
        and an out-of-range final measure opens its action plan."""
        measures = claim(self, self._cq_provisional_due(), limit)
        if not measures:
            return measures
        Indicator = self.env["cq.indicator"]
        statuses = dict(self._fields["status"]._description_selection(self.env))
        cache = {}
        for measure in measures:
            key = (measure.date_from, measure.date_to, measure.company_id.id)
            if key not in cache:
                cache[key] = Indicator._compute_period_facts(measure.date_from, measure.date_to, measure.company_id)
            old_value = measure.value_display
            measure._cq_remeasure(*cache[key])
            if not measure.provisional:
                # plain names as arguments: Odoo's term extraction reads this call
                numerator, denominator = f"{measure.numerator:g}", f"{measure.denominator:g}"
                measure.message_post(
                    body=self.env._(
                        "Final: every case of the period is answered or past its term. %(numerator)s / "
                        "%(denominator)s = %(value)s (%(status)s); the provisional value was %(old_value)s.",
                        numerator=numerator,
                        denominator=denominator,
                        value=measure.value_display,
                        status=statuses.get(measure.status),
                        old_value=old_value,
                    )
                )
        measures._open_action_plans()
        return measures

    def action_mark_reviewed(self):
        for measure in self:
            if not measure.analysis or not measure.analysis.striptags().strip():
                raise UserError(
                    self.env._("Write the analysis of %(measure)s before marking it reviewed.",
                               measure=measure.display_name)
                )
        self.write({"reviewed_by_id": self.env.user.id, "date_reviewed": fields.Date.context_today(self)})
        return True

    def action_view_action_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("customer_quality.cq_action_plan_action")
        action["domain"] = [("measure_id", "=", self.id)]
        action["context"] = {"default_origin": "measure", "default_measure_id": self.id}
        if len(self.action_plan_ids) == 1:
            action.update(view_mode="form", res_id=self.action_plan_ids.id, views=[(False, "form")])
        return action

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Indicator measures are quality records: they cannot be deleted."))
