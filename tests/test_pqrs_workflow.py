from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_pqrs import PqrsCommon


@tagged("post_install", "-at_install")
class TestPqrsWorkflow(PqrsCommon):
    def test_numbers_per_type_and_year(self):
        first = self._case("2026-03-02 14:00:00", pqrs_type=self.complaint)
        second = self._case("2026-03-03 14:00:00", pqrs_type=self.complaint)
        petition = self._case("2026-03-03 14:00:00")
        next_year = self._case("2027-02-01 14:00:00", pqrs_type=self.complaint)
        self.assertRegex(first.name, r"^Q-2026-\d{5}$")
        self.assertEqual(int(second.name[-5:]), int(first.name[-5:]) + 1)
        self.assertRegex(petition.name, r"^P-2026-\d{5}$")
        self.assertEqual(next_year.name, "Q-2027-00001")
        # the number follows the filing date: received on 31 December after hours
        new_year = self._case("2027-12-31 23:00:00")
        self.assertEqual(new_year.date_radicated, date(2028, 1, 3))
        self.assertEqual(new_year.name, "P-2028-00001")

    def test_acknowledgement_queued_then_sent(self):
        case = self._case("2026-03-02 14:00:00")
        self.assertTrue(case.ack_pending)
        # the cron's time budget may stop before this case when demo cases are queued too
        self.env["cq.pqrs"].search([("ack_pending", "=", True), ("id", "!=", case.id)]).ack_pending = False
        self.env["cq.pqrs"]._cron_send_acknowledgements()
        self.assertFalse(case.ack_pending)
        ack = case.message_ids.filtered(lambda m: case.name in (m.subject or ""))
        self.assertEqual(len(ack), 1)
        self.assertIn("2026", ack.body)
        self.assertIn(self.user.name, ack.body)
        self.env["cq.pqrs"]._cron_send_acknowledgements()
        self.assertEqual(len(case.message_ids.filtered(lambda m: case.name in (m.subject or ""))), 1)

    def test_answer_on_time_and_late(self):
        with freeze_time("2026-03-02 14:00:00"):
            case = self._case("2026-03-02 14:00:00")
        self.assertEqual(case.date_due, date(2026, 3, 23 + 1))  # Monday 23 is a holiday
        case.answer = "<p>Hemos corregido la factura.</p>"
        with freeze_time("2026-03-10 15:00:00"):
            case.with_user(self.user).action_send_answer()
        self.assertEqual(case.state, "answered")
        self.assertTrue(case.answer_pending, "recorded at once, the email is left to the job")
        self.assertFalse(case.message_ids.filtered(lambda m: "/rate/" in (m.body or "")))
        self.env["cq.pqrs"]._cron_send_answers()
        self.assertFalse(case.answer_pending)
        self.assertTrue(case.answered_on_time)
        self.assertEqual(case.response_days, 6)
        self.assertEqual(case.term_state, "on_time")
        rating = case.rating_ids
        self.assertEqual(len(rating), 1, "a rating is requested with the answer")
        self.assertEqual(rating.partner_id, self.customer)
        answer_mail = case.message_ids.filtered(lambda m: "/rate/" in (m.body or ""))
        self.assertEqual(len(answer_mail), 1)
        self.assertIn("Hemos corregido la factura", answer_mail.body)
        case.rating_apply(5, token=rating.access_token, feedback="Muy bien")
        self.assertEqual(case.rating_ids.rating, 5)

        with freeze_time("2026-03-02 14:00:00"):
            late = self._case("2026-03-02 14:00:00")
        late.answer = "<p>Respuesta tardía</p>"
        with freeze_time("2026-03-25 15:00:00"):
            late.action_send_answer()
        self.assertFalse(late.answered_on_time)
        self.assertEqual(late.term_state, "overdue")

    def test_bad_answers_and_closing(self):
        case = self._case("2026-03-02 14:00:00", pqrs_type=self.complaint)
        with self.assertRaises(UserError):
            case.action_send_answer()  # no answer text
        with self.assertRaises(UserError):
            case.action_close()
        with self.assertRaises(ValidationError):
            case.date_answered = "2026-03-01 10:00:00"
        with self.assertRaises(UserError):
            case.stage_id = self.env.ref("customer_quality.cq_pqrs_stage_closed")
        case.answer = "<p>Respuesta</p>"
        with freeze_time("2026-03-05 15:00:00"):
            case.action_send_answer()
        with self.assertRaisesRegex(UserError, "root-cause"):
            case.action_close()
        case.write({
            "root_cause_id": self.env.ref("customer_quality.cq_pqrs_root_cause_delivery").id,
            "root_cause_analysis": "El transportador no confirmó la ruta.",
        })
        case.action_close()
        self.assertEqual(case.state, "closed")
        self.assertTrue(case.date_closed)

    def test_suspension_moves_the_due_date(self):
        with freeze_time("2026-03-02 14:00:00"):
            case = self._case("2026-03-02 14:00:00")
        self.assertEqual(case.date_due, date(2026, 3, 24))
        with freeze_time("2026-03-04 15:00:00"):  # Wednesday
            case.action_wait_filer()
        self.assertEqual(case.state, "waiting")
        with freeze_time("2026-03-09 15:00:00"):  # Monday: Thu, Fri, Mon suspended
            case.action_start_analysis()
        self.assertEqual(case.suspended_days, 3)
        self.assertEqual(case.date_due, date(2026, 3, 27))
        self.assertEqual(case.date_due_original, date(2026, 3, 24))
        self.assertFalse(case.suspended_since)

    def test_extension(self):
        with freeze_time("2026-03-02 14:00:00"):
            case = self._case("2026-03-02 14:00:00")
        with freeze_time("2026-03-20 15:00:00"):
            with self.assertRaises(UserError):
                case._cq_extend(5, "")  # a reason is required
            with self.assertRaises(UserError):
                case._cq_extend(16, "Análisis de laboratorio")  # more than the term
            wizard = self.env["cq.pqrs.extension.wizard"].with_user(self.user).with_context(
                default_pqrs_id=case.id).create({"reason": "Análisis de laboratorio"})
            self.assertEqual(wizard.days, 15)
            wizard.days = 5
            self.assertEqual(wizard.new_date_due, date(2026, 3, 31))
            wizard.action_extend()
        self.assertEqual(case.date_due, date(2026, 3, 31))
        self.assertEqual(case.date_due_original, date(2026, 3, 24))
        notice = case.message_ids.filtered(lambda m: "Análisis de laboratorio" in (m.body or ""))
        self.assertEqual(len(notice), 1, "the filer is told")
        with freeze_time("2026-03-21 15:00:00"), self.assertRaisesRegex(UserError, "already"):
            case._cq_extend(2, "Otra vez")

        with freeze_time("2026-03-02 14:00:00"):
            late = self._case("2026-03-02 14:00:00")
        with freeze_time("2026-03-25 15:00:00"), self.assertRaisesRegex(UserError, "past its due date"):
            late._cq_extend(5, "Tarde")

    def test_reopen(self):
        # the type's reopening step: 10 calendar days from the answer
        self.petition._cq_step("reopening").amount = 10
        with freeze_time("2026-03-02 14:00:00"):
            case = self._case("2026-03-02 14:00:00")
        case.answer = "<p>Listo</p>"
        with freeze_time("2026-03-05 15:00:00"):
            case.action_send_answer()
        with freeze_time("2026-03-10 15:00:00"):
            case.action_reopen()
        self.assertEqual(case.state, "analysis")
        self.assertEqual(case.reopen_count, 1)
        with freeze_time("2026-03-12 15:00:00"):
            case.action_send_answer()
        self.assertEqual(case.date_answered.date(), date(2026, 3, 5), "the first answer's facts stay")
        self.assertTrue(case.answered_on_time)
        self.assertEqual(case.date_due, date(2026, 3, 24))
        with freeze_time("2026-03-30 15:00:00"), self.assertRaises(UserError):
            case.action_reopen()

    def test_cancel_never_delete(self):
        case = self._case("2026-03-02 14:00:00")
        with self.assertRaises(UserError):
            case.unlink()
        wizard = self.env["cq.pqrs.cancel.wizard"].create({"pqrs_id": case.id, "reason": "Duplicado"})
        wizard.action_cancel_case()
        self.assertEqual(case.state, "cancelled")
        self.assertEqual(case.cancel_reason, "Duplicado")
        with self.assertRaises(UserError):
            case.unlink()
        # an archived type stays readable on old cases
        self.petition.active = False
        self.assertEqual(case.type_id.name, "Petition")

    def test_type_and_reception_frozen(self):
        case = self._case("2026-03-02 14:00:00")
        with self.assertRaises(UserError):
            case.type_id = self.complaint
        with self.assertRaises(UserError):
            case.date_received = "2026-03-01 14:00:00"

    def test_multi_company(self):
        case_co = self._case("2026-03-02 14:00:00")
        case_mx = self._case("2026-03-02 14:00:00", company=self.company_mx)
        only_co = self.env["res.users"].create({
            "name": "Solo Colombia", "login": "solo_co", "company_id": self.company_co.id,
            "company_ids": [(6, 0, self.company_co.ids)],
            "groups_id": [(6, 0, [self.env.ref("customer_quality.group_cq_user").id])],
        })
        visible = self.env["cq.pqrs"].with_user(only_co).search([("id", "in", (case_co | case_mx).ids)])
        self.assertEqual(visible, case_co)
        with self.assertRaises(AccessError):
            case_mx.with_user(only_co).check_access("read")

    def _answered(self, received, answered_at, pqrs_type=None, **values):
        with freeze_time(received):
            case = self._case(received, pqrs_type=pqrs_type or self.complaint, **values)
        case.answer = "<p>ok</p>"
        with freeze_time(answered_at):
            case.action_send_answer()
        return case

    def test_rrt_and_response_time(self):
        self._answered("2026-05-04 14:00:00", "2026-05-06 15:00:00")  # 2 business days, on time
        self._answered("2026-05-04 14:00:00", "2026-05-12 15:00:00")  # 6 (Monday 18 is a holiday later)
        self._answered("2026-05-04 14:00:00", "2026-06-30 15:00:00")  # late
        with freeze_time("2026-05-05 14:00:00"):
            self._case("2026-05-05 14:00:00")  # petition still open
            self._case("2026-05-05 14:00:00")._cq_cancel("Duplicado")  # counted apart
        Pqrs = self.env["cq.pqrs"]
        stats = Pqrs._cq_response_stats(Pqrs._cq_period_domain("2026-05-01", "2026-05-31", self.company_co),
                                        ["type_id"])
        self.assertEqual(set(stats), {(self.complaint,), (self.petition,), None})
        complaint = stats[(self.complaint,)]
        self.assertEqual((complaint["count"], complaint["on_time"], complaint["answered"]), (3, 2, 3))
        self.assertAlmostEqual(complaint["rrt"], 200 / 3)
        petition = stats[(self.petition,)]
        self.assertEqual((petition["count"], petition["cancelled"], petition["rrt"]), (1, 1, 0.0))
        self.assertIsNone(petition["response_days"])
        self.assertEqual((stats[None]["count"], stats[None]["cancelled"]), (4, 1))
        self.assertAlmostEqual(stats[None]["rrt"], 50.0)
        self.assertAlmostEqual(stats[None]["response_days"], complaint["days_sum"] / 3)
        empty = Pqrs._cq_response_stats(Pqrs._cq_period_domain("2025-01-01", "2025-01-31", self.company_co))
        self.assertEqual(list(empty), [None])
        self.assertEqual(empty[None]["count"], 0)
        self.assertIsNone(empty[None]["rrt"])
        self.assertIsNone(empty[None]["response_days"])

    def test_rrt_leaves_pending_cases_out(self):
        """Measured at the end of May, 2 complaints answered on time and 1 open
        within its term give an RRT of 100 % (the open one is pending: counted,
        shown apart, left out of the rate), not 66.67 %. A case waiting for
        the filer is pending too, even past its first due date (its term is
        suspended). Past its due time, the open case is late: 2 on time of 3."""
        self._answered("2026-05-04 14:00:00", "2026-05-06 15:00:00")
        self._answered("2026-05-04 14:00:00", "2026-05-12 15:00:00")
        with freeze_time("2026-05-25 14:00:00"):
            open_case = self._case("2026-05-25 14:00:00", pqrs_type=self.complaint)
            waiting = self._case("2026-05-26 14:00:00", pqrs_type=self.complaint)
            waiting.action_wait_filer()
        self.assertEqual(waiting.state, "waiting")
        due = max(open_case.date_deadline, waiting.date_deadline)
        self.assertLess(due, datetime(2026, 7, 15))
        Pqrs = self.env["cq.pqrs"]
        may = (date(2026, 5, 1), date(2026, 5, 31))
        domain = Pqrs._cq_period_domain(*may, self.company_co)
        with freeze_time("2026-05-31 23:00:00"):
            total = Pqrs._cq_response_stats(domain)[None]
            indicator = self.env["cq.indicator"]._compute_rrt(*may, self.company_co)
        self.assertEqual((total["count"], total["on_time"], total["pending"], total["late"]), (4, 2, 2, 0))
        self.assertEqual(total["rrt"], 100.0, "the cases within their term are left out, not counted late")
        self.assertEqual(indicator, (2, 2, 100.0), "the indicator: on time over the cases answered or past due")
        # the only open case within its term: the rate is that of the cases already decided
        with freeze_time(min(open_case.date_deadline, waiting.date_deadline) + timedelta(minutes=1)):
            total = Pqrs._cq_response_stats(domain)[None]
        self.assertEqual((total["pending"], total["late"]), (1, 1))
        self.assertAlmostEqual(total["rrt"], 200 / 3)
        with freeze_time("2026-07-15 12:00:00"):
            total = Pqrs._cq_response_stats(domain)[None]
            indicator = self.env["cq.indicator"]._compute_rrt(*may, self.company_co)
        # the open case past its due time is late; the waiting one is not: its term is suspended (its due
        # date moves when the wait ends), so it stays pending
        self.assertEqual((total["count"], total["on_time"], total["pending"], total["late"]), (4, 2, 1, 1))
        self.assertAlmostEqual(total["rrt"], 200 / 3)
        self.assertEqual(indicator[:2], (2, 3))
        # given explicitly, `now` decides instead of the clock
        self.assertEqual(Pqrs._cq_response_stats(domain, now=datetime(2026, 5, 31, 23, 0))[None]["pending"], 2)

    def test_reopened_case_is_not_pending(self):
        """A case answered on time then reopened keeps its first answer: on
        time, never pending, whatever its due time."""
        case = self._answered("2026-05-04 14:00:00", "2026-05-06 15:00:00")
        with freeze_time("2026-05-07 10:00:00"):
            case.action_reopen()
        self.assertIn(case.state, ("new", "analysis"))
        Pqrs = self.env["cq.pqrs"]
        with freeze_time("2026-05-08 10:00:00"):
            total = Pqrs._cq_response_stats(Pqrs._cq_period_domain("2026-05-01", "2026-05-31", self.company_co))[None]
        self.assertEqual((total["count"], total["on_time"], total["pending"], total["rrt"]), (1, 1, 0, 100.0))

    def test_rrt_one_source(self):
        """The indicator's RRT, the register's totals and _cq_response_stats()
        agree on the same cases; a cancelled case counts in none of them."""
        self._answered("2026-05-04 14:00:00", "2026-05-06 15:00:00", channel="phone")  # on time
        self._answered("2026-05-04 14:00:00", "2026-06-30 15:00:00", channel="email")  # late
        self._answered("2026-05-04 14:00:00", "2026-05-06 15:00:00", pqrs_type=self.petition, channel="email")
        with freeze_time("2026-05-05 14:00:00"):
            self._case("2026-05-05 14:00:00", pqrs_type=self.complaint, channel="phone")  # open
            cancelled = self._case("2026-05-05 14:00:00", pqrs_type=self.complaint, channel="phone")
            cancelled._cq_cancel("Duplicado")
        Pqrs = self.env["cq.pqrs"]
        may = (date(2026, 5, 1), date(2026, 5, 31))
        stats = Pqrs._cq_response_stats(Pqrs._cq_period_domain(*may, self.company_co), ["type_id", "channel"])
        complaints = Pqrs._cq_response_stats_rollup(stats, 0)[self.complaint]
        self.assertEqual((complaints["count"], complaints["cancelled"], complaints["on_time"]), (3, 1, 1))
        self.assertAlmostEqual(complaints["rrt"], 100 / 3)

        # the indicator: complaints and claims (types that need a root cause), rounded to 2 decimals
        self.assertEqual(self.env["cq.indicator"]._compute_rrt(*may, self.company_co), (1, 3, 33.33))

        # the register, cancelled cases included in its list: counted apart in its totals too
        wizard = self.env["cq.pqrs.register.wizard"].create({
            "company_id": self.company_co.id, "date_from": may[0], "date_to": may[1], "include_cancelled": True,
        })
        values = self.env["report.customer_quality.cq_pqrs_register_report"]._get_report_values(
            [], wizard._cq_report_data()
        )
        figures = ("count", "cancelled", "on_time", "answered", "days_sum", "rrt", "response_days")
        total = values["total"]
        self.assertEqual({f: total[f] for f in figures}, {f: stats[None][f] for f in figures})
        self.assertEqual((total["count"], total["cancelled"], total["on_time"], total["answered"]), (4, 1, 2, 3))
        self.assertEqual(total["rrt"], 50.0)
        by_type = {row["label"]: row for row in values["by_type"]}
        self.assertEqual({f: by_type["Complaint"][f] for f in figures}, {f: complaints[f] for f in figures})
        by_channel = {row["label"]: row for row in values["by_channel"]}
        phone = Pqrs._cq_response_stats_rollup(stats, 1)["phone"]
        self.assertEqual({f: by_channel["Phone"][f] for f in figures}, {f: phone[f] for f in figures})
        self.assertEqual((phone["count"], phone["cancelled"], phone["rrt"]), (2, 1, 50.0))

    def test_partner_smart_button(self):
        person = self.env["res.partner"].create({"name": "Ana", "parent_id": self.customer.id})
        self._case("2026-03-02 14:00:00")
        self._case("2026-03-02 14:00:00", partner_id=person.id)
        self.assertEqual(self.customer.cq_pqrs_count, 2)
        self.assertEqual(person.cq_pqrs_count, 1)
        action = self.customer.action_cq_open_pqrs()
        self.assertEqual(self.env["cq.pqrs"].search_count(action["domain"]), 2)

    def test_settings_defaults_live_in_the_code(self):
        """No data record repeats a default: a database without the keys
        shows and applies the defaults of the code."""
        Param = self.env["ir.config_parameter"].sudo()
        keys = ("customer_quality.first_contact_days", "customer_quality.completeness_fields")
        Param.search([("key", "in", keys)]).unlink()
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.cq_first_contact_days, 7)
        self.assertEqual(settings.cq_completeness_fields, "email,phone,street,city,country_id,vat,industry_id,user_id")

