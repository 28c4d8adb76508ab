import re
import shutil
from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time
from pytz import UTC, timezone

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common_pqrs import PqrsCommon
from .common_report import ReportCase

ACK = "customer_quality.cq_pqrs_ack_report_action"
ANSWER = "customer_quality.cq_pqrs_answer_report_action"
REGISTER = "customer_quality.cq_pqrs_register_report_action"
WRAP = "word-wrap: break-word"
# es_CO formats dates as dd-mm-yyyy, en_US as mm/dd/yyyy
# rendering the register (by its report name, as /report/pdf does): report,
# lines, type and stage names, totals, ratings, company, calendar, overdue cases, their
# responsibles and partners, language, layout (logo, company address and
# country: 5), the pending cases of the totals (1); the business days (working hours, leaves, public holidays) come
# from Odoo's cache of resource.calendar._cq_business_year
QUERIES = 19
DATE_FORMATS = {"en_US": "%m/%d/%Y", "es_CO": "%d-%m-%Y"}


def squash(text):
    return re.sub(r"\s+", "", text)


class PqrsReportCase(ReportCase, PqrsCommon):
    def demo(self, xmlid):
        return self.env.ref(f"customer_quality.{xmlid}")  # the suite runs on the demo

    @staticmethod
    def local(moment, tz, lang, fmt=" %H:%M"):
        """`moment` (UTC) as the report prints it in `tz` and `lang`."""
        return UTC.localize(moment).astimezone(timezone(tz)).strftime(DATE_FORMATS[lang] + fmt)


