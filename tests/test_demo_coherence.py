"""The demo is what a new user meets first: a Colombian company working in Spanish, with Odoo's own
screens translated, its legal pack in place of the shared types, and dates that make sense."""

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoCoherence(TransactionCase):
    def test_odoo_screens_are_in_spanish(self):
        """es_CO with the translations of every installed module, as Settings, Languages installs it."""
        menus = {
            "mail.menu_root_discuss": "Conversaciones",
            "base.menu_administration": "Ajustes",
            "base.menu_custom": "Técnico",
        }
        for xmlid, spanish in menus.items():
            self.assertEqual(self.env.ref(xmlid).with_context(lang="es_CO").name, spanish, xmlid)
        self.assertEqual(
            self.env["ir.model.fields"]._get("res.partner", "email").with_context(lang="es_CO").field_description,
            "Correo electrónico",
        )
        self.assertEqual(self.env.ref("base.lang_es_CO").active, True)

    def test_consent_text_in_each_language(self):
        company = self.env.ref("base.main_company")
        self.assertIn("Autorizo", company.with_context(lang="es_CO").cq_pqrs_consent_text)
        self.assertIn("I authorise", company.with_context(lang="en_US").cq_pqrs_consent_text)
        # a text the company wrote itself is never replaced by the default's translations
        company.with_context(lang="en_US").cq_pqrs_consent_text = "<p>Our own wording.</p>"
        self.env["ir.module.module"]._load_module_terms(["customer_quality"], ["es_CO"])
        for lang in ("en_US", "es_CO"):
            self.assertEqual(company.with_context(lang=lang).cq_pqrs_consent_text, "<p>Our own wording.</p>")

    def test_contracts_signed_before_they_start(self):
        contracts = self.env["cq.contract"].search([("date_signed", "!=", False)])
        self.assertGreaterEqual(len(contracts), 10)
        for contract in contracts:
            self.assertLessEqual(contract.date_signed, contract.date_start, contract.name)

    def test_campaigns_of_a_past_quarter_are_closed(self):
        today = fields.Date.context_today(self.env.user)
        quarter_start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        campaigns = self.env["cq.survey.campaign"].search([("date_to", "<", quarter_start)])
        self.assertTrue(campaigns)
        self.assertEqual(set(campaigns.mapped("state")), {"closed"})

    def test_company_prints_at_once(self):
        """A logo and a document layout: printing does not open Odoo's layout dialog, and the
        public pages and letters show the company's logo, not Odoo's placeholder."""
        company = self.env.ref("base.main_company")
        self.assertTrue(company.logo)
        self.assertEqual(company.external_report_layout_id, self.env.ref("web.external_layout_standard"))
        case = self.env["cq.pqrs"].search([("company_id", "=", company.id)], limit=1)
        action = self.env.ref("customer_quality.cq_pqrs_ack_report_action").report_action(case)
        self.assertEqual(action["type"], "ir.actions.report", "no layout dialog before the first print")
