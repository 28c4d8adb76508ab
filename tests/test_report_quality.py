import re
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import format_date

from odoo.addons.mail.tests.common import mail_new_test_user

from .common_report import ReportCase

CAMPAIGN_REPORT = "customer_quality.cq_survey_campaign_report_action"
INDICATOR_REPORT = "customer_quality.cq_indicator_report_action"
LONG_TITLE = "Revisar la programación de despachos con la transportadora " * 6


@tagged("post_install", "-at_install")
class TestReportQuality(ReportCase):
    """Satisfaction report per campaign and indicator report of a period."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.satisfaction = cls.env.ref("customer_quality.cq_survey_campaign_demo_satisfaction")
        cls.post_sale = cls.env.ref("customer_quality.cq_survey_campaign_demo_post_sale")
        # a campaign without answers nor optional data (no responsible, no deadline)
        cls.empty_campaign = cls.env["cq.survey.campaign"].create(
            {
                "name": "Campaña sin respuestas",
                "survey_id": cls.env.ref("customer_quality.survey_cq_satisfaction").id,
                "date_from": date(2026, 7, 1),
                "date_to": date(2026, 9, 30),
                "target": "manual",
                "user_id": False,
            }
        )
        cls.quality_user = mail_new_test_user(
            cls.env,
            login="cq_report_quality_user",
            name="Ulises Calidad",
            groups="base.group_user,customer_quality.group_cq_user",
        )
        # a company with known indicators and measures of the third quarter of 2026
        cls.company_q = cls.env["res.company"].create({"name": "Indicadores Conocidos S.A.S."})
        cls.reviewer = mail_new_test_user(
            cls.env,
            login="cq_report_reviewer",
            name="Rita Revisora",
            groups="base.group_user,customer_quality.group_cq_manager",
        )
        Indicator = cls.env["cq.indicator"]
        values = {"company_id": cls.company_q.id, "user_id": False, "date_start": date(2026, 1, 1)}
        cls.ind_cct = Indicator.create(
            {**values, "code": "KCCT", "name": "Contratos conocidos", "formula": "cct", "sequence": 1,
             "process": "customer_management", "frequency": "quarterly", "target": 90, "tolerance": 5}
        )
        cls.ind_sc = Indicator.create(
            {**values, "code": "KSC", "name": "Satisfacción conocida", "formula": "sc", "sequence": 2,
             "process": "customer_management", "frequency": "quarterly", "target": 85}
        )
        cls.ind_i1 = Indicator.create(
            {**values, "code": "KI1", "name": "Prospectos conocidos", "formula": "i1", "sequence": 3,
             "process": "customers", "frequency": "monthly", "target": 3}
        )
        cls.ind_i6 = Indicator.create(
            {**values, "code": "KI6", "name": "Semestre conocido", "formula": "i6", "sequence": 4,
             "process": "customers", "frequency": "semester", "target": 85}
        )
        Indicator.create(
            {**values, "code": "KOLD", "name": "Indicador archivado", "formula": "i3", "sequence": 5,
             "process": "customers", "frequency": "quarterly", "target": 80, "active": False}
        )
        Measure = cls.env["cq.indicator.measure"]

        def measure(indicator, date_from, date_to, value, status, numerator=0.0, denominator=0.0, **extra):
            return Measure.create(
                {
                    "indicator_id": indicator.id,
                    "date_from": date_from,
                    "date_to": date_to,
                    "value": value or 0.0,
                    "has_data": value is not None,
                    "numerator": numerator,
                    "denominator": denominator,
                    "target": indicator.target,
                    "tolerance": indicator.tolerance,
                    "direction": indicator.direction,
                    "status": status,
                    **extra,
                }
            )

        measure(cls.ind_cct, date(2026, 1, 1), date(2026, 3, 31), 70.0, "out_of_range", 7, 10)
        measure(cls.ind_cct, date(2026, 4, 1), date(2026, 6, 30), 95.0, "in_range", 19, 20)
        cls.cct_q3 = measure(
            cls.ind_cct, date(2026, 7, 1), date(2026, 9, 30), 85.5, "warning", 171, 200,
            analysis="<p>Entregas retrasadas por la transportadora en septiembre.</p>",
            reviewed_by_id=cls.reviewer.id,
            date_reviewed=date(2026, 10, 5),
        )
        measure(cls.ind_sc, date(2026, 7, 1), date(2026, 9, 30), None, "no_data")
        for month, value in ((7, 2.0), (8, 4.0), (9, 6.0)):
            measure(cls.ind_i1, date(2026, month, 1), date(2026, month, 28), value,
                    "in_range" if value >= 3 else "out_of_range", value)
        # a semester measure does not fall inside the quarter: not measured
        measure(cls.ind_i6, date(2026, 1, 1), date(2026, 6, 30), 90.0, "in_range", 9, 10)
        cls.plan = cls.env["cq.action.plan"].create(
            {
                "title": LONG_TITLE,
                "origin": "measure",
                "measure_id": cls.cct_q3.id,
                "company_id": cls.company_q.id,
                "user_id": False,
            }
        )
        cls.wizard_q = cls._wizard(cls.company_q, date(2026, 7, 1), date(2026, 9, 30))

    @classmethod
    def _wizard(cls, company, date_from, date_to, periods=6):
        return cls.env["cq.indicator.report.wizard"].create(
            {"company_id": company.id, "date_from": date_from, "date_to": date_to, "trend_periods": periods}
        )

    def assertPdfShows(self, pdf_text, html, *figures):
        """The PDF draws the charts of the HTML and shows the figures."""
        squash = lambda text: re.sub(r"\s+", "", text)  # noqa: E731
        charts = re.findall(r"<svg.*?</svg>", html, re.S)
        self.assertTrue(charts)
        for chart in charts:
            self.assertIn(squash(" ".join(re.findall(r"<text[^>]*>([^<]*)</text>", chart))), squash(pdf_text))
        for figure in figures:
            self.assertIn(figure, pdf_text)

    def _in(self, text, *parts):
        for part in parts:
            self.assertIn(part, text)

    # ------------------------------------------------------------------
    # satisfaction report per campaign
    # ------------------------------------------------------------------
    def test_campaign_report_html_en(self):
        html, text = self.render_html(CAMPAIGN_REPORT, self.satisfaction, "en_US")
        self.assertClean(text)
        self.assertEqual(html.count("<svg"), 5, "one bar chart per CSAT and NPS question")
        self._in(
            text,
            "Satisfaction Report",
            self.satisfaction.name,
            "Customer Satisfaction Survey",
            format_date(self.env(context={"lang": "en_US"}), self.satisfaction.date_from),  # 07/01/2026
            "Customer Satisfaction",  # kind
            "SC (satisfied customers)",
            # invited, answered, response rate, CSAT, NPS, SC
            "12 9 75.0 % 3.83 33.3 66.7 %",
            # overall satisfaction: counts per value 1..5 and the mean
            "How satisfied are you overall with our products and services?",
            "Answer 1 2 3 4 5 Customers 1 1 1 3 3 Mean: 3.67 ( 9 answers)",
            # requirements: nobody answered 1
            "Answer 1 2 3 4 5 Customers 0 1 1 1 6 Mean: 4.33",
            # NPS question, 0..10
            "Answer 0 1 2 3 4 5 6 7 8 9 10 Customers 0 0 1 0 1 0 0 1 1 3 2 Mean: 7.56",
            # verbatim comments with the customer's name
            self.env.ref("customer_quality.res_partner_demo_11").complete_name,
            "No respondieron mi reclamo a tiempo.",
            "Excelente acompañamiento del asesor.",
        )
        self.assertNotIn("No answers yet.", text)

    def test_campaign_report_html_post_sale_and_es(self):
        html, text = self.render_html(CAMPAIGN_REPORT, self.post_sale, "en_US")
        self.assertClean(text)
        self._in(
            text,
            "ISC (post-sale satisfaction)",
            "6 5 83.3 % 4.40 40.0 80.0 %",
            "Answer 1 2 3 4 5 Customers 0 0 0 1 4 Mean: 4.80",
            "La solución tardó más de lo prometido.",
        )
        self.assertNotIn("SC (satisfied customers)", text)
        self.assertIn("white-space: pre-wrap", html)
        es = self.env(context={"lang": "es_CO"})
        html, text = self.render_html(CAMPAIGN_REPORT, self.satisfaction | self.post_sale, "es_CO")
        self.assertClean(text)
        self.assertEqual(html.count("<svg"), 9)
        self._in(
            text,
            # dates, numbers and selections in Spanish
            f"{format_date(es, self.satisfaction.date_from)} - {format_date(es, self.satisfaction.date_to)}",
            "12 9 75,0 % 3,83 33,3 66,7 %",
            "6 5 83,3 % 4,40 40,0 80,0 %",
            f"{self.tr_text('es_CO', '<strong>Mean:</strong>')} 3,67",
            "Satisfacción del cliente",
            "Satisfacción postventa",
            "Cerrada",  # the demo's campaigns of the last quarter are closed
        )
        self.assertEqual(format_date(es, date(2026, 7, 1)), "01-07-2026")

    def test_campaign_report_no_answers(self):
        html, text = self.render_html(CAMPAIGN_REPORT, self.empty_campaign, "en_US")
        self.assertClean(text)
        self.assertIn("No answers yet.", text)
        self.assertNotIn("<svg", html)
        self.assertNotIn("Answers per question", text)
        self.assertIn("0 0 0.0 % - - -", text)
        self.assertNotIn("Responsible:", text)
        _html, text = self.render_html(CAMPAIGN_REPORT, self.empty_campaign, "es_CO")
        self.assertClean(text)
        self._in(text, self.tr("es_CO", "No answers yet."), "01-07-2026 - 30-09-2026", "0 0 0,0 %", "Borrador")

    def test_campaign_report_as_quality_user(self):
        """A quality user (not a survey manager) prints the answers' figures."""
        report = self.env.ref(CAMPAIGN_REPORT).with_user(self.quality_user).with_context(lang="en_US")
        html, _type = report._render_qweb_html(CAMPAIGN_REPORT, self.satisfaction.ids)
        text = " ".join(re.sub(r"<[^>]+>", " ", html.decode()).split())
        self.assertClean(text)
        self._in(text, "12 9 75.0 % 3.83 33.3 66.7 %", "Customers 1 1 1 3 3", "No respondieron mi reclamo a tiempo.")
        self.assertEqual(html.decode().count("<svg"), 5)

    def test_campaign_report_pdf(self):
        for lang, figures in (
            ("en_US", ("Satisfaction Report", "75.0 %", "3.83", "66.7 %", "No respondieron mi reclamo a tiempo.")),
            ("es_CO", ("75,0 %", "3,83", "33,3", "Satisfacción del cliente", "01-07-2026")),
        ):
            text = self.render_pdf_text(CAMPAIGN_REPORT, self.satisfaction, lang)
            self.assertClean(text)
            html, _text = self.render_html(CAMPAIGN_REPORT, self.satisfaction, lang)
            self.assertPdfShows(text, html, *figures)
            # the bars of the overall satisfaction: count on top, value below
            self.assertIn("1 1 1 2 1 3 3 4 3 5", text)
        # one campaign a PDF: the Debian wkhtmltopdf build fails on several
        # documents at once (with any report, sale orders too)
        text = self.render_pdf_text(CAMPAIGN_REPORT, self.post_sale, "es_CO")
        self.assertClean(text)
        html, _text = self.render_html(CAMPAIGN_REPORT, self.post_sale, "es_CO")
        self.assertPdfShows(text, html, "83,3 %", "4,40", "Satisfacción postventa")
        self.assertIn("0 1 0 2 1 3 2 4 2 5", text)
        text = self.render_pdf_text(CAMPAIGN_REPORT, self.empty_campaign, "es_CO")
        self.assertClean(text)
        self.assertIn(self.tr("es_CO", "Satisfaction Report"), text)
        self.assertIn(self.tr("es_CO", "No answers yet."), text)

    # ------------------------------------------------------------------
    # indicator report of a period
    # ------------------------------------------------------------------
    def test_indicator_wizard(self):
        with freeze_time("2026-11-23 12:00:00"):
            wizard = self.env["cq.indicator.report.wizard"].create({})
            self.assertEqual((wizard.date_from, wizard.date_to), (date(2026, 7, 1), date(2026, 9, 30)))
            self.assertEqual((wizard.trend_periods, wizard.company_id), (6, self.env.company))
        with freeze_time("2026-01-15 12:00:00"):
            wizard = self.env["cq.indicator.report.wizard"].with_user(self.quality_user).create({})
            self.assertEqual((wizard.date_from, wizard.date_to), (date(2025, 10, 1), date(2025, 12, 31)))
        action = wizard.action_print()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "customer_quality.cq_indicator_report")
        self.assertEqual(action["context"]["active_ids"], wizard.ids)
        with self.assertRaises(ValidationError):
            self._wizard(self.company_q, date(2026, 9, 30), date(2026, 7, 1))
        with self.assertRaises(ValidationError):
            self._wizard(self.company_q, date(2026, 7, 1), date(2026, 9, 30), periods=0)

    def test_indicator_report_html_known_company(self):
        html, text = self.render_html(INDICATOR_REPORT, self.wizard_q, "en_US")
        self.assertClean(text)
        self._in(
            text,
            "Indicator Report",
            "07/01/2026 - 09/30/2026",
            "Indicadores Conocidos S.A.S.",
            "Customer Management",
            # measure of the quarter: value, frozen target, status, numerator / denominator
            "KCCT - Contratos conocidos",
            "2026-Q3 85.50 % 90.00 % Warning 171.00 / 200.00",
            "Entregas retrasadas por la transportadora en septiembre.",
            "Reviewed by Rita Revisora on 10/05/2026",
            # its action plan
            self.plan.name,
            "Revisar la programación de despachos con la transportadora",
            "Draft",
            # no data
            "KSC - Satisfacción conocida",
            "2026-Q3 No data 85.00 % No Data -",
            # a monthly indicator: three measures in the quarter
            "2026-07 2.00 3.00 Out of Range 2.00",
            "2026-08 4.00 3.00 In Range 4.00",
            "2026-09 6.00 3.00 In Range 6.00",
            # trend of the last measures
            "last 3 measures",
            "2026-Q1 2026-Q2 2026-Q3",
        )
        # the semester indicator has no measure inside the quarter
        i6_part = text[text.index("KI6 - Semestre conocido"):]
        self.assertIn("Not measured", i6_part)
        self.assertEqual(text.count("Not measured"), 1)
        self.assertNotIn("Indicador archivado", text)
        self.assertLess(text.index("KCCT"), text.index("KSC"))
        self.assertLess(text.index("Customer Management"), text.index("Customers KI1"))
        # a trend chart per indicator with measures, with its dashed target line
        self.assertEqual(html.count("<svg"), 4)
        self.assertIn('stroke-dasharray="4,3"', html)
        self.assertIn("white-space: pre-wrap", html)

    def test_indicator_report_html_es(self):
        html, text = self.render_html(INDICATOR_REPORT, self.wizard_q, "es_CO")
        self.assertClean(text)
        self._in(
            text,
            "01-07-2026 - 30-09-2026",
            "Gestión del cliente",
            "2026-Q3 85,50 % 90,00 % Alerta 171,00 / 200,00",
            "2026-Q3 Sin datos 85,00 % Sin datos -",
            "2026-08 4,00 3,00 En rango 4,00",
            "05-10-2026",
            "Trimestral",
            "Borrador",
            self.tr_text("es_CO", "<strong>Not measured</strong> in this period."),
        )

    def test_indicator_report_trend_length(self):
        wizard = self._wizard(self.company_q, date(2026, 7, 1), date(2026, 9, 30), periods=2)
        html, text = self.render_html(INDICATOR_REPORT, wizard, "en_US")
        self.assertIn("last 2 measures", text)
        self.assertNotIn("2026-Q1", text)
        self.assertIn("2026-Q2 2026-Q3", text)

    def test_indicator_report_demo_period(self):
        """The demo measures of the last closed quarter (computed at install)."""
        cct = self.env.ref("customer_quality.cq_indicator_cct")
        last = self.env["cq.indicator.measure"].search([("indicator_id", "=", cct.id)], order="date_from desc", limit=1)
        self.assertTrue(last, "the demo indicators are measured at install")
        wizard = self._wizard(self.env.company, last.date_from, last.date_to)
        for lang, separator, no_data in (("en_US", ".", "No data"), ("es_CO", ",", "Sin datos")):
            html, text = self.render_html(INDICATOR_REPORT, wizard, lang)
            self.assertClean(text)
            value = f"{last.value:.2f} %".replace(".", separator) if last.has_data else no_data
            target = f"{last.target:.2f} %".replace(".", separator)
            self.assertIn(f"{last.period} {value} {target}", text)
            self.assertIn("<svg", html)
            # the semester indicator I6 has no measure inside a quarter
            self.assertIn(self.tr_text(lang, "<strong>Not measured</strong> in this period."), text)
            if lang == "es_CO":
                self.assertIn("Contratos cumplidos en tiempo y forma", text)
                self.assertNotIn(" In Range ", text)
            else:
                self.assertIn("Contracts fulfilled on time and in form", text)

    def test_indicator_report_empty_company(self):
        company = self.env["res.company"].create({"name": "Empresa Sin Indicadores"})
        wizard = self._wizard(company, date(2026, 7, 1), date(2026, 9, 30))
        for lang in ("en_US", "es_CO"):
            html, text = self.render_html(INDICATOR_REPORT, wizard, lang)
            self.assertClean(text)
            self.assertIn(self.tr(lang, "No indicators are defined."), text)
            self.assertNotIn("<svg", html)

    def test_indicator_report_constant_queries(self):
        """The measures and the plans are read in a constant number of queries."""
        Report = self.env["report.customer_quality.cq_indicator_report"]
        small_company = self.env["res.company"].create({"name": "Un Indicador"})
        indicator = self.env["cq.indicator"].create(
            {"company_id": small_company.id, "code": "U1", "name": "Único", "formula": "cct",
             "target": 90, "date_start": date(2026, 1, 1)}
        )
        measure = self.env["cq.indicator.measure"].create(
            {"indicator_id": indicator.id, "date_from": date(2026, 7, 1), "date_to": date(2026, 9, 30),
             "value": 50, "has_data": True, "target": 90, "status": "out_of_range",
             "reviewed_by_id": self.reviewer.id}
        )
        self.env["cq.action.plan"].create(
            {"title": "Plan único", "measure_id": measure.id, "company_id": small_company.id, "user_id": False}
        )
        small = self._wizard(small_company, date(2026, 7, 1), date(2026, 9, 30))

        def count(wizard):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            sections = Report._get_sections(wizard)
            for _process, rows in sections:
                for row in rows:
                    row["measures"].mapped("reviewed_by_id.name")
                    row["plans"].mapped("state")
            return self.cr.sql_log_count - before

        count(small)  # warm the caches (rules, translations)
        count(self.wizard_q)
        self.assertEqual(count(small), count(self.wizard_q))

    def test_indicator_report_pdf(self):
        for lang, figures in (
            ("en_US", ("Indicator Report", "85.50 %", "90.00 %", "Warning", "Not measured", "No data")),
            ("es_CO", ("85,50 %", "90,00 %", "Alerta", "Sin datos", "01-07-2026")),
        ):
            text = self.render_pdf_text(INDICATOR_REPORT, self.wizard_q, lang)
            self.assertClean(text)
            html, _text = self.render_html(INDICATOR_REPORT, self.wizard_q, lang)
            self.assertPdfShows(text, html, *figures)
            self.assertIn("2026-Q1 2026-Q2 2026-Q3", text)
            self.assertIn("2026-07 2026-08 2026-09", text)
        # the scale of the monthly indicator (6 * 1.1) is written in the language
        self.assertIn("6,6", text)
