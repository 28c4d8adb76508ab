import json
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import config, mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user
from .common import form_type


@tagged("post_install", "-at_install")
class TestPqrsPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("customer_quality.pqrs_public_rate_ip", 50)
        cls.company_a = cls.env["res.partner"].create({"name": "Empresa A", "is_company": True})
        cls.company_b = cls.env["res.partner"].create({"name": "Empresa B", "is_company": True})
        cls.portal_a = mail_new_test_user(cls.env, login="portal_a", password="portal_a_pwd",
                                          name="Ana Portal", groups="base.group_portal")
        cls.portal_a.partner_id.parent_id = cls.company_a
        cls.portal_a2 = mail_new_test_user(cls.env, login="portal_a2", password="portal_a2_pwd",
                                           name="Alberto Colega", groups="base.group_portal")
        cls.portal_a2.partner_id.parent_id = cls.company_a
        cls.portal_b = mail_new_test_user(cls.env, login="portal_b", password="portal_b_pwd",
                                          name="Beto Portal", groups="base.group_portal")
        cls.portal_b.partner_id.parent_id = cls.company_b
        cls.claim = form_type(cls.env, "customer_quality.cq_pqrs_type_claim")
        Pqrs = cls.env["cq.pqrs"]
        cls.case_a = Pqrs.create({"subject": "Caso de Ana", "type_id": cls.claim.id,
                                  "partner_id": cls.portal_a.partner_id.id})
        cls.case_b = Pqrs.create({"subject": "Caso secreto de Beto", "type_id": cls.claim.id,
                                  "partner_id": cls.portal_b.partner_id.id})
        cls.attachment_b = cls.env["ir.attachment"].create({
            "name": "contrato_beto.txt", "raw": b"confidencial", "res_model": "cq.pqrs",
            "res_id": cls.case_b.id,
        })

    def test_portal_list_shows_only_the_company_cases(self):
        self.authenticate("portal_a", "portal_a_pwd")
        response = self.url_open("/my/pqrs")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.case_a.name, response.text)
        self.assertNotIn(self.case_b.name, response.text)
        self.authenticate("portal_a2", "portal_a2_pwd")
        response = self.url_open("/my/pqrs")
        self.assertIn(self.case_a.name, response.text, "colleagues of the same company see it")
        self.assertNotIn(self.case_b.name, response.text)
        response = self.url_open("/my/pqrs?filterby=closed")
        self.assertNotIn(self.case_a.name, response.text)

    def test_portal_user_cannot_reach_another_company_case(self):
        self.authenticate("portal_a", "portal_a_pwd")
        self.assertEqual(self.url_open(f"/my/pqrs/{self.case_a.id}").status_code, 200)
        self.case_a._portal_ensure_token()
        for url in (
            f"/my/pqrs/{self.case_b.id}",
            f"/my/pqrs/{self.case_b.id}?access_token={self.case_a.access_token}",
            f"/my/pqrs/{self.case_b.id}?access_token=guessed-token",
            "/my/pqrs/999999999",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("Caso secreto de Beto", response.text)
        response = self.url_open(f"/web/content/{self.attachment_b.id}?download=true")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn("confidencial", response.text)
        Pqrs = self.env["cq.pqrs"].with_user(self.portal_a)
        self.assertEqual(Pqrs.search([]), self.case_a)
        with self.assertRaises(AccessError):
            self.case_b.with_user(self.portal_a).read(["subject"])

    @mute_logger("odoo.http")
    def test_portal_user_cannot_write_staff_fields(self):
        closed = self.env.ref("customer_quality.cq_pqrs_stage_analysis")
        with self.assertRaises(AccessError):
            self.case_a.with_user(self.portal_a).write({"stage_id": closed.id})
        with self.assertRaises(AccessError):
            self.case_a.with_user(self.portal_a).write({"date_due": "2030-01-01"})
        self.authenticate("portal_a", "portal_a_pwd")
        response = self.url_open(
            "/web/dataset/call_kw/cq.pqrs/write",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": {
                "model": "cq.pqrs", "method": "write",
                "args": [[self.case_a.id], {"stage_id": closed.id, "user_id": self.portal_a.id}],
                "kwargs": {}}}),
            headers={"Content-Type": "application/json"},
        )
        self.assertIn("error", response.json())
        self.case_a.invalidate_recordset()
        self.assertNotEqual(self.case_a.stage_id, closed)

    def test_portal_list_shows_emergencies_first(self):
        emergency = self.env["cq.pqrs"].create({
            "subject": "Fuga en el tanque", "type_id": self.env.ref("customer_quality.cq_pqrs_type_emergency").id,
            "partner_id": self.portal_a.partner_id.id, "date_received": "2026-01-05 10:00:00",
        })
        self.authenticate("portal_a", "portal_a_pwd")
        for sortby in ("date", "due"):
            page = self.url_open(f"/my/pqrs?sortby={sortby}").text
            self.assertLess(page.index(emergency.name), page.index(self.case_a.name), sortby)

    def test_portal_list_query_count(self):
        self.authenticate("portal_a", "portal_a_pwd")
        Pqrs = self.env["cq.pqrs"]
        Pqrs.create([{"subject": f"Caso {i}", "type_id": self.claim.id,
                      "partner_id": self.portal_a.partner_id.id} for i in range(4)])
        self.url_open("/my/pqrs")  # warm up
        with self.assertQueryCount(self._portal_list_queries):
            self.assertEqual(self.url_open("/my/pqrs").status_code, 200)
        Pqrs.create([{"subject": f"Caso masivo {i}", "type_id": self.claim.id,
                      "partner_id": self.portal_a.partner_id.id} for i in range(495)])
        self.env.flush_all()
        self.url_open("/my/pqrs")
        with self.assertQueryCount(self._portal_list_queries):
            self.assertEqual(self.url_open("/my/pqrs").status_code, 200)

    _portal_list_queries = 22

    def _post_public(self, ip="10.0.0.1", files=None, **values):
        data = {
            "type_id": form_type(self.env, "customer_quality.cq_pqrs_type_complaint").id,
            "name": "Visitante", "email": "visitante@example.com", "subject": "Queja pública",
            "description": "Descripción", "consent": "on",
            "csrf_token": self._csrf_token(), **values,
        }
        with patch.dict(config.options, {"proxy_mode": True}):
            return self.url_open(
                "/pqrs/new", data=data, files=files,
                headers={"X-Forwarded-For": ip, "X-Forwarded-Host": f"127.0.0.1:{config['http_port']}"},
            )

    def _csrf_token(self):
        response = self.url_open("/pqrs/new")
        marker = 'name="csrf_token" value="'
        start = response.text.index(marker) + len(marker)
        return response.text[start:response.text.index('"', start)]

    def test_public_emergency_reaches_the_on_duty_team(self):
        on_duty = self.env.ref("customer_quality.cq_pqrs_team_emergency")
        on_duty.on_duty_phone = "+57 300 999 9999"
        emergency = self.env.ref("customer_quality.cq_pqrs_type_emergency")
        response = self._post_public(type_id=emergency.id, subject="Olor a gas en la acera")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_cq_pqrs_emergency", response.text)
        self.assertIn('href="tel:+57 300 999 9999"', response.text)
        case = self.env["cq.pqrs"].search([("subject", "=", "Olor a gas en la acera")])
        self.assertEqual((case.team_id, case.user_id), (on_duty, on_duty.leader_id))
        self.assertEqual(case.emergency_phone, "+57 300 999 9999")
        notice = self.env["mail.message"].search(
            [("model", "=", "cq.pqrs"), ("res_id", "=", case.id), ("subject", "=like", "EMERGENCY %")]
        )
        self.assertIn(on_duty.leader_id.partner_id, notice.partner_ids)
        self.assertEqual(case.activity_ids.user_id, on_duty.leader_id)
        # a complaint from the same form goes to its type's team, not to the on-duty one
        self._post_public(subject="Queja sin equipo")
        complaint = self.env["cq.pqrs"].search([("subject", "=", "Queja sin equipo")])
        self.assertEqual(complaint.team_id, complaint.type_id.team_id)
        self.assertNotEqual(complaint.team_id, on_duty)
        self.assertEqual(complaint.user_id, complaint.team_id.leader_id)

    def test_public_filing_and_tracking(self):
        count = self.env["cq.pqrs"].search_count([])
        response = self._post_public(email="ana.portal@example.com")
        self.assertEqual(response.status_code, 200)
        case = self.env["cq.pqrs"].search([], order="id desc", limit=1)
        self.assertEqual(self.env["cq.pqrs"].search_count([]), count + 1)
        self.assertEqual(case.channel, "web_form")
        self.assertFalse(case.partner_id, "no silent merge with an existing contact")
        self.assertIn(case.name, response.text)
        self.assertIn(case.lookup_code, response.text)
        self.assertTrue(case.consent_date)

        def track(number, code):
            return self.url_open("/pqrs/track", data={"number": number, "code": code,
                                                      "csrf_token": self._csrf_token()})
        wrong = track(case.name, "WRONGCODE1")
        self.assertEqual(wrong.status_code, 404)
        self.assertNotIn("Queja pública", wrong.text)
        guessed = track("Q-2026-99999", case.lookup_code)
        self.assertEqual(guessed.status_code, 404)
        right = track(case.name, case.lookup_code)
        self.assertEqual(right.status_code, 200)
        self.assertIn(case.stage_id.name, right.text)

    def test_public_filing_sends_the_code_and_strips_html(self):
        response = self._post_public(description="<script>alert(1)</script>Texto <b>limpio</b>")
        self.assertEqual(response.status_code, 200)
        case = self.env["cq.pqrs"].search([], order="id desc", limit=1)
        self.assertNotIn("<script", case.description)
        self.assertNotIn("<b>", case.description)
        self.assertIn("limpio", case.description)
        # the cron's time budget may stop before this case when demo cases are queued too
        self.env["cq.pqrs"].search([("ack_pending", "=", True), ("id", "!=", case.id)]).ack_pending = False
        self.env["cq.pqrs"]._cron_send_acknowledgements()
        ack = case.message_ids.filtered(lambda m: case.name in (m.subject or ""))
        self.assertEqual(len(ack), 1)
        self.assertIn(case.lookup_code, ack.body)
        self.assertIn("/pqrs/track", ack.body)

    @mute_logger("odoo.http")
    def test_public_form_requires_csrf(self):
        count = self.env["cq.pqrs"].search_count([])
        response = self.url_open("/pqrs/new", data={
            "type_id": self.claim.id, "name": "Sin token", "email": "x@example.com",
            "subject": "Sin CSRF", "description": "x", "consent": "on",
        })
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.env["cq.pqrs"].search_count([]), count)

    def test_portal_reopen_and_foreign_documents(self):
        self.case_a.answer = "<p>Resuelto</p>"
        self.case_a.action_send_answer()
        self.authenticate("portal_b", "portal_b_pwd")
        token = self._portal_csrf()
        response = self.url_open(f"/my/pqrs/{self.case_a.id}/reopen", data={"csrf_token": token})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.case_a.state, "answered")
        self.authenticate("portal_a", "portal_a_pwd")
        page = self.url_open(f"/my/pqrs/{self.case_a.id}")
        self.assertIn("/rate/", page.text)
        token = self._portal_csrf()
        self.url_open(f"/my/pqrs/{self.case_a.id}/reopen", data={"csrf_token": token})
        self.assertEqual(self.case_a.state, "analysis")
        self.assertEqual(self.case_a.reopen_count, 1)
        # an order of another customer is refused on the portal form
        product = self.env["product.product"].create({"name": "Servicio"})
        order_b = self.env["sale.order"].create({
            "partner_id": self.portal_b.partner_id.id,
            "order_line": [(0, 0, {"product_id": product.id})],
        })
        order_b.cq_review_line_ids.write({"checked": True})
        order_b.action_confirm()
        form = self.url_open("/my/pqrs/new")
        self.assertNotIn(order_b.name, form.text)
        token = form.text.split('name="csrf_token" value="')[1].split('"')[0]
        count = self.env["cq.pqrs"].search_count([])
        response = self.url_open("/my/pqrs/new", data={
            "csrf_token": token, "type_id": self.claim.id, "subject": "Pedido ajeno",
            "description": "x", "sale_order_id": order_b.id,
        })
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.env["cq.pqrs"].search_count([]), count)

    def test_public_form_uses_the_captcha_module(self):
        """With google_recaptcha installed, its check guards the form."""
        IrHttp = type(self.env["ir.http"])
        count = self.env["cq.pqrs"].search_count([])
        with patch.object(IrHttp, "_verify_request_recaptcha_token", create=True,
                          side_effect=UserError("The reCaptcha token is invalid.")) as verify:
            response = self._post_public(name="Robot")
        self.assertEqual(response.status_code, 403)
        self.assertIn("reCaptcha", response.text)
        self.assertIn("Robot", response.text)
        verify.assert_called_once_with("cq_pqrs_public")
        self.assertEqual(self.env["cq.pqrs"].search_count([]), count)
        with patch.object(IrHttp, "_verify_request_recaptcha_token", create=True, return_value=True):
            self.env["ir.config_parameter"].sudo().set_param("recaptcha_public_key", "site-key-123")
            page = self.url_open("/pqrs/new")
            self.assertIn('data-recaptcha-key="site-key-123"', page.text)
            self.assertIn("pqrs_public_captcha.js", page.text)
            self.assertEqual(self._post_public().status_code, 200)
        self.assertEqual(self.env["cq.pqrs"].search_count([]), count + 1)
        self.assertNotIn("recaptcha", self.url_open("/pqrs/new").text)

    def _portal_csrf(self):
        form = self.url_open("/my/pqrs/new")
        return form.text.split('name="csrf_token" value="')[1].split('"')[0]

    def test_public_form_matches_existing_contact_by_email(self):
        self.portal_b.partner_id.email = "beto@example.com"
        self._post_public(email="Beto@Example.com")
        case = self.env["cq.pqrs"].search([], order="id desc", limit=1)
        self.assertFalse(case.partner_id)
        self.assertEqual(case.matched_partner_id, self.portal_b.partner_id)

    def test_public_form_bad_input(self):
        count = self.env["cq.pqrs"].search_count([])
        missing = self._post_public(subject="", name="Nombre conservado")
        self.assertEqual(missing.status_code, 400)
        self.assertIn("Nombre conservado", missing.text, "the user's data is kept")
        too_long = self._post_public(subject="x" * 500)
        self.assertEqual(too_long.status_code, 400)
        no_consent = self._post_public(consent="")
        self.assertEqual(no_consent.status_code, 400)
        exe = self._post_public(files=[("attachments", ("factura.exe", b"MZ\x90\x00binario", "application/octet-stream"))])
        self.assertEqual(exe.status_code, 400)
        disguised = self._post_public(files=[("attachments", ("factura.pdf", b"MZ\x90\x00binario", "application/pdf"))])
        self.assertEqual(disguised.status_code, 400)
        self.env["ir.config_parameter"].sudo().set_param("customer_quality.pqrs_public_max_file_mb", 1)
        big = self._post_public(files=[("attachments", ("foto.txt", b"a" * (1024 * 1024 + 10), "text/plain"))])
        self.assertEqual(big.status_code, 400)
        honeypot = self._post_public(website_url="http://spam.example.com")
        self.assertEqual(honeypot.status_code, 400)
        self.assertEqual(self.env["cq.pqrs"].search_count([]), count, "no half-created case")
        good = self._post_public(files=[("attachments", ("evidencia.txt", b"evidencia", "text/plain"))])
        self.assertEqual(good.status_code, 200)
        case = self.env["cq.pqrs"].search([], order="id desc", limit=1)
        self.assertEqual(
            self.env["ir.attachment"].search([("res_model", "=", "cq.pqrs"), ("res_id", "=", case.id)]).mapped("name"),
            ["evidencia.txt"],
        )

    def test_rate_limit_per_ip_and_email(self):
        self.env["ir.config_parameter"].sudo().set_param("customer_quality.pqrs_public_rate_ip", 2)
        self.env["ir.config_parameter"].sudo().set_param("customer_quality.pqrs_public_rate_email", 2)
        self.assertEqual(self._post_public(ip="10.1.1.1", email="a1@example.com").status_code, 200)
        self.assertEqual(self._post_public(ip="10.1.1.1", email="a2@example.com").status_code, 200)
        blocked = self._post_public(ip="10.1.1.1", email="a3@example.com", name="Dato conservado")
        self.assertEqual(blocked.status_code, 429)
        self.assertIn("Dato conservado", blocked.text)
        self.assertEqual(self._post_public(ip="10.2.2.2", email="a3@example.com").status_code, 200)
        self.assertEqual(self._post_public(ip="10.3.3.3", email="a3@example.com").status_code, 200)
        self.assertEqual(self._post_public(ip="10.4.4.4", email="A3@example.com").status_code, 429)


