from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import CustomerQualityCommon


@tagged("post_install", "-at_install")
class TestSaleReview(CustomerQualityCommon):
    def _order(self, user=None):
        return self.env["sale.order"].with_user(user or self.user).create({
            "partner_id": self.prospect.id,
            "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 2})],
        })

    def test_review_gate_before_confirmation(self):
        order = self._order()
        items = self.env["cq.review.item"].search([])
        self.assertEqual(order.cq_review_line_ids.item_id, items)
        self.assertGreaterEqual(len(items), 4)
        with self.assertRaisesRegex(UserError, "8.2.3"):
            order.action_confirm()
        order.cq_review_line_ids[:-1].write({"checked": True})
        self.assertFalse(order.cq_review_complete)
        with self.assertRaises(UserError):
            order.action_confirm()
        with freeze_time("2026-05-04 15:00:00"):
            order.cq_review_line_ids[-1].checked = True
        self.assertTrue(order.cq_review_complete)
        self.assertEqual(order.cq_review_line_ids[-1].checked_by_id, self.user)
        self.assertEqual(order.cq_review_line_ids[-1].checked_on, fields.Datetime.to_datetime("2026-05-04 15:00:00"))
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(self.prospect.customer_state, "captive", "confirming converts the prospect")

    def test_manager_waives_the_review(self):
        order = self._order()
        with self.assertRaises(AccessError):
            order.with_user(self.user)._cq_waive_review("Cliente recurrente")
        action = order.with_user(self.manager).action_cq_open_waiver_wizard()
        wizard = Form(self.env[action["res_model"]].with_user(self.manager).with_context(action["context"]))
        wizard.reason = "Pedido urgente de un cliente recurrente"
        wizard.save().action_waive()
        self.assertTrue(order.cq_review_waived)
        self.assertIn("Pedido urgente", order.message_ids[0].body)
        self.assertIn("Marta Gerente", order.message_ids[0].body)
        order.with_user(self.user).action_confirm()
        self.assertEqual(order.state, "sale")
        with self.assertRaises(UserError):
            self._order()._cq_waive_review(" ")

    def test_review_can_be_switched_off(self):
        self.env["ir.config_parameter"].sudo().set_param("customer_quality.require_sale_review", "False")
        order = self._order()
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_missing_items_are_added_to_older_quotations(self):
        order = self._order()
        new_item = self.env["cq.review.item"].create({"name": "Condiciones de pago acordadas"})
        order.action_cq_load_review_items()
        self.assertIn(new_item, order.cq_review_line_ids.item_id)
        order.action_cq_load_review_items()
        self.assertEqual(len(order.cq_review_line_ids.filtered(lambda l: l.item_id == new_item)), 1)

    def test_approve_and_reject_sent_quotations(self):
        order = self._order()
        with self.assertRaises(UserError):
            order.action_cq_mark_approved()  # a draft was never sent
        order.action_quotation_sent()
        with freeze_time("2026-06-10 15:00:00"):
            order.action_cq_mark_approved()
        self.assertEqual(order.cq_decision, "approved")
        self.assertEqual(order.cq_decision_date, fields.Date.to_date("2026-06-10"))
        self.assertEqual(order.state, "sent", "approval does not confirm: the review comes first")

        rejected = self._order()
        rejected.action_quotation_sent()
        action = rejected.action_cq_open_rejection_wizard()
        reason = self.env.ref("customer_quality.cq_rejection_reason_price")
        wizard = self.env[action["res_model"]].with_context(action["context"]).create(
            {"reason_id": reason.id, "note": "Un competidor ofreció 10 % menos"}
        )
        wizard.action_reject()
        self.assertEqual(rejected.cq_decision, "rejected")
        self.assertEqual(rejected.cq_rejection_reason_id, reason)
        self.assertEqual(rejected.state, "cancel")
        with self.assertRaises(UserError):
            rejected._cq_mark_rejected(reason)
        with self.assertRaises(UserError):
            other = self._order()
            other.action_quotation_sent()
            other._cq_mark_rejected(self.env["cq.rejection.reason"])

        counts = dict(self.env["sale.order"]._read_group(
            [("cq_decision", "=", "rejected"), ("id", "=", rejected.id)], ["cq_rejection_reason_id"], ["__count"]
        ))
        self.assertEqual(counts, {reason: 1})

    def test_review_setting(self):
        Order = self.env["sale.order"]
        self.assertTrue(Order._cq_review_required(), "on after installation")
        self.env["res.config.settings"].create({"cq_require_sale_review": False}).execute()
        self.assertFalse(Order._cq_review_required())
        self.env["res.config.settings"].create({"cq_require_sale_review": True}).execute()
        self.assertTrue(Order._cq_review_required())
