from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .cq_pqrs_ending import ENDINGS_APART


class CqServiceEvaluation(models.Model):
    """The yearly evaluation of the customer service, as a company shows it to
    an auditor or a consumer authority: the claims of the year per type and
    channel, the share answered within the term, the mean and longest answer
    time, the supervisor's reviews and their outcome, the referrals to
    out-of-court dispute bodies (all counted in SQL from the cases filed in
    the year), and the telephone figures the company enters."""

    _name = "cq.service.evaluation"
    _description = "Customer Service Yearly Evaluation"
    _inherit = ["mail.thread"]
    _order = "year desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company,
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year - 1, tracking=True)
    call_count = fields.Integer(string="Calls Received", tracking=True)
    call_answered_pct = fields.Float(
        string="% of Calls Answered Within 3 Minutes", digits=(5, 1), tracking=True,
        help="Of the calls the customers made to the service, the share answered by a person within three minutes "
        "on average, as measured by the telephone system.",
    )
    human_request_count = fields.Integer(
        string="Requests for a Person", tracking=True,
        help="How many times a customer in an automated channel asked to be attended by a person.",
    )
    human_request_pct = fields.Float(
        string="% of Requests for a Person Attended Within 3 Minutes", digits=(5, 1), tracking=True,
    )
    note = fields.Html(string="Conclusions", help="What the evaluation shows and what the company will improve.")

    _sql_constraints = [
        ("year_unique", "unique(company_id, year)", "A company evaluates its customer service once a year."),
    ]

    @api.depends("year", "company_id")
    def _compute_name(self):
        for evaluation in self:
            evaluation.name = f"{evaluation.company_id.name} {evaluation.year}" if evaluation.year else False

    @api.constrains("call_answered_pct", "human_request_pct", "call_count", "human_request_count")
    def _check_figures(self):
        for evaluation in self:
            if not (0 <= evaluation.call_answered_pct <= 100 and 0 <= evaluation.human_request_pct <= 100):
                raise ValidationError(self.env._("A percentage is between 0 and 100."))
            if min(evaluation.call_count, evaluation.human_request_count) < 0:
                raise ValidationError(self.env._("The number of calls and requests cannot be negative."))

    def _cq_domain(self):
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id),
            ("date_radicated", ">=", fields.Date.to_date(f"{self.year}-01-01")),
            ("date_radicated", "<=", fields.Date.to_date(f"{self.year}-12-31")),
            ("state", "!=", "cancelled"),
        ]

    def _cq_figures(self):
        """The year's figures, each one aggregate query (SQL):
        by_channel: [(type, channel, count)]; timeliness: [(type, answered,
        on time, % on time, mean days, longest days)]; totals; reviews;
        referrals."""
        self.ensure_one()
        Pqrs = self.env["cq.pqrs"].sudo().with_context(active_test=False)
        domain = self._cq_domain()
        by_channel = Pqrs._read_group(domain, ["type_id", "channel"], ["__count"], order="type_id, channel")
        channel_labels = dict(Pqrs._fields["channel"]._description_selection(self.env))
        answered_domain = [*domain, ("date_answered", "!=", False), ("ending", "not in", ENDINGS_APART)]
        answered = {
            pqrs_type: (count, avg, longest)
            for pqrs_type, count, avg, longest in Pqrs._read_group(
                answered_domain, ["type_id"], ["__count", "response_days:avg", "response_days:max"]
            )
        }
        on_time = dict(Pqrs._read_group([*answered_domain, ("answered_on_time", "=", True)], ["type_id"], ["__count"]))
        timeliness = []
        for pqrs_type, (count, avg, longest) in sorted(answered.items(), key=lambda item: item[0].sequence):
            timely = on_time.get(pqrs_type, 0)
            timeliness.append({
                "type": pqrs_type, "answered": count, "on_time": timely,
                "on_time_pct": 100.0 * timely / count if count else 0.0,
                "mean_days": avg or 0.0, "max_days": longest or 0,
            })
        total_answered = sum(row["answered"] for row in timeliness)
        total_on_time = sum(row["on_time"] for row in timeliness)
        [(mean_days, max_days)] = Pqrs._read_group(answered_domain, [], ["response_days:avg", "response_days:max"])
        review_domain = [*domain, ("review_state", "!=", False)]
        reviews = {
            "requested": Pqrs.search_count(review_domain),
            "pending": Pqrs.search_count([*review_domain, ("review_state", "=", "requested")]),
            "on_time": Pqrs.search_count([*review_domain, ("review_on_time", "=", True)]),
            **{outcome or "none": count for outcome, count in Pqrs._read_group(
                review_domain, ["review_outcome"], ["__count"])},
        }
        return {
            "by_channel": [(t, channel_labels.get(c, c or ""), n) for t, c, n in by_channel],
            "timeliness": timeliness,
            "total": Pqrs.search_count(domain),
            "answered": total_answered,
            "mean_days": mean_days or 0.0,
            "max_days": max_days or 0,
            "on_time_pct": 100.0 * total_on_time / total_answered if total_answered else 0.0,
            "reviews": reviews,
            "referrals": Pqrs.search_count([*domain, ("dispute_referral_date", "!=", False)]),
        }