@tagged("post_install", "-at_install")
class TestReportPqrs(PqrsReportCase):
    """Acknowledgement of receipt and answer letter."""

    def _anonymous_case(self):
        # Mexico City: the reception time follows the company calendar (UTC-6),
        # not the user's time zone (America/Bogota, UTC-5)
        return self._case(
            "2026-03-02 14:00:00", company=self.company_mx, partner_id=False, user_id=False,
            is_anonymous=True, channel="web_form",
        )

    # ------------------------------------------------------------------
    # Acknowledgement
    # ------------------------------------------------------------------
    def test_acknowledgement_demo_case_in_the_filers_language(self):
        case = self.demo("cq_pqrs_demo_01")
        tz = case.company_id.resource_calendar_id.tz
        case.partner_id.lang = "en_US"
        html, text = self.render_html(ACK, case, "es_CO")  # the user reads Spanish, the filer English
        for expected in (
            "Acknowledgement of Receipt", case.name, "Petition", "Web Form", "Copia del contrato firmado",
            case.partner_id.name, "15 business days", case.type_id.legal_basis,
            case.date_due.strftime(DATE_FORMATS["en_US"]), self.local(case.date_received, tz, "en_US"),
            f"({tz})", case.user_id.name, "Customer Service",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Tracking Code", text, "the code is for filers without a contact")
        self.assertNotIn(case.lookup_code, html)
        self.assertClean(text)

        case.partner_id.lang = "es_CO"
        html, text = self.render_html(ACK, case, "en_US")
        for expected in (
            case.name, "Petición", "Formulario web", "Servicio al cliente",
            case.date_due.strftime(DATE_FORMATS["es_CO"]), self.local(case.date_received, tz, "es_CO"),
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Petition", text)
        self.assertClean(text)

    def test_acknowledgement_demo_case_pdf(self):
        case = self.demo("cq_pqrs_demo_01")
        for lang, type_name in (("en_US", "Petition"), ("es_CO", "Petición")):
            case.partner_id.lang = lang
            text = self.render_pdf_text(ACK, case, lang)
            self.assertIn(case.name, text)
            self.assertIn(type_name, text)
            self.assertIn(case.date_due.strftime(DATE_FORMATS[lang]), text)
            self.assertClean(text)

    def test_acknowledgement_of_an_anonymous_case(self):
        case = self._anonymous_case()
        self.assertFalse(case.partner_id or case.team_id or case.user_id)
        for lang, type_name in (("en_US", "Petition"), ("es_CO", "Petición")):
            case.lang = lang  # the language the case was filed in: the letters' language
            html, text = self.render_html(ACK, case, lang)
            self.assertIn(self.tr(lang, "Anonymous"), text)
            self.assertIn(type_name, text)
            self.assertIn(case.lookup_code, text)
            self.assertIn("/pqrs/track", text)
            self.assertIn(self.local(datetime(2026, 3, 2, 14), "America/Mexico_City", lang), text)
            self.assertIn("08:00", text)
            self.assertNotIn(self.tr(lang, "Responsible"), text)
            self.assertNotIn(self.tr(lang, "Team"), text)
            self.assertClean(text)
            pdf = self.render_pdf_text(ACK, case, lang)
            self.assertIn(case.lookup_code, pdf)
            self.assertIn(type_name, pdf)
            self.assertClean(pdf)

    # ------------------------------------------------------------------
    # Answer letter
    # ------------------------------------------------------------------
    def test_answer_letter_demo_case(self):
        case = self.demo("cq_pqrs_demo_01")
        self.assertTrue(case.date_answered)
        tz = case.company_id.resource_calendar_id.tz
        for lang, type_name in (("en_US", "Petition"), ("es_CO", "Petición")):
            case.partner_id.lang = lang
            html, text = self.render_html(ANSWER, case, "en_US")
            token = case.rating_ids.filtered(lambda r: not r.consumed and r.partner_id == case.partner_id).access_token
            self.assertTrue(token)
            for expected in (
                f"{self.tr_text(lang, '<strong>Reference:</strong>')} {case.name} - {case.subject}",
                case.partner_id.name, type_name,
                "atendimos su solicitud y aplicamos los correctivos necesarios",
                case.type_id.with_context(lang=lang).legal_basis,
                self.local(case.date_answered, tz, lang), case.user_id.name,
                f"{case.get_base_url()}/rate/{token}/5", f"/rate/{token}/1",
            ):
                self.assertIn(expected, text)
            self.assertNotIn(self.tr(lang, "This case has not been answered yet."), text)
            self.assertClean(text)
            pdf = self.render_pdf_text(ANSWER, case, "en_US")
            self.assertIn(case.name, pdf)
            self.assertIn(type_name, pdf)
            self.assertIn(self.local(case.date_answered, tz, lang, ""), pdf)
            self.assertIn(token, squash(pdf))
            self.assertClean(pdf)
        self.assertEqual(len(case.rating_ids.filtered(lambda r: not r.consumed)), 1, "one rating request")

    def test_answer_letter_of_a_warranty_claim(self):
        """The letter of a technical-service case tells the product, the
        warranty, the outcome, the diagnosis, the interventions and the parts."""
        regulator = self.env["product.product"].create({"name": "Regulador de presión", "cq_warranty_months": 12})
        hose = self.env["product.product"].create({"name": "Manguera de alta presión"})
        with freeze_time("2026-01-15 15:00:00"):
            order = self.env["sale.order"].with_company(self.company_co).create({
                "partner_id": self.customer.id, "company_id": self.company_co.id,
                "order_line": [Command.create({"product_id": regulator.id, "product_uom_qty": 1})],
            })
            order.cq_review_line_ids.write({"checked": True})
            order.action_confirm()
        case = self._case(
            "2026-03-02 15:00:00", pqrs_type=self.env.ref("customer_quality.cq_pqrs_type_warranty"),
            sale_line_id=order.order_line.id, outcome="replaced", outcome_quantity=1,
            diagnosis="<p>Diafragma roto por sobrepresión.</p>", answer="<p>Cambiamos su regulador.</p>",
            root_cause_analysis="Lote defectuoso",
        )
        self.env["cq.pqrs.intervention"].create({
            "pqrs_id": case.id, "date": "2026-03-03 14:00:00", "technician_id": self.user.id, "duration": 1.5,
            "description": "Visita y prueba de presión",
        })
        self.env["cq.pqrs.part"].create({"pqrs_id": case.id, "product_id": hose.id, "quantity": 2, "role": "used"})
        case.action_send_answer()
        for lang in ("en_US", "es_CO"):
            case.partner_id.lang = lang
            _html, text = self.render_html(ANSWER, case, lang)
            expiry = date(2027, 1, 14).strftime(DATE_FORMATS[lang])
            for expected in (
                self.tr(lang, "Technical Service"), f"Regulador de presión ({order.name})",
                f"{self.tr(lang, 'Under warranty until')} {expiry}", self.tr(lang, "Replaced"),
                "Diafragma roto por sobrepresión.", self.local(datetime(2026, 3, 3, 14, 0), "America/Bogota", lang),
                self.user.name, "01:30", "Visita y prueba de presión", "Manguera de alta presión",
                self.tr(lang, "Used in the Repair"),
            ):
                self.assertIn(expected, text)
            self.assertClean(text)
        pdf = self.render_pdf_text(ANSWER, case, "es_CO")
        for expected in ("Regulador de presión", "01:30", "Manguera de alta presión", self.tr("es_CO", "Replaced")):
            self.assertIn(expected, pdf)
        self.assertClean(pdf)

    def test_answer_letter_of_an_open_case(self):
        case = self.demo("cq_pqrs_demo_11")
        self.assertIn(case.state, ("new", "analysis", "waiting"))
        self.assertFalse(case.date_answered)
        for lang in ("en_US", "es_CO"):
            case.partner_id.lang = lang
            not_answered = self.tr(lang, "This case has not been answered yet.")
            html, text = self.render_html(ANSWER, case, lang)
            self.assertIn(not_answered, text)
            self.assertIn(case.name, text)
            self.assertNotIn("/rate/", text)
            self.assertNotIn(self.tr(lang, "Sincerely,"), text)
            self.assertClean(text)
            pdf = self.render_pdf_text(ANSWER, case, lang)
            self.assertIn(not_answered, pdf)
            self.assertClean(pdf)

    def test_answer_letter_is_never_dated_before_the_filing(self):
        """Received on Sunday 23:48 in Bogotá (filed on Monday, the next business day) and answered at
        23:55 the same Sunday: the letter is dated on the filing date, not the day before."""
        case = self._case("2026-03-09 04:48:00", company=self.company_co)
        self.assertEqual(str(case.date_radicated), "2026-03-09")
        case.answer = "<p>Ya corregimos la factura.</p>"
        with freeze_time("2026-03-09 04:55:00"):
            case.action_send_answer()
        self.assertEqual(str(case._cq_letter_date()), "2026-03-09")
        html, _text = self.render_html(ANSWER, case, "en_US")
        letter_date = re.search(r'o_cq_pqrs_letter_date">(.*?)</p>', html, re.S).group(1)
        self.assertIn("03/09/2026", letter_date)
        self.assertNotIn("03/08/2026", letter_date)
        # answered days later: the day of the answer
        later = self._case("2026-03-09 15:00:00", company=self.company_co)
        later.answer = "<p>Respuesta.</p>"
        with freeze_time("2026-03-12 15:00:00"):
            later.action_send_answer()
        self.assertEqual(str(later._cq_letter_date()), "2026-03-12")

    def test_answer_letter_of_an_anonymous_case(self):
        case = self._anonymous_case()
        _html, text = self.render_html(ANSWER, case)
        self.assertIn("This case has not been answered yet.", text)
        self.assertClean(text)
        case.answer = "<p>Revisamos la entrega y la repetiremos el lunes.</p>"
        with freeze_time("2026-03-04 16:30:00"):
            case.action_send_answer()
        for lang, answered in (("en_US", "03/04/2026 10:30"), ("es_CO", "04-03-2026 10:30")):
            case.lang = lang
            _html, text = self.render_html(ANSWER, case, lang)
            self.assertIn(f"{self.tr(lang, 'Dear')} {self.tr(lang, 'Anonymous')},", text)
            self.assertIn("la repetiremos el lunes", text)
            self.assertIn(answered, text)
            self.assertNotIn("/rate/", text, "nobody to rate it")
            self.assertClean(text)
            pdf = self.render_pdf_text(ANSWER, case, lang)
            self.assertIn("la repetiremos el lunes", pdf)
            self.assertClean(pdf)

    def test_long_answer_wraps(self):
        word = "ABCDEFGHIJ" * 500
        subject = "Reclamo" + "X" * 300
        case = self._case("2026-03-02 14:00:00", subject=subject, partner_id=False, filer_name="Ana Pérez")
        case.answer = f"<p>{word}</p>"
        with freeze_time("2026-03-04 16:30:00"):
            case.action_send_answer()
        html, text = self.render_html(ANSWER, case)
        self.assertIn(word, text, "printed in full")
        self.assertIn(subject, text)
        answer_div = re.search(r"<div[^>]*o_cq_pqrs_answer_text[^>]*>", html).group(0)
        self.assertIn(WRAP, answer_div)
        self.assertNotRegex(html.split("o_cq_pqrs_answer", 1)[1], r"height:\s*\d", "no fixed height cuts the text")
        self.assertClean(text)
        pdf = squash(self.render_pdf_text(ANSWER, case))
        self.assertIn(word, pdf, "wrapped, not cut")
        self.assertIn(subject, pdf)
        ack = squash(self.render_pdf_text(ACK, case))
        self.assertIn(subject, ack)

    # ------------------------------------------------------------------
    # Emails
    # ------------------------------------------------------------------
    def _force_pdf(self):
        """Test mode renders reports in HTML unless forced (then the name ends
        in .html): the PDF when wkhtmltopdf is there."""
        rendering = bool(shutil.which("wkhtmltopdf"))
        return self.env["cq.pqrs"].with_context(force_report_rendering=rendering), "pdf" if rendering else "html"

    def test_acknowledgement_email_links_the_document(self):
        """The email carries the facts of the document and a link to it, not
        the file: the cron renders no PDF (see test_pqrs_acknowledgement)."""
        Pqrs, _extension = self._force_pdf()
        case = self._case("2026-03-02 14:00:00")
        Pqrs.search([("ack_pending", "=", True), ("id", "!=", case.id)]).ack_pending = False
        Report = type(self.env["ir.actions.report"])
        with patch.object(Report, "_render_qweb_pdf", side_effect=AssertionError("no PDF in the cron")):
            Pqrs._cron_send_acknowledgements()
        ack = case.message_ids.filtered(lambda m: case.name in (m.subject or "") and "received" in m.subject)
        self.assertEqual(len(ack), 1)
        self.assertFalse(ack.attachment_ids)
        self.assertTrue(ack.mail_ids, "emailed to the customer")
        self.assertFalse(ack.mail_ids.attachment_ids)
        self.assertIn(f"/my/pqrs/{case.id}/acknowledgement?access_token={case.access_token}", ack.body)
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", ack.body))
        for expected in (case.name, case.date_due.strftime(DATE_FORMATS["en_US"]), case.type_id.legal_basis):
            self.assertIn(expected, text)

    def test_answer_email_carries_the_letter(self):
        Pqrs, extension = self._force_pdf()
        case = self._case("2026-03-02 14:00:00")
        case.answer = "<p>Hemos corregido la factura.</p>"
        Pqrs.browse(case.id).action_send_answer()
        with self.without_report_assets():
            Pqrs._cron_send_answers()  # the job renders the letter and sends the email
        answer = case.message_ids.filtered(lambda m: "answer to" in (m.subject or ""))
        self.assertEqual(answer.author_id, self.env.user.partner_id, "written by the employee who answered")
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.attachment_ids.mapped("name"), [f"Answer {case.name}.{extension}"])
        if extension == "pdf":
            self.assertTrue(answer.attachment_ids.raw.startswith(b"%PDF"))
        self.assertEqual(answer.mail_ids.attachment_ids, answer.attachment_ids, "the email carries it")
        self.assertEqual(len(case.rating_ids), 1, "the letter and the email share the rating request")


@tagged("post_install", "-at_install")
class TestReportPqrsRegister(PqrsReportCase):
    """Register of the cases of a period: lines, totals, overdue cases."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_reg = cls._create_company("Registro Andino S.A.S.", "base.co", "America/Bogota")
        for user in (cls.env.user, cls.user):
            user.company_ids = [Command.link(cls.company_reg.id)]
        cls.Pqrs = cls.env["cq.pqrs"].with_company(cls.company_reg)
        make = cls._register_case
        cls.p1 = make("2026-03-02 14:00:00", cls.petition, "phone", answered="2026-03-10 15:00:00")
        cls.p2 = make("2026-03-03 14:00:00", cls.petition, "email", answered="2026-03-30 15:00:00")
        # action_send_answer() reads the business calendar from a week before
        # the answer only, so a late answer counts too few business days (5):
        # the register prints the stored facts, here as the law counts them
        cls.p2.response_days = 18
        cls.q1 = make("2026-03-04 14:00:00", cls.complaint, "phone", answered="2026-03-05 15:00:00")
        cls.q2 = make("2026-03-05 14:00:00", cls.complaint, "web_form")
        cls.p3 = make("2026-03-06 14:00:00", cls.petition, "phone")
        cls.p3._cq_cancel("Duplicado")
        cls.p4 = make("2026-03-30 14:00:00", cls.petition, "email")
        cls.before = make("2026-02-20 14:00:00", cls.petition, "phone")
        cls.march = {"date_from": "2026-03-01", "date_to": "2026-03-31"}
        cls.team_reg = cls.env["cq.pqrs.team"].create({"name": "Registro", "company_id": cls.company_reg.id})

    @classmethod
    def _register_case(cls, received, pqrs_type, channel, answered=None):
        case = cls.Pqrs.create({
            "subject": f"Caso {channel} {received[:10]}",
            "type_id": pqrs_type.id,
            "channel": channel,
            "filer_name": "Ana Pérez",
            "company_id": cls.company_reg.id,
            "user_id": cls.user.id,
            "date_received": received,
        })
        if answered:
            case.answer = "<p>Respuesta</p>"
            with freeze_time(answered):
                case.action_send_answer()
        return case

    def _data(self, **values):
        wizard = self.env["cq.pqrs.register.wizard"].create({"company_id": self.company_reg.id, **self.march, **values})
        return wizard, wizard._cq_report_data()

    def _render(self, lang="en_US", **values):
        wizard, data = self._data(**values)
        with freeze_time("2026-04-15 12:00:00"):
            return self.render_html(REGISTER, wizard, lang, data)

    def test_known_data(self):
        # the frozen facts the totals rest on
        self.assertEqual([self.p1.response_days, self.q1.response_days], [6, 1])
        self.assertEqual([self.p1.answered_on_time, self.p2.answered_on_time, self.q1.answered_on_time],
                         [True, False, True])
        self.assertEqual(self.q2.date_due, date(2026, 3, 27))

    def test_register_totals_and_lines(self):
        html, text = self._render()
        self.assertIn("PQRS Register", text)
        self.assertIn("Period: 03/01/2026 - 03/31/2026", text)
        # printed on 15 April: p4 (filed 30 March, due in April) is pending, left out of the RRT;
        # p2 (answered late) and q2 (open past its due date) are late: 2 on time of 4
        self.assertIn(
            "Cases filed 5 Cases answered 3 Answered on time 2 Late: answered after their term or open past it 2 "
            "Pending: open within their term (not in the RRT) 1 Timely response rate (RRT) 50.00 % "
            "Mean response time (business days) 8.33", text,
        )
        # columns: cases, answered, on time, pending, RRT, mean response
        self.assertIn("Petition 3 2 1 1 50.00 % 12.00", text)
        self.assertIn("Complaint 2 1 1 0 50.00 % 1.00", text)
        self.assertIn("Phone 2 2 2 0 100.00 % 3.50", text)
        self.assertIn("Email 2 1 0 1 0.00 % 18.00", text)
        self.assertIn("Web Form 1 0 0 0 0.00 %", text)
        lines = html.split("o_cq_register_lines", 1)[1].split("o_cq_register_overdue", 1)[0]
        for case in (self.p1, self.p2, self.q1, self.q2, self.p4):
            self.assertIn(case.name, lines)
        self.assertNotIn(self.p3.name, lines, "cancelled cases are left out")
        self.assertNotIn(self.before.name, html, "filed before the period")
        # a line: number, type, channel, received (Bogota), due, answered, days, first response (business
        # hours: the answer was the first word), on time, stage
        self.assertIn(
            f"{self.p1.name} Caso phone 2026-03-02 Petition Phone 03/02/2026 09:00 03/24/2026 03/10/2026 6 49.0 Yes "
            "Answered",
            text,
        )
        self.assertRegex(
            text, rf"{self.p2.name} Caso email 2026-03-03 Petition Email 03/03/2026 09:00 03/25/2026 03/30/2026 18 "
            r"[\d.]+ No",
        )
        # overdue at print time: q2 (due 27 March), not p4 (due in April), not a case of another period
        overdue = html.split("o_cq_register_overdue", 1)[1]
        self.assertIn(self.q2.name, overdue)
        self.assertNotIn(self.p4.name, overdue)
        self.assertNotIn(self.before.name, overdue)
        self.assertIn(f"{self.q2.name} Caso web_form 2026-03-05 Complaint {self.user.name} 03/27/2026 11", text)
        self.assertClean(text)

    def test_register_totals_match_the_indicator(self):
        _wizard, data = self._data()
        values = self.env["report.customer_quality.cq_pqrs_register_report"]._get_report_values([], data)
        Pqrs = self.env["cq.pqrs"]
        stats = Pqrs._cq_response_stats(Pqrs._cq_period_domain(date(2026, 3, 1), date(2026, 3, 31), self.company_reg))
        total = values["total"]
        self.assertEqual((total["count"], total["on_time"], total["answered"]), (5, 2, 3))
        self.assertEqual(
            (total["count"], total["on_time"], total["rrt"], total["response_days"]),
            (stats[None]["count"], stats[None]["on_time"], stats[None]["rrt"], stats[None]["response_days"]),
        )
        self.assertEqual([row["label"] for row in values["by_type"]], ["Petition", "Complaint"])
        self.assertEqual([row["label"] for row in values["by_channel"]], ["Web Form", "Email", "Phone"])

    def test_register_in_spanish(self):
        _html, text = self._render("es_CO")
        self.assertIn("01-03-2026 - 31-03-2026", text)
        self.assertIn("50,00 %", text)
        self.assertIn("8,33", text)
        self.assertIn("Petición 3 2 1 1 50,00 % 12,00", text)
        self.assertIn("Queja 2 1 1 0 50,00 % 1,00", text)
        self.assertIn("Teléfono 2 2 2 0 100,00 % 3,50", text)
        self.assertIn(f"{self.p1.name} Caso phone 2026-03-02 Petición Teléfono 02-03-2026 09:00 24-03-2026 10-03-2026 6",
                      text)
        self.assertClean(text)

    def test_register_pending_then_late(self):
        """The pending cases are reckoned when the register is printed: on 15
        April p4 is within its term (pending, out of the RRT), in May it is
        late."""
        self.assertTrue(datetime(2026, 4, 15, 12) < self.p4.date_deadline < datetime(2026, 5, 15), self.p4.date_deadline)
        def figures(html):
            return [re.search(rf'o_cq_register_total_{name}"[^>]*>([^<]*)<', html).group(1).strip()
                    for name in ("count", "late", "pending", "rrt")]

        self.assertEqual(figures(self._render()[0]), ["5", "2", "1", "50.00 %"])
        wizard, data = self._data()
        with freeze_time("2026-05-15 12:00:00"):
            html, _text = self.render_html(REGISTER, wizard, "en_US", data)
        self.assertEqual(figures(html), ["5", "3", "0", "40.00 %"])

    def test_register_layout(self):
        """The list of cases holds on A4 portrait: ten columns of fixed widths
        (the Ending column too, never one letter wide); its heading is printed
        in one unbreakable block with the column headings and the first
        cases; the totals' count columns are titled as counts."""
        html, text = self._render()
        cases_block = html.split('class="o_cq_register_cases"', 1)[1].split("</div>", 1)[0]
        self.assertIn("page-break-inside: avoid", html.split('class="o_cq_register_cases"', 1)[1][:80])
        self.assertIn("<h4>Cases</h4>", cases_block)
        self.assertIn("<thead>", cases_block)
        self.assertIn(self.p1.name, cases_block, "the first case is printed with the heading")
        tables = re.findall(r'<table[^>]*o_cq_register_lines.*?</table>', html, re.S)
        self.assertEqual(len(tables), 2, "the first cases with the heading, then the others")
        self.assertIn(self.p1.name, tables[0])
        self.assertIn(self.p4.name, tables[1])
        for table in tables:
            widths = [float(w) for w in re.findall(r'<col style="width: ([\d.]+)%;"/>', table)]
            self.assertEqual(len(widths), 11, "a width for each column, the First Response and Ending ones included")
            self.assertEqual(sum(widths), 100)
            self.assertGreaterEqual(widths[-1], 10, "the Ending column holds a word")
        self.assertIn(
            "Type Cases Answered (cases) On time (cases) Pending (cases) RRT Mean Response (business days)", text
        )
        for lang in ("en_US", "es_CO"):
            html, _text = self._render(lang)
            for term in ("Cases", "Number / Subject", "Business Days", "Ending", "Open Cases Past Their Due Date"):
                self.assertIn(self.tr(lang, term), html, "the headings in the reader's language")

    def test_register_pdf(self):
        for lang, expected in (("en_US", ["40.00", "Petition", "03/24/2026"]), ("es_CO", ["40,00", "Petición", "24-03-2026"])):
            wizard, data = self._data()
            text = self.render_pdf_text(REGISTER, wizard, lang, data)
            for value in expected + [self.p1.name, self.q2.name]:
                self.assertIn(value, text)
            self.assertClean(text)

    def test_register_filters(self):
        html, text = self._render(type_ids=[Command.set(self.complaint.ids)])
        self.assertIn("Cases filed 2 ", text)
        self.assertIn("Types : Complaint", text)
        self.assertNotIn(self.p1.name, html)
        self.assertIn(self.q1.name, html)
        html, text = self._render(state="open")
        lines = html.split("o_cq_register_lines", 1)[1].split("o_cq_register_overdue", 1)[0]
        self.assertEqual(sorted(re.findall(r"[PQ]-2026-\d{5}", lines)), sorted([self.q2.name, self.p4.name]))
        self.assertIn("Status : Open", text)
        html, text = self._render(channel="phone")
        self.assertIn("Cases filed 2 Cases answered 2 Answered on time 2 Late: answered after their term or open past it 0 "
                      "Pending: open within their term (not in the RRT) 0 Timely response rate (RRT) 100.00 %", text)
        html, text = self._render(include_cancelled=True)
        self.assertIn(self.p3.name, html)
        self.assertIn("Cases filed 5 ", text, "cancelled cases are listed, not counted")
        self.assertIn("Cancelled (not counted above) 1", text)
        html, text = self._render(team_ids=[Command.set(self.team_reg.ids)])
        self.assertIn("No cases were filed in this period.", text)
        self.assertClean(text)

    def test_empty_register(self):
        for lang in ("en_US", "es_CO"):
            html, text = self._render(lang, date_from="2025-01-01", date_to="2025-01-31")
            self.assertIn(self.tr(lang, "No cases were filed in this period."), text)
            self.assertNotIn("o_cq_register_lines", html)
            self.assertNotIn("o_cq_register_totals", html)
            self.assertNotIn("<table", html.split("o_cq_pqrs_register", 1)[1], "no empty table")
            self.assertIn("01-01-2025" if lang == "es_CO" else "01/01/2025", text)
            self.assertClean(text)
        wizard, data = self._data(date_from="2025-01-01", date_to="2025-01-31")
        text = self.render_pdf_text(REGISTER, wizard, "en_US", data)
        self.assertIn("No cases were filed in this period.", text)
        self.assertClean(text)

    def test_wizard_prints_with_its_values(self):
        wizard = self.env["cq.pqrs.register.wizard"].with_user(self.user).create(
            {"company_id": self.company_reg.id, **self.march, "channel": "email", "state": "answered"}
        )
        data = wizard._cq_report_data()
        action = wizard.action_print()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "customer_quality.cq_pqrs_register_report")
        self.assertEqual(action["data"], data)
        self.assertEqual(data["channel"], "email")
        # printed from the wizard record alone (no data)
        with freeze_time("2026-04-15 12:00:00"):
            _html, text = self.render_html(REGISTER, wizard.with_user(self.user))
        self.assertIn("Cases filed 1 Cases answered 1 Answered on time 0", text)
        with self.assertRaises(ValidationError):
            self._data(date_from="2026-04-01", date_to="2026-03-01")

    def test_register_query_count_does_not_grow(self):
        """The same number of queries for 5 and for 60 cases."""
        company = self._create_company("Conteo S.A.S.", "base.co", "America/Bogota")
        for user in (self.env.user, self.user):
            user.company_ids = [Command.link(company.id)]
        Pqrs = self.env["cq.pqrs"].with_company(company)
        types = self.petition | self.complaint | self.information
        channels = ["phone", "email", "web_form", "portal"]

        def make(month, count):
            cases = Pqrs.create([{
                "subject": f"Conteo {month}-{i}",
                "type_id": types[i % 3].id,
                "channel": channels[i % 4],
                "company_id": company.id,
                "user_id": self.user.id,
                "date_received": datetime(2026, month, 2 + i % 20, 14, 0),
            } for i in range(count)])
            answered = cases[::2]
            answered.answer = "<p>Respuesta</p>"
            with freeze_time(f"2026-0{month + 1}-25 15:00:00"):
                answered.action_send_answer()
            return cases

        make(1, 5)
        make(2, 60)
        report = self.env.ref(REGISTER).with_user(self.user).with_context(lang="en_US")
        small = {**self._data()[1], "company_id": company.id, "date_from": "2026-01-01", "date_to": "2026-01-31"}
        large = {**small, "date_from": "2026-02-01", "date_to": "2026-02-28"}

        def queries(data):
            self.env.invalidate_all()
            self.env.flush_all()
            with patch("random.random", lambda: 1):  # as assertQueryCount: no random garbage collection
                count0 = self.cr.sql_log_count
                html, _type = report._render_qweb_html(report.report_name, [], data=data)
                return self.cr.sql_log_count - count0, html.decode()

        with freeze_time("2026-04-15 12:00:00"):
            queries(small)  # compiles the templates, loads the year's holidays
            small_count, small_html = queries(small)
            large_count, large_html = queries(large)
            for data in (small, large):
                self.env.invalidate_all()
                with self.assertQueryCount(QUERIES):
                    report._render_qweb_html(report.report_name, [], data=data)
        self.assertEqual(small_html.count("Conteo 1-"), 5 + 2)  # lines, and the 2 open ones overdue
        self.assertEqual(large_html.count("Conteo 2-"), 60 + 30)
        self.assertEqual(small_count, large_count)
        self.assertEqual(large_count, QUERIES)
