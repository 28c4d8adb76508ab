from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_pqrs import PqrsCommon


@tagged("post_install", "-at_install")
class TestActionPlan(PqrsCommon):
    def _plan(self, **values):
        return self.env["cq.action.plan"].with_user(self.user).create(
            {"title": "Entregas tardías", "company_id": self.company_co.id, "user_id": self.user.id,
             "date_deadline": "2026-05-01", **values}
        )

    def test_workflow_needs_effective_review_to_close(self):
        plan = self._plan()
        self.assertRegex(plan.name, r"^AP-\d{4}-\d{4}$")
        self.assertEqual(len(plan.activity_ids), 1, "the responsible is asked to analyse")
        with self.assertRaises(UserError):
            plan.action_start()  # no root cause
        plan.write({"root_cause": "Sin control de fechas", "why_1": "No se revisa la agenda"})
        with self.assertRaises(UserError):
            plan.action_start()  # no action
        plan.line_ids = [(0, 0, {"name": "Agenda semanal de entregas", "user_id": self.user.id})]
        plan.action_start()
        self.assertEqual(plan.state, "in_progress")
        with self.assertRaises(UserError):
            plan.action_request_review()  # an action is pending
        plan.line_ids.done = True
        self.assertTrue(plan.line_ids.date_done)
        plan.action_request_review()
        self.assertEqual(plan.state, "review")
        with self.assertRaises(UserError):
            plan.action_close()
        with self.assertRaises(UserError):
            plan.state = "closed"
        Review = self.env["cq.action.plan.review"].with_user(self.user)
        with self.assertRaises(UserError):
            Review.create({"plan_id": plan.id, "effective": "yes", "evidence": "<p></p>"})
        # not effective: a new cycle starts, the plan stays open
        Review.create({"plan_id": plan.id, "effective": "no", "evidence": "<p>Siguen llegando tarde</p>"})
        self.assertEqual((plan.state, plan.cycle), ("in_progress", 2))
        with self.assertRaises(UserError):
            plan.state = "closed"
        plan.line_ids = [(0, 0, {"name": "Alarma de vencimientos"})]
        new_line = plan.line_ids.filtered(lambda line: line.cycle == 2)
        self.assertEqual(len(new_line), 1)
        new_line.done = True
        plan.action_request_review()
        with freeze_time("2026-06-01 15:00:00"):
            review = Review.create({"plan_id": plan.id, "effective": "yes", "evidence": "<p>0 entregas tarde</p>"})
        self.assertEqual(review.cycle, 2)
        self.assertEqual((plan.state, plan.date_closed), ("closed", date(2026, 6, 1)))
        self.assertEqual(plan.last_review_id, review)
        self.assertEqual(len(plan.review_ids), 2)
        with self.assertRaises(UserError):
            review.effective = "no"
        with self.assertRaises(UserError):
            plan.line_ids[0].done = False
        with self.assertRaises(UserError):
            plan.unlink()

    def test_cancel_needs_reason(self):
        plan = self._plan()
        with self.assertRaises(UserError):
            plan.action_cancel()
        plan.cancel_reason = "Duplicado"
        plan.action_cancel()
        self.assertEqual(plan.state, "cancelled")
        plan.action_reset_draft()
        self.assertEqual(plan.state, "draft")

    def test_overdue_reminders_are_idempotent(self):
        plan = self._plan(date_deadline="2026-03-01")
        plan.line_ids = [(0, 0, {"name": "Acción vencida", "date_deadline": "2026-02-15"})]
        before = len(plan.activity_ids)
        with freeze_time("2026-03-05 12:00:00"):
            self.assertTrue(plan.is_overdue)
            self.assertIn(plan, self.env["cq.action.plan"].search([("is_overdue", "=", True)]))
            self.env["cq.action.plan"]._cron_remind_overdue()
            self.env["cq.action.plan"]._cron_remind_overdue()
        self.assertEqual(len(plan.activity_ids), before + 2, "one for the plan, one for the action")
        self.assertEqual(plan.reminded_deadline, date(2026, 3, 1))
        plan.date_deadline = "2026-03-10"
        with freeze_time("2026-03-12 12:00:00"):
            self.env["cq.action.plan"]._cron_remind_overdue()
        self.assertEqual(len(plan.activity_ids), before + 3, "a new missed deadline is reminded again")

    def test_one_click_from_a_complaint(self):
        case = self._case("2026-03-02 10:00:00", pqrs_type=self.complaint,
                          root_cause_analysis="Transportador sin ruta")
        action = case.with_user(self.user).action_open_action_plan()
        plan = self.env["cq.action.plan"].browse(action["res_id"])
        self.assertEqual((plan.origin, plan.pqrs_id, plan.partner_id), ("pqrs", case, self.customer))
        self.assertEqual(plan.root_cause, "Transportador sin ruta")
        self.assertEqual(case.action_plan_count, 1)
        again = case.with_user(self.user).action_open_action_plan()
        self.assertEqual(again["res_id"], plan.id, "a second click opens the same plan")

    def test_other_company_cannot_read(self):
        plan = self._plan()
        outsider = self.env["res.users"].create({
            "name": "Externa", "login": "cq_ext", "company_id": self.company_mx.id,
            "company_ids": [(6, 0, self.company_mx.ids)],
            "groups_id": [(6, 0, [self.env.ref("customer_quality.group_cq_user").id])],
        })
        self.assertFalse(self.env["cq.action.plan"].with_user(outsider).search([("id", "=", plan.id)]))
