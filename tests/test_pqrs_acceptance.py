import re

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_pqrs import PqrsCommon
from .test_pqrs_withdrawal import WithdrawalHttpCase


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
        # final: the filer gets the letter; a complaint closes only with its root cause, as any other closing
        self.assertEqual(case._cq_record_decision(False, "Sigo sin estar de acuerdo"), "final")
        self.assertEqual(case.state, "answered")
        self.assertTrue(case._cq_decision_final())
        self.assertTrue(case.activity_ids.filtered(lambda a: "root cause" in (a.summary or "")))
        with self.assertRaisesRegex(UserError, "root-cause"):
            case.action_close()
        case.write({
            "root_cause_id": self.env.ref("customer_quality.cq_pqrs_root_cause_delivery").id,
            "root_cause_analysis": "El transportador no confirmó la ruta.",
        })
        case.action_close()
        self.assertEqual((case.state, case.ending), ("closed", "answered"))
        letter = case.message_ids.filtered(lambda m: "final decision" in (m.subject or ""))
        self.assertEqual(len(letter), 1)
        self.assertIn("Superintendencia de Industria y Comercio", letter.body)
        self.assertIn("Our decision is final", letter.body)

    def test_final_refusal_closes_a_case_with_its_root_cause(self):
        case = self._answered()
        case.write({
            "root_cause_id": self.env.ref("customer_quality.cq_pqrs_root_cause_delivery").id,
            "root_cause_analysis": "El transportador no confirmó la ruta.",
        })
        self.assertEqual(case._cq_record_decision(False, "No"), "review")
        case.answer = "<p>Revisado.</p>"
        with freeze_time("2026-05-08 15:00:00"):
            case.action_send_answer()
        self.assertEqual(case._cq_record_decision(False, "Tampoco"), "closed")
        self.assertEqual((case.state, case.ending), ("closed", "answered"))

    def test_reviews_come_from_the_acceptance_step(self):
        step = self.complaint.step_ids.filtered(lambda s: s.kind == "acceptance")
        self.assertEqual(step.review_count, 1, "a decision is reviewed once unless the procedure says otherwise")
        with self.assertRaisesRegex(ValidationError, "Only the acceptance of the decision is reviewed"):
            self.complaint.step_ids.filtered(lambda s: s.kind == "reopening").review_count = 1
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            step.review_count = -1
        # a procedure without review: the first refusal is final
        step.review_count = 0
        case = self._answered()
        self.assertEqual(case._cq_record_decision(False, "No estoy de acuerdo"), "final")
        self.assertEqual(case.decision_review_count, 0)
        # two reviews: refused twice, the case goes back twice
        step.review_count = 2
        case = self._answered()
        for round_ in (1, 2):
            self.assertEqual(case._cq_record_decision(False, "No"), "review")
            self.assertEqual(case.decision_review_count, round_)
            case.answer = f"<p>Revisión {round_}.</p>"
            with freeze_time("2026-05-08 15:00:00"):
                case.action_send_answer()
        self.assertEqual(case._cq_record_decision(False, "Tampoco"), "final")

    def test_not_answered_refused(self):
        with freeze_time("2026-05-04 14:00:00"):
            case = self._case("2026-05-04 14:00:00")
        with self.assertRaisesRegex(UserError, "no answer waiting"):
            case._cq_record_decision(True)


