from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestConvertProspectTour(HttpCase):
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
