from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common_pqrs import PqrsCommon


@tagged("post_install", "-at_install")
class TestPqrsRecurrence(PqrsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("customer_quality.recurrence_threshold", 3)
        params.set_param("customer_quality.recurrence_days", 30)
        # only the known cases of this class count
        cls.env["cq.pqrs"].search([]).write({"product_id": False})
        cls.env.cr.execute("UPDATE cq_pqrs SET date_radicated = '2000-01-01' WHERE date_radicated > '2026-01-01'")
        cls.env["cq.pqrs"].invalidate_model(["date_radicated"])
        cls.valve = cls.env["product.product"].create({"name": "Válvula reguladora"})
        cls.cylinder = cls.env["product.product"].create({"name": "Cilindro 40 L"})
        cls.Recurrence = cls.env["cq.pqrs.recurrence"]
        cls.other_customer = cls.env["res.partner"].create({"name": "Otro Cliente", "email": "otro@example.com"})

    def _complaint(self, received, product, **values):
        return self._case(received, pqrs_type=self.complaint, product_id=product.id, **values)

    def test_detection_is_idempotent_and_follows_new_cases(self):
        first = self._complaint("2026-03-02 10:00:00", self.valve)
        self._complaint("2026-03-09 10:00:00", self.valve)
        self._complaint("2026-03-10 10:00:00", self.cylinder, partner_id=self.other_customer.id)
        self._case("2026-03-11 10:00:00", product_id=self.valve.id)  # a petition does not count
        with freeze_time("2026-03-20 12:00:00"):
            self.assertFalse(self.Recurrence._cron_detect(), "2 complaints: under the threshold")
        third = self._complaint("2026-03-16 10:00:00", self.valve)
        with freeze_time("2026-03-20 12:00:00"):
            alerts = self.Recurrence._cron_detect()
            self.assertFalse(self.Recurrence._cron_detect(), "running twice raises nothing new")
        valve_alerts = alerts.filtered(lambda a: a.dimension == "product")
        self.assertEqual(len(valve_alerts), 1)
        self.assertEqual((valve_alerts.product_id, valve_alerts.case_count), (self.valve, 3))
        self.assertIn(first, valve_alerts.pqrs_ids)
        self.assertIn(third, valve_alerts.pqrs_ids)
        customer_alert = alerts.filtered(lambda a: a.dimension == "customer")
        self.assertEqual(customer_alert.case_count, 3, "the same customer filed the three valve complaints")
        self.assertEqual(customer_alert.partner_id, self.customer)
        self.assertEqual(self.Recurrence.search_count([("product_id", "=", self.valve.id)]), 1)
        # a fourth complaint updates the open alert instead of raising another
        self._complaint("2026-03-18 10:00:00", self.valve)
        with freeze_time("2026-03-20 12:00:00"):
            self.Recurrence._cron_detect()
        self.assertEqual(valve_alerts.case_count, 4)
        self.assertEqual(self.Recurrence.search_count([("product_id", "=", self.valve.id)]), 1)
        # outside the window nothing recurs any more
        with freeze_time("2026-05-30 12:00:00"):
            self.assertEqual(len(self.Recurrence._detect()), 0)

    def test_preventive_plan_in_one_click(self):
        for day in (2, 3, 4):
            self._complaint(f"2026-03-0{day} 10:00:00", self.valve)
        with freeze_time("2026-03-10 12:00:00"):
            alert = self.Recurrence._cron_detect().filtered(lambda a: a.dimension == "product")
        action = alert.with_user(self.user).action_open_action_plan()
        plan = self.env["cq.action.plan"].browse(action["res_id"])
        self.assertEqual((plan.plan_type, plan.origin, plan.recurrence_id), ("preventive", "recurrence", alert))
        self.assertEqual(alert.state, "planned")
        self.assertEqual(alert.with_user(self.user).action_open_action_plan()["res_id"], plan.id)
        # the same cases never raise a second alert once planned
        with freeze_time("2026-03-10 12:00:00"):
            self.assertFalse(self.Recurrence._cron_detect().filtered(lambda a: a.dimension == "product"))
        with self.assertRaises(UserError):
            alert.unlink()

    def test_threshold_must_exceed_one(self):
        settings = self.env["res.config.settings"].create({})
        with self.assertRaises(ValidationError):
            settings.cq_recurrence_threshold = 1
            settings.flush_recordset()
            settings._check_cq_recurrence()

    def test_query_count_does_not_grow(self):
        for day in (2, 3, 4):
            self._complaint(f"2026-03-0{day} 10:00:00", self.valve)
        with freeze_time("2026-03-10 12:00:00"):
            self.Recurrence._detect()  # warm the caches
            self.env.invalidate_all()
            with self.assertQueryCount(3):
                self.Recurrence._detect()
        self.env["cq.pqrs"].with_context(tracking_disable=True).create([
            {"subject": f"Fuga {n}", "type_id": self.complaint.id, "partner_id": self.customer.id,
             "company_id": self.company_co.id, "product_id": self.cylinder.id, "user_id": self.user.id,
             "date_received": "2026-03-05 10:00:00"}
            for n in range(200)
        ])
        self.env.flush_all()
        with freeze_time("2026-03-10 12:00:00"):
            self.Recurrence._detect()
            self.env.invalidate_all()
            with self.assertQueryCount(3):
                groups = self.Recurrence._detect()
        self.assertEqual(len(groups[("product", self.cylinder, self.company_co)]), 200)
