import re
from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common_report import ReportCase


CHECKLIST = "customer_quality.cq_contract_checklist_report_action"
YEAR = "customer_quality.cq_contract_checklist_year_report_action"
REVIEW = "customer_quality.cq_contract_review_report_action"


@tagged("post_install", "-at_install")
class TestReportContract(ReportCase):
    """Contract compliance checklist (one contract, a year) and the yearly review."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.en = cls.env["res.lang"]._lang_get("en_US")
        cls.es = cls.env["res.lang"]._lang_get("es_CO")
        # demo: 3 obligations, one fulfilled, one not in form, one late
        cls.contract = cls.env.ref("customer_quality.cq_contract_demo_04")
        cls.contract.partner_id.lang = "en_US"

        # a company of its own: the facts of 2024 do not depend on the demo
        cls.company_b = cls.env["res.company"].create(
            {"name": "Gases del Llano S.A.S.", "currency_id": cls.env.company.currency_id.id}
        )
        Partner = cls.env["res.partner"]
        cls.customer_b = Partner.create({"name": "Molinos del Meta S.A.S.", "is_company": True})
        cls.other_b = Partner.create({"name": "Arrocera La Esperanza", "is_company": True})
        cls.c1 = cls._contract("CTB-2024-001", "Suministro de oxígeno 2024", cls.customer_b, "2024-02-01",
                               "2025-01-31", 1000.0, "active", [
            {"name": "Entrega de febrero", "date_due": "2024-03-01", "date_delivered": "2024-02-28",
             "in_form": "yes"},
            {"name": "Informe de junio", "date_due": "2024-06-01", "date_delivered": "2024-06-05",
             "in_form": "yes"},
            {"name": "Cierre de enero", "date_due": "2025-01-15", "date_delivered": "2025-01-10",
             "in_form": "yes"},
        ])
        cls.c2 = cls._contract("CTB-2023-001", "Mantenimiento 2023", cls.other_b, "2023-01-01", "2023-12-31",
                               700.0, "closed", [
            {"name": "Visita de 2023", "date_due": "2023-06-01", "date_delivered": "2023-06-01", "in_form": "yes"},
        ])
        cls.c3 = cls._contract("CTB-2024-002", "Alquiler de cilindros 2024", cls.other_b, "2024-05-01", False,
                               500.0, "active", [
            {"name": "Visita de julio", "date_due": "2024-07-01", "date_delivered": "2024-07-01", "in_form": "yes"},
        ])
        cls.c4 = cls._contract("CTB-2024-003", "Borrador sin firmar", cls.customer_b, "2024-03-01", False,
                               900.0, "draft", [])
        cls.c5 = cls._contract("CTB-2024-004", "Contrato cancelado", cls.customer_b, "2024-03-01", False,
                               800.0, "cancelled", [])

    @classmethod
    def _contract(cls, name, title, partner, start, end, amount, state, obligations):
        contract = cls.env["cq.contract"].create({
            "name": name,
            "title": title,
            "partner_id": partner.id,
            "company_id": cls.company_b.id,
            "user_id": False,
            "date_start": start,
            "date_end": end,
            "amount": amount,
            "obligation_ids": [Command.create(values) for values in obligations],
        })
        contract.state = state
        return contract

    def _year_wizard(self, year, company=None, partner=None):
        return self.env["cq.contract.checklist.wizard"].create({
            "year": year,
            "company_id": (company or self.company_b).id,
            "partner_id": partner.id if partner else False,
        })

    @staticmethod
    def _money(lang, amount):
        return lang.format("%.2f", amount, grouping=True)

    @staticmethod
    def _day(lang, day):
        return day.strftime(lang.date_format)

    # ------------------------------------------------------------------
    # one contract
    # ------------------------------------------------------------------
    def _assert_checklist_facts(self, text, lang):
        contract = self.contract
        for value in (contract.name, contract.title, contract.partner_id.name, contract.user_id.name,
                      "Entrega mensual 1", "Informe de calidad 2", "Visita técnica 3",
                      "Se entregaron 8 de los 10 cilindros acordados."):
            self.assertIn(value, text)
        for amount in (contract.amount, contract.amount_invoiced, contract.amount_paid, contract.amount_to_invoice):
            self.assertIn(self._money(lang, amount), text)
        self.assertIn(self._money(lang, 60000), text)
        self.assertIn(self._day(lang, contract.date_start), text)
        for obligation in contract.obligation_ids:
            self.assertIn(self._day(lang, obligation.date_due), text)
        # 3 obligations due, 1 fulfilled on time and in form
        self.assertRegex(text, re.escape(self.tr(lang, "Obligations due up to")) + r" \S+ 3 ")
        self.assertIn(self.tr(lang, "Fulfilled on time and in the agreed form") + " 1 ", text)
        self.assertIn(lang.format("%.1f", 100.0 / 3, grouping=True) + " %", text)
        self.assertIn(self.tr(lang, "No yearly reviews yet."), text)
        self.assertClean(text)

    def test_checklist_html_english(self):
        self.assertEqual(self.contract.amount_invoiced, 10500.0)  # 2 x 1,500 + 3 x 2,500, no tax on the product
        html, text = self.render_html(CHECKLIST, self.contract, "en_US")
        self._assert_checklist_facts(text, self.en)
        self.assertIn("Contract Compliance Checklist", text)
        self.assertIn("Status: Active", text)
        self.assertIn("Fulfilled", text)
        self.assertIn("Delivered", text)
        self.assertIn("60,000.00", text)

    def test_checklist_html_customer_language(self):
        """Printed in the customer's language, whatever the user's."""
        self.contract.partner_id.lang = "es_CO"
        html, text = self.render_html(CHECKLIST, self.contract, "en_US")
        self._assert_checklist_facts(text, self.es)
        status = "<br/> <strong>Status:</strong>"
        self.assertIn(f"{self.tr_text(self.es, status)} Activo", text)  # state labels are translated in es.po
        self.assertIn("Cumplida", text)
        self.assertIn("Entregada", text)
        self.assertIn("60.000,00", text)
        self.assertNotIn("60,000.00", text)
        self.assertIn(self.contract.date_start.strftime("%d-%m-%Y"), text)
        # several contracts at once: each in its own customer's language
        html, text = self.render_html(CHECKLIST, self.contract | self.c1, "en_US")
        self.assertIn(f"{self.tr_text(self.es, status)} Activo", text)
        self.assertIn(f"{self.tr_text(self.en, status)} Active", text)
        self.assertIn("1,000.00", text)  # c1, in English
        self.assertIn("60.000,00", text)  # the demo contract, in Spanish

    def test_checklist_pdf(self):
        for lang_code, lang, amount in (("en_US", self.en, "60,000.00"), ("es_CO", self.es, "60.000,00")):
            self.contract.partner_id.lang = lang_code
            text = self.render_pdf_text(CHECKLIST, self.contract, lang_code)
            self.assertIn(self.contract.name, text)
            self.assertIn("Entrega mensual 1", text)
            self.assertIn("Visita técnica 3", text)
            self.assertIn(amount, text)
            self.assertIn(self._money(lang, self.contract.amount_invoiced), text)
            self.assertIn(self._day(lang, self.contract.date_start), text)
            self.assertClean(text)

    def test_checklist_missing_data(self):
        partner = self.env["res.partner"].create({"name": "Cliente sin datos", "lang": False})
        contract = self.env["cq.contract"].create({
            "title": "Contrato sin datos", "partner_id": partner.id, "user_id": False, "date_start": "2025-03-01",
        })
        html, text = self.render_html(CHECKLIST, contract, "en_US")
        self.assertClean(text)
        self.assertIn("Contrato sin datos", text)
        self.assertIn("Responsible: —", text)
        self.assertIn("End Date: —", text)
        self.assertIn("No obligations recorded.", text)
        self.assertIn("No obligation due yet", text)
        self.assertIn("No yearly reviews yet.", text)
        text = self.render_pdf_text(CHECKLIST, contract, "es_CO")
        self.assertIn("Contrato sin datos", text)
        self.assertIn(self.tr("es_CO", "No obligations recorded."), text)
        self.assertClean(text)

    def test_checklist_reviews_and_long_text(self):
        conclusion = " ".join(f"Conclusión número {n} de la revisión anual del contrato." for n in range(60))
        self.assertGreater(len(conclusion), 3000)
        review = self.env["cq.contract.review"]._create_reviews([(self.c1, date(2025, 2, 1))])
        review.write({"conclusion": conclusion, "requirements_met": "yes"})
        html, text = self.render_html(CHECKLIST, self.c1, "en_US")
        self.assertIn(conclusion, html)
        self.assertIn("02/01/2025", text)  # anniversary
        self.assertIn("To Review", text)
        # the review counted the obligations due in its period: 3 due, 2 fulfilled
        self.assertIn(" 2 / 3 ", text)
        self.assertClean(text)

        # the yearly review record itself, in the customer's language
        self.c1.partner_id.lang = "es_CO"
        html, text = self.render_html(REVIEW, review, "en_US")
        self.assertIn("Revisión de cumplimiento del contrato", text)
        self.assertIn(conclusion, html)
        self.assertIn("01-02-2024", text)  # period start, dd-mm-yyyy
        self.assertClean(text)
        text = self.render_pdf_text(REVIEW, review, "en_US")
        self.assertIn("Revisión de cumplimiento del contrato", text)
        self.assertClean(text)

    def test_review_report_missing_data(self):
        """A review just created by the cron: no answers, no reviewer, no conclusion."""
        review = self.env["cq.contract.review"]._create_reviews([(self.c3, date(2025, 5, 1))])
        for lang in ("en_US", "es_CO"):
            html, text = self.render_html(REVIEW, review, lang)
            self.assertClean(text)
        self.assertIn("Contract Compliance Review", text)

    # ------------------------------------------------------------------
    # the year
    # ------------------------------------------------------------------
    def _assert_year_facts(self, text, lang):
        for value in (self.c1.name, self.c1.title, self.c3.name, self.c3.title, self.customer_b.name,
                      "Entrega de febrero", "Informe de junio", "Visita de julio"):
            self.assertIn(value, text)
        # not active in 2024 (ended before, draft, cancelled) or not due in 2024
        for value in ("Mantenimiento 2023", "Borrador sin firmar", "Contrato cancelado", "Cierre de enero",
                      "Visita de 2023"):
            self.assertNotIn(value, text)
        self.assertIn(self.tr(lang, "Contracts active in the year") + " 2 ", text)
        # CCT: c1 failed (one obligation delivered late), c3 fulfilled
        self.assertIn(lang.format("%.2f", 50.0, grouping=True) + " % ( 1 / 2 )", text)
        self.assertIn(" 1 / 2 ", text)
        self.assertIn(" 1 / 1 ", text)
        self.assertIn(self._money(lang, 1500.0), text)  # total value
        self.assertIn(self._day(lang, date(2024, 3, 1)), text)
        self.assertIn(self._day(lang, date(2024, 1, 1)), text)
        self.assertIn(self._day(lang, date(2024, 12, 31)), text)
        self.assertClean(text)

    def test_year_html(self):
        wizard = self._year_wizard(2024)
        html, text = self.render_html(YEAR, wizard, "en_US")
        self.assertIn("Contract Compliance Checklist 2024", text)
        self._assert_year_facts(text, self.en)
        self.assertIn("1,500.00", text)
        self.assertIn("Active", text)
        # printed in the user's language
        html, text = self.render_html(YEAR, wizard, "es_CO")
        self._assert_year_facts(text, self.es)
        self.assertIn("1.500,00", text)
        self.assertIn("50,00 %", text)
        self.assertIn("01-03-2024", text)
        self.assertIn("Activo", text)
        self.assertIn("Cumplida", text)
        self.assertIn("Entregada", text)

    def test_year_pdf(self):
        wizard = self._year_wizard(2024)
        for lang_code, lang in (("en_US", self.en), ("es_CO", self.es)):
            text = self.render_pdf_text(YEAR, wizard, lang_code)
            self.assertIn(self.c1.name, text)
            self.assertIn("Entrega de febrero", text)
            self.assertIn(self._money(lang, 1500.0), text)
            self.assertIn(self._day(lang, date(2024, 3, 1)), text)
            self.assertNotIn("Borrador sin firmar", text)
            self.assertClean(text)

    def test_year_one_customer(self):
        wizard = self._year_wizard(2024, partner=self.other_b)
        html, text = self.render_html(YEAR, wizard, "en_US")
        self.assertIn(self.c3.name, text)
        self.assertNotIn(self.c1.name, text)
        self.assertIn("Contracts of this customer fulfilled 1 / 1", text)
        self.assertIn(self._money(self.en, 500.0), text)
        self.assertClean(text)

    def test_year_from_data(self):
        """Printed from data alone (no wizard record), e.g. by another report or a script."""
        html, text = self.render_html(
            YEAR, self.env["cq.contract.checklist.wizard"], "en_US",
            data={"year": 2024, "company_id": self.company_b.id},
        )
        self._assert_year_facts(text, self.en)

    def test_year_empty(self):
        wizard = self._year_wizard(1999)
        html, text = self.render_html(YEAR, wizard, "en_US")
        self.assertIn("No contracts in this year.", text)
        self.assertNotIn("<table", html[html.find("Contract Compliance Checklist"):])
        self.assertIn("01/01/1999", text)
        self.assertClean(text)
        html, text = self.render_html(YEAR, wizard, "es_CO")
        self.assertIn("01-01-1999", text)
        self.assertIn("31-12-1999", text)
        self.assertClean(text)
        text = self.render_pdf_text(YEAR, wizard, "es_CO")
        self.assertIn(self.tr("es_CO", "No contracts in this year."), text)
        self.assertClean(text)

    def test_year_demo(self):
        """The demo contracts of the year they started in, with the year's CCT."""
        demo = self.env.ref("customer_quality.cq_contract_demo_01")
        year = demo.date_start.year
        wizard = self._year_wizard(year, company=self.env.company)
        start, end = date(year, 1, 1), date(year, 12, 31)
        contracts = self.env["cq.contract"].search([
            ("company_id", "=", self.env.company.id),
            ("state", "in", ("active", "suspended", "closed")),
            ("date_start", "<=", end),
            "|", ("date_end", "=", False), ("date_end", ">=", start),
        ])
        self.assertIn(demo, contracts)
        cct = self.env["cq.contract"]._cq_cct(start, end, self.env.company)
        for lang_code, lang in (("en_US", self.en), ("es_CO", self.es)):
            html, text = self.render_html(YEAR, wizard, lang_code)
            for contract in contracts:
                self.assertIn(contract.name, text)
            self.assertIn("Suministro de oxígeno industrial", text)
            self.assertIn(f"{self.tr(lang, 'Contracts active in the year')} {len(contracts)} ", text)
            self.assertIn(
                f"{lang.format('%.2f', cct['cct'], grouping=True)} % ( {cct['fulfilled']} / {cct['contracts']} )", text
            )
            self.assertIn(self._money(lang, sum(contracts.mapped("amount"))), text)
            self.assertIn(self._money(lang, sum(contracts.mapped("amount_invoiced"))), text)
            self.assertClean(text)

    def test_year_queries_do_not_grow_with_contracts(self):
        """One query per list, not one per contract."""
        wizard = self._year_wizard(2024)
        self.render_html(YEAR, wizard, "en_US")  # compile the templates

        def count():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.render_html(YEAR, wizard, "en_US")
            return self.env.cr.sql_log_count - before

        few = count()
        for n in range(5):
            partner = self.env["res.partner"].create({"name": f"Cliente extra {n}"})
            self._contract(f"CTB-2024-1{n}", f"Contrato extra {n}", partner, "2024-01-01", False, 100.0, "active", [
                {"name": f"Entrega extra {n}", "date_due": "2024-04-01", "date_delivered": "2024-04-01",
                 "in_form": "yes"},
            ])
        many = count()
        self.assertEqual(few, many)

    def test_wizard(self):
        # a company whose document layout is chosen prints at once (else the layout wizard opens first)
        self.env.company.external_report_layout_id = self.env.ref("web.external_layout_standard")
        wizard = self._year_wizard(2024, partner=self.customer_b)
        action = wizard.action_print()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "customer_quality.cq_contract_checklist_year_report")
        self.assertEqual(action["context"]["active_ids"], wizard.ids)
        with self.assertRaises(ValidationError):
            self._year_wizard(0)
