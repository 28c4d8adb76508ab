"""What a filer reads, in the filer's language: the case keeps the language of the page it was filed
on (else the customer's, else the company's), every email and letter to the filer is written in
it, the contact Odoo creates for a public filer carries their name and language, and the files
sent with a filing show on the thread message."""

import base64

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import lift_public_limits

GOOD_PNG = base64.b64decode(
    b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
# sentences each language's letters use, that the other language's must never show
SPANISH = ("Estimado(a)", "Cordialmente", "Hemos recibido", "Esta es nuestra respuesta")
ENGLISH = ("Dear ", "Best regards", "We have received", "This is our answer")
# the templates written to the transferee (in its own language), not to the filer
SPANISH_DONE = "Su solicitud ha sido radicada."
NOT_TO_FILER = ("customer_quality.mail_template_cq_pqrs_transfer_entity",)


@tagged("post_install", "-at_install")
class TestFilerLanguage(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        lift_public_limits(cls.env)
        cls.env["res.lang"]._activate_lang("es_CO")
        cls.company = cls.env.company
        cls.company.partner_id.lang = "es_CO"
        cls.complaint = cls.env["cq.pqrs.type"]._cq_offered_online(cls.company).filtered("requires_root_cause")[:1]
        cls.team = cls.env["cq.pqrs.team"].create({
            "name": "Atención al cliente (pruebas)", "leader_id": cls.env.ref("base.user_admin").id,
            "company_id": cls.company.id,
        })
        cls.complaint.team_id = cls.team

    def _file(self, prefix, email, name, files=None):
        page = self.url_open(f"{prefix}/pqrs/new").text
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        response = self.url_open(f"{prefix}/pqrs/new", data={
            "type_id": str(self.complaint.id), "name": name, "email": email, "subject": "Entrega tardía",
            "description": "El pedido llegó dos semanas tarde.", "consent": "on", "csrf_token": token,
        }, files=files)
        self.assertEqual(response.status_code, 200, response.text[-400:])
        return self.env["cq.pqrs"].sudo().search([("email_from", "=", email)], order="id desc", limit=1), response

    def _acknowledge(self, case):
        case._cq_send_acknowledgement()
        return self.env["mail.mail"].sudo().search([("model", "=", "cq.pqrs"), ("res_id", "=", case.id)],
                                                   order="id desc", limit=1)

    def assertWrittenIn(self, text, lang, label):
        own, other = (SPANISH, ENGLISH) if lang.startswith("es") else (ENGLISH, SPANISH)
        self.assertTrue(any(sentence in text for sentence in own), f"{label}: not written in {lang}:\n{text[:600]}")
        for sentence in other:
            self.assertNotIn(sentence, text, f"{label}: a sentence of the other language in a {lang} letter")

    def test_public_filing_in_spanish_is_acknowledged_in_spanish(self):
        case, response = self._file(
            "/es", "maria.rojas@example.com", "María Fernanda Rojas",
            files=[("attachments", ("foto.png", GOOD_PNG, "image/png"))],
        )
        self.assertIn(SPANISH_DONE, response.text)
        self.assertNotIn("Your request was filed.", response.text)
        self.assertEqual(case.lang, "es_CO")
        # assigned to the team of its type, its leader responsible
        self.assertEqual(case.team_id, self.team)
        self.assertEqual(case.user_id, self.team.leader_id)
        mail = self._acknowledge(case)
        self.assertTrue(mail, "the acknowledgement is queued")
        self.assertWrittenIn(mail.body_html, "es_CO", "acknowledgement")
        self.assertIn("María Fernanda Rojas", mail.body_html)
        # the contact Odoo made for the filer: their name and language, not the address and English
        contact = mail.recipient_ids
        self.assertEqual(len(contact), 1)
        self.assertEqual(contact.name, "María Fernanda Rojas")
        self.assertEqual(contact.lang, "es_CO")
        # the file is on the filer's message, for staff and for the portal page
        message = case.message_ids.filtered(lambda m: m.attachment_ids)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.attachment_ids.mapped("name"), ["foto.png"])
        self.assertEqual(message.body, "<p>Archivos adjuntados por el peticionario.</p>")
        self.assertEqual(message.attachment_ids.res_id, case.id)
        self.assertEqual(message.attachment_ids.res_model, "cq.pqrs")

    def test_public_filing_in_english_is_acknowledged_in_english(self):
        case, _response = self._file("/en", "john.smith@example.com", "John Smith")
        self.assertEqual(case.lang, "en_US")
        mail = self._acknowledge(case)
        self.assertWrittenIn(mail.body_html, "en_US", "acknowledgement")
        self.assertEqual(mail.recipient_ids.lang, "en_US")
        self.assertEqual(mail.recipient_ids.name, "John Smith")

    def test_language_fallbacks(self):
        Case = self.env["cq.pqrs"]
        values = {"type_id": self.complaint.id, "subject": "Asunto", "channel": "phone"}
        # a language Odoo does not have active: the company's
        unknown = Case.create(dict(values, lang="fr_FR", email_from="fr@example.com"))
        self.assertEqual(unknown.lang, "es_CO")
        # a customer: the customer's language; an email filer without contact: the company's
        joel = self.env.ref("base.partner_demo_portal")
        joel.lang = "en_US"
        self.assertEqual(Case.create(dict(values, partner_id=joel.id)).lang, "en_US")
        self.assertEqual(Case.create(dict(values, email_from="x@example.com")).lang, "es_CO")
        # filed on a page, then linked to the customer: the customer's recorded language
        case = Case.create(dict(values, lang="es_CO", email_from="joel@example.com"))
        case.partner_id = joel
        self.assertEqual(case.lang, "en_US")

    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_every_letter_in_the_filer_language(self):
        """Each email template of the cases, and the acknowledgement and answer letters, rendered
        for a Spanish and an English filer: each in its own language only."""
        admin = self.env.ref("base.user_admin")
        cases = {}
        for lang, email in (("es_CO", "es@example.com"), ("en_US", "en@example.com")):
            cases[lang] = self.env["cq.pqrs"].create({
                "type_id": self.complaint.id, "subject": "Factura duplicada", "channel": "web_form",
                "filer_name": "Filer " + lang, "email_from": email, "lang": lang, "user_id": admin.id,
                "answer": "<p>Respuesta / answer</p>",
            })
        templates = self.env["mail.template"].search([("model", "=", "cq.pqrs")])
        templates = templates.filtered(lambda t: t.get_external_id()[t.id] not in NOT_TO_FILER)
        self.assertGreaterEqual(len(templates), 8, "the filer's letters are all checked")
        for template in templates:
            for lang, case in cases.items():
                with self.subTest(template=template.name, lang=lang):
                    self.assertEqual(template._render_lang(case.ids)[case.id], lang)
                    values = template._generate_template(case.ids, ("subject", "body_html"))[case.id]
                    self.assertWrittenIn(values["body_html"], lang, template.name)
        # the letters: (English label, Spanish label) each must show in its own language only
        letters = {
            "customer_quality.cq_pqrs_ack_report_action": ("Filing Number", "Número de radicado"),
            "customer_quality.cq_pqrs_answer_report_action": ("Reference:", "Referencia:"),
        }
        for xmlid, (english, spanish) in letters.items():
            report = self.env.ref(xmlid)
            for lang, case in cases.items():
                with self.subTest(report=xmlid, lang=lang):
                    html = report._render_qweb_html(report.report_name, case.ids)[0].decode()
                    own, other = (spanish, english) if lang == "es_CO" else (english, spanish)
                    self.assertIn(own, html)
                    self.assertNotIn(other, html)

    def test_portal_customer_sees_their_files_on_the_case(self):
        portal = mail_new_test_user(self.env, login="cq_lang_portal", password="cq_lang_portal_pwd",
                                    name="Paula Portal", groups="base.group_portal", lang="en_US")
        self.authenticate("cq_lang_portal", "cq_lang_portal_pwd")
        page = self.url_open("/my/pqrs/new").text
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        types = self.env["cq.pqrs.type"]._cq_offered_online(self.company, portal=True)
        pqrs_type = types.filtered(lambda t: not t.requires_warranty_link)[:1]
        response = self.url_open("/my/pqrs/new", data={
            "type_id": str(pqrs_type.id), "subject": "Broken valve", "description": "It leaks.",
            "csrf_token": token,
        }, files=[("attachments", ("valve.png", GOOD_PNG, "image/png"))])
        self.assertEqual(response.status_code, 200, response.text[-400:])
        case = self.env["cq.pqrs"].sudo().search([("partner_id", "=", portal.partner_id.id)], limit=1)
        self.assertEqual(case.lang, "en_US")
        message = case.message_ids.filtered(lambda m: m.attachment_ids)
        self.assertEqual(message.attachment_ids.mapped("name"), ["valve.png"])
        self.assertEqual(message.author_id, portal.partner_id)
        page = self.url_open(f"/my/pqrs/{case.id}").text
        self.assertIn("valve.png", page)
