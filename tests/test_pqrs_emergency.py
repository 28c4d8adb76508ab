from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_pqrs import PqrsCommon
from .test_pqrs_mail import INCOMING


@tagged("post_install", "-at_install")
class TestPqrsEmergency(PqrsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emergency = cls.env.ref("customer_quality.cq_pqrs_type_emergency")
        cls.member = cls.env["res.users"].create({
            "name": "Turno Noche", "login": "cq_on_duty", "company_id": cls.company_co.id,
            "company_ids": [(6, 0, cls.company_co.ids)],
            "groups_id": [(6, 0, [cls.env.ref("customer_quality.group_cq_user").id])],
        })
        cls.team.write({"member_ids": [(4, cls.member.id)], "on_duty_phone": "+57 300 000 0000"})

    def test_emergency_terms_are_in_hours(self):
        with self.assertRaises(ValidationError):
            self.env["cq.pqrs.type"].create(
                {"name": "Fuga sin horas", "code": "EX", "is_emergency": True, "term_days": 15}
            )
        with self.assertRaises(ValidationError):
            self.env["cq.pqrs.type"].create(
                {"name": "Horas sin emergencia", "code": "HX", "term_hours": 4, "term_days": 15}
            )

    def test_filed_at_once_day_and_night_with_an_hour_term(self):
        # Saturday 2026-03-07 23:30 in Bogotá (04:30 UTC on Sunday): no business day is waited for
        with freeze_time("2026-03-08 04:30:00"):
            case = self._case("2026-03-08 04:30:00", pqrs_type=self.emergency, subject="Fuga de gas en planta")
        self.assertTrue(case.is_emergency)
        self.assertRegex(case.name, r"^E-2026-\d{5}$")
        self.assertEqual(case.date_radicated, date(2026, 3, 7), "filed on the day it arrived, a Saturday")
        self.assertEqual((case.term_days, case.term_hours), (0, 4))
        self.assertEqual(case.date_deadline, datetime(2026, 3, 8, 8, 30))
        self.assertEqual(case.date_due, date(2026, 3, 8))
        self.assertEqual(case.emergency_phone, "+57 300 000 0000")
        # the on-duty team is notified at once, and the responsible gets an activity
        notice = self.env["mail.message"].search(
            [("model", "=", "cq.pqrs"), ("res_id", "=", case.id), ("subject", "=like", "EMERGENCY %")]
        )
        self.assertEqual(len(notice), 1)
        self.assertEqual(
            set(notice.partner_ids.ids), set((self.leader | self.member | self.user).partner_id.ids)
        )
        self.assertEqual(case.activity_ids.user_id, self.user)
        # answered 2 h 15 min later: on time, measured in hours
        case.answer = "<p>Cuadrilla enviada, fuga controlada.</p>"
        with freeze_time("2026-03-08 06:45:00"):
            case.action_send_answer()
        self.assertTrue(case.answered_on_time)
        self.assertEqual(case.response_hours, 2.25)

    def test_late_emergency_and_order(self):
        petition = self._case("2026-03-02 10:00:00", priority="1")
        emergency = self._case("2026-03-02 10:00:00", pqrs_type=self.emergency)
        emergency.answer = "<p>Atendida.</p>"
        with freeze_time("2026-03-02 16:00:00"):  # 6 hours later
            emergency.action_send_answer()
        self.assertFalse(emergency.answered_on_time)
        self.assertEqual(emergency.response_hours, 6.0)
        cases = self.env["cq.pqrs"].search([("id", "in", (petition | emergency).ids)])
        self.assertEqual(cases[0], emergency, "emergencies come first everywhere")

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_emergency_by_email_at_night(self):
        """An email to the on-duty alias files an emergency at once, even on a
        Sunday night, and notifies the on-duty team."""
        on_duty = self.env["cq.pqrs.team"].create({
            "name": "Guardia", "company_id": self.company_co.id, "leader_id": self.leader.id,
            "member_ids": [(4, self.member.id)], "on_duty_phone": "+57 300 111 1111",
            "alias_name": "guardia-test", "default_type_id": self.emergency.id,
        })
        domain = self.team.alias_domain_id.name or "example.com"
        if not on_duty.alias_domain_id:
            on_duty.alias_domain_id = self.env["mail.alias.domain"].create({"name": domain})
        with freeze_time("2026-03-09 03:10:00"):  # Sunday 22:10 in Bogotá
            case_id = self.env["mail.thread"].message_process(
                None,
                INCOMING.format(domain=on_duty.alias_domain_id.name, subject="Derrame de químico", extra="",
                                message_id="spill@example.com", body="Derrame en la bodega 3.")
                .replace("pqrs-test@", "guardia-test@"),
            )
        case = self.env["cq.pqrs"].browse(case_id)
        self.assertEqual((case.type_id, case.team_id, case.channel), (self.emergency, on_duty, "email"))
        self.assertTrue(case.is_emergency)
        self.assertEqual(case.date_deadline, datetime(2026, 3, 9, 7, 10), "4 hours, not business days")
        self.assertEqual(case.emergency_phone, "+57 300 111 1111")
        self.assertEqual(case.user_id, self.leader)
        notice = self.env["mail.message"].search(
            [("model", "=", "cq.pqrs"), ("res_id", "=", case.id), ("subject", "=like", "EMERGENCY %")]
        )
        self.assertEqual(set(notice.partner_ids.ids), set((self.leader | self.member).partner_id.ids))
        self.assertEqual(case.activity_ids.user_id, self.leader)
