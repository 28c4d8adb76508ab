"""Review by a supervisor at the customer's request (the Spanish pack's
customer-service claim): its step and term from the pack through the term
engine, the supervisor, the letters in the customer's language, the outcome;
asked through staff, on the portal case page and on the tracking page; a
type without the step offers nothing."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import lift_public_limits, load_spanish
from .common_pqrs import PqrsCommon


def _letters(case, words):
    return case.message_ids.filtered(lambda m: words in (m.subject or ""))


@tagged("post_install", "-at_install")
class TestSupervisorReview(PqrsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env, "es_ES")
        cls.company_es.partner_id.lang = "es_ES"
        types = cls.env["cq.pqrs.type"]._cq_load_legal_pack("ES", cls.company_es)
        cls.service_claim = types.filtered(lambda t: t.code == "SAC")
        cls.consumer_claim = types.filtered(lambda t: t.code == "RCO")
        cls.supervisor = mail_new_test_user(
            cls.env, login="cq_supervisor", name="Laura Gómez", lang="es_ES",
            groups="base.group_user,customer_quality.group_cq_user", company_id=cls.company_es.id,
            company_ids=[(6, 0, cls.company_es.ids)],
        )
        cls.es_team = cls.env["cq.pqrs.team"].create(
            {"name": "Atención al cliente ES", "company_id": cls.company_es.id, "leader_id": cls.supervisor.id}
        )
        cls.lucia = cls.env["res.partner"].create({"name": "Lucía Martín", "email": "lucia@example.com", "lang": "es_ES"})
        cls.john = cls.env["res.partner"].create({"name": "John Smith", "email": "john@example.com", "lang": "en_US"})

    def _claim(self, partner, received="2027-03-01 10:00:00", pqrs_type=None):
        return self._case(received, company=self.company_es, pqrs_type=pqrs_type or self.service_claim,
                          partner_id=partner.id, team_id=self.es_team.id)

    def _ask(self, case, at="2027-03-01 11:00:00", reason="La respuesta no resuelve el cobro duplicado."):
        with freeze_time(at):
            wizard = self.env["cq.pqrs.review.wizard"].with_user(self.user).with_company(self.company_es).create(
                {"pqrs_id": case.id, "mode": "request", "reason": reason}
            )
            wizard.action_confirm()

    def test_pack_step_and_term_from_the_engine(self):
        step = self.service_claim._cq_step("supervisor_review")
        self.assertEqual((step.amount, step.unit, step.event), (15, "business_days", "request"))
        self.assertIn("17.1", step.legal_basis)
        self.assertTrue(step.note, "the pack says what it could not confirm")
        with freeze_time("2027-03-01 10:00:00"):
            case = self._claim(self.lucia)
        self._ask(case)
        self.assertEqual(case.review_state, "requested")
        self.assertEqual(case.supervisor_id, self.supervisor, "the team leader by default")
        self.assertEqual(case.review_due, date(2027, 3, 22))
        # across Good Friday (26 March 2027, a national holiday in Spain)
        with freeze_time("2027-03-15 10:00:00"):
            other = self._claim(self.john, received="2027-03-15 10:00:00")
        self._ask(other, at="2027-03-15 11:00:00")
        self.assertEqual(other.review_due, date(2027, 4, 6))
        activity = case.activity_ids.filtered(lambda a: a.user_id == self.supervisor)
        self.assertEqual(activity.date_deadline, date(2027, 3, 22))

    def test_letters_in_the_customers_language_and_outcome(self):
        with freeze_time("2027-03-01 10:00:00"):
            spanish = self._claim(self.lucia)
            english = self._claim(self.john)
        self._ask(spanish)
        self._ask(english)
        letter = _letters(spanish, "por un supervisor")
        self.assertEqual(len(letter), 1, "the request's letter, in Spanish")
        self.assertIn("Laura Gómez", letter.body)
        self.assertIn("Hemos recibido su solicitud", letter.body)
        self.assertIn("17.1", letter.body)
        letter = _letters(english, "by a supervisor")
        self.assertEqual(len(letter), 1, "the request's letter, in English")
        self.assertIn("We have received your request", letter.body)
        # asked twice: refused
        with self.assertRaisesRegex(UserError, "already asked for"):
            spanish._cq_request_review("Otra vez", "portal")
        # only the supervisor or a manager records the outcome
        with self.assertRaises(AccessError):
            spanish.with_user(self.user).with_company(self.company_es)._cq_record_review("upheld", "Confirmamos la decisión.")
        with self.assertRaisesRegex(UserError, "answer"):
            spanish.with_user(self.supervisor)._cq_record_review("upheld", " ")
        spanish.with_user(self.supervisor)._cq_record_review("upheld", "Confirmamos la decisión tras revisar el cobro.")
        self.assertEqual((spanish.review_state, spanish.review_outcome), ("done", "upheld"))
        outcome = _letters(spanish, "resultado de la revisión")
        self.assertEqual(len(outcome), 1)
        self.assertIn("se mantiene nuestra decisión", outcome.body)
        self.assertIn("Confirmamos la decisión tras revisar el cobro.", outcome.body)
        self.assertFalse(spanish.activity_ids.filtered(lambda a: a.user_id == self.supervisor), "reminder done")

    def test_changed_decision_goes_back_to_analysis(self):
        with freeze_time("2027-03-01 10:00:00"):
            case = self._claim(self.john)
            case.write({"answer": "<p>No procede.</p>", "root_cause_id": self.env["cq.pqrs.root.cause"].search([], limit=1).id,
                        "root_cause_analysis": "Error de facturación"})
            case.with_user(self.manager).with_company(self.company_es).action_send_answer()
        self.assertEqual(case.state, "answered")
        self._ask(case, at="2027-03-03 10:00:00")
        case.with_user(self.manager).with_company(self.company_es)._cq_record_review("changed", "We refund the duplicate charge.")
        self.assertEqual(case.state, "analysis", "the new answer is to be sent")
        outcome = _letters(case, "outcome of the review")
        self.assertIn("our decision is changed", outcome.body)
        self.assertTrue(case._cq_review_on_time())

    def test_closed_case_within_its_reopening_window_only(self):
        with freeze_time("2027-03-01 10:00:00"):
            case = self._claim(self.john)
            case.write({"answer": "<p>No procede.</p>", "root_cause_id": self.env["cq.pqrs.root.cause"].search([], limit=1).id,
                        "root_cause_analysis": "Error de facturación"})
            case.with_user(self.manager).with_company(self.company_es).action_send_answer()
            case.with_user(self.manager).with_company(self.company_es).action_close()
        self.assertEqual(case.state, "closed")
        reopening = case._cq_legal_step("reopening")
        self.assertTrue(reopening, "the pack's reopening step sets the window")
        with freeze_time("2027-09-01 10:00:00"):
            self.assertFalse(case._cq_can_ask_review())
            with self.assertRaisesRegex(UserError, "past its reopening window"):
                case._cq_request_review("Demasiado tarde", "portal")
        self._ask(case, at="2027-03-03 10:00:00")
        self.assertEqual(case.review_state, "requested")
        case.with_user(self.manager).with_company(self.company_es)._cq_record_review("changed", "We refund you.")
        self.assertEqual((case.state, case.date_closed), ("analysis", False), "reopened for the new answer")

    def test_type_without_the_step_offers_nothing(self):
        self.assertFalse(self.consumer_claim._cq_step("supervisor_review"))
        with freeze_time("2027-03-01 10:00:00"):
            case = self._claim(self.lucia, pqrs_type=self.consumer_claim)
        self.assertFalse(case._cq_can_ask_review())
        self.assertNotIn(",supervisor_review,", case.legal_step_kinds or "")
        with self.assertRaisesRegex(UserError, "no step"):
            case._cq_request_review("Quiero un supervisor", "portal")
        with freeze_time("2027-03-01 10:00:00"):
            closed = self._claim(self.lucia)
        closed.with_context(cq_stage_action=True).stage_id = closed._stage_for("cancelled")
        with self.assertRaisesRegex(UserError, "past its reopening window"):
            closed._cq_request_review("Tarde", "portal")
        with freeze_time("2027-03-01 10:00:00"):
            open_case = self._claim(self.lucia)
        with self.assertRaisesRegex(UserError, "why"):
            open_case._cq_request_review("   ", "portal")


@tagged("post_install", "-at_install")
class TestSupervisorReviewPages(HttpCase):
    """The portal customer (English) and a citizen on the tracking page (Spanish)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        lift_public_limits(cls.env)
        load_spanish(cls.env)
        cls.claim = cls.env.ref("customer_quality.cq_pqrs_type_claim")
        cls.env["cq.pqrs.step"].create({
            "type_id": cls.claim.id, "kind": "supervisor_review", "amount": 10, "unit": "business_days",
            "legal_basis": "Company procedure, review by a supervisor",
        })
        cls.portal = mail_new_test_user(cls.env, login="cq_rv_portal", password="cq_rv_portal_pwd",
                                        name="Rita Portal", groups="base.group_portal", lang="en_US")

    def _token(self, html):
        return html.split('name="csrf_token" value="')[1].split('"')[0]

    def test_portal_request(self):
        case = self.env["cq.pqrs"].create(
            {"subject": "Cobro duplicado", "type_id": self.claim.id, "partner_id": self.portal.partner_id.id}
        )
        self.authenticate("cq_rv_portal", "cq_rv_portal_pwd")
        page = self.url_open(f"/my/pqrs/{case.id}").text
        self.assertIn("Ask for a supervisor", page)
        token = self._token(page)
        url = f"/my/pqrs/{case.id}/review"
        empty = self.url_open(url, data={"csrf_token": token, "review_reason": "  "})
        self.assertEqual(empty.status_code, 400)
        self.assertIn("Tell us why you ask for a supervisor", empty.text)
        too_long = self.url_open(url, data={"csrf_token": token, "review_reason": "x" * 2001})
        self.assertEqual(too_long.status_code, 400)
        self.assertIn("At most 2000 characters.", too_long.text)
        case.invalidate_recordset()
        self.assertFalse(case.review_state, "nothing recorded")
        done = self.url_open(url, data={"csrf_token": token, "review_reason": "The answer ignores my invoice."})
        self.assertEqual(done.status_code, 200)
        self.assertIn("a supervisor will review your claim and answer you by", done.text)
        case.invalidate_recordset()
        self.assertEqual(case.review_state, "requested")
        self.assertIn("a supervisor", self.url_open(f"/my/pqrs/{case.id}").text)
        again = self.url_open(url, data={"csrf_token": token, "review_reason": "Again"})
        self.assertEqual(again.status_code, 400)
        # someone other than the filer: another portal customer, or a visitor
        other = self.env["cq.pqrs"].create(
            {"subject": "Ajeno", "type_id": self.claim.id, "partner_id": self.env.ref("base.res_partner_2").id}
        )
        stranger = self.url_open(f"/my/pqrs/{other.id}/review", data={"csrf_token": token, "review_reason": "Mine?"})
        self.assertEqual(stranger.status_code, 404)
        self.authenticate(None, None)
        token = self._token(self.url_open("/pqrs/track").text)
        visitor = self.url_open(f"/my/pqrs/{other.id}/review", data={"csrf_token": token, "review_reason": "x"},
                                allow_redirects=False)
        self.assertIn(visitor.status_code, (303, 404), "refused: sent to log in, or not found")
        other.invalidate_recordset()
        self.assertFalse(other.review_state)

    def test_tracking_request_in_spanish(self):
        case = self.env["cq.pqrs"].create(
            {"subject": "Reclamo de ciudadano", "type_id": self.claim.id, "email_from": "ciudadano@example.com",
             "filer_name": "Carlos Ciudadano", "channel": "web_form", "lang": "es_CO"}
        )
        token = self._token(self.url_open("/es/pqrs/track").text)
        page = self.url_open("/es/pqrs/track", data={"number": case.name, "code": case.lookup_code, "csrf_token": token})
        self.assertIn("Solicitar la revisión de un supervisor", page.text)
        data = {"number": case.name, "code": case.lookup_code, "csrf_token": token}
        wrong = self.url_open("/es/pqrs/track/review", data={**data, "code": "WRONGCODE1", "review_reason": "x"})
        self.assertEqual(wrong.status_code, 404)
        done = self.url_open("/es/pqrs/track/review", data={**data, "review_reason": "No me respondieron lo pedido."})
        self.assertEqual(done.status_code, 200)
        self.assertIn("un supervisor revisará su reclamo", done.text)
        case.invalidate_recordset()
        self.assertEqual(case.review_state, "requested")
        letter = _letters(case, "por un supervisor")
        self.assertEqual(len(letter), 1)
        self.assertEqual(letter.partner_ids.mapped("email"), ["ciudadano@example.com"])
