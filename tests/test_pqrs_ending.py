from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_pqrs import PqrsCommon


@tagged("post_install", "-at_install")
class TestPqrsEnding(PqrsCommon):
    """How a case ends, and the endings without an answer counted apart."""

    def _answered(self, received, answered_at):
        with freeze_time(received):
            case = self._case(received, pqrs_type=self.complaint)
        case.answer = "<p>Resuelto</p>"
        with freeze_time(answered_at):
            case.action_send_answer()
        return case

    def test_ending_follows_the_steps(self):
        case = self._answered("2026-05-04 14:00:00", "2026-05-06 15:00:00")
        self.assertEqual(case.ending, "answered")
        case.root_cause_id = self.env["cq.pqrs.root.cause"].search([], limit=1)
        case.root_cause_analysis = "Transportadora"
        case.action_close()
        self.assertEqual(case.ending, "answered", "closed after its answer")
        with freeze_time("2026-05-08 15:00:00"):
            case.action_reopen()
        self.assertFalse(case.ending, "open again")
        with freeze_time("2026-05-05 14:00:00"):
            cancelled = self._case("2026-05-05 14:00:00")
        self.assertFalse(cancelled.ending)
        cancelled._cq_cancel("Duplicado")
        self.assertEqual(cancelled.ending, "cancelled")

    def test_end_without_answer(self):
        with freeze_time("2026-05-05 14:00:00"):
            case = self._case("2026-05-05 14:00:00")
            case.action_wait_filer()
            case._cq_end("withdrawn", "El peticionario desistió por teléfono.")
        self.assertEqual((case.state, case.ending, case.ended_as), ("closed", "withdrawn", "withdrawn"))
        self.assertEqual(case.ending_reason, "El peticionario desistió por teléfono.")
        self.assertFalse(case.suspended_since)
        self.assertTrue(case.date_closed)
        self.assertIn("desistió", case.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "no longer open"):
            case._cq_end("transferred", "Otra entidad")
        with self.assertRaisesRegex(UserError, "cannot be reopened"):
            case.action_reopen()
        self.assertFalse(case._cq_can_reopen())
        with freeze_time("2026-05-05 14:00:00"):
            other = self._case("2026-05-05 14:00:00")
        with self.assertRaisesRegex(UserError, "reason"):
            other._cq_end("transferred", "  ")
        with self.assertRaises(UserError):
            other._cq_end("answered", "No")

    def test_endings_without_answer_counted_apart(self):
        self._answered("2026-05-04 14:00:00", "2026-05-06 15:00:00")  # on time
        self._answered("2026-05-04 14:00:00", "2026-06-30 15:00:00")  # late
        with freeze_time("2026-05-05 14:00:00"):
            self._case("2026-05-05 14:00:00", pqrs_type=self.complaint)._cq_end("withdrawn", "Desiste")
            self._case("2026-05-05 14:00:00", pqrs_type=self.complaint)._cq_end("tacit_withdrawal", "No completó")
            self._case("2026-05-05 14:00:00", pqrs_type=self.complaint)._cq_end("transferred", "Competencia de otra entidad")
        Pqrs = self.env["cq.pqrs"]
        total = Pqrs._cq_response_stats(
            Pqrs._cq_period_domain("2026-05-01", "2026-05-31", self.company_co)
        )[None]
        self.assertEqual(
            (total["count"], total["on_time"], total["withdrawn"], total["transferred"], total["rrt"]),
            (2, 1, 2, 1, 50.0),
        )
        on_time, count, rrt = self.env["cq.indicator"]._compute_rrt("2026-05-01", "2026-05-31", self.company_co)
        self.assertEqual((on_time, count, rrt), (1, 2, 50.0), "the indicator counts them apart too")
