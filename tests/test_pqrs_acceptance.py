from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_pqrs import PqrsCommon


@tagged("post_install", "-at_install")
class TestPqrsAcceptance(PqrsCommon):
    """ISO 10002 §7.8: the filer accepts the decision or not; not accepted,
    the case is reviewed once, then closes with the external recourse."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint.recourse = "Superintendencia de Industria y Comercio, www.sic.gov.co"

    def _answered(self):
        with freeze_time("2026-05-04 14:00:00"):
            case = self._case("2026-05-04 14:00:00", pqrs_type=self.complaint)
        case.answer = "<p>Le reembolsamos el envío.</p>"
        with freeze_time("2026-05-06 15:00:00"):
            case.action_send_answer()
        return case

    def test_accepted(self):
        case = self._answered()
        self.assertTrue(case._cq_can_answer_decision())
        self.assertEqual(case._cq_record_decision(True), "accepted")
        self.assertEqual((case.state, case.decision_acceptance), ("answered", "accepted"))
        self.assertFalse(case._cq_can_answer_decision())
        with self.assertRaisesRegex(UserError, "already recorded"):
            case._cq_record_decision(False, "Cambié de opinión")

    def test_not_accepted_reviewed_once_then_closed_with_recourse(self):
        case = self._answered()
        with self.assertRaisesRegex(UserError, "why you do not accept"):
            case._cq_record_decision(False, "  ")
        self.assertEqual(case._cq_record_decision(False, "Quiero el cambio del producto"), "review")
        self.assertEqual(case.state, "analysis")
        self.assertEqual(case.decision_review_count, 1)
        self.assertTrue(case.activity_ids.filtered(lambda a: "review" in (a.summary or "")))
        with self.assertRaisesRegex(UserError, "no answer waiting"):
            case._cq_record_decision(True)
        case.answer = "<p>Revisado: mantenemos el reembolso.</p>"
        with freeze_time("2026-05-08 15:00:00"):
            case.action_send_answer()
        self.assertFalse(case.decision_acceptance, "the reviewed decision is asked again")
        self.assertEqual(case._cq_record_decision(False, "Sigo sin estar de acuerdo"), "closed")
        self.assertEqual((case.state, case.ending), ("closed", "answered"))
        letter = case.message_ids.filtered(lambda m: "final decision" in (m.subject or ""))
        self.assertEqual(len(letter), 1)
        self.assertIn("Superintendencia de Industria y Comercio", letter.body)
        self.assertIn("Our decision is final", letter.body)

    def test_not_answered_refused(self):
        with freeze_time("2026-05-04 14:00:00"):
            case = self._case("2026-05-04 14:00:00")
        with self.assertRaisesRegex(UserError, "no answer waiting"):
            case._cq_record_decision(True)
