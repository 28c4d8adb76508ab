import re

from odoo.tests import HttpCase, tagged

from .common_quality import QualityCommon
from .common_tour import EnglishAdminTour


@tagged("post_install", "-at_install")
class TestSurveyRoutes(QualityCommon, HttpCase):
    """A customer answers through the real survey routes and counts in SC."""

    def _invite(self, partner):
        campaign = self._campaign(self.satisfaction_survey, partner_ids=[(6, 0, partner.ids)])
        campaign.action_send()
        return campaign, campaign.user_input_ids

    def test_answer_through_routes_counts_in_sc(self):
        customer = self._partner("Ruta", customer_state="captive", cq_identification_date="2026-01-01")
        campaign, invitation = self._invite(customer)
        survey = self.satisfaction_survey
        token = invitation.access_token
        response = self.url_open(f"/survey/start/{survey.access_token}?answer_token={token}")
        self.assertEqual(response.status_code, 200)
        csrf = re.search(r'csrf_token.+value="([a-f0-9]{40}o[0-9]*)"', response.text).group(1)
        base = survey.get_base_url()
        self.opener.post(url=f"{base}/survey/begin/{survey.access_token}/{token}", json={})
        answers = {"csrf_token": csrf, "token": token, "button_submit": "finish"}
        for question in survey.question_ids:
            if question.cq_metric == "csat":
                answers[str(question.id)] = "4"
            elif question.cq_metric == "nps":
                answers[str(question.id)] = "10"
            else:
                answers[str(question.id)] = "Muy buen servicio"
        response = self.opener.post(
            url=f"{base}/survey/submit/{survey.access_token}/{token}", json={"params": answers}
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("error", response.json().get("result", [{}, {}])[1] if response.json().get("result") else {})
        invitation.invalidate_recordset()
        self.assertEqual(invitation.state, "done")
        self.assertEqual((invitation.cq_csat, invitation.cq_nps, invitation.cq_satisfied), (4.0, 10, True))
        facts = self.env["cq.indicator"]._compute_facts(*self.Q1, self.company_co)
        self.assertEqual(facts["sc"], (1, 1, 100.0))
        self.assertEqual(facts["i6"], (1, 1, 100.0))
        self.assertEqual(campaign.answered_count, 1)

    def test_survey_tour_as_customer(self):
        customer = self._partner("Recorrido", customer_state="captive", cq_identification_date="2026-01-01")
        campaign, invitation = self._invite(customer)
        self.start_tour(invitation.get_start_url(), "cq_survey_answer_tour")
        invitation.invalidate_recordset()
        self.assertEqual(invitation.state, "done")
        self.assertEqual(invitation.cq_csat, 4.5)
        self.assertEqual((invitation.cq_nps, invitation.cq_nps_category), (9, "promoter"))
        self.assertTrue(invitation.cq_satisfied)
        self.assertEqual(self.env["cq.indicator"]._compute_facts(*self.Q1, self.company_co)["sc"], (1, 1, 100.0))


@tagged("post_install", "-at_install")
class TestActionPlanTour(EnglishAdminTour, QualityCommon, HttpCase):
    def test_plan_from_complaint_tour(self):
        case = self._case("2026-03-02 10:00:00", pqrs_type=self.complaint)
        case.action_start_analysis()  # the action plan is offered once the complaint is analysed
        self.env.ref("base.user_admin").write(
            {"company_ids": [(4, self.company_co.id)], "company_id": self.company_co.id}
        )
        self.start_tour(
            f"/odoo/action-customer_quality.cq_pqrs_action/{case.id}",
            "cq_action_plan_from_complaint_tour",
            login="admin",
        )
        plan = case.action_plan_ids
        self.assertEqual(len(plan), 1)
        self.assertEqual((plan.origin, plan.state), ("pqrs", "in_progress"))
        self.assertEqual(plan.line_ids.name, "Weekly route plan with the carrier")
        self.assertIn("route planning", plan.root_cause)
