"""Every legal step of a case comes from its type's procedure (cq.pqrs.step): a step the type does not
have is not offered, the step's term drives its dates through the term engine, and each message cites
the step's legal basis."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

from .common_pqrs import PqrsCommon


@tagged("post_install", "-at_install")
class TestLegalSteps(PqrsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Type = cls.env["cq.pqrs.type"]
        # a type whose procedure has only the answer term: nothing else is offered
        cls.bare = Type.create({"name": "Solicitud simple", "code": "SS", "term": 15})
        # a type with its own steps and terms, cited by a made-up rule
        cls.custom = Type.create({
            "name": "Solicitud con pasos", "code": "SP", "term": 15,
            "step_ids": [
                (0, 0, {"kind": "completion_request", "amount": 3, "unit": "business_days",
                        "legal_basis": "Regla interna A-1"}),
                (0, 0, {"kind": "completion", "amount": 10, "unit": "calendar_days", "extension_amount": 5,
                        "outcome": "suspension", "legal_basis": "Regla interna A-2"}),
                (0, 0, {"kind": "withdrawal", "legal_basis": "Regla interna A-3"}),
                (0, 0, {"kind": "transfer", "amount": 2, "unit": "business_days", "warning_amount": 1,
                        "legal_basis": "Regla interna A-4"}),
                (0, 0, {"kind": "reopening", "amount": 3, "unit": "calendar_days",
                        "legal_basis": "Regla interna A-5"}),
            ],
        })

    def _file(self, received, pqrs_type):
        with freeze_time(received):
            return self._case(received, pqrs_type=pqrs_type)

    def test_bad_steps_are_refused(self):
        Step = self.env["cq.pqrs.step"]
        base = {"type_id": self.bare.id, "legal_basis": "Regla"}
        bad = [
            {"kind": "transfer", "amount": -1, "unit": "business_days"},
            {"kind": "transfer", "amount": 0},
            {"kind": "completion", "amount": 4, "unit": "hours", "outcome": "tacit_withdrawal"},
            {"kind": "transfer", "amount": 5, "unit": "business_days", "extension_amount": 2},
            {"kind": "transfer", "amount": 5, "unit": "business_days", "warning_amount": 5},
            {"kind": "completion", "amount": 1, "unit": "months"},
            {"kind": "withdrawal", "amount": 3, "unit": "business_days"},
            {"kind": "withdrawal", "outcome": "tacit_withdrawal"},
        ]
        for values in bad:
            with self.subTest(values=values), self.assertRaises(ValidationError), self.cr.savepoint():
                Step.create(dict(base, **values))
        Step.create(dict(base, kind="withdrawal"))
        with mute_logger("odoo.sql_db"), self.assertRaises(Exception), self.cr.savepoint():
            Step.create(dict(base, kind="withdrawal"))

    def test_a_type_without_a_step_does_not_offer_it(self):
        case = self._file("2026-03-02 14:00:00", self.bare)
        self.assertFalse(case.transfer_limit)
        self.assertFalse(case.transfer_warn_date)
        self.assertFalse(case.legal_step_kinds)
        entity = self.env["res.partner"].create({"name": "Entidad competente", "email": "entidad@example.com"})
        for action in (
            case.action_open_transfer_wizard,
            lambda: case._cq_transfer(entity, "Es competente"),
            case.action_open_withdrawal_wizard,
            lambda: case._cq_request_completion("Copia de la factura"),
        ):
            with self.subTest(action=action), self.assertRaisesRegex(UserError, "Solicitud simple"):
                action()
        case.answer = "<p>Respuesta</p>"
        with freeze_time("2026-03-03 15:00:00"):
            case.action_send_answer()
            self.assertFalse(case._cq_can_reopen())
            with self.assertRaisesRegex(UserError, "does not reopen"):
                case.action_reopen()
        # no acceptance step: the filer is not asked to accept the decision
        self.assertFalse(case._cq_can_answer_decision())
        with self.assertRaisesRegex(UserError, "Solicitud simple"):
            case._cq_record_decision(False, "No estoy de acuerdo")

    def test_the_steps_terms_drive_the_dates(self):
        # Monday 2 March 2026 in Bogotá: transfer within 2 business days (warned after 1)
        case = self._file("2026-03-02 14:00:00", self.custom)
        self.assertEqual(case.legal_step_kinds, ",completion_request,completion,withdrawal,transfer,reopening,")
        self.assertEqual((case.transfer_warn_date, case.transfer_limit), (date(2026, 3, 3), date(2026, 3, 4)))
        # asked on Friday 6 March, past the 3 business days to ask: late, allowed
        with freeze_time("2026-03-06 15:00:00"):
            self.assertTrue(case._cq_completion_request_late())
            case._cq_request_completion("Copia de la factura")
        # 10 calendar days: Monday 16 March; the step only suspends: never closed by the cron
        self.assertEqual(case.completion_deadline, date(2026, 3, 16))
        self.assertFalse(case.completion_expires_at)
        self.assertIn("Regla interna A-2", case.message_ids[1].body + case.message_ids[0].body)
        with freeze_time("2026-03-10 15:00:00"):
            self.assertTrue(case._cq_completion_extendable())
            case._cq_extend_completion()
        # 10 + 5 calendar days from the request (6 March): Saturday 21 March -> Tuesday 24 (Monday 23 is
        # San José, moved from the 19th)
        self.assertEqual(case.completion_deadline, date(2026, 3, 24))
        with freeze_time("2026-03-12 15:00:00"):
            self.assertFalse(case._cq_completion_extendable(), "once")
            case.action_cq_completion_received()
        case.answer = "<p>Respuesta</p>"
        with freeze_time("2026-03-12 16:00:00"):
            case.action_send_answer()
        # reopening: 3 calendar days from the answer (12 March): Sunday 15 -> Monday 16
        with freeze_time("2026-03-16 20:00:00"):
            self.assertTrue(case._cq_can_reopen())
        with freeze_time("2026-03-17 15:00:00"):
            self.assertFalse(case._cq_can_reopen())
            with self.assertRaisesRegex(UserError, "Regla interna A-5"):
                case.action_reopen()

    def test_a_case_waiting_past_its_first_due_date_is_pending_not_late(self):
        case = self._file("2026-03-02 14:00:00", self.custom)
        with freeze_time("2026-03-04 15:00:00"):
            case._cq_request_completion("Copia de la factura")
        domain = [("id", "=", case.id)]
        # a month later, past the due date it had when the wait began: its term is suspended
        stats = self.env["cq.pqrs"]._cq_response_stats(domain, now=case.date_deadline.replace(month=4))
        self.assertEqual((stats[None]["pending"], stats[None]["late"]), (1, 0))

    def test_the_colombian_pack_brings_its_law(self):
        self.env["res.lang"]._activate_lang("es_CO")
        created = self.env["cq.pqrs.type"]._cq_load_legal_pack("CO", self.company_co)
        petition = created.filtered(lambda t: t.code == "PET")
        self.assertEqual(
            sorted(petition.step_ids.mapped("kind")),
            sorted(["completion_request", "completion", "withdrawal", "transfer", "reiteration", "reopening",
                    "acceptance", "extension"]),
        )
        completion = petition._cq_step("completion")
        self.assertEqual((completion.amount, completion.unit, completion.extension_amount, completion.outcome),
                         (1, "months", 1, "tacit_withdrawal"))
        self.assertEqual(completion.with_context(lang="es_CO").legal_basis, "Ley 1755 de 2015, art. 17")
        self.assertEqual(completion.with_context(lang="en_US").legal_basis, "Ley 1755 de 2015, article 17")
        claim = created.filtered(lambda t: t.code == "HDR")
        self.assertEqual((claim._cq_step("transfer").amount, claim._cq_step("completion").amount), (2, 2))
        self.assertFalse(claim._cq_step("completion").extension_amount, "Ley 1581: no extension")
        # a Colombian petition behaves as before: transfer within 5 business days, warned on day 3
        case = self._file("2026-03-02 14:00:00", petition)
        self.assertEqual((case.transfer_warn_date, case.transfer_limit), (date(2026, 3, 5), date(2026, 3, 9)))
        with freeze_time("2026-03-04 15:00:00"):
            case.with_context(lang="es_CO")._cq_request_completion("Copia de la factura")
        self.assertEqual(case.completion_deadline, date(2026, 4, 6), "4 April is a Saturday: Monday 6")
        self.assertTrue(case.completion_expires_at)
        self.assertIn("Ley 1755 de 2015, art. 17", case.message_ids[1].body + case.message_ids[0].body)
        # the shared types cite the company's procedure, not a country's law
        for shared in (self.petition, self.complaint, self.information):
            self.assertIn("ISO 10002", shared.legal_basis)
            self.assertTrue(all("ISO 10002" in step.legal_basis for step in shared.step_ids))

    def _all_text(self, case):
        """Everything the case says, in the chatter and its letters."""
        return " ".join(case.message_ids.mapped(lambda m: (m.subject or "") + " " + (m.body or "")))

    def test_spanish_and_mexican_cases_cite_their_own_law(self):
        gdpr = self.env["cq.pqrs.type"]._cq_load_legal_pack("ES", self.company_es).filtered(
            lambda t: t.code == "RGPD")
        arco = self.env["cq.pqrs.type"]._cq_load_legal_pack("MX", self.company_mx).filtered(
            lambda t: t.code == "ARCO")
        self.assertFalse(gdpr._cq_step("transfer") or arco._cq_step("transfer"), "no transfer in their law")
        with freeze_time("2026-03-02 10:00:00"):
            spanish = self._case("2026-03-02 10:00:00", company=self.company_es, pqrs_type=gdpr)
            mexican = self._case("2026-03-02 16:00:00", company=self.company_mx, pqrs_type=arco)
        self.assertFalse(spanish.transfer_limit)
        with self.assertRaisesRegex(UserError, "no step"):
            spanish.action_open_transfer_wizard()
        # identity verification: the term is suspended, with no deadline and no tacit withdrawal
        with freeze_time("2026-03-03 10:00:00"):
            spanish._cq_request_completion("Copia del documento de identidad")
        self.assertEqual(spanish.state, "waiting")
        self.assertFalse(spanish.completion_deadline)
        self.assertFalse(spanish.completion_expires_at)
        self.assertFalse(spanish._cq_completion_extendable())
        self.assertIn("article 12.6", self._all_text(spanish))
        with freeze_time("2026-03-05 10:00:00"):
            spanish.action_cq_completion_received()
            spanish._cq_extend(1, "Solicitud compleja")
        with freeze_time("2026-03-04 16:00:00"):
            mexican._cq_extend(10, "Solicitud compleja")
        self.assertIn("article 12.3", self._all_text(spanish))
        self.assertIn("article 31", self._all_text(mexican))
        with freeze_time("2026-03-06 16:00:00"):
            mexican._cq_withdraw("Ya no lo necesito", "phone")
        for case in (spanish, mexican):
            text = self._all_text(case)
            for colombian in ("1755", "1581", "Colombia", "SIC"):
                self.assertNotIn(colombian, text, f"{case.name} cites Colombian law")

    def test_spanish_customer_service_claim_completion(self):
        """Ley 10/2025 art. 13.3: at least 10 business days to complete the claim, the term suspended, never
        closed by the lapse of time."""
        claim = self.env["cq.pqrs.type"]._cq_load_legal_pack("ES", self.company_es).filtered(
            lambda t: t.code == "SAC")
        with freeze_time("2026-03-02 10:00:00"):
            case = self._case("2026-03-02 10:00:00", company=self.company_es, pqrs_type=claim)
        with freeze_time("2026-03-03 10:00:00"):
            case._cq_request_completion("Número de contrato")
        # Tuesday 3 March in Madrid + 10 business days (no national holiday): Tuesday 17 March
        self.assertEqual(case.completion_deadline, date(2026, 3, 17))
        self.assertFalse(case.completion_expires_at, "the tacit withdrawal never closes it")
        with freeze_time("2026-04-30 10:00:00"):
            self.env["cq.pqrs"]._cron_cq_tacit_withdrawal()
        self.assertEqual(case.state, "waiting")

    def test_leap_year_and_month_ends(self):
        """Ley 1581 art. 15: two months from a request on 31 December 2027 end on 29 February 2028."""
        claim = self.env["cq.pqrs.type"]._cq_load_legal_pack("CO", self.company_co).filtered(
            lambda t: t.code == "HDR")
        case = self._file("2027-12-20 14:00:00", claim)
        # transfer within 2 business days of Monday 20 December 2027, warned after 1
        self.assertEqual((case.transfer_warn_date, case.transfer_limit), (date(2027, 12, 21), date(2027, 12, 22)))
        with freeze_time("2027-12-31 15:00:00"):
            case._cq_request_completion("Copia de la cédula")
        self.assertEqual(case.completion_deadline, date(2028, 2, 29))
        self.assertFalse(case._cq_completion_extendable(), "Ley 1581: the period has no extension")
        with self.assertRaisesRegex(UserError, "type of a filed case cannot change"):
            case.type_id = self.petition


@tagged("post_install", "-at_install")
class TestLegalStepsPages(HttpCase):
    """What a Spanish data subject reads on the tracking page cites Spanish and EU law only."""

    def test_spanish_case_pages_cite_no_colombian_law(self):
        for key in ("rate_ip", "rate_email", "rate_track_ip"):
            self.env["ir.config_parameter"].sudo().set_param(f"customer_quality.pqrs_public_{key}", 100000)
        company = self.env["res.company"].create({"name": "Datos Ibéricos S.L.", "country_id": self.env.ref("base.es").id})
        company.resource_calendar_id.tz = "Europe/Madrid"
        gdpr = self.env["cq.pqrs.type"]._cq_load_legal_pack("ES", company).filtered(lambda t: t.code == "RGPD")
        case = self.env["cq.pqrs"].with_company(company).create({
            "subject": "Acceso a mis datos", "type_id": gdpr.id, "company_id": company.id, "channel": "web_form",
            "filer_name": "Lucía Pérez", "email_from": "lucia.perez@example.com", "lang": "en_US",
        })
        page = self.url_open("/pqrs/track").text
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        result = self.url_open("/pqrs/track", data={"number": case.name, "code": case.lookup_code, "csrf_token": token})
        self.assertEqual(result.status_code, 200)
        self.assertIn(case.name, result.text)
        self.assertIn("article 12.3", result.text, "the type's own legal basis")
        self.assertIn("You may withdraw your request", result.text)
        for colombian in ("1755", "1581", "Superintendencia de Industria"):
            self.assertNotIn(colombian, result.text)
        # the data subject's portal page too
        portal = mail_new_test_user(self.env, login="cq_es_portal", password="cq_es_portal_pwd",
                                    name="Lucía Pérez", groups="base.group_portal",
                                    company_id=company.id, company_ids=[(6, 0, company.ids)])
        case.partner_id = portal.partner_id
        self.authenticate("cq_es_portal", "cq_es_portal_pwd")
        page = self.url_open(f"/my/pqrs/{case.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(case.name, page.text)
        self.assertIn("article 12.3", page.text, "the type's legal basis")
        self.assertIn("Agencia Española de Protección de Datos", page.text, "its external recourse")
        for colombian in ("1755", "1581", "Superintendencia de Industria"):
            self.assertNotIn(colombian, page.text)
