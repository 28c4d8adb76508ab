"""Incomplete petitions and withdrawals (Ley 1755 de 2015, arts. 17 and 18):
the completion request with its month and its one extension, the tacit
withdrawal by the daily cron (once), the completion that resumes the term,
the withdrawal by the filer (portal, tracking page) or by staff, the
manager's continuation, and the letters."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import lift_public_limits
from .common_pqrs import PqrsCommon


def _letters(case, words):
    return case.message_ids.filtered(lambda m: m.subject and words in m.subject)


@tagged("post_install", "-at_install")
class TestPqrsCompletion(PqrsCommon):
    """Art. 17: completion request, deadline, extension, tacit withdrawal."""

    def _filed(self, received="2026-03-02 14:00:00"):
        # Monday 2 March 2026, 09:00 in Bogotá: filed that day
        with freeze_time(received):
            case = self._case(received)
        return case

    def _request(self, case, at, items="Copia de la factura"):
        with freeze_time(at):
            wizard = Form(self.env["cq.pqrs.completion.wizard"].with_context(default_pqrs_id=case.id))
            wizard.missing_items = items
            wizard = wizard.save()
            late = wizard.is_late
            wizard.action_request_completion()
        return late

    def test_request_within_ten_business_days(self):
        case = self._filed()
        self.assertEqual(case.date_radicated, date(2026, 3, 2))
        late = self._request(case, "2026-03-16 15:00:00")  # the 10th business day
        self.assertFalse(late)
        self.assertEqual(case.state, "waiting")
        self.assertTrue(case.suspended_since, "the term is suspended")
        self.assertTrue(case.completion_pending)
        self.assertFalse(case.completion_late_request)
        self.assertEqual(case.completion_items, "Copia de la factura")
        self.assertEqual(case.completion_deadline, date(2026, 4, 16))
        letter = _letters(case, "please complete your request")
        self.assertEqual(len(letter), 1)
        self.assertIn("Copia de la factura", letter.body)
        self.assertIn(case.type_id._cq_step("completion").legal_basis, letter.body)
        self.assertIn(case.name, letter.body)
        self.assertIn("04/16/2026", letter.body)
        self.assertIn("extension", letter.body)
        self.assertEqual(letter.partner_ids, self.customer)
        with self.assertRaisesRegex(UserError, "already waits"):
            case._cq_request_completion("Otra cosa")

    def test_filer_reply_asks_the_responsible_to_check(self):
        """An email reply or a portal message of the filer on a petition that
        waits for its completion: the responsible is asked, once, to check it;
        Completion Received marks it done. Staff notes ask nothing."""
        case = self._filed()
        self._request(case, "2026-03-03 15:00:00")
        check = self.env.ref("customer_quality.mail_activity_type_cq_completion_check")

        def checks():
            return case.activity_ids.filtered(lambda a: a.activity_type_id == check)

        case.message_post(body="Nota interna", subtype_xmlid="mail.mt_note")
        case.message_post(body="Escribo a otro cliente", message_type="comment", subtype_xmlid="mail.mt_comment",
                          author_id=self.env["res.partner"].create({"name": "Otra persona"}).id)
        self.assertFalse(checks(), "neither a staff note nor someone else's message")
        case.message_post(body="Adjunto la factura", message_type="email", subtype_xmlid="mail.mt_comment",
                          author_id=self.customer.id)
        self.assertEqual(len(checks()), 1)
        self.assertEqual(checks().user_id, self.user)
        self.assertIn("Completion Received", str(checks().note))
        case.message_post(body="¿Les llegó?", message_type="comment", subtype_xmlid="mail.mt_comment",
                          author_id=self.customer.id)
        self.assertEqual(len(checks()), 1, "once until the responsible checks")
        with freeze_time("2026-03-05 15:00:00"):
            case.action_cq_completion_received()
        self.assertFalse(checks())
        self.assertTrue(case.message_ids.filtered(lambda m: m.mail_activity_type_id == check), "done, in the chatter")
        self.assertEqual(case.state, "analysis")

    def test_filer_reply_check_removed_when_the_case_ends_otherwise(self):
        case = self._filed()
        self._request(case, "2026-03-03 15:00:00")
        case.message_post(body="No tengo la factura", message_type="email", subtype_xmlid="mail.mt_comment",
                          author_id=self.customer.id)
        self.assertTrue(case.activity_ids)
        case._cq_withdraw("Desisto", "staff")
        self.assertFalse(case.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("customer_quality.mail_activity_type_cq_completion_check")
        ))

    def test_request_after_ten_business_days_warns_but_works(self):
        case = self._filed()
        late = self._request(case, "2026-03-17 15:00:00")  # the 11th business day
        self.assertTrue(late, "the wizard warns")
        self.assertEqual(case.state, "waiting")
        self.assertTrue(case.completion_late_request)

    def test_missing_items_required_and_closed_case_refused(self):
        case = self._filed()
        with self.assertRaisesRegex(UserError, "List what the filer must provide"):
            case._cq_request_completion("   ")
        case._cq_cancel("Duplicado")
        with self.assertRaisesRegex(UserError, "is not open"):
            case._cq_request_completion("Factura")
        with self.assertRaisesRegex(UserError, "not waiting for the filer to complete"):
            case.action_cq_completion_received()

    def test_month_end_deadline_and_one_extension(self):
        case = self._filed("2026-01-20 14:00:00")
        self._request(case, "2026-01-31 15:00:00")
        # one month after 31 January: 28 February, the last day of the shorter month, a Saturday: the next
        # business day (the term engine: a term of months never ends on a day off)
        self.assertEqual(case.completion_deadline, date(2026, 3, 2))
        with freeze_time("2026-02-20 15:00:00"):
            case.action_cq_extend_completion()
        self.assertTrue(case.completion_extended)
        self.assertEqual(case.completion_deadline, date(2026, 3, 31), "two months after the request")
        with freeze_time("2026-02-21 15:00:00"), self.assertRaisesRegex(UserError, "one extension only"):
            case._cq_extend_completion()
        self.assertEqual(case.completion_deadline, date(2026, 3, 31))

    def test_extension_refused_once_the_period_is_over(self):
        case = self._filed("2026-01-20 14:00:00")
        self._request(case, "2026-01-31 15:00:00")
        # 3 March 2026, 00:30 in Bogotá: the period ended with Monday 2 March
        with freeze_time("2026-03-03 05:30:00"), self.assertRaisesRegex(UserError, "is over"):
            case._cq_extend_completion()

    def test_tacit_withdrawal_after_the_month_once(self):
        case = self._filed("2026-01-20 14:00:00")
        self._request(case, "2026-01-31 15:00:00")
        Pqrs = self.env["cq.pqrs"]
        # 2 March 23:00 in Bogotá: still the last day
        with freeze_time("2026-03-03 04:00:00"):
            Pqrs._cron_cq_tacit_withdrawal()
        self.assertEqual(case.state, "waiting")
        with freeze_time("2026-03-03 05:30:00"):
            Pqrs._cron_cq_tacit_withdrawal()
            Pqrs._cron_cq_tacit_withdrawal()
        self.assertEqual((case.state, case.ending), ("closed", "tacit_withdrawal"))
        self.assertFalse(case.completion_pending)
        self.assertIn("03/02/2026", case.ending_reason)
        self.assertIn(case.type_id._cq_step("completion").legal_basis, case.ending_reason)
        letters = _letters(case, "closed by tacit withdrawal")
        self.assertEqual(len(letters), 1, "one letter, however often the cron runs")
        self.assertIn("Copia de la factura", letters.body)
        self.assertIn(case.type_id._cq_step("completion").legal_basis, letters.body)
        self.assertIn(case.name, letters.body)
        mails = self.env["mail.mail"].sudo().search(
            [("mail_message_id", "in", letters.ids), ("recipient_ids", "in", self.customer.ids)]
        )
        self.assertEqual(len(mails), 1, "one email to the filer")
        with freeze_time("2026-03-05 12:00:00"):
            Pqrs._cron_cq_tacit_withdrawal()
        self.assertEqual(len(_letters(case, "closed by tacit withdrawal")), 1)

    def test_tacit_withdrawal_after_the_extension(self):
        case = self._filed("2026-01-20 14:00:00")
        self._request(case, "2026-01-31 15:00:00")
        with freeze_time("2026-02-10 15:00:00"):
            case._cq_extend_completion()
        Pqrs = self.env["cq.pqrs"]
        with freeze_time("2026-03-10 12:00:00"):
            Pqrs._cron_cq_tacit_withdrawal()
        self.assertEqual(case.state, "waiting", "the extension holds")
        with freeze_time("2026-04-01 05:30:00"):
            Pqrs._cron_cq_tacit_withdrawal()
            Pqrs._cron_cq_tacit_withdrawal()
        self.assertEqual(case.ending, "tacit_withdrawal")
        letters = _letters(case, "closed by tacit withdrawal")
        self.assertEqual(len(letters), 1)
        self.assertIn("after the extension", letters.body)

    def test_cron_leaves_other_cases_alone(self):
        waiting = self._filed()
        with freeze_time("2026-03-03 15:00:00"):
            waiting.action_wait_filer()  # waits without a completion request
        completed = self._filed()
        self._request(completed, "2026-03-03 15:00:00")
        with freeze_time("2026-03-10 15:00:00"):
            completed.action_cq_completion_received()
            completed.action_wait_filer()  # a later wait is not a completion request
        with freeze_time("2026-06-01 12:00:00"):
            self.env["cq.pqrs"]._cron_cq_tacit_withdrawal()
        self.assertEqual((waiting.state, completed.state), ("waiting", "waiting"))

    def test_completion_resumes_the_term(self):
        case = self._filed()
        due = case.date_due
        self._request(case, "2026-03-04 15:00:00")
        with freeze_time("2026-03-11 15:00:00"):
            case.action_cq_completion_received()
        self.assertEqual(case.state, "analysis")
        self.assertFalse(case.completion_pending)
        self.assertFalse(case.suspended_since)
        self.assertGreater(case.suspended_days, 0)
        self.assertGreater(case.date_due, due, "the suspended days are added to the term")
        with self.assertRaisesRegex(UserError, "not waiting for the filer to complete"):
            case.action_cq_completion_received()
        with freeze_time("2026-06-01 12:00:00"):
            self.env["cq.pqrs"]._cron_cq_tacit_withdrawal()
        self.assertEqual(case.state, "analysis")


@tagged("post_install", "-at_install")
class TestPqrsStaffWithdrawal(PqrsCommon):
    """Art. 18 in the backend: recorded withdrawal, continuation by a manager."""

    def _withdraw(self, case, reason="Llamó para desistir."):
        wizard = self.env["cq.pqrs.withdrawal.wizard"].create(
            {"pqrs_id": case.id, "mode": "withdraw", "reason": reason}
        )
        wizard.action_confirm()

    def test_staff_withdrawal_and_manager_continuation(self):
        with freeze_time("2026-03-02 14:00:00"):
            case = self._case("2026-03-02 14:00:00")
            self._withdraw(case.with_user(self.user))
        self.assertEqual((case.state, case.ending, case.ended_as), ("closed", "withdrawn", "withdrawn"))
        self.assertIn("Llamó para desistir.", case.ending_reason)
        letter = _letters(case, "withdrawal of your request")
        self.assertEqual(len(letter), 1)
        self.assertIn(case.type_id._cq_step("withdrawal").legal_basis, letter.body)
        self.assertIn(case.name, letter.body)
        with self.assertRaisesRegex(UserError, "already closed or cancelled"):
            case._cq_withdraw("Otra vez", "phone")
        with self.assertRaises(AccessError):
            case.with_user(self.user)._cq_continue("Interés general")
        with self.assertRaisesRegex(UserError, "reason"):
            case.with_user(self.manager)._cq_continue("  ")
        wizard = self.env["cq.pqrs.withdrawal.wizard"].with_user(self.manager).create(
            {"pqrs_id": case.id, "mode": "continue", "reason": "Afecta a otros usuarios"}
        )
        wizard.action_confirm()
        self.assertEqual(case.state, "analysis")
        self.assertFalse(case.ending)
        self.assertFalse(case.ended_as)
        self.assertFalse(case.date_closed)
        self.assertIn("Afecta a otros usuarios", case.message_ids[0].body)
        self.assertIn(case.type_id._cq_step("withdrawal").legal_basis, case.message_ids[0].body)

    def test_reason_required_and_tacit_not_continued(self):
        with freeze_time("2026-01-20 14:00:00"):
            case = self._case("2026-01-20 14:00:00")
        with freeze_time("2026-01-31 15:00:00"):
            case._cq_request_completion("Factura")
        with freeze_time("2026-03-03 05:30:00"):
            self.env["cq.pqrs"]._cron_cq_tacit_withdrawal()
        self.assertEqual(case.ending, "tacit_withdrawal")
        with self.assertRaisesRegex(UserError, "was not withdrawn by the filer"):
            case.with_user(self.manager)._cq_continue("No")
        with self.assertRaisesRegex(UserError, "already closed or cancelled"):
            self._withdraw(case)

    def test_cancelled_case_cannot_be_withdrawn(self):
        case = self._case("2026-03-02 14:00:00")
        case._cq_cancel("Duplicado")
        with self.assertRaisesRegex(UserError, "already closed or cancelled"):
            case.action_open_withdrawal_wizard()

    def test_register_prints_the_ending(self):
        with freeze_time("2026-03-02 14:00:00"):
            case = self._case("2026-03-02 14:00:00")
            self._withdraw(case)
        report = self.env["report.customer_quality.cq_pqrs_register_report"]
        lines = report._cq_lines(self.env["cq.pqrs"], [("id", "=", case.id)])
        self.assertEqual(lines[0]["ending"], "Withdrawn by the Filer")

    def test_letters_in_spanish_and_english(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["customer_quality"], ["es_ES"], overwrite=True)
        spanish = self.env["res.partner"].create(
            {"name": "Cliente Español", "email": "es@example.com", "lang": "es_ES"}
        )
        letters = {}
        for partner in (self.customer, spanish):
            with freeze_time("2026-01-20 14:00:00"):
                case = self._case("2026-01-20 14:00:00", partner_id=partner.id)
            with freeze_time("2026-01-31 15:00:00"):
                case._cq_request_completion("Factura")
            with freeze_time("2026-03-03 05:30:00"):
                self.env["cq.pqrs"]._cron_cq_tacit_withdrawal()
            with freeze_time("2026-03-02 14:00:00"):
                other = self._case("2026-03-02 14:00:00", partner_id=partner.id)
                other._cq_withdraw("", "teléfono")
            letters[partner.lang] = (case.message_ids | other.message_ids).filtered(
                lambda m: m.subtype_id == self.env.ref("mail.mt_comment")
            )
        english = " ".join(letters["en_US"].mapped("body"))
        for text in ("we need you to complete it", "closed by tacit withdrawal", "We confirm that you withdrew"):
            self.assertIn(text, english)
        spanish_text = " ".join(letters["es_ES"].mapped("body"))
        for text in ("necesitamos que la complete", "desistimiento tácito", "Confirmamos que usted desistió"):
            self.assertIn(text, spanish_text)
        self.assertIn("02/03/2026", spanish_text, "dates in the filer's format (2 March)")
        self.assertNotIn("03/02/2026", spanish_text)
        # the ending's reason, written in the filer's language, with the step's basis in it
        self.assertNotIn("The petition was not completed", spanish_text)
        self.assertNotIn("Company procedure", spanish_text)
        self.assertNotIn("Withdrawn by the filer", spanish_text)


class WithdrawalHttpCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        lift_public_limits(cls.env)
        cls.portal = mail_new_test_user(cls.env, login="cq_wd_portal", password="cq_wd_portal_pwd",
                                        name="Wilma Portal", groups="base.group_portal")
        cls.portal.partner_id.parent_id = cls.env["res.partner"].create({"name": "Wilma S.A.", "is_company": True})
        cls.claim = cls.env.ref("customer_quality.cq_pqrs_type_claim")

    def _portal_case(self, subject="Pedido incompleto"):
        return self.env["cq.pqrs"].create(
            {"subject": subject, "type_id": self.claim.id, "partner_id": self.portal.partner_id.id}
        )

    def _token(self, html):
        return html.split('name="csrf_token" value="')[1].split('"')[0]


@tagged("post_install", "-at_install")
class TestPqrsWithdrawalPortal(WithdrawalHttpCase):
    def test_portal_withdrawal(self):
        case = self._portal_case()
        self.authenticate("cq_wd_portal", "cq_wd_portal_pwd")
        page = self.url_open(f"/my/pqrs/{case.id}")
        self.assertIn("o_cq_pqrs_withdraw_form", page.text)
        token = self._token(page.text)
        url = f"/my/pqrs/{case.id}/withdraw"
        with mute_logger("odoo.http"):
            no_csrf = self.url_open(url, data={"confirm": "1"})
        self.assertEqual(no_csrf.status_code, 400)
        self.assertEqual(case.state, "new", "no CSRF token, no withdrawal")
        unconfirmed = self.url_open(url, data={"csrf_token": token, "reason": "x"})
        self.assertEqual(unconfirmed.status_code, 400)
        self.assertIn("Tick the box to confirm", unconfirmed.text)
        done = self.url_open(url, data={"csrf_token": token, "confirm": "1", "reason": "<b>Ya lo resolví</b>\x00"})
        self.assertEqual(done.status_code, 200)
        self.assertIn("Your request was withdrawn.", done.text)
        self.assertIn('data-ending="withdrawn"', done.text)
        self.assertEqual((case.state, case.ending), ("closed", "withdrawn"))
        self.assertIn("Ya lo resolví", case.ending_reason)
        self.assertNotIn("<b>", case.ending_reason)
        self.assertEqual(len(_letters(case, "withdrawal of your request")), 1)
        listing = self.url_open("/my/pqrs")
        self.assertIn("Withdrawn by the Filer", listing.text)
        again = self.url_open(url, data={"csrf_token": token, "confirm": "1"})
        self.assertEqual(again.status_code, 400)
        self.assertIn("is already closed or cancelled: it can no longer be withdrawn.", again.text)
        self.assertNotIn("o_cq_pqrs_withdraw_form", self.url_open(f"/my/pqrs/{case.id}").text)

    def test_closed_case_error_in_the_filers_language(self):
        case = self._portal_case()
        case._cq_cancel("Duplicado")
        self.env["res.lang"]._activate_lang("es_ES")
        self.portal.lang = "es_ES"
        self.authenticate("cq_wd_portal", "cq_wd_portal_pwd")
        token = self._token(self.url_open("/my/pqrs/new").text)
        response = self.url_open(f"/my/pqrs/{case.id}/withdraw", data={"csrf_token": token, "confirm": "1"})
        self.assertEqual(response.status_code, 400)
        expected = self.env(context={"lang": "es_ES"})._(
            "%(case)s is already closed or cancelled: it can no longer be withdrawn.", case=case.name
        )
        self.assertIn(expected, response.text.replace("&#39;", "'"))

    def test_other_company_cannot_withdraw(self):
        other = self.env["cq.pqrs"].create({
            "subject": "Ajeno", "type_id": self.claim.id,
            "partner_id": self.env["res.partner"].create({"name": "Otro"}).id,
        })
        self.authenticate("cq_wd_portal", "cq_wd_portal_pwd")
        token = self._token(self.url_open("/my/pqrs/new").text)
        response = self.url_open(f"/my/pqrs/{other.id}/withdraw", data={"csrf_token": token, "confirm": "1"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(other.state, "new")

    def test_portal_extension_once(self):
        case = self._portal_case()
        case._cq_request_completion("Foto del producto")
        self.authenticate("cq_wd_portal", "cq_wd_portal_pwd")
        page = self.url_open(f"/my/pqrs/{case.id}")
        self.assertIn("Foto del producto", page.text)
        self.assertIn("o_cq_pqrs_extend_form", page.text)
        token = self._token(page.text)
        deadline = case.completion_deadline
        response = self.url_open(f"/my/pqrs/{case.id}/completion/extend", data={"csrf_token": token})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(case.completion_extended)
        self.assertGreater(case.completion_deadline, deadline)
        self.assertNotIn("o_cq_pqrs_extend_form", response.text)
        again = self.url_open(f"/my/pqrs/{case.id}/completion/extend", data={"csrf_token": token})
        self.assertEqual(again.status_code, 400)
        self.assertIn("one extension only", again.text)

    def test_portal_withdrawal_tour(self):
        case = self._portal_case("Caso del tour de desistimiento")
        self.start_tour(f"/my/pqrs/{case.id}", "cq_pqrs_withdrawal_tour", login="cq_wd_portal")
        self.assertEqual((case.state, case.ending), ("closed", "withdrawn"))
        self.assertIn("Ya no lo necesito", case.ending_reason)


@tagged("post_install", "-at_install")
class TestPqrsWithdrawalTracking(WithdrawalHttpCase):
    def _public_case(self):
        return self.env["cq.pqrs"].create(
            {"subject": "Reclamo anónimo", "type_id": self.claim.id, "email_from": "visita@example.com",
             "filer_name": "Visitante", "channel": "web_form", "lang": "en_US"}
        )

    def _track(self, case):
        token = self._token(self.url_open("/pqrs/track").text)
        page = self.url_open("/pqrs/track", data={"number": case.name, "code": case.lookup_code, "csrf_token": token})
        self.assertEqual(page.status_code, 200)
        return page, token

    def test_tracking_withdrawal(self):
        case = self._public_case()
        page, token = self._track(case)
        self.assertIn("o_cq_pqrs_withdraw_form", page.text)
        self.assertIn(f'value="{case.lookup_code}"', page.text)
        data = {"number": case.name, "csrf_token": token, "confirm": "1"}
        wrong = self.url_open("/pqrs/track/withdraw", data={**data, "code": "WRONGCODE1"})
        self.assertEqual(wrong.status_code, 404)
        self.assertIn("No request matches this number and code.", wrong.text)
        empty = self.url_open("/pqrs/track/withdraw", data={**data, "code": ""})
        self.assertEqual(empty.status_code, 400)
        self.assertEqual(case.state, "new")
        done = self.url_open("/pqrs/track/withdraw", data={**data, "code": case.lookup_code, "reason": "Ya no"})
        self.assertEqual(done.status_code, 200)
        self.assertIn("Your request was withdrawn.", done.text)
        self.assertIn('data-ending="withdrawn"', done.text)
        self.assertEqual((case.state, case.ending), ("closed", "withdrawn"))
        letter = _letters(case, "withdrawal of your request")
        self.assertEqual(len(letter), 1)
        self.assertEqual(letter.partner_ids.mapped("email"), ["visita@example.com"], "sent to the filer's email")
        again = self.url_open("/pqrs/track/withdraw", data={**data, "code": case.lookup_code})
        self.assertEqual(again.status_code, 400)
        self.assertIn("is already closed or cancelled: it can no longer be withdrawn.", again.text)

    def test_tracking_extension_once(self):
        case = self._public_case()
        case._cq_request_completion("Número de serie")
        page, token = self._track(case)
        self.assertIn("Número de serie", page.text)
        data = {"number": case.name, "code": case.lookup_code, "csrf_token": token}
        done = self.url_open("/pqrs/track/extend", data=data)
        self.assertEqual(done.status_code, 200)
        self.assertIn("The period to complete your request was extended.", done.text)
        self.assertTrue(case.completion_extended)
        again = self.url_open("/pqrs/track/extend", data=data)
        self.assertEqual(again.status_code, 400)
        self.assertIn("one extension only", again.text)
        wrong = self.url_open("/pqrs/track/extend", data={**data, "code": "ZZZZZZZZZZ"})
        self.assertEqual(wrong.status_code, 404)
