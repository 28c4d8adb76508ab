from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import CustomerQualityCommon


@tagged("post_install", "-at_install")
class TestCompleteness(CustomerQualityCommon):
    def test_completeness_on_create_and_write(self):
        # fields: email, phone, city, vat -> only email is set
        self.assertEqual(self.prospect.cq_profile_completeness, 25.0)
        self.assertEqual(self.prospect.cq_missing_profile_fields, "Phone, City, Tax ID")
        self.prospect.write({"phone": "+57 601 555 0101", "city": "Bogotá"})
        self.assertEqual(self.prospect.cq_profile_completeness, 75.0)
        self.assertEqual(self.prospect.cq_missing_profile_fields, "Tax ID")
        self.prospect.vat = "900123456"
        self.assertEqual(self.prospect.cq_profile_completeness, 100.0)
        self.assertFalse(self.prospect.cq_missing_profile_fields)
        self.prospect.city = False
        self.assertEqual(self.prospect.cq_profile_completeness, 75.0)
        found = self.env["res.partner"].search(
            [("id", "=", self.prospect.id), ("cq_profile_completeness", ">=", 75)]
        )
        self.assertEqual(found, self.prospect, "completeness is stored and searchable")

    def test_settings_reject_unknown_field(self):
        settings = Form(self.env["res.config.settings"])
        settings.cq_completeness_fields = "email, telefono_fijo"
        with self.assertRaisesRegex(ValidationError, "telefono_fijo"):
            settings.save()

    def test_settings_change_recomputes(self):
        settings = Form(self.env["res.config.settings"])
        settings.cq_completeness_fields = "email,website"
        settings.save().execute()
        self.assertEqual(self.prospect.cq_profile_completeness, 50.0)
        self.assertEqual(self.prospect.cq_missing_profile_fields, "Website Link")

    def test_negative_first_contact_days_rejected(self):
        settings = Form(self.env["res.config.settings"])
        settings.cq_first_contact_days = -3
        with self.assertRaises(ValidationError):
            settings.save()

    def test_last_profile_update_moves_on_real_edits_only(self):
        self.flush_tracking()
        self.assertFalse(self.prospect.cq_last_profile_update)
        with freeze_time("2026-02-02 10:00:00"):
            self.prospect.with_user(self.user).write({"phone": "+57 300 000 0000"})
            self.flush_tracking()
        self.assertEqual(
            self.prospect.cq_last_profile_update, fields.Datetime.to_datetime("2026-02-02 10:00:00")
        )
        with freeze_time("2026-03-03 10:00:00"):
            # same value: no real edit
            self.prospect.write({"phone": "+57 300 000 0000"})
            # lifecycle fields and untracked fields are no profile edits
            self.prospect.write({"customer_state": "lost", "comment": "<p>nota</p>"})
            self.flush_tracking()
        self.assertEqual(
            self.prospect.cq_last_profile_update, fields.Datetime.to_datetime("2026-02-02 10:00:00")
        )
        with freeze_time("2026-04-04 10:00:00"):
            self.prospect.write({"website": "https://andino.example.com"})
            self.flush_tracking()
        self.assertEqual(
            self.prospect.cq_last_profile_update, fields.Datetime.to_datetime("2026-04-04 10:00:00")
        )
