from odoo.tests import HttpCase, tagged

from .common import form_type
from .common_tour import EnglishAdminTour


@tagged("post_install", "-at_install")
class TestConvertProspectTour(EnglishAdminTour, HttpCase):
    def test_convert_prospect_tour(self):
        partner = self.env["res.partner"].create(
            {
                "name": "Prospecto Tour Ltda.",
                "is_company": True,
                "customer_state": "prospect",
                "email": "tour@example.com",
            }
        )
        product = self.env["product.product"].create({"name": "Servicio Tour", "list_price": 50})
        order = self.env["sale.order"].create(
            {"partner_id": partner.id, "order_line": [(0, 0, {"product_id": product.id})]}
        )
        self.start_tour(
            "/odoo/action-customer_quality.res_partner_action_prospects",
            "cq_convert_prospect_tour",
            login="admin",
        )
        self.assertEqual(partner.customer_state, "captive")
        self.assertEqual(partner.cq_conversion_document, order)
        self.assertEqual(order.state, "draft")


@tagged("post_install", "-at_install")
class TestPqrsTour(HttpCase):
    """The employee works in Spanish (the demo's admin: es_CO): the tour reads the Spanish screens."""

    def test_file_and_answer_tour(self):
        self.assertEqual(self.env.ref("base.user_admin").lang, "es_CO")
        partner = self.env["res.partner"].create(
            {"name": "Cliente del Tour", "email": "tour.pqrs@example.com"}
        )
        self.start_tour(
            "/odoo/action-customer_quality.cq_pqrs_action/new",
            "cq_pqrs_file_and_answer_tour",
            login="admin",
        )
        case = self.env["cq.pqrs"].search([("partner_id", "=", partner.id)])
        self.assertEqual(len(case), 1)
        self.assertEqual(case.type_id, form_type(self.env, "customer_quality.cq_pqrs_type_claim"))
        self.assertRegex(case.name, r"^REC-\d{4}-\d{5}$")
        self.assertEqual(case.state, "answered")
        self.assertTrue(case.answer_pending, "the email with its letter is left to the job")
        self.env["cq.pqrs"]._cron_send_answers()
        self.assertFalse(case.answer_pending)
        # the letter (a PDF; HTML when tests render reports without wkhtmltopdf)
        letter = case.message_ids.filtered(lambda m: m.attachment_ids.filtered(lambda a: a.name.startswith("Answer ")))
        self.assertEqual(len(letter), 1, "the answer email carries its letter")
        self.assertEqual(letter.author_id, self.env.ref("base.user_admin").partner_id)
        self.assertIn("reemplazado", case.answer)
        self.assertTrue(case.date_answered)
        self.assertTrue(case.answered_on_time)

    def test_merge_and_template_tour(self):
        """The employee merges a case the customer filed twice and answers the case kept from a
        template, in Spanish."""
        partner = self.env["res.partner"].create(
            {"name": "Cliente Duplicado", "email": "duplicado@example.com", "lang": "es_CO"}
        )
        petition = form_type(self.env, "customer_quality.cq_pqrs_type_petition")
        earlier, later = self.env["cq.pqrs"].create([
            {"subject": "Cobro duplicado en la factura", "type_id": petition.id, "partner_id": partner.id,
             "channel": "email"},
            {"subject": "Cobro duplicado en la factura otra vez", "type_id": petition.id, "partner_id": partner.id,
             "channel": "email"},
        ])
        later.reiteration_of_id = earlier
        self.start_tour(
            f"/odoo/action-customer_quality.cq_pqrs_action/{later.id}", "cq_pqrs_merge_and_template_tour",
            login="admin",
        )
        self.assertEqual((later.state, later.ending, later.merged_into_id), ("closed", "merged", earlier))
        self.assertEqual(earlier.state, "answered")
        self.assertIn("Gracias por su solicitud", earlier.answer)
        self.assertIn(earlier.name, earlier.answer)


@tagged("post_install", "-at_install")
class TestContractTour(EnglishAdminTour, HttpCase):
    def test_contract_from_order_tour(self):
        partner = self.env["res.partner"].create(
            {"name": "Cliente Contrato Tour", "is_company": True, "customer_state": "prospect"}
        )
        product = self.env["product.product"].create({"name": "Servicio anual", "list_price": 500})
        order = self.env["sale.order"].create(
            {"partner_id": partner.id, "order_line": [(0, 0, {"product_id": product.id})]}
        )
        order.cq_review_line_ids.write({"checked": True})
        order.action_confirm()
        self.start_tour(f"/odoo/action-sale.action_orders/{order.id}", "cq_contract_from_order_tour", login="admin")
        contract = order.cq_contract_id
        self.assertEqual(contract.state, "active")
        self.assertEqual(contract.partner_id, partner)
        self.assertEqual(partner.customer_state, "captive")
        self.assertEqual(contract.obligation_ids.mapped("state"), ["fulfilled"])


@tagged("post_install", "-at_install")
class TestPqrsKanbanTour(HttpCase):
    """The kanban colours follow the term: suspended while waiting for the filer, red when overdue."""

    def test_kanban_term_tour(self):
        self.assertEqual(self.env.ref("base.user_admin").lang, "es_CO")
        Pqrs = self.env["cq.pqrs"]
        values = {"type_id": form_type(self.env, "customer_quality.cq_pqrs_type_claim").id, "channel": "phone",
                  "filer_name": "Cliente del tablero", "email_from": "tablero@example.com",
                  "date_received": "2026-01-05 15:00:00"}
        waiting = Pqrs.create(dict(values, subject="Caso en espera del tour"))
        waiting.action_start_analysis()
        waiting.write({"stage_id": Pqrs._stage_for("waiting").id})
        overdue = Pqrs.create(dict(values, subject="Caso vencido del tour"))
        overdue.action_start_analysis()
        self.assertLess(waiting.date_due, waiting.create_date.date(), "filed long ago: past its first due date")
        self.start_tour("/odoo/action-customer_quality.cq_pqrs_action", "cq_pqrs_kanban_term_tour", login="admin")

