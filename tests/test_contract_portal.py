from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestContractPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env["res.partner"].create({"name": "Empresa A Contratos", "is_company": True})
        cls.company_b = cls.env["res.partner"].create({"name": "Empresa B Contratos", "is_company": True})
        cls.user_a = mail_new_test_user(cls.env, login="contract_a", password="contract_a_pwd",
                                        name="Ana Contratos", groups="base.group_portal")
        cls.user_a.partner_id.parent_id = cls.company_a
        cls.user_b = mail_new_test_user(cls.env, login="contract_b", password="contract_b_pwd",
                                        name="Beto Contratos", groups="base.group_portal")
        cls.user_b.partner_id.parent_id = cls.company_b
        Contract = cls.env["cq.contract"]
        cls.contract_a = Contract.create({"title": "Contrato visible de A", "partner_id": cls.company_a.id,
                                          "date_start": "2026-01-01"})
        cls.contract_b = Contract.create({"title": "Contrato secreto de B", "partner_id": cls.company_b.id,
                                          "date_start": "2026-01-01"})
        (cls.contract_a | cls.contract_b).action_sign()
        cls.env["cq.contract.obligation"].create({"contract_id": cls.contract_a.id, "name": "Entrega visible",
                                                  "date_due": "2026-02-01"})
        cls.invoice_b = cls.env["account.move"].create({
            "move_type": "out_invoice", "partner_id": cls.company_b.id, "cq_contract_id": cls.contract_b.id,
            "invoice_date": "2026-02-01",
            "invoice_line_ids": [Command.create({"name": "Servicio B", "quantity": 1, "price_unit": 100})],
        })
        cls.invoice_b.action_post()

    def test_customer_sees_only_its_contracts(self):
        self.authenticate("contract_a", "contract_a_pwd")
        listing = self.url_open("/my/contracts")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(self.contract_a.name, listing.text)
        self.assertNotIn(self.contract_b.name, listing.text)
        page = self.url_open(f"/my/contracts/{self.contract_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Entrega visible", page.text)
        denied = self.url_open(f"/my/contracts/{self.contract_b.id}")
        self.assertEqual(denied.status_code, 404)
        self.assertNotIn("Contrato secreto de B", denied.text)
        self.assertNotIn(self.invoice_b.name, denied.text)
        self.authenticate("contract_b", "contract_b_pwd")
        page = self.url_open(f"/my/contracts/{self.contract_b.id}")
        self.assertIn(self.invoice_b.name, page.text)
        self.assertEqual(self.env["cq.contract"].with_user(self.user_b).search([]), self.contract_b)
