from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import CustomerQualityCommon


@tagged("post_install", "-at_install")
class TestFirstContact(CustomerQualityCommon):
    def test_outgoing_message_sets_first_contact(self):
        with freeze_time("2026-01-09 14:00:00"):
            self.prospect.with_user(self.user).message_post(
                body="Buenos días, le enviamos nuestro portafolio.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(self.prospect.cq_first_contact_date, fields.Date.to_date("2026-01-09"))
        with freeze_time("2026-01-20 14:00:00"):
            self.prospect.with_user(self.user).message_post(
                body="Seguimiento", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        self.assertEqual(
            self.prospect.cq_first_contact_date, fields.Date.to_date("2026-01-09"), "first one kept"
        )

    def test_first_contact_uses_user_timezone(self):
        # 03:00 UTC on the 10th is still the 9th in Bogotá
        with freeze_time("2026-01-10 03:00:00"):
            self.prospect.with_user(self.user).message_post(
                body="Hola", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        self.assertEqual(self.prospect.cq_first_contact_date, fields.Date.to_date("2026-01-09"))

    def test_internal_note_and_incoming_message_are_no_contact(self):
        self.prospect.with_user(self.user).message_post(
            body="Nota interna", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.prospect.message_post(
            body="Pregunta del cliente",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=self.prospect.id,
        )
        self.assertFalse(self.prospect.cq_first_contact_date)

    def test_done_call_sets_first_contact_todo_does_not(self):
        todo = self.prospect.with_user(self.user).activity_schedule(
            "mail.mail_activity_data_todo", summary="Preparar oferta", user_id=self.user.id
        )
        with freeze_time("2026-01-12 16:00:00"):
            todo._action_done()
        self.assertFalse(self.prospect.cq_first_contact_date)
        call = self.prospect.with_user(self.user).activity_schedule(
            "mail.mail_activity_data_call", summary="Llamada inicial", user_id=self.user.id
        )
        with freeze_time("2026-01-13 16:00:00"):
            call.with_user(self.user).action_feedback(feedback="Interesado")
        self.assertEqual(self.prospect.cq_first_contact_date, fields.Date.to_date("2026-01-13"))
        self.assertEqual(self.prospect.cq_days_to_first_contact, 8)

    def test_contact_person_message_counts_for_company(self):
        person = self.env["res.partner"].create(
            {"name": "Ana Compras", "parent_id": self.prospect.id, "type": "contact"}
        )
        meeting = person.with_user(self.user).activity_schedule(
            "mail.mail_activity_data_meeting", summary="Visita", user_id=self.user.id
        )
        with freeze_time("2026-01-15 16:00:00"):
            meeting._action_done()
        self.assertEqual(self.prospect.cq_first_contact_date, fields.Date.to_date("2026-01-15"))

    def test_partner_outside_lifecycle_untouched(self):
        partner = self.env["res.partner"].create({"name": "Proveedor"})
        partner.with_user(self.user).message_post(
            body="Hola", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertFalse(partner.cq_first_contact_date)

    def test_no_first_contact_filter(self):
        late = self.prospect
        recent = self.env["res.partner"].create(
            {"name": "Reciente", "customer_state": "prospect", "cq_identification_date": "2026-01-28"}
        )
        contacted = self.env["res.partner"].create(
            {
                "name": "Contactado",
                "customer_state": "prospect",
                "cq_identification_date": "2026-01-02",
                "cq_first_contact_date": "2026-01-03",
            }
        )
        with freeze_time("2026-01-30 12:00:00"):
            found = self.env["res.partner"].search([("cq_first_contact_overdue", "=", True)])
            not_found = self.env["res.partner"].search(
                [("cq_first_contact_overdue", "=", False), ("id", "in", (late | recent | contacted).ids)]
            )
            self.assertTrue(late.cq_first_contact_overdue)
        self.assertIn(late, found)
        self.assertNotIn(recent, found)
        self.assertNotIn(contacted, found)
        self.assertEqual(not_found, recent | contacted)
