"""First response: the first word to the filer after filing (a staff
message or the answer; not the acknowledgement, not a note, not the filer's
own message), in business hours of the company's calendar across weekends and
holidays, against the team's target; late ones flagged (also by the hourly
job), filtered and counted in FRT."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import load_spanish
from .common_pqrs import PqrsCommon


@tagged("post_install", "-at_install")
class TestPqrsFirstResponse(PqrsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.first_response_target = 8
        cls.filer = cls.env["res.partner"].create({"name": "Laura Espera", "email": "laura@example.com"})

    def _filed(self, received="2026-11-13 21:00:00"):
        # Friday 13 November 2026, 16:00 in Bogotá: one working hour left that day
        with freeze_time(received):
            return self._case(received, pqrs_type=self.complaint, partner_id=self.filer.id)

    def test_business_hours_across_a_weekend_and_a_holiday(self):
        case = self._filed()
        with freeze_time("2026-11-13 21:05:00"):
            case.with_user(self.user)._cq_send_acknowledgement()
            case.message_post(body="Nota interna", subtype_xmlid="mail.mt_note")
            case.message_post(body="Sigo esperando", author_id=self.filer.id, message_type="comment",
                              subtype_xmlid="mail.mt_comment")
        self.assertFalse(case.date_first_response, "the acknowledgement, a note and the filer's message do not count")
        # Tuesday 17 November, 10:00 in Bogotá (Monday 16 is a holiday)
        with freeze_time("2026-11-17 15:00:00"):
            case.with_user(self.user).message_post(
                body="Estamos revisando su caso", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        self.assertEqual(case.date_first_response, datetime(2026, 11, 17, 15, 0))
        self.assertEqual(case.first_response_hours, 3.0, "Friday 16-17, Tuesday 8-10")
        self.assertFalse(case.first_response_breached)
        # the register prints it beside the answer time
        wizard = self.env["cq.pqrs.register.wizard"].create(
            {"date_from": date(2026, 11, 1), "date_to": date(2026, 11, 30), "company_id": self.company_co.id}
        )
        data = wizard.action_print().get("data")
        html = self.env["ir.actions.report"]._render_qweb_html(
            "customer_quality.cq_pqrs_register_report_action", wizard.ids, data=data
        )[0].decode()
        self.assertIn("First Response (h)", html)
        self.assertRegex(html, r'o_cq_register_first_response">\s*3[.,]0<')
        # a later message changes nothing
        with freeze_time("2026-11-18 15:00:00"):
            case.with_user(self.user).message_post(body="Otra", message_type="comment",
                                                   subtype_xmlid="mail.mt_comment")
        self.assertEqual(case.date_first_response, datetime(2026, 11, 17, 15, 0))

    def test_the_answer_is_a_first_response_and_late_ones_are_flagged(self):
        case = self._filed()
        case.write({"answer": "<p>Resuelto.</p>", "root_cause_id": self.env["cq.pqrs.root.cause"].search([], limit=1).id,
                    "root_cause_analysis": "Transporte"})
        # Thursday 19 November 10:00: Friday 1 h + Tuesday 9 h... past the 8 h target
        with freeze_time("2026-11-19 15:00:00"):
            case.with_user(self.user).action_send_answer()
        self.assertEqual(case.date_first_response, case.date_answered)
        self.assertEqual(case.first_response_hours, 1 + 8 + 8 + 2)
        self.assertTrue(case.first_response_breached)

    def test_hourly_job_flags_the_open_cases_waiting_too_long(self):
        waiting = self._filed()
        recent = self._filed("2026-11-17 14:00:00")
        with freeze_time("2026-11-17 22:00:00"):
            self.env["cq.pqrs"]._cron_cq_first_response()
        # at 17:00 in Bogotá: waiting, Friday 1 h + Tuesday 8 h = 9 h > 8; recent, Tuesday 9:00 to 17:00 = 7 h
        self.assertTrue(waiting.first_response_breached)
        self.assertFalse(recent.first_response_breached)
        late = self.env["cq.pqrs"].search([("first_response_breached", "=", True), ("id", "in", (waiting | recent).ids)])
        self.assertEqual(late, waiting)
        # FRT of November: one late of one measured; the recent one is pending
        facts = self.env["cq.indicator"]._compute_facts(date(2026, 11, 1), date(2026, 11, 30), self.company_co)
        self.assertEqual(facts["frt"][:2], (0, 1))
        with freeze_time("2026-11-17 22:30:00"):
            recent.with_user(self.user).message_post(body="Ya lo vemos", message_type="comment",
                                                     subtype_xmlid="mail.mt_comment")
        facts = self.env["cq.indicator"]._compute_facts(date(2026, 11, 1), date(2026, 11, 30), self.company_co)
        self.assertEqual(facts["frt"], (1, 2, 50.0))

    def test_badge_and_filter_in_spanish(self):
        load_spanish(self.env)
        views = self.env["cq.pqrs"].with_context(lang="es_CO").get_views([(False, "kanban"), (False, "search")])
        self.assertIn("Primera respuesta tardía", views["views"]["kanban"]["arch"])
        self.assertIn("Primera respuesta tardía", views["views"]["search"]["arch"])
