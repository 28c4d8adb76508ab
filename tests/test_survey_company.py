from freezegun import freeze_time

from odoo.tests import tagged

from .common_quality import QualityCommon


@tagged("post_install", "-at_install")
class TestSurveyCompany(QualityCommon):
    """Every survey answer counts for one company: its campaign's, else its
    PQRS's, else its customer's, else the company it was created in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Answer = cls.env["survey.user_input"]
        cls.baseline = Answer._cq_satisfaction_facts(*cls.Q1)
        with freeze_time("2026-02-10 12:00:00"):
            cls.iberian = cls._partner(
                "Iberica", company_id=cls.company_es.id, customer_state="captive",
                cq_identification_date="2026-01-01",
            )
            cls.shared = cls._partner("Compartido", customer_state="captive", cq_identification_date="2026-01-01")
            campaign = cls._campaign(cls.satisfaction_survey, partner_ids=[(6, 0, cls.iberian.ids)])
            case = cls._case(
                "2026-02-02 15:00:00", company=cls.company_mx,
                pqrs_type=cls.env.ref("customer_quality.cq_pqrs_type_support"),
            )
            # the campaign wins over the customer's company
            cls.answer_co = cls._answer(cls.satisfaction_survey, cls.iberian, csat=5, nps=10, campaign=campaign)
            # a post-sale invitation for a case, without a campaign: the case's company
            cls.answer_case = cls._answer(
                cls.post_sale_survey.with_company(cls.company_es), cls.iberian, csat=5, nps=9, pqrs=case
            )
            # a known customer restricted to one company, from a public link
            cls.answer_es = cls._answer(cls.satisfaction_survey.with_company(cls.company_mx), cls.iberian,
                                        csat=2, nps=3)
            # nothing but the company it was answered in
            cls.answer_mx = cls._answer(cls.satisfaction_survey.with_company(cls.company_mx), cls.shared,
                                        csat=2, nps=3)
        cls.env.flush_all()

    def test_answer_company(self):
        self.assertEqual(self.answer_co.cq_company_id, self.company_co)
        self.assertEqual(self.answer_case.cq_company_id, self.company_mx)
        self.assertEqual(self.answer_es.cq_company_id, self.company_es)
        self.assertEqual(self.answer_mx.cq_company_id, self.company_mx)
        answers = self.answer_co | self.answer_case | self.answer_es | self.answer_mx
        self.assertEqual(set(answers.mapped("cq_kind")), {"satisfaction", "post_sale"})
        self.assertTrue(all(answers.mapped("cq_scored")))

    def test_company_created_in_is_kept(self):
        """Once the customer is shared by every company, the answer falls back
        to the company it was created in, not to the current one."""
        self.iberian.with_company(self.company_co).company_id = False
        self.env.flush_all()
        self.assertEqual(self.answer_es.cq_company_id, self.company_mx)
        self.assertEqual(self.answer_co.cq_company_id, self.company_co, "the campaign still wins")
        self.assertEqual(self.answer_case.cq_company_id, self.company_mx, "the case still wins")

    def test_indicators_count_own_answers_only(self):
        facts = self.Indicator._compute_facts(*self.Q1, self.company_co)
        self.assertEqual(facts["sc"], (1, 1, 100.0))
        self.assertEqual(facts["isc"], (0, 0, None))
        self.assertEqual(facts["i6"], (1, 1, 100.0))
        facts = self.Indicator._compute_facts(*self.Q1, self.company_mx)
        self.assertEqual(facts["sc"], (0, 1, 0.0))
        self.assertEqual(facts["isc"], (1, 1, 100.0))
        self.assertEqual(facts["i6"], (0, 1, 0.0))
        facts = self.Indicator._compute_facts(*self.Q1, self.company_es)
        self.assertEqual(facts["sc"], (0, 1, 0.0))
        self.assertEqual(facts["isc"], (0, 0, None))
        self.assertEqual(facts["i6"], (0, 1, 0.0))

    def test_satisfaction_facts_by_companies(self):
        Answer = self.env["survey.user_input"]
        self.assertEqual(
            Answer._cq_satisfaction_facts(*self.Q1, self.company_co),
            {"satisfaction": (1, 1, 100.0), "post_sale": (0, 0, None)},
        )
        self.assertEqual(
            Answer._cq_satisfaction_facts(*self.Q1, self.company_mx),
            {"satisfaction": (0, 1, 0.0), "post_sale": (1, 1, 100.0)},
        )
        self.assertEqual(
            Answer._cq_satisfaction_facts(*self.Q1, self.company_co | self.company_mx),
            {"satisfaction": (1, 2, 50.0), "post_sale": (1, 1, 100.0)},
        )
        # Iberica is one captive customer for both companies: her answer for company_es, recorded after the
        # one for company_co at the same moment, is her latest and unsatisfied
        self.assertEqual(Answer._cq_captive_satisfaction(*self.Q1, self.company_co | self.company_es), (0, 1))
        # without companies: every company; Iberica (latest unsatisfied) and Compartido are two customers
        facts = Answer._cq_satisfaction_facts(*self.Q1)
        for kind, (satisfied, surveyed) in {"satisfaction": (0, 2), "post_sale": (1, 1)}.items():
            self.assertEqual(facts[kind][:2], (self.baseline[kind][0] + satisfied, self.baseline[kind][1] + surveyed))
        # the prospect indicators of the wizard follow its companies
        wizard = self.env["cq.prospect.indicator.wizard"].create(
            {"date_from": self.Q1[0], "date_to": self.Q1[1], "company_ids": [(6, 0, self.company_mx.ids)]}
        )
        self.assertEqual(wizard.i6_satisfaction, 0.0)
        self.assertNotIn("I6", wizard.no_data)
        wizard.company_ids = self.company_co
        self.assertEqual(wizard.i6_satisfaction, 100.0)
