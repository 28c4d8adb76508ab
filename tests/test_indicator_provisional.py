from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common_pqrs import PqrsCommon


@tagged("post_install", "-at_install")
class TestIndicatorProvisional(PqrsCommon):
    """A period is measured for good only once each of its cases is answered
    or past its due time: before, the measure is provisional and the cron
    measures it again."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Indicator = cls.env["cq.indicator"]
        cls.rrt = cls.Indicator.create({
            "code": "T-RRT", "name": "RRT de prueba", "formula": "rrt", "frequency": "monthly",
            "target": 95.0, "tolerance": 5.0, "company_id": cls.company_co.id, "user_id": cls.manager.id,
            "date_start": "2026-05-01",
        })
        # May: one complaint answered on time, one filed late in the month, still open in June
        with freeze_time("2026-05-04 14:00:00"):
            cls.on_time = cls._case("2026-05-04 14:00:00", pqrs_type=cls.complaint)
        cls.on_time.answer = "<p>ok</p>"
        with freeze_time("2026-05-06 15:00:00"):
            cls.on_time.action_send_answer()
        with freeze_time("2026-05-27 14:00:00"):
            cls.open_case = cls._case("2026-05-27 14:00:00", pqrs_type=cls.complaint)

    def _cron(self, moment):
        with freeze_time(moment):
            self.Indicator._cron_compute_measures()
        self.rrt.invalidate_recordset()
        return self.rrt.measure_ids.filtered(lambda m: m.period == "2026-05")

    def test_provisional_until_every_case_is_answered_or_due(self):
        deadline = self.open_case.date_deadline
        self.assertTrue(datetime(2026, 6, 10) < deadline < datetime(2026, 7, 14), deadline)
        self.assertTrue(self.on_time.answered_on_time)

        # 1 June: May is closed, its open complaint is within its term
        measure = self._cron("2026-06-01 08:00:00")
        self.assertEqual(len(measure), 1)
        self.assertEqual(
            (measure.provisional, measure.pending, measure.numerator, measure.denominator, measure.value,
             measure.status),
            (True, 1, 1.0, 1.0, 100.0, "in_range"),
            "the pending case is left out of the value, and the measure says it is provisional",
        )
        first_computed = measure.date_computed
        self.assertIn(measure, self.env["cq.indicator.measure"].search([("provisional", "=", True)]))

        # the same day, a second run (or a batch that continues) does not measure it again
        self.assertEqual(self._cron("2026-06-01 09:00:00"), measure)
        self.assertEqual(measure.date_computed, first_computed)

        # 10 June: still within its term, measured again, still provisional
        measure = self._cron("2026-06-10 08:00:00")
        self.assertEqual((measure.provisional, measure.pending, measure.value), (True, 1, 100.0))
        self.assertEqual(measure.date_computed, datetime(2026, 6, 10, 8, 0))
        self.assertFalse(measure.action_plan_ids)

        # 14 July: the complaint is past its term, unanswered: late. The measure is final
        measure = self._cron("2026-07-14 08:00:00")
        self.assertEqual(len(self.rrt.measure_ids.filtered(lambda m: m.period == "2026-05")), 1, "never twice")
        self.assertEqual(
            (measure.provisional, measure.pending, measure.numerator, measure.denominator, measure.value,
             measure.status, measure.target),
            (False, 0, 1.0, 2.0, 50.0, "out_of_range", 95.0),
        )
        self.assertEqual(len(measure.action_plan_ids), 1, "a final out-of-range measure opens its plan")
        self.assertTrue(any("Final:" in body for body in measure.message_ids.mapped("body")))
        self.assertNotIn(measure, self.env["cq.indicator.measure"].search([("provisional", "=", True)]))

        # final: the cron leaves it alone
        measure = self._cron("2026-07-20 08:00:00")
        self.assertEqual(measure.date_computed, datetime(2026, 7, 14, 8, 0))
        self.assertEqual(len(measure.action_plan_ids), 1)

    def test_provisional_becomes_final_when_answered(self):
        measure = self._cron("2026-06-01 08:00:00")
        self.assertTrue(measure.provisional)
        self.open_case.answer = "<p>Respuesta</p>"
        with freeze_time("2026-06-03 15:00:00"):
            self.open_case.action_send_answer()
        measure = self._cron("2026-06-04 08:00:00")
        self.assertEqual(
            (measure.provisional, measure.pending, measure.numerator, measure.denominator, measure.value,
             measure.status),
            (False, 0, 2.0, 2.0, 100.0, "in_range"),
        )
        self.assertFalse(measure.action_plan_ids)

    def test_manager_recompute_keeps_it_provisional(self):
        """A manager's recompute applies the same rule: pending cases keep the
        measure provisional, and a provisional measure opens no plan."""
        self.on_time.answered_on_time = False  # now one late answer: 0 % while the other case is pending
        measure = self._cron("2026-06-01 08:00:00")
        self.assertEqual((measure.provisional, measure.value, measure.status), (True, 0.0, "out_of_range"))
        self.assertFalse(measure.action_plan_ids, "a provisional value may still change: no plan yet")
        with freeze_time("2026-06-02 08:00:00"):
            measure.with_user(self.manager).action_recompute()
        self.assertEqual((measure.provisional, measure.pending), (True, 1))
        self.assertFalse(measure.action_plan_ids)
