from freezegun import freeze_time

from odoo.tests import tagged

from .common_quality import QualityCommon


@tagged("post_install", "-at_install")
class TestSatisfactionPerCustomer(QualityCommon):
    """SC, ISC and I6 count customers, not answers: each customer's latest
    opinion of the period decides (issue 17, "Satisfaction per customer").

    The first quarter of 2026 of company_co, known by hand:

    - Acme (captive company), through its contacts Ana and Bruno: satisfied on
      10 January (Ana), satisfied on 10 February (Bruno), unsatisfied on 10
      March (Ana) → one customer, unsatisfied;
    - Solo (captive): satisfied on 1 February, unsatisfied on 5 January
      (recorded after the February answer) → satisfied; unsatisfied again on
      20 March, but for company_mx;
    - Lead (a prospect): satisfied → counts in SC, not in I6;
    - ISC: Rex answers the post-sale survey satisfied on 20 January, then
      rates a post-sale case 1 of 5 on 5 February → unsatisfied; Vera rates a
      case 1 of 5 on 15 January, then answers the post-sale survey satisfied on
      20 February → satisfied; Rex's 5 of 5 for a case of company_mx does not
      count for company_co.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.support = cls.env.ref("customer_quality.cq_pqrs_type_support")
        with freeze_time("2026-01-02 12:00:00"):
            cls.acme = cls._partner("Acme", is_company=True, customer_state="captive",
                                    cq_identification_date="2025-11-01")
            cls.ana = cls._partner("Ana", parent_id=cls.acme.id)
            cls.bruno = cls._partner("Bruno", parent_id=cls.acme.id)
            cls.solo = cls._partner("Solo", customer_state="captive", cq_identification_date="2025-11-01")
            cls.lead = cls._partner("Lead", customer_state="prospect", cq_identification_date="2025-11-01")
            cls.rex = cls._partner("Rex")
            cls.vera = cls._partner("Vera")
            cls.campaign = cls._campaign(cls.satisfaction_survey)
            cls.campaign_mx = cls._campaign(cls.satisfaction_survey, name="Encuesta MX",
                                            company_id=cls.company_mx.id)
            cls.post_sale = cls._campaign(cls.post_sale_survey, name="Postventa Q1")
        # (moment, survey, campaign, partner, csat), recorded in this order
        for moment, survey, campaign, partner, csat in (
            ("2026-01-10 15:00:00", cls.satisfaction_survey, cls.campaign, cls.ana, 5),
            ("2026-02-01 15:00:00", cls.satisfaction_survey, cls.campaign, cls.solo, 5),
            ("2026-01-05 15:00:00", cls.satisfaction_survey, cls.campaign, cls.solo, 2),
            ("2026-02-10 15:00:00", cls.satisfaction_survey, cls.campaign, cls.bruno, 5),
            ("2026-02-20 15:00:00", cls.satisfaction_survey, cls.campaign, cls.lead, 5),
            ("2026-03-10 15:00:00", cls.satisfaction_survey, cls.campaign, cls.ana, 2),
            ("2026-03-20 15:00:00", cls.satisfaction_survey, cls.campaign_mx, cls.solo, 1),
            ("2026-01-20 15:00:00", cls.post_sale_survey, cls.post_sale, cls.rex, 5),
            ("2026-02-20 15:00:00", cls.post_sale_survey, cls.post_sale, cls.vera, 5),
        ):
            with freeze_time(moment):
                cls._answer(survey, partner, csat=csat, nps=8, campaign=campaign)
        # (answered, rated on, partner, rating, company)
        for answered, rated, partner, value, company in (
            ("2026-02-01 15:00:00", "2026-02-05 15:00:00", cls.rex, 1, cls.company_co),
            ("2026-01-14 15:00:00", "2026-01-15 15:00:00", cls.vera, 1, cls.company_co),
            ("2026-02-27 15:00:00", "2026-03-01 15:00:00", cls.rex, 5, cls.company_mx),
        ):
            cls._rated_case(answered, rated, partner, value, company)
        cls.env.flush_all()

    @classmethod
    def _rated_case(cls, answered, rated_on, partner, value, company=None):
        """A post-sale case answered on `answered` that its customer rates
        `value` on `rated_on`."""
        case = cls._case("2026-01-02 15:00:00", company=company, pqrs_type=cls.support,
                         date_answered=answered, partner_id=partner.id)
        return cls._rate(case, value, rated_on)

    @classmethod
    def _anonymous_answer(cls, moment, email, csat, post_sale=False):
        """An answer of the satisfaction (or post-sale) campaign without a contact."""
        survey, campaign = (cls.post_sale_survey, cls.post_sale) if post_sale else (cls.satisfaction_survey,
                                                                                     cls.campaign)
        with freeze_time(moment):
            user_input = survey._create_answer(email=email, check_attempts=False, cq_campaign_id=campaign.id)
            cls.env["survey.user_input.line"].create([
                {"user_input_id": user_input.id, "question_id": question.id, "answer_type": "scale",
                 "value_scale": csat}
                for question in survey.question_ids if question.cq_metric == "csat"
            ])
            user_input._mark_done()
        return user_input

    def test_latest_opinion_of_each_customer_decides(self):
        facts = self.Indicator._compute_facts(*self.Q1, self.company_co)
        # Acme (3 answers, 2 contacts) unsatisfied, Solo satisfied, Lead satisfied
        self.assertEqual(facts["sc"], (2, 3, 66.67))
        # captive customers only: Acme and Solo
        self.assertEqual(facts["i6"], (1, 2, 50.0))
        # Rex: a later rating overrides his answer; Vera: a later answer overrides her rating
        self.assertEqual(facts["isc"], (1, 2, 50.0))

    def test_answers_facts_per_customer(self):
        Answer = self.env["survey.user_input"]
        self.assertEqual(
            Answer._cq_satisfaction_facts(*self.Q1, self.company_co),
            {"satisfaction": (2, 3, 66.67), "post_sale": (2, 2, 100.0)},
            "the post-sale answers alone: Rex and Vera satisfied",
        )
        self.assertEqual(Answer._cq_captive_satisfaction(*self.Q1, self.company_co), (1, 2))
        self.assertEqual(self.env["cq.pqrs"]._cq_post_sale_rating_facts(*self.Q1, self.company_co), (0, 2))

    def test_other_company_not_counted(self):
        facts = self.Indicator._compute_facts(*self.Q1, self.company_mx)
        self.assertEqual(facts["sc"], (0, 1, 0.0), "Solo's answer to company_mx only")
        self.assertEqual(facts["i6"], (0, 1, 0.0))
        self.assertEqual(facts["isc"], (1, 1, 100.0), "Rex's rating of the case of company_mx only")
        # asked for both companies, Solo is one customer: the answer to company_mx is the latest
        both = self.company_co | self.company_mx
        self.assertEqual(self.env["survey.user_input"]._cq_satisfaction_facts(*self.Q1, both)["satisfaction"],
                         (1, 3, 33.33))
        self.assertEqual(self.env["survey.user_input"]._cq_captive_satisfaction(*self.Q1, both), (0, 2))
        self.assertEqual(self.env["cq.pqrs"]._cq_post_sale_rating_facts(*self.Q1, both), (1, 2))

    def test_out_of_period_and_unscored_not_counted(self):
        with freeze_time("2026-04-02 15:00:00"):
            # after the period: counts for the second quarter
            self._answer(self.satisfaction_survey, self.ana, csat=5, nps=10)
        with freeze_time("2026-03-25 15:00:00"):
            # started, never submitted
            self._answer(self.satisfaction_survey, self.bruno, csat=5, nps=10, campaign=self.campaign, done=False)
        # a rating of a case answered in the next quarter
        self._rated_case("2026-04-01 15:00:00", "2026-04-02 15:00:00", self.vera, 1)
        facts = self.Indicator._compute_facts(*self.Q1, self.company_co)
        self.assertEqual(facts["sc"], (2, 3, 66.67))
        self.assertEqual(facts["isc"], (1, 2, 50.0))

    def test_answers_without_contact(self):
        """Without a contact, the email is the customer (trimmed, lower-cased,
        out of its "Name <address>" form); without an email, the answer is a
        customer alone."""
        self._anonymous_answer("2026-02-01 15:00:00", "Anónimo <ANON@example.com>", 5)
        self._anonymous_answer("2026-02-15 15:00:00", " anon@example.com ", 2)
        self._anonymous_answer("2026-02-16 15:00:00", False, 5)
        self._anonymous_answer("2026-02-17 15:00:00", False, 2)
        facts = self.Indicator._compute_facts(*self.Q1, self.company_co)
        # Acme, Solo, Lead + anon@example.com (latest unsatisfied) + two answers alone (one satisfied)
        self.assertEqual(facts["sc"], (2 + 0 + 1, 3 + 1 + 2, 50.0))
        self.assertEqual(facts["i6"], (1, 2, 50.0), "an answer without a contact is nobody's captive customer")

    def test_rating_of_case_without_contact_keyed_by_email(self):
        """An anonymous post-sale answer and the later rating of a case filed
        under the same email, without a contact: one customer, the rating
        decides."""
        self._anonymous_answer("2026-02-01 15:00:00", "anon@example.com", 5, post_sale=True)
        case = self._rated_case("2026-03-02 15:00:00", "2026-03-03 15:00:00", self.rex, 1)
        case.write({"partner_id": False, "email_from": "Anónimo <Anon@Example.com>"})
        self.env.flush_all()
        self.assertFalse(case.commercial_partner_id)
        # Rex (his case of 2 March has no contact any more: his rating of 5 February decides), Vera, anon
        self.assertEqual(self.Indicator._compute_facts(*self.Q1, self.company_co)["isc"], (1, 3, 33.33))

    def test_frozen_measure_stays_and_recompute_keeps_old_values(self):
        indicator = self.Indicator.create({
            "code": "T-I6", "name": "Satisfacción cautivos", "formula": "i6", "frequency": "quarterly",
            "target": 80.0, "tolerance": 5.0, "company_id": self.company_co.id, "user_id": self.manager.id,
            "date_start": "2026-01-01",
        })
        # measured under the former rule: 3 satisfied answers of 5 from captive customers
        measure = self.env["cq.indicator.measure"].create({
            "indicator_id": indicator.id, "date_from": self.Q1[0], "date_to": self.Q1[1],
            "numerator": 3.0, "denominator": 5.0, "value": 60.0, "has_data": True, "target": 80.0,
            "tolerance": 5.0, "direction": "higher", "status": "out_of_range",
            "date_computed": "2026-04-01 06:00:00",
        })
        with freeze_time("2026-04-10 08:00:00"):
            indicator._cron_compute_measures()
        self.assertEqual(indicator.measure_ids, measure, "a frozen period is never measured again by the cron")
        self.assertEqual((measure.numerator, measure.denominator, measure.value), (3.0, 5.0, 60.0))
        with freeze_time("2026-04-11 08:00:00"):
            measure.with_user(self.manager).action_recompute()
        self.assertEqual((measure.numerator, measure.denominator, measure.value), (1.0, 2.0, 50.0))
        self.assertEqual((measure.target, measure.status), (80.0, "out_of_range"))
        note = measure.message_ids.filtered(lambda message: "Recomputed" in message.body)
        self.assertEqual(len(note), 1)
        body = note.body
        self.assertIn("3 / 5 = 60.00 %", body)
        self.assertIn("1 / 2 = 50.00 %", body)
        self.assertLess(body.index("3 / 5 = 60.00 %"), body.index("→"))
        self.assertLess(body.index("→"), body.index("1 / 2 = 50.00 %"))

    def test_query_count_same_for_3_and_60_customers(self):
        Answer = self.env["survey.user_input"]

        def facts():
            return (
                Answer._cq_satisfaction_facts(*self.Q1, self.company_co, post_sale_ratings=True),
                Answer._cq_captive_satisfaction(*self.Q1, self.company_co),
            )

        self.env.invalidate_all()
        with self.assertQueryCount(2):
            few = facts()
        self.assertEqual(few[0]["satisfaction"][1], 3)
        with freeze_time("2026-03-01 12:00:00"):
            partners = self.env["res.partner"].with_context(tracking_disable=True).create([
                {"name": f"Cliente {n}", "email": f"c{n}@example.com", "customer_state": "captive",
                 "cq_identification_date": "2025-12-01"}
                for n in range(57)
            ])
            # two answers per customer: counted once each
            self.env["survey.user_input"].with_company(self.company_co).create([
                {"survey_id": survey.id, "partner_id": partner.id, "state": "done", "cq_scored": True,
                 "cq_satisfied": bool(n % 2), "cq_date": "2026-03-31"}
                for n, partner in enumerate(partners)
                for survey in (self.satisfaction_survey, self.satisfaction_survey, self.post_sale_survey)
            ])
        for partner in partners[:5]:
            self._rated_case("2026-03-02 15:00:00", "2026-03-03 15:00:00", partner, 5)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(2):
            many = facts()
        self.assertEqual(many[0]["satisfaction"][1], 60)
        self.assertEqual(many[0]["post_sale"][1], 2 + 57)
        self.assertEqual(many[1][1], 2 + 57)
