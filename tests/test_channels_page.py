"""The company's public channels and terms page, as a visitor reads it in
Spanish and in English: where to file, the longest answer time of each kind of
request with its legal basis and recourse, the hours of the service and the
out-of-court dispute body; linked from the footer and from a contract's portal
page, printable."""

from odoo.tests import HttpCase, tagged

from .common import load_spanish

DISPUTE_BODY = "Centro de Conciliación de la Cámara de Comercio de Bogotá"


@tagged("post_install", "-at_install")
class TestChannelsPage(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env)
        cls.company = cls.env.company
        cls.company.write({"cq_dispute_body_name": DISPUTE_BODY, "phone": "+57 601 555 0100"})
        cls.claim = cls.env["cq.pqrs.type"].search([("code", "=", "HDR"), ("company_id", "=", cls.company.id)])

    def test_spanish_page(self):
        response = self.url_open("/es/pqrs/channels")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Atención al cliente: canales y tiempos de respuesta", page)
        self.assertNotIn("Customer Service: Channels and Answer Times", page)
        self.assertIn("Reclamo de datos personales (habeas data)", page)
        self.assertIn("15 días hábiles", page)
        self.assertIn("prorrogable hasta 8 días hábiles", page)
        self.assertIn(self.claim.with_context(lang="es_CO").legal_basis, page)
        self.assertIn(DISPUTE_BODY, page)
        self.assertIn("+57 601 555 0100", page)
        self.assertIn("/pqrs/track", page)
        self.assertNotIn('href="mailto:pqrs"', page, "an alias without a domain is no address")
        self.assertIn("Lunes – Viernes", page, "the hours of the company's calendar, in Spanish")
        self.assertNotIn(">Monday", page)

    def test_english_page_and_pdf(self):
        page = self.url_open("/en/pqrs/channels").text
        self.assertIn("Customer Service: Channels and Answer Times", page)
        self.assertIn("15 business days", page)
        self.assertIn("Monday – Friday", page)
        self.assertNotIn("Atención al cliente: canales", page)
        self.company.cq_dispute_body_name = False
        page = self.url_open(f"/en/pqrs/channels/{self.company.id}").text
        self.assertIn("does not adhere to an out-of-court dispute resolution body", page)
        response = self.url_open(f"/pqrs/channels/{self.company.id}/pdf")
        self.assertEqual(response.status_code, 200)
        self.assertIn("15 business days", response.text, "the PDF's content (HTML while testing)")

    def test_unknown_company_and_links(self):
        self.assertEqual(self.url_open("/pqrs/channels/987654321").status_code, 404)
        self.assertEqual(self.url_open("/pqrs/channels/abc").status_code, 404)
        form = self.url_open("/es/pqrs/new").text
        self.assertIn('href="/pqrs/channels"', form, "the footer of the public pages links to it")
        self.assertIn("Atención al cliente: canales y tiempos de respuesta", form)