@tagged("post_install", "-at_install")
class TestPqrsAcceptancePages(WithdrawalHttpCase):
    """The filer answers the decision on the portal, the tracking page and
    the rating page; bad input is a 400 page, an unknown case a 404."""

    def _answer(self, case):
        case.answer = "<p>Le enviamos el repuesto.</p>"
        case.action_send_answer()
        return case

    def test_portal_accept_and_refusals(self):
        case = self._answer(self._portal_case())
        self.authenticate("cq_wd_portal", "cq_wd_portal_pwd")
        page = self.url_open(f"/my/pqrs/{case.id}")
        self.assertIn("o_cq_pqrs_decision_form", page.text)
        token = self._token(page.text)
        url = f"/my/pqrs/{case.id}/decision"
        with mute_logger("odoo.http"):
            no_reason = self.url_open(url, data={"csrf_token": token, "decision": "reject", "decision_reason": " \x00"})
            self.assertEqual(no_reason.status_code, 400)
            self.assertIn("Tell us why you do not accept the decision.", no_reason.text)
            odd = self.url_open(url, data={"csrf_token": token, "decision": "maybe"})
            self.assertEqual(odd.status_code, 400)
            self.assertIn("Choose whether you accept the decision.", odd.text)
        self.assertFalse(case.decision_acceptance)
        done = self.url_open(url, data={"csrf_token": token, "decision": "accept"})
        self.assertEqual(done.status_code, 200)
        self.assertIn("your acceptance of the decision is recorded", done.text)
        self.assertEqual(case.decision_acceptance, "accepted")
        self.assertNotIn("o_cq_pqrs_decision_form", done.text)
        with mute_logger("odoo.http"):
            again = self.url_open(url, data={"csrf_token": token, "decision": "reject", "decision_reason": "No"})
        self.assertEqual(again.status_code, 400)
        self.assertIn("already recorded", again.text)

    def test_not_answered_case_is_a_400(self):
        case = self._portal_case()
        self.authenticate("cq_wd_portal", "cq_wd_portal_pwd")
        page = self.url_open(f"/my/pqrs/{case.id}")
        self.assertNotIn("o_cq_pqrs_decision_form", page.text)
        with mute_logger("odoo.http"):
            response = self.url_open(f"/my/pqrs/{case.id}/decision",
                                     data={"csrf_token": self._token(page.text), "decision": "accept"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("has no answer waiting for your acceptance", response.text)

    def test_tracking_page_reject_sends_to_review(self):
        case = self._answer(self.env["cq.pqrs"].create(
            {"subject": "Reclamo web", "type_id": self.claim.id, "email_from": "visita@example.com",
             "filer_name": "Visitante", "channel": "web_form"}
        ))
        token = self._token(self.url_open("/pqrs/track").text)
        page = self.url_open("/pqrs/track", data={"number": case.name, "code": case.lookup_code, "csrf_token": token})
        self.assertIn("o_cq_pqrs_decision_form", page.text)
        data = {"number": case.name, "csrf_token": token, "decision": "reject", "decision_reason": "Falta el repuesto"}
        with mute_logger("odoo.http"):
            wrong = self.url_open("/pqrs/track/decision", data={**data, "code": "WRONGCODE1"})
        self.assertEqual(wrong.status_code, 404)
        done = self.url_open("/pqrs/track/decision", data={**data, "code": case.lookup_code})
        self.assertEqual(done.status_code, 200)
        self.assertIn("we will review the decision", done.text)
        self.assertEqual((case.decision_acceptance, case.state), ("not_accepted", "analysis"))
        self.assertEqual(case.decision_reason, "Falta el repuesto")

    def test_rating_page_asks_for_the_decision(self):
        case = self._answer(self._portal_case())
        rating_token = case._rating_get_access_token()
        page = self.url_open(f"/rate/{rating_token}/submit_feedback", data={
            "rate": "5", "feedback": "Bien", "csrf_token": self._token(self.url_open(f"/rate/{rating_token}/5").text),
        })
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_cq_pqrs_decision_form", page.text)
        done = self.url_open(f"/pqrs/rating/{rating_token}/decision",
                             data={"csrf_token": self._token(page.text), "decision": "accept"})
        self.assertEqual(done.status_code, 200)
        self.assertEqual(case.decision_acceptance, "accepted")
        with mute_logger("odoo.http"):
            unknown = self.url_open("/pqrs/rating/not-a-token/decision",
                                    data={"csrf_token": self._token(page.text), "decision": "accept"})
        self.assertEqual(unknown.status_code, 404)


@tagged("post_install", "-at_install")
class TestHandlingSatisfaction(PqrsCommon):
    """ISO 10002 §8.3: satisfaction with the complaint handling (the ratings of
    the answers) is its own figure, in the register and as an indicator."""

    def _rated(self, answered_at, value=None, pqrs_type=None):
        with freeze_time("2026-05-04 14:00:00"):
            case = self._case("2026-05-04 14:00:00", pqrs_type=pqrs_type or self.complaint)
        case.answer = "<p>Respuesta</p>"
        with freeze_time(answered_at):
            case.action_send_answer()
        if value:
            case.rating_apply(value, token=case._rating_get_access_token())
        return case

    def test_register_and_indicator(self):
        self._rated("2026-05-06 15:00:00", 5)
        self._rated("2026-05-07 15:00:00", 5, pqrs_type=self.petition)
        self._rated("2026-05-08 15:00:00", 1)
        self._rated("2026-05-08 15:00:00")  # not rated: not counted
        Pqrs = self.env["cq.pqrs"]
        domain = Pqrs._cq_period_domain("2026-05-01", "2026-05-31", self.company_co)
        stats = Pqrs._cq_response_stats(domain, ["type_id"], with_ratings=True)
        total = stats[None]
        self.assertEqual((total["rated"], total["rated_satisfied"]), (3, 2))
        self.assertAlmostEqual(total["handling_satisfaction"], 200 / 3)
        self.assertEqual(stats[(self.complaint,)]["handling_satisfaction"], 50.0)
        self.assertEqual(stats[(self.petition,)]["handling_satisfaction"], 100.0)
        self.assertEqual(Pqrs._cq_response_stats(domain)[None]["rated"], 0, "ratings are read only when asked")
        facts = self.env["cq.indicator"]._compute_facts("2026-05-01", "2026-05-31", self.company_co)
        self.assertEqual(facts["hsat"], (2, 3, 66.67))
        self.assertEqual(
            self.env["cq.indicator"]._compute_handling_satisfaction("2026-06-01", "2026-06-30", self.company_co),
            (0, 0, None), "no rated answer in the period: no data, not 0 %",
        )
        _type_rows, _channel_rows, register_total = self.env["report.customer_quality.cq_pqrs_register_report"]._cq_totals(
            Pqrs, domain
        )
        self.assertEqual(register_total["rated"], 3)
        self.assertAlmostEqual(register_total["handling_satisfaction"], 200 / 3)
        self.assertEqual(self.env.ref("customer_quality.cq_indicator_hsat").formula, "hsat")
        # the printed register shows it, in its totals and per type
        wizard = self.env["cq.pqrs.register.wizard"].create(
            {"company_id": self.company_co.id, "date_from": "2026-05-01", "date_to": "2026-05-31"}
        )
        report = self.env.ref("customer_quality.cq_pqrs_register_report_action").with_context(lang="en_US")
        with freeze_time("2026-06-02 12:00:00"):
            html, _type = report._render_qweb_html(report.report_name, wizard.ids, data=wizard._cq_report_data())
        html = re.sub(r"\s+", " ", html.decode())
        self.assertRegex(html, r'o_cq_register_total_hsat">\s*66\.67 %')
        self.assertIn("Handling Satisfaction", html)
        self.assertIn("50.00 %", html, "the complaints' figure, on their type's row")
