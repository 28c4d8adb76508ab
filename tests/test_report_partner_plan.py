from odoo.tests import tagged

from .common_report import ReportCase


PLAN = "customer_quality.cq_action_plan_report_action"
CUSTOMER_FILE = "customer_quality.res_partner_customer_file_report_action"


@tagged("post_install", "-at_install")
class TestReportPartnerPlan(ReportCase):
    """Action plan report and customer file (ficha de cliente)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.en = cls.env["res.lang"]._lang_get("en_US")
        cls.es = cls.env["res.lang"]._lang_get("es_CO")
        cls.delivery = cls.env.ref("customer_quality.cq_action_plan_demo_delivery")  # from a PQRS, in progress
        cls.audit = cls.env.ref("customer_quality.cq_action_plan_demo_audit")  # audit finding, closed, no customer
        cls.delivery.partner_id.lang = "en_US"

        # customer file: demo customer with a contract, cases and a satisfaction answer,
        # plus a contact person whose case belongs to the customer's history
        cls.customer = cls.env.ref("customer_quality.res_partner_demo_05")
        cls.customer.lang = "en_US"
        cls.contact = cls.env["res.partner"].create(
            {"name": "Julia Compras", "parent_id": cls.customer.id, "type": "contact"}
        )
        cls.contact_case = cls.env.ref("customer_quality.cq_pqrs_demo_01")
        cls.contact_case.partner_id = cls.contact
        cls.cases = cls.env["cq.pqrs"].search([("partner_id", "child_of", cls.customer.id)])
        cls.contracts = cls.env["cq.contract"].search([("partner_id", "child_of", cls.customer.id)])
        cls.answers = cls.env["survey.user_input"].search([
            ("partner_id", "child_of", cls.customer.id), ("cq_kind", "!=", False), ("state", "=", "done"),
        ])

    @staticmethod
    def _day(lang, day):
        return day.strftime(lang.date_format)

    # ------------------------------------------------------------------
    # action plan
    # ------------------------------------------------------------------
    def _assert_delivery_facts(self, text, lang):
        plan = self.delivery
        why, cycle = self.tr(lang, "Why"), self.tr(lang, "Cycle")
        for value in (plan.name, plan.title, plan.pqrs_id.display_name, plan.partner_id.name, plan.user_id.name,
                      "Varios clientes reportan entregas fuera del plazo acordado.",
                      "El pedido salió tarde de bodega", "No hay programación semanal de despachos",
                      plan.root_cause, "Programación semanal de despachos", "Alarma de pedidos próximos a vencer",
                      f"{why} 1", f"{why} 3", f"{cycle} 1", self.tr(lang, "No effectiveness review yet.")):
            self.assertIn(value, text)
        self.assertNotIn(f"{why} 4", text)  # only the whys that are filled
        self.assertIn(self._day(lang, plan.date_deadline), text)
        for line in plan.line_ids:
            self.assertIn(self._day(lang, line.date_deadline), text)
        self.assertIn(f"{self.tr_text(lang, '<br/> <strong>Actions Done:</strong>')} 1 / 2", text)
        self.assertClean(text)

    def test_plan_html_english(self):
        html, text = self.render_html(PLAN, self.delivery, "en_US")
        self._assert_delivery_facts(text, self.en)
        for value in ("Type: Corrective", "Origin: PQRS", "Status: In Progress", "Method: 5 Whys",
                      "Cause Category: Method", "Closed On: —"):
            self.assertIn(value, text)

    def test_plan_html_customer_language(self):
        """A plan with a customer is printed in the customer's language."""
        self.delivery.partner_id.lang = "es_CO"
        html, text = self.render_html(PLAN, self.delivery, "en_US")
        self._assert_delivery_facts(text, self.es)
        for label, value in (("<strong>Type:</strong>", "Correctiva"), ("<strong>Status:</strong>", "En progreso"),
                             ("<strong>Method:</strong>", "5 porqués"), ("<strong>Cause Category:</strong>", "Método")):
            self.assertIn(f"{self.tr_text(self.es, label)} {value}", text)

    def test_plan_without_customer_user_language(self):
        """Without a customer, the plan is printed in the user's language."""
        plan = self.audit
        review = plan.review_ids
        self.assertEqual(plan.state, "closed")
        for lang_code, lang, values in (
            ("en_US", self.en, ("Preventive", "Audit Finding", "Closed")),
            ("es_CO", self.es, ("Preventiva", "Hallazgo de auditoría", "Cerrada")),
        ):
            labels = tuple(
                f"{self.tr_text(lang_code, label)} {value}"
                for label, value in zip(
                    ("<strong>Type:</strong>", "<br/> <strong>Origin:</strong>", "<strong>Status:</strong>"), values
                )
            )
            html, text = self.render_html(PLAN, plan, lang_code)
            for value in labels + (plan.name, plan.audit_reference, plan.root_cause, review.user_id.name,
                                   "Acta de revisión por la dirección con el análisis de las encuestas del trimestre."):
                self.assertIn(value, text)
            self.assertIn(self._day(lang, plan.date_closed), text)
            self.assertIn(self._day(lang, review.date), text)
            self.assertNotIn(self.tr_text(lang_code, "<strong>Customer:</strong>"), text)
            self.assertNotIn(self.tr(lang_code, "No effectiveness review yet."), text)
            self.assertClean(text)

    def test_plan_pdf(self):
        for lang_code, lang in (("en_US", self.en), ("es_CO", self.es)):
            self.delivery.partner_id.lang = lang_code
            # one plan per PDF: this unpatched wkhtmltopdf fails on several documents at once (core ones too)
            text = self.render_pdf_text(PLAN, self.delivery, lang_code) + self.render_pdf_text(PLAN, self.audit, lang_code)
            for value in (self.delivery.name, self.audit.name, "Programación semanal de despachos",
                          "El pedido salió tarde de bodega", "Acta de revisión por la dirección"):
                self.assertIn(value, text)
            self.assertIn(self._day(lang, self.delivery.date_deadline), text)
            self.assertIn(self._day(lang, self.audit.date_closed), text)
            self.assertClean(text)

    def test_plan_missing_data(self):
        plan = self.env["cq.action.plan"].create(
            {"title": "Plan sin datos", "user_id": False, "analysis_method": False}
        )
        for lang in ("en_US", "es_CO"):
            html, text = self.render_html(PLAN, plan, lang)
            self.assertClean(text)
        html, text = self.render_html(PLAN, plan, "en_US")
        for value in ("Plan sin datos", "Responsible: —", "Deadline: —", "Not described.",
                      "Root cause not recorded yet.", "No actions planned yet.", "No effectiveness review yet."):
            self.assertIn(value, text)
        self.assertNotIn("Method:", text)
        text = self.render_pdf_text(PLAN, plan, "en_US")
        self.assertIn("Plan sin datos", text)
        self.assertIn("No actions planned yet.", text)
        self.assertClean(text)

    def test_plan_long_texts_and_cycles(self):
        """3,000 characters of root cause and of evidence print in full; an
        ineffective review opens cycle 2, whose actions print apart."""
        root_cause = " ".join(f"Causa {n}: el proveedor no confirma la fecha de entrega." for n in range(60))
        root_cause += " FIN-DE-LA-CAUSA"
        evidence = " ".join(f"Evidencia {n}: se revisaron los despachos de la semana." for n in range(60))
        evidence += " FIN-DE-LA-EVIDENCIA"
        self.assertGreater(len(root_cause), 3000)
        self.assertGreater(len(evidence), 3000)
        plan = self.env["cq.action.plan"].create({
            "title": "Plan con textos largos",
            "root_cause": root_cause,
            "line_ids": [(0, 0, {"name": "Acción del primer ciclo"})],
        })
        plan.action_start()
        plan.line_ids.done = True
        plan.action_request_review()
        self.env["cq.action.plan.review"].create(
            {"plan_id": plan.id, "effective": "no", "evidence": f"<p>{evidence}</p>"}
        )
        self.assertEqual(plan.cycle, 2)
        self.env["cq.action.plan.line"].create({"plan_id": plan.id, "name": "Acción del segundo ciclo"})
        html, text = self.render_html(PLAN, plan, "en_US")
        self.assertIn(root_cause, html)
        self.assertIn(evidence, html)
        self.assertIn("Cycle 1 What", text)
        self.assertIn("Cycle 2 What", text)
        self.assertLess(text.index("Acción del primer ciclo"), text.index("Cycle 2 What"))
        self.assertLess(text.index("Cycle 2 What"), text.index("Acción del segundo ciclo"))
        self.assertClean(text)
        text = self.render_pdf_text(PLAN, plan, "en_US")
        self.assertIn("FIN-DE-LA-CAUSA", text)
        self.assertIn("FIN-DE-LA-EVIDENCIA", text)
        self.assertClean(text)

    # ------------------------------------------------------------------
    # customer file
    # ------------------------------------------------------------------
    def _assert_customer_facts(self, text, lang):
        customer = self.customer
        self.assertTrue(self.contracts and self.answers and len(self.cases) > 1)
        for value in (customer.name, customer.email, customer.city, customer.cq_source_id.name):
            self.assertIn(value, text)
        self.assertIn(self._day(lang, customer.cq_identification_date), text)
        self.assertIn(self._day(lang, customer.cq_conversion_date), text)
        self.assertIn(customer.cq_conversion_document.display_name, text)
        self.assertIn(lang.format("%.1f", customer.cq_profile_completeness, grouping=True) + " %", text)
        for contract in self.contracts:
            self.assertIn(contract.name, text)
            self.assertIn(contract.title, text)
            self.assertIn(lang.format("%.2f", contract.amount, grouping=True), text)
        # the contact person's case is part of the customer's history
        self.assertIn(self.contact_case, self.cases)
        for case in self.cases:
            self.assertIn(case.name, text)
            self.assertIn(self._day(lang, case.date_due), text)
        for answer in self.answers:
            self.assertIn(answer.survey_id.with_context(lang=lang.code).title, text)
            self.assertIn(answer.cq_campaign_id.name, text)
            self.assertIn(lang.format("%.2f", answer.cq_csat, grouping=True), text)
        self.assertClean(text)

    def test_customer_file_html_english(self):
        html, text = self.render_html(CUSTOMER_FILE, self.customer, "en_US")
        self._assert_customer_facts(text, self.en)
        self.assertIn("Customer Stage: Captive Customer", text)

    def test_customer_file_html_customer_language(self):
        self.customer.lang = "es_CO"
        html, text = self.render_html(CUSTOMER_FILE, self.customer, "en_US")
        self._assert_customer_facts(text, self.es)
        self.assertIn(f"{self.tr_text(self.es, '<strong>Customer Stage:</strong>')} Cliente cautivo", text)
        self.assertIn("Activo", text)  # the contract's state

    def test_customer_file_pdf(self):
        for lang_code, lang in (("en_US", self.en), ("es_CO", self.es)):
            self.customer.lang = lang_code
            text = self.render_pdf_text(CUSTOMER_FILE, self.customer, lang_code)
            self.assertIn(self.customer.name, text)
            self.assertIn(self.contact_case.name, text)
            for contract in self.contracts:
                self.assertIn(contract.name, text)
            self.assertIn(self._day(lang, self.customer.cq_conversion_date), text)
            self.assertClean(text)

    def test_customer_file_empty(self):
        """A bare contact: every section says there is nothing, no False anywhere."""
        partner = self.env["res.partner"].create({"name": "Contacto sin datos", "lang": False})
        for lang in ("en_US", "es_CO"):
            html, text = self.render_html(CUSTOMER_FILE, partner, lang)
            self.assertClean(text)
            self.assertIn("Contacto sin datos", text)
            for label in ("<strong>Tax ID:</strong>", "<strong>Email:</strong>", "<strong>Customer Stage:</strong>"):
                self.assertIn(f"{self.tr_text(lang, label)} —", text)
            for value in ("No contracts.", "No PQRS.", "No satisfaction answers."):
                self.assertIn(self.tr(lang, value), text)
        text = self.render_pdf_text(CUSTOMER_FILE, partner, "es_CO")
        self.assertIn("Contacto sin datos", text)
        self.assertIn(self.tr("es_CO", "No satisfaction answers."), text)
        self.assertClean(text)
