"""The virtual complaints book of an establishment (Peru's Libro de Reclamaciones): the public page
shows the sheet and files it, the consumer gets the sheet at once (page, PDF, email in Spanish), bad
input is a 400 with the field's message and nothing created, an agreement on the spot ends the sheet,
the notice prints the book's address and QR code."""

import base64
import csv
import io
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import config, mute_logger

from .common import lift_public_limits
from .common_pqrs import PqrsCommon

SPANISH = "es_CO"


@tagged("post_install", "-at_install")
class TestComplaintsBookPage(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        lift_public_limits(cls.env)
        cls.company = cls.env.ref("customer_quality.cq_demo_company_pe")
        cls.store = cls.env.ref("customer_quality.cq_demo_establishment_miraflores")
        types = cls.store._cq_book_types()
        cls.claim = types.filtered(lambda t: t.code == "RLR")
        cls.complaint = types.filtered(lambda t: t.code == "QLR")
        cls.url = f"/pqrs/book/{cls.store.id}"

    def setUp(self):
        super().setUp()
        self.opener.cookies["frontend_lang"] = SPANISH
        self._token = None

    def _csrf(self):
        if not self._token:
            page = self.url_open(self.url).text
            self._token = page.split('name="csrf_token" value="')[1].split('"')[0]
        return self._token

    def _data(self, **values):
        data = {
            "type_id": str(self.claim.id), "name": "Carmen Rojas Díaz", "document_type": "dni",
            "document": "45871236", "address": "Jr. Huallaga 320, Lima", "email": "carmen@example.com",
            "phone": "987654321", "item_kind": "product", "item": "Horno microondas",
            "amount": "349.90", "currency_id": str(self.company.currency_id.id),
            "description": "El horno llegó con la puerta rota.", "remedy": "Cambio del horno.",
            "consent": "on", "csrf_token": self._csrf(),
        }
        data.update(values)
        return {key: value for key, value in data.items() if value is not None}

    def _post(self, data, ip="10.8.0.1"):
        with patch.dict(config.options, {"proxy_mode": True}):
            return self.url_open(self.url, data=data, headers={
                "X-Forwarded-For": ip, "X-Forwarded-Host": f"127.0.0.1:{config['http_port']}",
            })

    def _sheets(self):
        return self.env["cq.pqrs"].sudo().search_count([("establishment_id", "=", self.store.id)])

    def test_page_shows_the_sheet_in_spanish(self):
        page = self.url_open(self.url)
        self.assertEqual(page.status_code, 200)
        text = page.text
        for words in ("Libro de Reclamaciones", "Andina Retail Perú S.A.C.", "RUC", "20601234567",
                      "Tienda Miraflores", "Tipo de documento", "Monto reclamado", "bien contratado",
                      "Disconformidad relacionada a los productos o servicios.",
                      "malestar o descontento respecto a la atención al público",
                      "15 días hábiles", "no impide acudir a otras vías", "Registrar la hoja"):
            self.assertIn(words, text)
        self.assertNotIn("Complaints Book", text)
        # an archived establishment, or one of no book, has no page
        self.assertEqual(self.url_open("/pqrs/book/999999").status_code, 404)
        self.store.active = False
        self.assertEqual(self.url_open(self.url).status_code, 404)

    def test_file_a_sheet_and_get_it_at_once(self):
        before = self._sheets()
        response = self._post(self._data())
        self.assertEqual(response.status_code, 200, response.text[-400:])
        case = self.env["cq.pqrs"].sudo().search([("establishment_id", "=", self.store.id)], order="id desc", limit=1)
        self.assertEqual(self._sheets(), before + 1)
        year = case.date_radicated.year
        self.assertRegex(case.book_number, rf"^MIR-01-{year}-\d{{6}}$")
        self.assertEqual((case.type_id, case.company_id, case.lang), (self.claim, self.company, SPANISH))
        self.assertEqual((case.filer_document_type, case.filer_document, case.filer_address),
                         ("dni", "45871236", "Jr. Huallaga 320, Lima"))
        self.assertEqual((case.claimed_item_kind, case.amount_claimed, case.amount_currency_id.name),
                         ("product", 349.90, "PEN"))
        self.assertEqual(case.remedy_sought, "Cambio del horno.")
        self.assertEqual(case.term, 15)
        self.assertIn(case.book_number, response.text)
        self.assertIn("Su hoja de reclamación fue registrada.", response.text)
        self.assertIn("Descargue su hoja (PDF)", response.text)
        # the sheet as a PDF for whoever holds its code, and nobody else
        sheet_url = f"/pqrs/book/sheet/{case.id}?code={case.lookup_code}"
        self.assertIn(sheet_url, response.text.replace("&amp;", "&"))
        with patch.object(type(self.env["ir.actions.report"]), "_render_qweb_pdf",
                          lambda report, ref, ids, data=None: (b"%PDF-1.4 sheet", "pdf")):
            pdf = self.url_open(sheet_url)
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        self.assertIn(case.book_number, pdf.headers["Content-Disposition"])
        self.assertEqual(self.url_open(f"/pqrs/book/sheet/{case.id}?code=WRONGCODE1").status_code, 404)
        self.assertEqual(self.url_open(f"/pqrs/book/sheet/{case.id}").status_code, 404)

    @mute_logger("odoo.http")
    def test_bad_input_is_a_400_in_spanish_and_nothing_is_created(self):
        other_type = self.env.ref("customer_quality.cq_pqrs_type_complaint")
        cases = [
            ({"name": ""}, "Escriba su nombre."),
            ({"document": ""}, "Escriba el número de su documento de identidad."),
            ({"document_type": ""}, "Elija el tipo de su documento de identidad."),
            ({"address": "", "email": ""}, "Escriba su dirección o su correo electrónico"),
            ({"description": "  \x00 "}, "Describa lo ocurrido."),
            ({"amount": "mil soles"}, "Escriba el monto reclamado como un número"),
            ({"amount": "-20"}, "El monto reclamado no puede ser negativo."),
            ({"document": "1234"}, "Un DNI tiene 8 dígitos."),
            ({"document_type": "ruc", "document": "123"}, "Un RUC tiene 11 dígitos"),
            ({"type_id": str(other_type.id)}, "Elija si es un reclamo o una queja."),
            ({"type_id": "x' OR 1=1"}, "Elija si es un reclamo o una queja."),
            ({"minor": "1", "guardian": ""}, "Escriba el nombre del padre, la madre o el tutor"),
            ({"consent": None}, "Acepte el tratamiento de sus datos personales"),
        ]
        before = self._sheets()
        for values, message in cases:
            with self.subTest(values=values):
                response = self._post(self._data(**values))
                self.assertEqual(response.status_code, 400, response.text[-300:])
                self.assertIn(message, response.text)
                self.assertIn("Libro de Reclamaciones", response.text)
        self.assertEqual(self._sheets(), before, "nothing created")
        # the values typed are shown again
        response = self._post(self._data(document="1234"))
        self.assertIn('value="Carmen Rojas Díaz"', response.text)

    def test_a_ruc_and_a_minor_with_a_guardian_are_taken(self):
        response = self._post(self._data(document_type="ruc", document="20512345678", minor="1",
                                          guardian="Pedro Rojas", amount="1.234,50".replace(".", "")))
        self.assertEqual(response.status_code, 200, response.text[-300:])
        case = self.env["cq.pqrs"].sudo().search([("establishment_id", "=", self.store.id)], order="id desc", limit=1)
        self.assertEqual((case.filer_is_minor, case.guardian_name, case.amount_claimed), (True, "Pedro Rojas", 1234.5))


class BookCase(PqrsCommon):
    """The demo's Peruvian store and its book's types; a sheet filed by a Spanish-speaking consumer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_pe = cls.env.ref("customer_quality.cq_demo_company_pe")
        cls.store = cls.env.ref("customer_quality.cq_demo_establishment_miraflores")
        for user in (cls.env.user, cls.user, cls.manager):
            user.company_ids |= cls.company_pe
        types = cls.store._cq_book_types()
        cls.claim = types.filtered(lambda t: t.code == "RLR")
        cls.complaint_pe = types.filtered(lambda t: t.code == "QLR")

    def _sheet(self, received="2026-07-20 14:00:00", pqrs_type=None, **values):
        values = {
            "establishment_id": self.store.id, "user_id": False, "partner_id": False, "filer_name": "Rosa Quispe",
            "description": "<p>La licuadora no enciende.</p>",
            "filer_document_type": "dni", "filer_document": "45871236", "email_from": "rosa@example.com",
            "lang": "es_CO", "claimed_item_kind": "product", "claimed_item": "Licuadora",
            "amount_claimed": 289.9, "remedy_sought": "Cambio de la licuadora.", **values,
        }
        with freeze_time(received):
            return self._case(received, company=self.company_pe, pqrs_type=pqrs_type or self.claim, **values)


@tagged("post_install", "-at_install")
class TestComplaintsBookSheet(BookCase):

    def test_demo_book(self):
        answered = self.env.ref("customer_quality.cq_pe_sheet_answered")
        agreed = self.env.ref("customer_quality.cq_pe_sheet_agreed")
        overdue = self.env.ref("customer_quality.cq_pe_sheet_overdue")
        self.assertEqual(answered.state, "answered")
        self.assertEqual((agreed.state, agreed.ending), ("closed", "agreed"))
        self.assertTrue(agreed.book_agreement)
        self.assertIn(overdue.state, ("new", "analysis"))
        self.assertLess(overdue.date_due, overdue.date_radicated.today(), "overdue: its term has passed")
        for sheet in answered | agreed | overdue:
            self.assertTrue(sheet.book_number.startswith("MIR-01-"))
            self.assertEqual(sheet.company_id.currency_id.name, "PEN")

    def test_staff_sheet_bad_data(self):
        with self.assertRaisesRegex(ValidationError, "A DNI has 8 digits"):
            self._sheet(filer_document="123")
        with self.assertRaisesRegex(ValidationError, "A RUC has 11 digits"):
            self._sheet(filer_document_type="ruc", filer_document="30512345678")
        with self.assertRaisesRegex(ValidationError, "zero or more"):
            self._sheet(amount_claimed=-1)
        with self.assertRaisesRegex(ValidationError, "parent or guardian"):
            self._sheet(filer_is_minor=True)
        # a sheet without the minimum data is no sheet, whoever files it
        with self.assertRaisesRegex(ValidationError, "identity document and its type"):
            self._sheet(filer_document=False)
        with self.assertRaisesRegex(ValidationError, "an address or an email.*the detail"):
            self._sheet(email_from=False, description=False)
        # an establishment of another company
        with self.assertRaises(UserError):
            self._case("2026-07-20 14:00:00", pqrs_type=self.complaint, establishment_id=self.store.id)
        self.assertTrue(self._sheet().book_number)

    def test_acknowledgement_is_the_sheet_in_spanish(self):
        sheet = self._sheet()
        self.assertEqual(sheet._cq_ack_template(), "customer_quality.mail_template_cq_book_sheet")
        Report = type(self.env["ir.actions.report"])
        with patch.object(Report, "_render_qweb_pdf", lambda report, ref, ids, data=None: (b"%PDF-1.4 sheet", "pdf")):
            sheet._cq_send_acknowledgement()
        message = sheet.message_ids.filtered(lambda m: sheet.book_number in (m.subject or ""))
        self.assertEqual(len(message), 1)
        self.assertIn("Hoja de Reclamación N.º", message.subject)
        self.assertIn("un plazo que no puede ampliarse", message.body)
        self.assertIn("Se adjunta su copia de la hoja", message.body)
        self.assertNotIn("Your copy", message.body)
        self.assertEqual(message.attachment_ids.mapped("name"), [f"{sheet.book_number}.pdf"])

    def test_sheet_report_in_spanish(self):
        sheet = self._sheet()
        html = self.env["ir.actions.report"].with_context(lang="es_CO")._render_qweb_html(
            "customer_quality.cq_book_sheet_report_action", sheet.ids)[0].decode()
        for words in ("Libro de Reclamaciones", f"Hoja de Reclamación N.º {sheet.book_number}",
                      "1. Identificación del consumidor", "Rosa Quispe", "DNI", "45871236",
                      "2. Identificación del bien contratado", "Licuadora", "Monto reclamado", "289,90",
                      "3. Detalle de la reclamación y pedido del consumidor",
                      "Disconformidad relacionada a los productos o servicios.",
                      "4. Observaciones y acciones adoptadas por el proveedor",
                      "un plazo que no puede ampliarse", "no impide acudir a otras vías"):
            self.assertIn(words, html)
        self.assertNotIn("Complaint Sheet", html)
        sheet.answer = "<p>Le cambiamos la licuadora.</p>"
        with freeze_time("2026-07-22 15:00:00"):
            sheet.action_send_answer()
        html = self.env["ir.actions.report"]._render_qweb_html(
            "customer_quality.cq_book_sheet_report_action", sheet.ids)[0].decode()
        self.assertIn("Le cambiamos la licuadora.", html)
        self.assertIn("Respondida el", html)

    def test_agreement_on_the_spot_ends_the_sheet(self):
        sheet = self._sheet()
        self.assertTrue(sheet._cq_can_agree())
        with self.assertRaisesRegex(UserError, "Write the agreement"):
            sheet._cq_record_agreement("  ")
        with self.assertRaisesRegex(UserError, "root-cause"):
            sheet._cq_record_agreement("Cambio inmediato del producto.")
        cause = self.env.ref("customer_quality.cq_pqrs_root_cause_delivery")
        with freeze_time("2026-07-20 14:30:00"):
            sheet._cq_record_agreement("Cambio inmediato del producto.", cause, "Producto mal embalado.")
        self.assertEqual((sheet.state, sheet.ending, sheet.ended_as), ("closed", "agreed", "agreed"))
        self.assertEqual(sheet.book_agreement, "Cambio inmediato del producto.")
        self.assertTrue(sheet.date_answered)
        self.assertIn("6-A", sheet.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "no longer open"):
            sheet._cq_record_agreement("Otro acuerdo.", cause, "x")
        html = self.env["ir.actions.report"]._render_qweb_html(
            "customer_quality.cq_book_sheet_report_action", sheet.ids)[0].decode()
        self.assertIn("Acuerdo aceptado para solucionar el reclamo", html)
        self.assertIn("Cambio inmediato del producto.", html)
        # the wizard staff use
        other = self._sheet("2026-07-21 14:00:00")
        action = other.action_open_agreement_wizard()
        wizard = self.env[action["res_model"]].with_context(action["context"]).create(
            {"agreement": "Reembolso en caja.", "root_cause_id": cause.id, "root_cause_analysis": "Error de cobro."})
        self.assertIn("6-A", wizard.legal_basis)
        wizard.action_confirm()
        self.assertEqual(other.ending, "agreed")

    def test_a_type_without_the_agreement_step_offers_none(self):
        case = self._case("2026-07-20 14:00:00", pqrs_type=self.complaint)
        self.assertFalse(case._cq_can_agree())
        with self.assertRaisesRegex(UserError, "has no step"):
            case.action_open_agreement_wizard()

    def test_notice_prints_the_book_page_and_its_qr(self):
        html = self.env["ir.actions.report"]._render_qweb_html(
            "customer_quality.cq_book_notice_report_action", self.store.ids)[0].decode()
        self.assertIn("Libro de Reclamaciones", html)
        self.assertIn(f"/pqrs/book/{self.store.id}", html)
        self.assertIn("data:image/png;base64,", html)
        self.assertIn("20601234567", html)


@tagged("post_install", "-at_install")
class TestComplaintsBookReport(BookCase):
    """The sheets of a period exported with every field of the sheet; the keepers of a reporting
    company reminded once a month."""

    def test_export_of_a_period(self):
        july = self._sheet("2026-07-08 15:00:00", claimed_item="Licuadora; 1,5 L", description="<p>No enciende.</p>")
        july.answer = "<p>Le cambiamos la licuadora.</p>"
        with freeze_time("2026-07-10 15:00:00"):
            july.action_send_answer()
        complaint = self._sheet("2026-07-20 15:00:00", pqrs_type=self.complaint_pe, filer_document_type="ruc",
                                filer_document="20512345678", amount_claimed=0)
        self._sheet("2026-08-03 15:00:00")
        wizard = self.env["cq.book.export.wizard"].with_company(self.company_pe).with_context(lang="es_CO").create(
            {"company_id": self.company_pe.id, "date_from": "2026-07-01", "date_to": "2026-07-31"})
        self.assertEqual(wizard._cq_sheets(), july | complaint)
        action = wizard.action_export()
        self.assertIn("/file_data/", action["url"])
        content = base64.b64decode(wizard.file_data).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(content), delimiter=";"))
        self.assertEqual(len(rows), 3, "a header and a row a sheet")
        header = rows[0]
        for heading in ("Código del libro", "Número de hoja", "Tipo de documento", "Monto reclamado",
                        "Reclamo o queja", "Observaciones y acciones del proveedor"):
            self.assertIn(heading, header)
        first = dict(zip(header, rows[1]))
        self.assertEqual(first["Número de hoja"], july.book_number)
        self.assertEqual((first["Tipo de documento"], first["Número de documento"]), ("DNI", "45871236"))
        self.assertEqual((first["Monto reclamado"], first["Moneda"]), ("289.90", "PEN"))
        self.assertEqual(first["Bien contratado"], "Licuadora; 1,5 L")
        self.assertEqual(first["Observaciones y acciones del proveedor"], "Le cambiamos la licuadora.")
        self.assertEqual(first["Fecha y hora"], "2026-07-08 10:00")
        second = dict(zip(header, rows[2]))
        self.assertEqual((second["Tipo de documento"], second["Monto reclamado"]), ("RUC", ""))
        self.assertIn("Queja", second["Reclamo o queja"])
        wizard.date_to = "2026-06-30"
        with self.assertRaisesRegex(UserError, "termina antes de empezar"):
            wizard.action_export()

    def test_monthly_reminder_once_per_establishment(self):
        Establishment = self.env["cq.establishment"]
        self.store.user_id = self.manager
        with freeze_time("2026-08-02 13:00:00"):
            Establishment._cron_cq_book_report_reminder()
        self.assertFalse(self.store.activity_ids, "a company that does not report is not reminded")
        self.company_pe.cq_book_report_obliged = True
        with freeze_time("2026-08-02 13:00:00"):
            Establishment._cron_cq_book_report_reminder()
            Establishment._cron_cq_book_report_reminder()
        self.assertEqual(len(self.store.activity_ids), 1)
        self.assertEqual(self.store.activity_ids.user_id, self.manager)
        self.assertEqual(str(self.store.activity_ids.date_deadline), "2026-08-15")
        self.assertIn("2026-07", self.store.activity_ids.summary)
        with freeze_time("2026-09-01 13:00:00"):
            Establishment._cron_cq_book_report_reminder()
        self.assertEqual(len(self.store.activity_ids), 2, "next month, a new reminder")


@tagged("post_install", "-at_install")
class TestComplaintsBookFooter(HttpCase):
    """The public pages of a company that keeps complaints books link to them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_pe = cls.env.ref("customer_quality.cq_demo_company_pe")
        cls.store = cls.env.ref("customer_quality.cq_demo_establishment_miraflores")

    def _as_public_of(self, company):
        self.env.ref("base.public_user").write({"company_ids": [(4, company.id)], "company_id": company.id})
        self.env.flush_all()

    def test_a_company_without_a_book_links_to_none(self):
        self.assertFalse(self.env.ref("base.main_company").cq_has_book)
        self.assertNotIn("o_cq_book_footer", self.url_open("/pqrs/new").text)

    def test_public_pages_link_to_the_book(self):
        self.assertTrue(self.company_pe.cq_has_book)
        self._as_public_of(self.company_pe)
        page = self.url_open("/pqrs/new").text
        self.assertIn(f'href="/pqrs/book/{self.store.id}"', page)

    def test_an_archived_book_is_not_linked(self):
        self.store.active = False
        self.assertFalse(self.company_pe.cq_has_book)
        self._as_public_of(self.company_pe)
        self.assertNotIn("o_cq_book_footer", self.url_open("/pqrs/new").text)


@tagged("post_install", "-at_install")
class TestComplaintsBookTour(HttpCase):
    def test_consumer_files_a_sheet(self):
        store = self.env.ref("customer_quality.cq_demo_establishment_miraflores")
        self.start_tour(f"/es/pqrs/book/{store.id}", "cq_complaints_book_public_tour")
        case = self.env["cq.pqrs"].sudo().search([("claimed_item", "=", "Horno microondas tour")])
        self.assertEqual(len(case), 1)
        self.assertEqual((case.establishment_id, case.lang, case.type_id.code), (store, "es_CO", "RLR"))
        self.assertEqual((case.filer_document, case.amount_claimed), ("45871236", 349.9))
        self.assertTrue(case.book_number.startswith("MIR-01-"))

    def test_staff_answer_a_sheet(self):
        store = self.env.ref("customer_quality.cq_demo_establishment_miraflores")
        claim = store._cq_book_types().filtered(lambda t: t.code == "RLR")
        case = self.env["cq.pqrs"].with_company(store.company_id).create({
            "type_id": claim.id, "company_id": store.company_id.id, "establishment_id": store.id,
            "subject": "Horno microondas tour", "filer_name": "Carmen Rojas Díaz", "filer_document_type": "dni",
            "filer_document": "45871236", "email_from": "carmen.tour@example.com", "lang": "es_CO",
            "claimed_item_kind": "product", "claimed_item": "Horno microondas tour", "amount_claimed": 349.9,
            "description": "<p>El horno llegó con la puerta rota.</p>",
        })
        # staff working in Spanish, in the Peruvian company
        self.assertIn(store.company_id, self.env.ref("base.user_admin").company_ids)
        self.start_tour(f"/odoo/action-customer_quality.cq_pqrs_action/{case.id}", "cq_complaints_book_answer_tour",
                        login="admin", cookies={"cids": str(store.company_id.id)})
        self.assertEqual(case.state, "answered")
        self.assertIn("Le cambiamos el horno", case.answer)
