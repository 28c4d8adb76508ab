from odoo.tests import HttpCase, tagged

from .common_tour import EnglishAdminTour


@tagged("post_install", "-at_install")
class TestComplaintTrend(EnglishAdminTour, HttpCase):
    """The Complaint Trends chart draws the least-squares line of each series."""

    def test_trend_line_in_the_browser(self):
        pump = self.env["product.product"].create({"name": "CQ Trend Pump"})
        complaint = self.env.ref("customer_quality.cq_pqrs_type_complaint")
        customer = self.env["res.partner"].create({"name": "Cliente Tendencia", "email": "tendencia@example.com"})
        # 3, 5 and 7 complaints in three past months: the regression is exactly 3, 5, 7 (slope 2)
        for month, count in ((1, 3), (2, 5), (3, 7)):
            for index in range(count):
                self.env["cq.pqrs"].create(
                    {
                        "subject": f"Bomba con fuga {month}-{index}",
                        "type_id": complaint.id,
                        "partner_id": customer.id,
                        "product_id": pump.id,
                        "date_received": f"2025-{month:02d}-14 {10 + index}:00:00",
                    }
                )
        cases = self.env["cq.pqrs"].search([("product_id", "=", pump.id)])
        self.assertEqual(
            sorted(cases.mapped(lambda case: case.date_radicated.month)), [1] * 3 + [2] * 5 + [3] * 7
        )
        action = self.env.ref("customer_quality.cq_pqrs_action_complaint_trend")
        # the chart shows only the test product whatever the demo data holds
        self.env["ir.filters"].create(
            {
                "name": "CQ Trend Pump only",
                "model_id": "cq.pqrs",
                "action_id": action.id,
                "user_id": self.env.ref("base.user_admin").id,
                "domain": repr([("product_id", "=", pump.id)]),
                "is_default": True,
            }
        )
        self.start_tour(
            "/odoo/action-customer_quality.cq_pqrs_action_complaint_trend",
            "cq_complaint_trend_tour",
            login="admin",
        )
