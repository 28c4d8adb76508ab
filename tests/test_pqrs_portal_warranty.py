import re
from datetime import datetime, time, timedelta
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import config, format_date

from odoo.addons.mail.tests.common import mail_new_test_user
from .common import form_type


@tagged("post_install", "-at_install")
class TestPqrsPortalWarranty(HttpCase):
    """Warranty claims from the portal: the customer points at one of their own order or invoice lines;
    the public form does not offer them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("customer_quality.pqrs_public_rate_ip", 50)
        cls.company_a = cls.env["res.partner"].create({"name": "Ferretería A", "is_company": True})
        cls.company_b = cls.env["res.partner"].create({"name": "Ferretería B", "is_company": True})
        cls.portal_a = mail_new_test_user(cls.env, login="wty_a", password="wty_a_pwd", name="Ana Garantía",
                                          groups="base.group_portal", email="ana.garantia@example.com")
        cls.portal_a.partner_id.parent_id = cls.company_a
        cls.portal_b = mail_new_test_user(cls.env, login="wty_b", password="wty_b_pwd", name="Beto Garantía",
                                          groups="base.group_portal")
        cls.portal_b.partner_id.parent_id = cls.company_b
        cls.warranty = form_type(cls.env, "customer_quality.cq_pqrs_type_warranty")
        cls.claim = form_type(cls.env, "customer_quality.cq_pqrs_type_claim")
        cls.regulator = cls.env["product.product"].create(
            {"name": "Regulador de presión", "list_price": 100.0, "cq_warranty_months": 12}
        )
        cls.valve = cls.env["product.product"].create({"name": "Válvula de bola", "list_price": 20.0})
        cls.today = fields.Date.today()
        cls.order_a = cls._confirmed_order(cls.company_a, cls.today - timedelta(days=30),
                                           [(cls.regulator, 2), (cls.valve, 1)])
        cls.order_b = cls._confirmed_order(cls.company_b, cls.today - timedelta(days=30), [(cls.regulator, 1)])
        cls.line_a = cls.order_a.order_line.filtered(lambda l: l.product_id == cls.regulator)
        cls.line_b = cls.order_b.order_line

    @classmethod
    def _confirmed_order(cls, partner, day, products):
        order = cls.env["sale.order"].create({
            "partner_id": partner.id,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": qty}) for product, qty in products],
        })
        order.cq_review_line_ids.write({"checked": True})
        order.action_confirm()
        order.date_order = datetime.combine(day, time(15, 0))
        return order

    def _expected_expiry(self, order):
        return fields.Date.to_date(order.date_order) + relativedelta(months=12, days=-1)

    def _form_and_token(self):
        form = self.url_open("/my/pqrs/new")
        self.assertEqual(form.status_code, 200)
        return form, form.text.split('name="csrf_token" value="')[1].split('"')[0]

    def _post_portal(self, **values):
        _form, token = self._form_and_token()
        return self.url_open("/my/pqrs/new", data={
            "csrf_token": token, "type_id": self.warranty.id, "subject": "Regulador con fuga",
            "description": "Pierde presión a los pocos minutos.", **values,
        })

    def test_form_offers_only_the_customer_lines(self):
        self.authenticate("wty_a", "wty_a_pwd")
        form, _token = self._form_and_token()
        self.assertIn(f'value="sale_line-{self.line_a.id}"', form.text)
        self.assertIn(f'value="sale_line-{(self.order_a.order_line - self.line_a).id}"', form.text)
        self.assertNotIn(f"sale_line-{self.line_b.id}", form.text)
        self.assertNotIn(self.order_b.name, form.text)
        # grouped by order, product and quantity, with the warranty where there is one
        self.assertIn(f'label="{self.order_a.name} – ', form.text)
        option = re.search(rf'value="sale_line-{self.line_a.id}"[^>]*>([^<]*)<', form.text).group(1)
        self.assertIn("Regulador de presión × 2", option)
        # in the portal customer's language
        self.assertIn(format_date(self.env, self._expected_expiry(self.order_a), lang_code=self.portal_a.lang), option)
        valve = re.search(rf'value="sale_line-{(self.order_a.order_line - self.line_a).id}"[^>]*>([^<]*)<',
                          form.text).group(1)
        self.assertIn("Válvula de bola × 1", valve)
        self.assertNotIn("warranty", valve)
        # the portal still offers the warranty type
        self.assertRegex(form.text, rf'<option value="{self.warranty.id}"')

    def test_other_customer_line_and_missing_line_are_refused(self):
        self.authenticate("wty_a", "wty_a_pwd")
        Pqrs = self.env["cq.pqrs"]
        count = Pqrs.search_count([])
        foreign = self._post_portal(warranty_line=f"sale_line-{self.line_b.id}")
        self.assertEqual(foreign.status_code, 400)
        self.assertIn("Choose one of your order or invoice lines.", foreign.text)
        garbage = self._post_portal(warranty_line="res_users-1")
        self.assertEqual(garbage.status_code, 400)
        missing = self._post_portal()
        self.assertEqual(missing.status_code, 400)
        self.assertIn("is-invalid", missing.text)
        self.assertIn("Regulador con fuga", missing.text, "the user's data is kept")
        self.assertIn("choose its order or invoice line", missing.text)
        self.assertEqual(Pqrs.search_count([]), count, "no case created")
        # a type without the requirement still files without a line
        self.assertEqual(self._post_portal(type_id=self.claim.id).status_code, 200)
        self.assertEqual(Pqrs.search_count([]), count + 1)

    def test_valid_warranty_claim_and_case_page(self):
        self.authenticate("wty_a", "wty_a_pwd")
        response = self._post_portal(warranty_line=f"sale_line-{self.line_a.id}")
        self.assertEqual(response.status_code, 200)
        case = self.env["cq.pqrs"].search([("partner_id", "=", self.portal_a.partner_id.id)])
        self.assertEqual(len(case), 1)
        self.assertEqual(case.type_id, self.warranty)
        self.assertEqual(case.sale_line_id, self.line_a)
        self.assertEqual(case.sale_order_id, self.order_a, "the order of the line, none was chosen")
        self.assertFalse(case.invoice_line_id)
        self.assertEqual(case.product_id, self.regulator)
        self.assertTrue(case.under_warranty)
        self.assertEqual(case.warranty_expiry, self._expected_expiry(self.order_a))
        self.assertIn(f"/my/pqrs/{case.id}", response.url)
        self.assertIn("Under warranty until", response.text)
        self.assertIn(format_date(self.env, case.warranty_expiry, lang_code=self.portal_a.lang), response.text)
        self.assertIn("Regulador de presión", response.text)

    def test_case_belongs_to_the_company_of_its_documents(self):
        """A customer of two of our companies: the case goes to the company that sold the line, and
        documents of two companies in one case are refused."""
        south = self.env["res.company"].create({"name": "Calidad Sur S.A.S."})
        self.env.user.company_ids |= south
        order = self.env["sale.order"].with_company(south).create({
            "partner_id": self.company_a.id, "company_id": south.id,
            "order_line": [(0, 0, {"product_id": self.regulator.id, "product_uom_qty": 1})],
        })
        order.cq_review_line_ids.write({"checked": True})
        order.action_confirm()
        self.authenticate("wty_a", "wty_a_pwd")
        Pqrs = self.env["cq.pqrs"]
        count = Pqrs.search_count([])
        # documents of a company the portal user is not allowed in are not offered
        self.assertEqual(self._post_portal(warranty_line=f"sale_line-{order.order_line.id}").status_code, 400)
        self.portal_a.company_ids |= south
        mixed = self._post_portal(warranty_line=f"sale_line-{order.order_line.id}", sale_order_id=self.order_a.id)
        self.assertEqual(mixed.status_code, 400)
        self.assertIn("different companies", mixed.text)
        self.assertEqual(Pqrs.search_count([]), count)
        # the form offers this company's warranty type: the case takes the one the company of the
        # documents offers (it has no legal pack: the shared one)
        south_warranty = form_type(self.env, "customer_quality.cq_pqrs_type_warranty", south)
        response = self._post_portal(warranty_line=f"sale_line-{order.order_line.id}")
        self.assertEqual(response.status_code, 200, re.findall(r'invalid-feedback[^>]*>([^<]*)<', response.text))
        case = Pqrs.search([("partner_id", "=", self.portal_a.partner_id.id)])
        self.assertEqual((case.company_id, case.sale_line_id, case.sale_order_id), (south, order.order_line, order))
        self.assertEqual(case.type_id, south_warranty)
        self.assertFalse(south_warranty.company_id)
        self.assertIn(case.name, response.text, "the customer follows it in the portal")

    def test_case_page_shows_an_expired_warranty(self):
        old_order = self._confirmed_order(self.company_a, self.today - timedelta(days=800), [(self.regulator, 1)])
        case = self.env["cq.pqrs"].create({
            "subject": "Regulador viejo", "type_id": self.warranty.id,
            "partner_id": self.portal_a.partner_id.id, "sale_line_id": old_order.order_line.id,
        })
        self.assertFalse(case.under_warranty)
        self.authenticate("wty_a", "wty_a_pwd")
        page = self.url_open(f"/my/pqrs/{case.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Warranty expired on", page.text)
        self.assertNotIn("Under warranty until", page.text)
        # no warranty information on a case without a line
        plain = self.env["cq.pqrs"].create({"subject": "Sin línea", "type_id": self.claim.id,
                                            "partner_id": self.portal_a.partner_id.id})
        self.assertNotIn("o_cq_pqrs_warranty", self.url_open(f"/my/pqrs/{plain.id}").text)

    def test_case_page_shows_visits_outcome_and_emergency_term(self):
        case = self.env["cq.pqrs"].create({
            "subject": "Regulador con fuga", "type_id": self.warranty.id,
            "partner_id": self.portal_a.partner_id.id, "sale_line_id": self.line_a.id,
        })
        technician = mail_new_test_user(self.env, login="wty_tech", name="Tomás Técnico", groups="base.group_user")
        self.env["cq.pqrs.intervention"].create({
            "pqrs_id": case.id, "technician_id": technician.id, "date": case.date_received + timedelta(days=1),
            "description": "Nota interna del taller",
        })
        self.authenticate("wty_a", "wty_a_pwd")
        page = self.url_open(f"/my/pqrs/{case.id}").text
        self.assertIn("o_cq_pqrs_visits", page)
        self.assertIn("Tomás Técnico", page)
        self.assertNotIn("Nota interna del taller", page, "the workshop notes stay internal")
        self.assertNotIn("o_cq_pqrs_outcome", page, "no outcome before the answer")
        case.write({"outcome": "rejected", "outcome_reason": "Golpe en la carcasa, excluido de la garantía.",
                    "answer": "<p>No procede.</p>", "root_cause_analysis": "Mal uso"})
        case.action_send_answer()
        page = self.url_open(f"/my/pqrs/{case.id}").text
        self.assertIn('data-outcome="rejected"', page)
        self.assertIn("Golpe en la carcasa, excluido de la garantía.", page)
        # an emergency shows its term in hours and the moment it must be answered
        emergency = self.env["cq.pqrs"].create({
            "subject": "Fuga de gas", "type_id": self.env.ref("customer_quality.cq_pqrs_type_emergency").id,
            "partner_id": self.portal_a.partner_id.id,
        })
        page = self.url_open(f"/my/pqrs/{emergency.id}").text
        term = re.search(r'o_cq_pqrs_term">([^<]*)<', page).group(1)
        self.assertEqual(" ".join(term.split()), "4 hours")

    def test_posted_invoice_lines_are_offered(self):
        """Lines of posted invoices that were not invoiced from an order; an order's invoice is offered
        through its order lines only."""
        invoice = self.env["account.move"].create({
            "move_type": "out_invoice", "partner_id": self.company_a.id, "invoice_date": self.today,
            "invoice_line_ids": [(0, 0, {"product_id": self.regulator.id, "quantity": 3, "price_unit": 100.0})],
        })
        invoice.action_post()
        invoice_line = invoice.invoice_line_ids
        self.order_a._create_invoices().action_post()
        self.authenticate("wty_a", "wty_a_pwd")
        form, _token = self._form_and_token()
        self.assertIn(f'value="invoice_line-{invoice_line.id}"', form.text)
        order_invoice_lines = self.order_a.invoice_ids.invoice_line_ids
        self.assertTrue(order_invoice_lines)
        for line in order_invoice_lines:
            self.assertNotIn(f"invoice_line-{line.id}", form.text)
        self._post_portal(warranty_line=f"invoice_line-{invoice_line.id}")
        case = self.env["cq.pqrs"].search([("partner_id", "=", self.portal_a.partner_id.id)])
        self.assertEqual(case.invoice_line_id, invoice_line)
        self.assertEqual(case.invoice_id, invoice)
        self.assertEqual(case.product_id, self.regulator)
        self.assertEqual(case.warranty_expiry, self.today + relativedelta(months=12, days=-1))

    def test_form_query_count(self):
        self.authenticate("wty_a", "wty_a_pwd")
        self.url_open("/my/pqrs/new")  # warm up
        with self.assertQueryCount(self._form_queries):
            self.assertEqual(self.url_open("/my/pqrs/new").status_code, 200)
        products = self.env["product.product"].create(
            [{"name": f"Repuesto {i}", "cq_warranty_months": i % 3 * 6} for i in range(6)]
        )
        for day in range(8):
            self._confirmed_order(self.company_a, self.today - timedelta(days=day),
                                  [(product, day + 1) for product in products])
        self.env.flush_all()
        self.url_open("/my/pqrs/new")
        with self.assertQueryCount(self._form_queries):
            form = self.url_open("/my/pqrs/new")
        self.assertEqual(form.text.count('value="sale_line-'), 2 + 8 * 6)

    # the company's replaced shared types are read once more since its legal pack replaced them
    _form_queries = 24

    def _post_public(self, **values):
        page = self.url_open("/pqrs/new")
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        data = {
            "type_id": self.warranty.id, "name": "Visitante", "email": "visitante@example.com",
            "subject": "Garantía pública", "description": "Descripción", "consent": "on",
            "csrf_token": token, **values,
        }
        with patch.dict(config.options, {"proxy_mode": True}):
            return self.url_open(
                "/pqrs/new", data=data,
                headers={"X-Forwarded-For": "10.9.9.9", "X-Forwarded-Host": f"127.0.0.1:{config['http_port']}"},
            )

    def test_public_form_leaves_warranty_claims_to_the_portal(self):
        page = self.url_open("/pqrs/new")
        self.assertEqual(page.status_code, 200)
        self.assertNotRegex(page.text, rf'<option value="{self.warranty.id}"')
        self.assertRegex(page.text, rf'<option value="{self.claim.id}"')
        self.assertIn('href="/my/pqrs/new"', page.text)
        self.assertIn("o_cq_pqrs_portal_hint", page.text)
        count = self.env["cq.pqrs"].search_count([])
        crafted = self._post_public()
        self.assertEqual(crafted.status_code, 400)
        self.assertIn("Choose the type of your request.", crafted.text)
        self.assertEqual(self.env["cq.pqrs"].search_count([]), count)
        self.assertEqual(self._post_public(type_id=self.claim.id).status_code, 200)
        self.assertEqual(self.env["cq.pqrs"].search_count([]), count + 1)


@tagged("post_install", "-at_install")
class TestPqrsPortalWarrantyTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = mail_new_test_user(cls.env, login="wty_tour", password="wty_tour_pwd", name="Tomás Tour",
                                        groups="base.group_portal", email="tomas@example.com")
        cls.product = cls.env["product.product"].create(
            {"name": "Compresor de aire", "list_price": 500.0, "cq_warranty_months": 6}
        )
        cls.order = cls.env["sale.order"].create({
            "partner_id": cls.portal.partner_id.id,
            "order_line": [(0, 0, {"product_id": cls.product.id, "product_uom_qty": 1})],
        })
        cls.order.cq_review_line_ids.write({"checked": True})
        cls.order.action_confirm()

    def test_portal_warranty_claim_tour(self):
        self.start_tour("/my/pqrs/new", "cq_portal_warranty_tour", login="wty_tour")
        case = self.env["cq.pqrs"].search([("partner_id", "=", self.portal.partner_id.id)])
        self.assertEqual(len(case), 1)
        self.assertEqual(case.type_id, form_type(self.env, "customer_quality.cq_pqrs_type_warranty"))
        self.assertEqual(case.sale_line_id, self.order.order_line)
        self.assertEqual(case.product_id, self.product)
        self.assertEqual(case.subject, "Compresor no arranca tour")
        self.assertTrue(case.under_warranty)
