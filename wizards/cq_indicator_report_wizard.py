from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..models.cq_indicator import period_bounds

MAX_TREND_PERIODS = 24


class CqIndicatorReportWizard(models.TransientModel):
    """Print the indicator report of a period (input of the management review)."""

    _name = "cq.indicator.report.wizard"
    _description = "Indicator Report"

    def _default_period(self):
        """The last closed quarter."""
        current_start = period_bounds("quarterly", fields.Date.context_today(self))[0]
        return period_bounds("quarterly", current_start - relativedelta(days=1))

    date_from = fields.Date(string="From", required=True, default=lambda self: self._default_period()[0])
    date_to = fields.Date(string="To", required=True, default=lambda self: self._default_period()[1])
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.companies.ids)],
    )
    trend_periods = fields.Integer(
        string="Trend Periods",
        required=True,
        default=6,
        help="Number of measures, up to the end of the period, drawn in the trend chart of each indicator.",
    )

    @api.constrains("date_from", "date_to", "trend_periods")
    def _check_period(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(self.env._("The period of the indicator report ends before it starts."))
            if not 1 <= wizard.trend_periods <= MAX_TREND_PERIODS:
                raise ValidationError(
                    self.env._("The trend shows from 1 to %(max)s periods.", max=MAX_TREND_PERIODS)
                )

    def action_print(self):
        self.ensure_one()
        return self.env.ref("customer_quality.cq_indicator_report_action").report_action(self)
