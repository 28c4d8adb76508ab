from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_quality import QualityCommon


@tagged("post_install", "-at_install")
class TestQualityIndicators(QualityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_q1()

    def _indicator(self, formula, **values):
        return self.Indicator.create(
            {
                "code": f"T-{formula}",
                "name": f"Test {formula}",
                "formula": formula,
                "frequency": "quarterly",
                "target": 95.0 if formula != "i1" else 2,
                "tolerance": 5.0,
                "company_id": self.company_co.id,
                "user_id": self.manager.id,
                "date_start": "2026-01-01",
                **values,
            }
        )

    def test_known_quarter(self):
        with freeze_time("2026-02-15 12:00:00"):
            self.pd.phone = "+57 4"  # I5 = 1 profile updated / 4 identified by the end of March
            self.flush_tracking()
        facts = self.Indicator._compute_facts(*self.Q1, self.company_co)
        expected = {
            "cct": (1, 2, 50.0),
            "sc": (1, 2, 50.0),
            "rrt": (3, 4, 75.0),
            "isc": (1, 1, 100.0),
            "i1": (3, 0, 3),
            "i2": (10, 2, 5.0),
            "i3": (150.0, 3, 50.0),
            "i4": (1, 3, 33.33),
            "i5": (1, 4, 25.0),
            "i6": (1, 1, 100.0),
            # no answer of the quarter is rated: no figure rather than 0 %
            "hsat": (0, 0, None),
            # no team of the quarter has a first-response target: no figure
            "frt": (0, 0, None),
        }
        self.assertEqual(facts, expected)

    def test_isc_counts_post_sale_ratings(self):
        """ISC counts customers: each customer's latest opinion of the period,
        a post-sale survey answer or a rating (4 and up is satisfied) of a
        post-sale case answered in the period, decides. Beta's latest
        post-sale answer is satisfied; the customer of the cases rated 1 on 11
        February, then 5 on 12 February: satisfied. A later rating of 1 of a
        petition or of a case answered in the next quarter does not count."""
        support = self.env.ref("customer_quality.cq_pqrs_type_support")
        cases = []
        for received, answered, pqrs_type, value, rated_on in (
            ("2026-02-03 15:00:00", "2026-02-10 15:00:00", support, 1, "2026-02-11 09:00:00"),
            ("2026-02-02 15:00:00", "2026-02-11 15:00:00", support, 5, "2026-02-12 09:00:00"),
            ("2026-02-03 15:00:00", "2026-02-11 15:00:00", self.petition, 1, "2026-02-20 09:00:00"),  # not post-sale
            # answered in the next quarter
            ("2026-03-25 15:00:00", "2026-04-02 15:00:00", support, 1, "2026-04-03 09:00:00"),
            ("2026-02-04 15:00:00", "2026-02-12 15:00:00", support, 0, None),  # not rated
        ):
            cases.append(self._case(received, pqrs_type=pqrs_type, date_answered=answered))
            if value:
                self._rate(cases[-1], value, rated_on)
        facts = self.Indicator._compute_facts(*self.Q1, self.company_co)
        self.assertEqual(facts["isc"], (1 + 1, 1 + 1, 100.0))
        self.assertEqual(facts["sc"], (1, 2, 50.0), "SC stays on the satisfaction survey")
        self.assertEqual(self.env["cq.pqrs"]._cq_post_sale_rating_facts(*self.Q1, self.company_co), (1, 1))
        # the customer rates the first case again, later: 2 of 5 decides
        self._rate(cases[0], 2, "2026-03-01 09:00:00")
        self.assertEqual(self.Indicator._compute_facts(*self.Q1, self.company_co)["isc"], (1, 2, 50.0))

    def test_empty_period(self):
        facts = self.Indicator._compute_facts(date(2025, 1, 1), date(2025, 3, 31), self.company_co)
        for formula, (numerator, denominator, value) in facts.items():
            if formula == "i1":
                self.assertEqual(value, 0, "no new prospect is a count of zero")
            else:
                self.assertIsNone(value, f"{formula} has no data, not 0 %")
                self.assertEqual((numerator, denominator), (0, 0))
        with freeze_time("2025-04-05"):
            indicator = self._indicator("rrt", date_start="2025-01-01")
            indicator._cron_compute_measures()
        measure = indicator.measure_ids
        self.assertEqual(measure.status, "no_data")
        self.assertFalse(measure.has_data)
        self.assertEqual(measure.value_display, "No data")
        self.assertFalse(measure.action_plan_ids, "no data never opens a plan")

    def test_other_company_sees_nothing(self):
        facts = self.Indicator._compute_facts(*self.Q1, self.company_mx)
        self.assertIsNone(facts["rrt"][2])
        self.assertIsNone(facts["cct"][2])
        self.assertIsNone(facts["sc"][2])

    def test_status_rules(self):
        status = self.Indicator._status_of
        self.assertEqual(status(95, 95, 5, "higher"), "in_range")
        self.assertEqual(status(90, 95, 5, "higher"), "warning")
        self.assertEqual(status(89.99, 95, 5, "higher"), "out_of_range")
        self.assertEqual(status(5, 5, 2, "lower"), "in_range")
        self.assertEqual(status(7, 5, 2, "lower"), "warning")
        self.assertEqual(status(7.5, 5, 2, "lower"), "out_of_range")
        self.assertEqual(status(None, 5, 2, "lower"), "no_data")

    def test_cron_measures_and_opens_one_plan(self):
        rrt = self._indicator("rrt")
        i2 = self._indicator("i2", target=5.0, tolerance=1.0, direction="lower", frequency="monthly")
        with freeze_time("2026-04-10 08:00:00"):
            self.Indicator._cron_compute_measures()
            self.Indicator._cron_compute_measures()
        measure = rrt.measure_ids
        self.assertEqual(len(measure), 1, "one closed quarter, measured once")
        self.assertEqual((measure.period, measure.numerator, measure.denominator, measure.value),
                         ("2026-Q1", 3.0, 4.0, 75.0))
        self.assertEqual((measure.target, measure.status), (95.0, "out_of_range"))
        plan = measure.action_plan_ids
        self.assertEqual(len(plan), 1, "exactly one plan for the out-of-range measure")
        self.assertEqual((plan.origin, plan.user_id, plan.plan_type), ("measure", self.manager, "corrective"))
        self.assertEqual(plan.date_deadline, date(2026, 5, 10))
        self.assertEqual(rrt.last_measure_id, measure)
        self.assertEqual(rrt.last_status, "out_of_range")
        # monthly I2: January 3 days (in range), February 7 days (out), March no contact (no data)
        self.assertEqual(i2.measure_ids.sorted("date_from").mapped("period"), ["2026-01", "2026-02", "2026-03"])
        self.assertEqual(i2.measure_ids.sorted("date_from").mapped("status"),
                         ["in_range", "out_of_range", "no_data"])
        self.assertEqual(len(i2.measure_ids.action_plan_ids), 1)
        # the target changes: the measure keeps the target in force then
        rrt.target = 70.0
        measure.invalidate_recordset()
        self.assertEqual(measure.target, 95.0)
        # explicit recomputation keeps the old values in the chatter and never a second plan
        with self.assertRaises(AccessError):
            measure.with_user(self.user).action_recompute()
        with freeze_time("2026-04-11 08:00:00"):
            measure.with_user(self.manager).action_recompute()
        self.assertIn("75.00 %", measure.message_ids[0].body)
        self.assertEqual(len(measure.action_plan_ids), 1)
        with self.assertRaises(UserError):
            measure.unlink()

    def test_target_validation(self):
        with self.assertRaises(ValidationError):
            self._indicator("sc", target=120.0)
        with self.assertRaises(ValidationError):
            self._indicator("sc", target=-1.0)
        with self.assertRaises(ValidationError):
            self._indicator("sc", tolerance=-1.0)
        # a count may go above 100
        self.assertEqual(self._indicator("i1", target=250).target, 250)

    def test_seeded_indicators(self):
        seeded = self.Indicator.search([("company_id", "=", self.env.ref("base.main_company").id)])
        self.assertEqual(
            sorted(seeded.mapped("formula")),
            sorted(["cct", "sc", "rrt", "isc", "hsat", "frt", "i1", "i2", "i3", "i4", "i5", "i6"]),
        )
        self.assertEqual(self.env.ref("customer_quality.cq_indicator_rrt").target, 95.0)
        self.assertEqual(self.env.ref("customer_quality.cq_indicator_isc").target, 90.0)

    def test_review_needs_analysis(self):
        indicator = self._indicator("cct")
        with freeze_time("2026-04-10 08:00:00"):
            indicator.action_compute_last_period()
        measure = indicator.measure_ids
        with self.assertRaises(UserError):
            measure.action_mark_reviewed()
        measure.analysis = "<p>Un contrato entregó tarde.</p>"
        measure.with_user(self.manager).action_mark_reviewed()
        self.assertEqual(measure.reviewed_by_id, self.manager)

    def test_query_count_does_not_grow(self):
        """Every indicator of a period: the same number of queries for the
        small known data set and with about 1,000 more underlying records.
        12 since RRT counts its pending cases (open within their term) apart:
        one more grouped query; 13 with FRT (first responses, one grouped query)."""
        Indicator = self.Indicator
        self.env.invalidate_all()
        with self.assertQueryCount(13):
            Indicator._compute_facts(*self.Q1, self.company_co)
        with freeze_time("2026-04-10 12:00:00"):
            Partner = self.env["res.partner"].with_context(tracking_disable=True)
            partners = Partner.create([
                {"name": f"Masivo {n}", "customer_state": "prospect", "email": f"m{n}@example.com",
                 "cq_identification_date": "2026-02-01", "cq_first_contact_date": "2026-02-03"}
                for n in range(1000)
            ])
            contract = self.env["cq.contract"].create(
                {"title": "Masivo", "partner_id": self.pa.id, "company_id": self.company_co.id,
                 "date_start": "2026-01-01", "date_end": "2026-12-31", "amount": 1.0}
            )
            self.env["cq.contract.obligation"].create([
                {"contract_id": contract.id, "name": f"E{n}", "date_due": "2026-03-01",
                 "date_delivered": "2026-02-01", "in_form": "yes"}
                for n in range(1000)
            ])
            # answered in company_co: answers without a campaign count for the company they were created in
            inputs = self.env["survey.user_input"].with_company(self.company_co).create([
                {"survey_id": self.satisfaction_survey.id, "partner_id": partner.id, "state": "done",
                 "cq_scored": True, "cq_satisfied": bool(n % 2), "cq_date": "2026-03-31"}
                for n, partner in enumerate(partners)
            ])
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(13):
            facts = Indicator._compute_facts(*self.Q1, self.company_co)
        self.assertEqual(facts["i1"][0], 1003)
        self.assertEqual(facts["sc"][1], 2 + len(inputs))

    def test_other_company_users_see_no_measure(self):
        indicator = self._indicator("rrt")
        with freeze_time("2026-04-10 08:00:00"):
            indicator.action_compute_last_period()
        outsider = self.env["res.users"].create({
            "name": "Externa", "login": "cq_ext_ind", "company_id": self.company_mx.id,
            "company_ids": [(6, 0, self.company_mx.ids)],
            "groups_id": [(6, 0, [self.env.ref("customer_quality.group_cq_user").id])],
        })
        self.assertFalse(self.env["cq.indicator"].with_user(outsider).search([("id", "=", indicator.id)]))
        self.assertFalse(
            self.env["cq.indicator.measure"].with_user(outsider).search([("id", "in", indicator.measure_ids.ids)])
        )
        with self.assertRaises(AccessError):
            indicator.measure_ids.with_user(outsider).read(["value"])
        with self.assertRaises(AccessError):
            indicator.with_user(self.user).write({"target": 50})  # users read, managers set targets
