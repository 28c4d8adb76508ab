from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CustomerQualityCommon


@tagged("post_install", "-at_install")
class TestLifecycle(CustomerQualityCommon):
    def test_new_prospect_gets_identification_date(self):
        with freeze_time("2026-03-10 15:00:00"):
            partner = self.env["res.partner"].with_user(self.user).create(
                {"name": "Nuevo Prospecto", "customer_state": "prospect"}
            )
        self.assertEqual(partner.cq_identification_date, fields.Date.to_date("2026-03-10"))
        plain = self.env["res.partner"].create({"name": "Proveedor"})
        self.assertFalse(plain.customer_state)
        self.assertFalse(plain.cq_identification_date)

    def test_first_confirmed_order_converts_prospect(self):
        contact = self.env["res.partner"].create(
            {"name": "Compradora", "parent_id": self.prospect.id, "type": "contact"}
        )
        order = self._create_order(contact, user=self.user)
        self.assertEqual(self.prospect.customer_state, "prospect")
        with freeze_time("2026-02-20 10:00:00"):
            order.with_user(self.user).action_confirm()
        self.assertEqual(self.prospect.customer_state, "captive")
        self.assertEqual(self.prospect.cq_conversion_date, fields.Date.to_date("2026-02-20"))
        self.assertEqual(self.prospect.cq_conversion_document, order)
        self.assertIn(order.name, self.prospect.message_ids[0].body)

        second = self._create_order(self.prospect)
        with freeze_time("2026-03-20 10:00:00"):
            second.action_confirm()
        self.assertEqual(self.prospect.cq_conversion_document, order, "the first order stays")
        self.assertEqual(self.prospect.cq_conversion_date, fields.Date.to_date("2026-02-20"))

    def test_customer_outside_lifecycle_becomes_captive(self):
        partner = self.env["res.partner"].create({"name": "Cliente Directo"})
        order = self._create_order(partner)
        with freeze_time("2026-04-01 12:00:00"):
            order.action_confirm()
        self.assertEqual(partner.customer_state, "captive")
        self.assertEqual(partner.cq_identification_date, fields.Date.to_date("2026-04-01"))

    def test_quotation_does_not_convert(self):
        order = self._create_order(self.prospect)
        order.action_quotation_sent()
        self.assertEqual(self.prospect.customer_state, "prospect")
        self.assertFalse(self.prospect.cq_conversion_date)

    def test_manual_conversion_needs_document(self):
        with self.assertRaises(ValidationError):
            self.prospect._cq_convert_to_captive(self.env["sale.order"])
        wizard = self.env["cq.partner.convert.wizard"].with_user(self.user).create(
            {"partner_id": self.prospect.id}
        )
        self.assertFalse(wizard.document, "no order of the customer to propose")
        with self.assertRaises(ValidationError):
            wizard.action_convert()
        self.assertEqual(self.prospect.customer_state, "prospect")

        other_order = self._create_order(self.env["res.partner"].create({"name": "Otro"}))
        wizard.document = other_order
        with self.assertRaises(ValidationError):
            wizard.action_convert()

        order = self._create_order(self.prospect, user=self.user)
        action = self.prospect.with_user(self.user).action_cq_convert()
        wizard_form = Form(self.env[action["res_model"]].with_user(self.user).with_context(action["context"]))
        wizard_form.conversion_date = "2026-02-01"
        wizard = wizard_form.save()
        self.assertEqual(wizard.document, order, "the customer's order is proposed")
        wizard.action_convert()
        self.assertEqual(self.prospect.customer_state, "captive")
        self.assertEqual(self.prospect.cq_conversion_date, fields.Date.to_date("2026-02-01"))
        self.assertEqual(self.prospect.cq_conversion_document, order)
        self.assertEqual(order.state, "draft", "manual conversion does not confirm the order")

    def test_revert_is_manager_only_and_logged(self):
        order = self._create_order(self.prospect)
        order.action_confirm()
        with self.assertRaises(AccessError):
            self.prospect.with_user(self.user).action_cq_revert_to_prospect()
        self.assertEqual(self.prospect.customer_state, "captive")
        self.prospect.with_user(self.manager).action_cq_revert_to_prospect()
        self.assertEqual(self.prospect.customer_state, "prospect")
        self.assertFalse(self.prospect.cq_conversion_date)
        self.assertFalse(self.prospect.cq_conversion_document)
        self.assertIn("Marta Gerente", self.prospect.message_ids[0].body)
        self.assertIn(order.name, self.prospect.message_ids[0].body)

    def test_mark_lost_with_reason_and_archive(self):
        reason = self.env.ref("customer_quality.cq_lost_reason_competitor")
        action = self.prospect.with_user(self.user).action_cq_mark_lost()
        wizard = self.env[action["res_model"]].with_user(self.user).with_context(action["context"]).create(
            {"lost_reason_id": reason.id, "note": "Eligió a la competencia", "archive": True}
        )
        wizard.action_mark_lost()
        self.assertEqual(self.prospect.customer_state, "lost")
        self.assertEqual(self.prospect.cq_lost_reason_id, reason)
        self.assertFalse(self.prospect.active)
        self.assertIn("Eligió a la competencia", self.prospect.message_ids[0].body)

    def test_customer_with_history_is_not_deleted(self):
        self._create_order(self.prospect).action_confirm()
        with self.assertRaises(UserError):
            self.prospect.unlink()
        self.assertTrue(self.prospect.exists())

    def test_first_contact_date_rules(self):
        with self.assertRaises(ValidationError):
            self.prospect.write({"cq_first_contact_date": "2026-01-01"})
        with self.assertRaises(AccessError):
            self.prospect.with_user(self.user).write({"cq_first_contact_date": "2026-01-07"})
        self.prospect.with_user(self.manager).write({"cq_first_contact_date": "2026-01-07"})
        self.assertEqual(self.prospect.cq_first_contact_date, fields.Date.to_date("2026-01-07"))
        # users may still save the form with the unchanged value
        self.prospect.with_user(self.user).write({"cq_first_contact_date": "2026-01-07", "phone": "123"})

    def test_user_cannot_create_with_first_contact_date(self):
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.user).create(
                {"name": "Con contacto", "customer_state": "prospect", "cq_first_contact_date": "2026-01-07"}
            )
        partner = self.env["res.partner"].with_user(self.manager).create(
            {
                "name": "Con contacto",
                "customer_state": "prospect",
                "cq_identification_date": "2026-01-05",
                "cq_first_contact_date": "2026-01-07",
            }
        )
        self.assertEqual(partner.cq_days_to_first_contact, 2)

    def test_kanban_columns_follow_the_lifecycle(self):
        groups = self.env["res.partner"].read_group(
            [("id", "=", self.prospect.id)], ["customer_state"], ["customer_state"]
        )
        self.assertEqual(
            [group["customer_state"] for group in groups], ["prospect", "captive", "lost"]
        )
