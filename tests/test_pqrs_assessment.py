from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_pqrs import PqrsCommon
from .test_pqrs_public_hardening import PublicFormCase


@tagged("post_install", "-at_install")
class TestPqrsAssessment(PqrsCommon):
    """ISO 10002 §7.5: the initial assessment sets the priority; critical or
    safety cases reach the team leader at once, once."""

    def _leader_activities(self, case):
        return case.activity_ids.filtered(lambda a: a.user_id == self.leader)

    def test_assessment_drives_the_priority(self):
        with freeze_time("2026-05-05 14:00:00"):
            case = self._case("2026-05-05 14:00:00", pqrs_type=self.complaint)
        self.assertEqual(case.priority, "0")
        case.with_user(self.user).write({"severity": "medium", "impact": "customer"})
        self.assertEqual(case.priority, "0")
        self.assertEqual(case.assessed_by_id, self.user)
        self.assertTrue(case.date_assessed)
        case.impact = "widespread"
        self.assertEqual(case.priority, "1")
        case.severity = "high"
        self.assertEqual(case.priority, "1")
        self.assertFalse(self._leader_activities(case), "no alert below critical")
        case.write({"severity": "low", "impact": "customer", "priority": "2"})
        self.assertEqual(case.priority, "2", "the assessment never lowers what staff set")

    def test_critical_alerts_the_leader_once(self):
        with freeze_time("2026-05-05 14:00:00"):
            case = self._case("2026-05-05 14:00:00", pqrs_type=self.complaint)
        case.severity = "critical"
        self.assertEqual(case.priority, "2")
        self.assertEqual(len(self._leader_activities(case)), 1)
        notified = self.env["mail.message"].search(
            [("model", "=", "cq.pqrs"), ("res_id", "=", case.id), ("partner_ids", "in", self.leader.partner_id.ids),
             ("subject", "=like", f"Critical case {case.name}:%")]
        )
        self.assertEqual(len(notified), 1)
        self.assertIn("critical severity", notified.body)
        case.write({"severity": "high", "safety_implication": True})
        self.assertEqual(len(self._leader_activities(case)), 1, "once per case")

    def test_safety_on_filing(self):
        with freeze_time("2026-05-05 14:00:00"):
            case = self._case("2026-05-05 14:00:00", pqrs_type=self.complaint, safety_implication=True,
                              immediate_action_required=True, immediate_action="Producto retirado")
        self.assertEqual(case.priority, "2")
        self.assertTrue(case.assessment_alerted)
        self.assertEqual(len(self._leader_activities(case)), 1)
        notified = self.env["mail.message"].search(
            [("model", "=", "cq.pqrs"), ("res_id", "=", case.id), ("partner_ids", "in", self.leader.partner_id.ids),
             ("subject", "=like", f"Critical case {case.name}:%")]
        )
        self.assertIn("safety, health or environment implication", notified.body)


@tagged("post_install", "-at_install")
class TestRemedySought(PublicFormCase):
    """ISO 10002 §7.2: the filer says what they want done, on the public form
    and the portal; the portal page shows it back."""

    def test_public_form_records_the_remedy(self):
        response = self._post(data=self._data(subject="Nevera dañada", remedy="Cambio del\x00 producto"))
        self.assertEqual(response.status_code, 200)
        case = self.env["cq.pqrs"].sudo().search([("subject", "=", "Nevera dañada")])
        self.assertEqual(case.remedy_sought, "Cambio del producto")
        with mute_logger("odoo.http"):
            response = self._post(data=self._data(subject="Largo", remedy="x" * 2001))
        self.assertEqual(response.status_code, 400)
        self.assertIn("At most 2000 characters.", response.text)
        self.assertFalse(self.env["cq.pqrs"].sudo().search([("subject", "=", "Largo")]))

    def test_portal_form_and_page(self):
        self.authenticate("cq_hard_portal", "cq_hard_portal_pwd")
        data = {"type_id": str(self.complaint.id), "subject": "Factura errada", "description": "Cobro doble",
                "remedy": "Nota crédito por el cobro doble", "csrf_token": self._csrf("/my/pqrs/new")}
        self._post("/my/pqrs/new", data=data)
        case = self.env["cq.pqrs"].sudo().search([("subject", "=", "Factura errada")])
        self.assertEqual(case.remedy_sought, "Nota crédito por el cobro doble")
        page = self.url_open(f"/my/pqrs/{case.id}").text
        self.assertIn("Nota crédito por el cobro doble", page)
