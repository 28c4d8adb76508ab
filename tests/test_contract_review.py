from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CustomerQualityCommon


@tagged("post_install", "-at_install")
class TestContractReview(CustomerQualityCommon):
    def test_yearly_review_on_the_anniversary(self):
        Review = self.env["cq.contract.review"]
        contract = self.env["cq.contract"].create({
            "title": "Suministro de gases", "partner_id": self.prospect.id,
            "date_start": "2025-03-15", "date_end": "2027-03-14", "user_id": self.user.id,
        })
        contract.action_sign()
        self.env["cq.contract.obligation"].create([
            {"contract_id": contract.id, "name": "Entrega 1", "date_due": "2025-06-01",
             "date_delivered": "2025-05-30", "in_form": "yes"},
            {"contract_id": contract.id, "name": "Entrega 2", "date_due": "2025-12-01",
             "date_delivered": "2025-12-05", "in_form": "yes"},
            {"contract_id": contract.id, "name": "Entrega 3", "date_due": "2026-06-01"},
        ])
        with freeze_time("2026-03-14 12:00:00"):
            Review._cron_create_reviews()
        self.assertFalse(Review.search([("contract_id", "=", contract.id)]), "not before the anniversary")
        with freeze_time("2026-03-15 12:00:00"):
            Review._cron_create_reviews()
            Review._cron_create_reviews()
        review = Review.search([("contract_id", "=", contract.id)])
        self.assertEqual(len(review), 1, "idempotent")
        self.assertEqual(review.anniversary, date(2026, 3, 15))
        self.assertEqual((review.period_start, review.period_end), (date(2025, 3, 15), date(2026, 3, 14)))
        self.assertEqual((review.obligation_count, review.obligation_fulfilled_count), (2, 1))
        self.assertEqual(review.activity_ids.user_id, self.user)
        with self.assertRaises(UserError):
            review.action_done()
        review.write({"requirements_met": "yes", "obligations_on_time": "partly", "complaints_handled": "none",
                      "invoicing_up_to_date": "yes", "customer_satisfied": "yes",
                      "conclusion": "Cumplimiento adecuado; una entrega tardía."})
        review.action_done()
        self.assertEqual(review.state, "done")
        with self.assertRaises(UserError):
            review.unlink()
        with freeze_time("2026-09-01 12:00:00"):
            Review._cron_create_reviews()
        self.assertEqual(Review.search_count([("contract_id", "=", contract.id)]), 1)
        with freeze_time("2027-03-15 12:00:00"):
            Review._cron_create_reviews()
        self.assertEqual(Review.search_count([("contract_id", "=", contract.id)]), 2, "the next anniversary")

    def test_review_is_printable(self):
        contract = self.env["cq.contract"].create({
            "title": "Contrato impreso", "partner_id": self.prospect.id, "date_start": "2025-01-10",
        })
        contract.action_sign()
        with freeze_time("2026-01-10 12:00:00"):
            self.env["cq.contract.review"]._cron_create_reviews()
        review = self.env["cq.contract.review"].search([("contract_id", "=", contract.id)])
        review.conclusion = "Conclusión impresa"
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "customer_quality.cq_contract_review_report_action", review.ids
        )
        html = html.decode()
        self.assertIn(contract.name, html)
        self.assertIn("Conclusión impresa", html)
        self.assertIn("o_cq_review_checklist", html)
