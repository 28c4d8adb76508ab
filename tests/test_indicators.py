from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CustomerQualityCommon


@tagged("post_install", "-at_install")
class TestIndicators(CustomerQualityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "customer_quality.completeness_fields", "email,phone"
        )
        # keep the known data set alone in the lifecycle
        cls.env["res.partner"].with_context(active_test=False).search(
            [("customer_state", "!=", False)]
        ).write({"customer_state": False, "cq_identification_date": False})
        Partner = cls.env["res.partner"]
        with freeze_time("2026-01-31 12:00:00"):
            cls.p1 = Partner.create({
                "name": "P1", "customer_state": "prospect", "email": "p1@example.com",
                "phone": "1", "cq_identification_date": "2026-01-05",
                "cq_first_contact_date": "2026-01-08",
            })
            cls.p2 = Partner.create({
                "name": "P2", "customer_state": "prospect", "email": "p2@example.com",
                "cq_identification_date": "2026-01-10", "cq_first_contact_date": "2026-01-20",
            })
            cls.p3 = Partner.create({
                "name": "P3", "customer_state": "prospect", "cq_identification_date": "2026-01-15",
            })
            cls.p5 = Partner.create({
                "name": "P5", "customer_state": "prospect", "email": "p5@example.com",
                "phone": "5", "cq_identification_date": "2026-01-20",
            })
            cls.p4 = Partner.create({
                "name": "P4", "customer_state": "prospect", "cq_identification_date": "2026-02-03",
            })
            cls.outsider = Partner.create({"name": "Proveedor sin ciclo"})
        cls.p2._cq_convert_to_captive(cls._create_order(cls.p2), date="2026-01-25")
        cls.p5._cq_convert_to_captive(cls._create_order(cls.p5), date="2026-02-10")
        cls.env.flush_all()
        cls.env.cr.precommit.run()
        cls.Indicator = cls.env["cq.prospect.indicator"]

    def test_january(self):
        values = self.Indicator.compute_indicators("2026-01-01", "2026-01-31")
        self.assertEqual(values["i1"], 4)
        self.assertAlmostEqual(values["i2"], 6.5)  # (3 + 10) / 2 contacted
        self.assertAlmostEqual(values["i3"], 62.5)  # (100 + 50 + 0 + 100) / 4
        self.assertAlmostEqual(values["i4"], 25.0)  # P2 converted in January; P5 in February
        self.assertEqual(values["i5"], 0.0)
        self.assertIsNone(values["i6"])

    def test_january_february(self):
        values = self.Indicator.compute_indicators("2026-01-01", "2026-02-28")
        self.assertEqual(values["i1"], 5)
        self.assertAlmostEqual(values["i3"], 50.0)  # (100 + 50 + 0 + 100 + 0) / 5
        self.assertAlmostEqual(values["i4"], 40.0)

    def test_profile_updates(self):
        with freeze_time("2026-02-15 12:00:00"):
            self.p1.phone = "+57 1"
            self.p3.customer_state = "lost"  # a lifecycle change is no profile update
            self.flush_tracking()
        values = self.Indicator.compute_indicators("2026-02-01", "2026-02-28")
        self.assertEqual(values["i1"], 1)
        self.assertAlmostEqual(values["i5"], 20.0)  # 1 of the 5 identified by February's end
        self.assertEqual(self.Indicator.compute_indicators("2026-01-01", "2026-01-31")["i5"], 0.0)

    def test_empty_period(self):
        values = self.Indicator.compute_indicators("2025-01-01", "2025-12-31")
        self.assertEqual(
            values, {"i1": 0, "i2": None, "i3": None, "i4": None, "i5": None, "i6": None}
        )

    def test_company_filter(self):
        other = self.env["res.company"].create({"name": "Otra Empresa S.A.S."})
        self.p1.company_id = other
        values = self.Indicator.compute_indicators("2026-01-01", "2026-01-31", self.company)
        self.assertEqual(values["i1"], 3)
        values = self.Indicator.compute_indicators("2026-01-01", "2026-01-31", other)
        self.assertEqual(values["i1"], 4, "shared contacts count for every company")

    def test_bad_period(self):
        with self.assertRaises(UserError):
            self.Indicator.compute_indicators("2026-02-01", "2026-01-01")

    def test_wizard_and_analysis(self):
        wizard = self.env["cq.prospect.indicator.wizard"].with_user(self.user).create(
            {"date_from": "2026-01-01", "date_to": "2026-01-31", "company_ids": []}
        )
        self.assertEqual(wizard.i1_new_prospects, 4)
        self.assertAlmostEqual(wizard.i4_conversion_rate, 25.0)
        self.assertEqual(wizard.no_data, "I6")
        action = wizard.action_open_analysis()
        Report = self.env["cq.customer.lifecycle.report"].with_user(self.user)
        [(count, days, completeness, rate)] = Report._read_group(
            action["domain"],
            aggregates=["__count", "days_to_first_contact:avg",
                        "profile_completeness:avg", "conversion_rate:avg"],
        )
        self.assertEqual(count, 4)
        self.assertAlmostEqual(days, 6.5)
        self.assertAlmostEqual(completeness, 62.5)
        self.assertAlmostEqual(rate, 50.0, msg="the analysis shows today's conversions")

    def _bulk_prospects(self, count):
        self.env["res.partner"].with_context(tracking_disable=True).create([
            {"name": f"Bulk {i}", "customer_state": "prospect",
             "cq_identification_date": "2026-03-%02d" % (i % 28 + 1),
             "cq_first_contact_date": "2026-03-28", "email": f"b{i}@example.com"}
            for i in range(count)
        ])
        self.env.flush_all()

    def test_query_count_constant(self):
        self._bulk_prospects(10)
        self.Indicator.compute_indicators("2026-03-01", "2026-03-31")  # warm caches
        with self.assertQueryCount(6):
            small = self.Indicator.compute_indicators("2026-03-01", "2026-03-31")
        self._bulk_prospects(990)
        with self.assertQueryCount(6):
            large = self.Indicator.compute_indicators("2026-03-01", "2026-03-31")
        self.assertEqual(small["i1"], 10)
        self.assertEqual(large["i1"], 1000)
