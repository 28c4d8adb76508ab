from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.tools import formatLang

from ..models.cq_indicator import PERIOD_MONTHS
from .svg_chart import line_chart

MEASURE_FIELDS = [
    "indicator_id",
    "date_from",
    "date_to",
    "period",
    "numerator",
    "denominator",
    "value",
    "has_data",
    "pending",
    "provisional",
    "target",
    "status",
    "analysis",
    "reviewed_by_id",
    "date_reviewed",
]


class CqIndicatorReport(models.AbstractModel):
    """Indicator report of a period (input of the management review): every
    active indicator of the company with its measures of the period, their
    analysis and action plans, and the trend of its last measures."""

    _name = "report.customer_quality.cq_indicator_report"
    _description = "Indicator Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["cq.indicator.report.wizard"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "cq.indicator.report.wizard",
            "docs": wizards,
            "sections": {wizard.id: self._get_sections(wizard) for wizard in wizards},
        }

    @api.model
    def _get_sections(self, wizard):
        """[(process, [row])] in the order of the processes, a row per active
        indicator of the company: {indicator, measures, plans, chart}.
        Three queries whatever the number of indicators and measures (the
        indicators, their measures, the action plans), and one for the
        reviewers' names."""
        indicators = self.env["cq.indicator"].search_fetch(
            [("company_id", "=", wizard.company_id.id)],
            ["code", "name", "process", "unit", "frequency", "target", "user_id"],
        )
        if not indicators:
            return []
        periods = max(wizard.trend_periods, 1)
        months = max(PERIOD_MONTHS[frequency] for frequency in set(indicators.mapped("frequency")))
        oldest = min(wizard.date_from, wizard.date_to - relativedelta(months=months * (periods + 1)))
        measures = self.env["cq.indicator.measure"].search_fetch(
            [
                ("indicator_id", "in", indicators.ids),
                ("date_from", ">=", oldest),
                ("date_to", "<=", wizard.date_to),
            ],
            MEASURE_FIELDS,
            order="date_from, id",
        )
        measures.reviewed_by_id.mapped("name")
        by_indicator = defaultdict(list)
        for measure in measures:
            by_indicator[measure.indicator_id.id].append(measure)
        in_period = measures.filtered(lambda measure: measure.date_from >= wizard.date_from)
        plans = self.env["cq.action.plan"].search_fetch(
            [("measure_id", "in", in_period.ids)], ["name", "title", "state", "measure_id"], order="name, id"
        )
        plans_by_measure = defaultdict(lambda: self.env["cq.action.plan"])
        for plan in plans:
            plans_by_measure[plan.measure_id.id] |= plan

        process_order = [key for key, _label in self.env["cq.indicator"]._fields["process"].selection]
        rows = defaultdict(list)
        for indicator in indicators:
            history = by_indicator[indicator.id]
            period_measures = self.env["cq.indicator.measure"].browse(
                [measure.id for measure in history if measure.date_from >= wizard.date_from]
            )
            indicator_plans = self.env["cq.action.plan"]
            for measure in period_measures:
                indicator_plans |= plans_by_measure[measure.id]
            rows[indicator.process].append(
                {
                    "indicator": indicator,
                    "measures": period_measures,
                    "plans": indicator_plans,
                    "chart": self._trend_chart(indicator, history[-periods:]),
                    "trend_count": len(history[-periods:]),
                }
            )
        return [(process, rows[process]) for process in process_order if rows[process]]

    @api.model
    def _trend_chart(self, indicator, trend):
        """Line chart of the measures `trend` (oldest first) and the target
        in force in the last of them; False without measures."""
        if not trend:
            return False
        return line_chart(
            [measure.period or "" for measure in trend],
            {indicator.code: [measure.value if measure.has_data else None for measure in trend]},
            width=380,
            height=160,
            target=trend[-1].target,
            y_max=100 if indicator.unit == "percent" else None,
            number_format=lambda number: formatLang(self.env, number, digits=0 if number == int(number) else 1),
        )
