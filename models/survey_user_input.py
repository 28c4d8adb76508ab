from odoo import api, fields, models
from odoo.tools import SQL

from .cq_indicator import customer_key_sql

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
    def _cq_answer_opinions(self, domain, figure=None, figure_field=None):
        """SQL of the opinions the answers of `domain` give, as rows of
        cq.indicator._cq_satisfied_customers(): counting in `figure`, or in
        the value of the answer's `figure_field` (its campaign, say), or in
        the answer's survey kind without either; given when the answer was
        submitted (when it was created, for answers stored without that
        moment); satisfied as scored. The customer is the commercial partner
        of the answer's contact, else its email, else the answer alone."""
        Answer = self.sudo()
        query = Answer._search(domain)
        partner = query.left_join(query.table, "partner_id", "res_partner", "id", "partner_id")
        Partner = self.env["res.partner"].sudo()
        customer = customer_key_sql(
            SQL(
                "COALESCE(%s, %s)",
                Partner._field_to_sql(partner, "commercial_partner_id", query),
                Partner._field_to_sql(partner, "id", query),
            ),
            Answer._field_to_sql(query.table, "email", query),
            SQL("'answer ' || %s", Answer._field_to_sql(query.table, "id", query)),
        )
        return query.select(
            SQL("%s AS figure", figure or Answer._field_to_sql(query.table, figure_field or "cq_kind", query)),
            SQL("%s AS customer", customer),
            SQL(
                "COALESCE(%s, %s) AS moment",
                Answer._field_to_sql(query.table, "end_datetime", query),
                Answer._field_to_sql(query.table, "create_date", query),
            ),
            SQL("0 AS source"),
            SQL("%s AS record", Answer._field_to_sql(query.table, "id", query)),
            SQL("%s AS satisfied", Answer._field_to_sql(query.table, "cq_satisfied", query)),
        )

    @api.model
    def _cq_satisfaction_facts(self, date_from, date_to, companies=None, post_sale_ratings=False):
        """{'satisfaction': (satisfied, surveyed, SC), 'post_sale': (..., ISC)}
        in one query, counting customers: each customer's latest scored answer
        of the period decides whether the customer is satisfied, the
        denominator is the number of distinct customers who answered. With
        `post_sale_ratings`, the customers' ratings of post-sale cases of
        `companies` are opinions of 'post_sale' too (ISC): the latest of the
        answers and ratings of a customer decides."""
        opinions = self._cq_answer_opinions(
            self._cq_answer_domain(date_from, date_to, companies) + [("cq_kind", "in", ("satisfaction", "post_sale"))]
        )
        if post_sale_ratings:
            ratings = self.env["cq.pqrs"]._cq_post_sale_rating_opinions(date_from, date_to, companies, "post_sale")
            opinions = SQL("(%s) UNION ALL (%s)", opinions, ratings)
        counts = self.env["cq.indicator"]._cq_satisfied_customers(opinions)
        return {kind: counts.get(kind, (0, 0, None)) for kind in ("satisfaction", "post_sale")}

    @api.model
    def _cq_satisfied_customers_by(self, domain, field):
        """{value of `field`: (satisfied customers, customers, %)} of the
        scored answers of `domain`, counted as SC and ISC count them (one
        vote per customer, the latest answer decides), in one query."""
        opinions = self._cq_answer_opinions(domain + [("cq_scored", "=", True)], figure_field=field)
        return self.env["cq.indicator"]._cq_satisfied_customers(opinions)

    @api.model
    def _cq_captive_satisfaction(self, date_from, date_to, companies=None):
        """(satisfied, surveyed) captive customers (I6), in one query: each
        captive customer's latest scored satisfaction answer of the period
        decides. Answers without a contact are nobody's captive customer."""
        opinions = self._cq_answer_opinions(
            self._cq_answer_domain(date_from, date_to, companies)
            + [
                ("cq_kind", "=", "satisfaction"),
                ("partner_id.commercial_partner_id.customer_state", "=", "captive"),
            ],
            "i6",
        )
        satisfied, surveyed, __ = self.env["cq.indicator"]._cq_satisfied_customers(opinions).get("i6", (0, 0, None))
        return satisfied, surveyed