@tagged("post_install", "-at_install")
class TestPqrsPortalTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("customer_quality.pqrs_public_rate_ip", 50)
        cls.portal = mail_new_test_user(cls.env, login="portal_tour", password="portal_tour_pwd",
                                        name="Paula Portal", groups="base.group_portal",
                                        email="paula@example.com")

    def test_portal_files_follows_and_rates(self):
        self.start_tour("/my/pqrs/new", "cq_pqrs_portal_file_tour", login="portal_tour")
        case = self.env["cq.pqrs"].search([("partner_id", "=", self.portal.partner_id.id)])
        self.assertEqual(len(case), 1)
        self.assertEqual(case.channel, "portal")
        self.assertEqual(case.type_id, form_type(self.env, "customer_quality.cq_pqrs_type_claim"))
        attachments = self.env["ir.attachment"].search([("res_model", "=", "cq.pqrs"), ("res_id", "=", case.id)])
        self.assertEqual(attachments.mapped("name"), ["remision.txt"])
        case.message_post(body="We are packing your two boxes.", message_type="comment",
                          subtype_xmlid="mail.mt_comment")
        case.message_post(body="Internal note: the carrier lost them.", subtype_xmlid="mail.mt_note")
        case.answer = "<p>Enviaremos las dos cajas mañana.</p>"
        case.action_send_answer()
        self.env["cq.pqrs"]._cron_send_answers()
        self.start_tour(f"/my/pqrs/{case.id}", "cq_pqrs_portal_follow_tour", login="portal_tour")
        self.assertTrue(case.message_ids.filtered(lambda m: "quedo atento" in (m.body or "")
                                                  and m.author_id == self.portal.partner_id))
        # one rating for the answer: given once, with the comment, and never asked again
        self.assertEqual(len(case.rating_ids), 1)
        self.assertEqual(case.rating_ids.filtered("consumed").rating, 5)
        self.assertEqual(case.rating_ids.feedback, "Quick and clear answer.")

    def test_public_anonymous_filing_and_tracking(self):
        self.start_tour("/es/pqrs/new", "cq_pqrs_public_tour")
        case = self.env["cq.pqrs"].search([("channel", "=", "web_form")], order="id desc", limit=1)
        self.assertEqual(case.subject, "Ruido excesivo en la planta tour")
        self.assertTrue(case.is_anonymous)
        self.assertFalse(case.filer_name)
        self.assertEqual(case.channel, "web_form")
        self.assertEqual(case.lang, "es_CO", "filed on the Spanish page")
        self.assertEqual(case.type_id, form_type(self.env, "customer_quality.cq_pqrs_type_complaint"))
