from odoo import api, fields, models
from odoo.tools import SQL

NPS_CATEGORIES = [("promoter", "Promoter"), ("passive", "Passive"), ("detractor", "Detractor")]


class SurveyUserInput(models.Model):
    """Answers of quality surveys: tied to a campaign, its period, the
    customer and, for post-sale, the PQRS; scored once when submitted."""

    _inherit = "survey.user_input"

    cq_campaign_id = fields.Many2one("cq.survey.campaign", string="Campaign", index="btree_not_null", readonly=True)
    cq_company_id = fields.Many2one(
        "res.company",
        string="Quality Company",
        compute="_compute_cq_company_id",
        store=True,
        readonly=True,
        index=True,
        help="Company whose indicators count this answer: the company of its campaign, else of its PQRS, "
        "else of the customer who answered, else the company it was created in.",
    )
    cq_origin_company_id = fields.Many2one(
        "res.company",
        string="Created In Company",
        default=lambda self: self.env.company,
        readonly=True,
        help="Company the answer was created in; the quality company when nothing else gives one.",
    )
    cq_pqrs_id = fields.Many2one("cq.pqrs", string="PQRS", index="btree_not_null", readonly=True)
    cq_kind = fields.Selection(related="survey_id.cq_kind", store=True, string="Quality Survey")
    cq_date = fields.Date(
        string="Period Date",
        readonly=True,
        index=True,
        help="Date the answer counts for in the indicators: the end of its campaign's period, "
        "or the day it was submitted.",
    )
    cq_scored = fields.Boolean(string="Scored", readonly=True)
    cq_csat = fields.Float(string="CSAT", readonly=True, digits=(16, 2), aggregator="avg")
    cq_nps = fields.Integer(string="NPS Score", readonly=True, aggregator="avg")
    cq_nps_category = fields.Selection(NPS_CATEGORIES, string="NPS Category", readonly=True)
    cq_satisfied = fields.Boolean(string="Satisfied", readonly=True)
    cq_invited_on = fields.Datetime(string="Invited On", readonly=True)
    cq_reminder_count = fields.Integer(string="Reminders Sent", readonly=True)

    def init(self):
        res = super().init()
        # Odoo computes a stored field on existing rows only when its column is
        # new: answers stored while the quality company was a plain related
        # field have none when they have no campaign; compute theirs now.
        self.env.cr.execute(SQL("SELECT id FROM survey_user_input WHERE cq_company_id IS NULL"))
        if ids := [row[0] for row in self.env.cr.fetchall()]:
            self.env.add_to_compute(self._fields["cq_company_id"], self.browse(ids))
        return res

    @api.depends(
        "cq_campaign_id.company_id", "cq_pqrs_id.company_id", "partner_id.company_id", "cq_origin_company_id"
    )
    def _compute_cq_company_id(self):
        """Each answer counts for one company only: an answer without a company
        would count for every company of the database."""
        for user_input in self:
            user_input.cq_company_id = (
                user_input.cq_campaign_id.company_id
                or user_input.cq_pqrs_id.company_id
                or user_input.partner_id.company_id
                or user_input.cq_origin_company_id
            )

    def _mark_done(self):
        res = super()._mark_done()
        self.filtered("cq_kind")._cq_score()
        return res

    def _cq_score(self):
        """Freeze CSAT, NPS and 'satisfied' from the answer lines (two queries)."""
        if not self:
            return
        Line = self.env["survey.user_input.line"].sudo()
        base = [("user_input_id", "in", self.ids), ("skipped", "=", False), ("answer_type", "=", "scale")]
        csat = dict(
            Line._read_group(base + [("question_id.cq_metric", "=", "csat")], ["user_input_id"], ["value_scale:avg"])
        )
        nps = dict(
            Line._read_group(base + [("question_id.cq_metric", "=", "nps")], ["user_input_id"], ["value_scale:max"])
        )
        for user_input in self:
            survey = user_input.survey_id
            score_csat = csat.get(user_input)
            score_nps = nps.get(user_input)
            score = score_csat if survey.cq_satisfaction_basis == "csat" else score_nps
            category = False
            if score_nps is not None:
                category = "promoter" if score_nps >= 9 else "passive" if score_nps >= 7 else "detractor"
            completed = user_input.end_datetime or fields.Datetime.now()
            user_input.sudo().write(
                {
                    "cq_csat": round(score_csat, 2) if score_csat is not None else 0.0,
                    "cq_nps": score_nps or 0,
                    "cq_nps_category": category,
                    "cq_scored": score is not None,
                    "cq_satisfied": score is not None and score >= survey.cq_satisfied_threshold,
                    "cq_date": user_input.cq_campaign_id.date_to
                    or fields.Date.context_today(user_input, completed),
                }
            )

    # ------------------------------------------------------------------
    # facts for the indicators (cq.indicator reads them)
    # ------------------------------------------------------------------
    @api.model
    def _cq_answer_domain(self, date_from, date_to, companies=None):
        domain = [
            ("state", "=", "done"),
            ("test_entry", "=", False),
            ("cq_scored", "=", True),
            ("cq_date", ">=", date_from),
            ("cq_date", "<=", date_to),
        ]
        if companies:
            domain.append(("cq_company_id", "in", companies.ids))
        return domain

    @api.model
    def _cq_satisfaction_facts(self, date_from, date_to, companies=None):
        """{'satisfaction': (satisfied, surveyed, SC), 'post_sale': (..., ISC)}:
        one query; each scored answer is one surveyed customer."""
        counts = {
            (kind, satisfied): count
            for kind, satisfied, count in self.sudo()._read_group(
                self._cq_answer_domain(date_from, date_to, companies) + [("cq_kind", "!=", False)],
                ["cq_kind", "cq_satisfied"],
                ["__count"],
            )
        }
        result = {}
        for kind in ("satisfaction", "post_sale"):
            satisfied = counts.get((kind, True), 0)
            surveyed = satisfied + counts.get((kind, False), 0)
            result[kind] = (satisfied, surveyed, round(100.0 * satisfied / surveyed, 2) if surveyed else None)
        return result

    @api.model
    def _cq_captive_satisfaction(self, date_from, date_to, companies=None):
        """(satisfied, surveyed) among the satisfaction answers of captive customers."""
        counts = dict(
            self.sudo()._read_group(
                self._cq_answer_domain(date_from, date_to, companies)
                + [
                    ("cq_kind", "=", "satisfaction"),
                    ("partner_id.commercial_partner_id.customer_state", "=", "captive"),
                ],
                ["cq_satisfied"],
                ["__count"],
            )
        )
        return counts.get(True, 0), sum(counts.values())
