from datetime import date

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_quality import QualityCommon


@tagged("post_install", "-at_install")
class TestSurveyCampaign(QualityCommon):
    def test_scoring_rules(self):
        captive = self._partner("Cautivo", customer_state="captive", cq_identification_date="2026-01-01")
        happy = self._answer(self.satisfaction_survey, captive, csat=4, nps=9)
        self.assertEqual((happy.cq_csat, happy.cq_nps, happy.cq_nps_category), (4.0, 9, "promoter"))
        self.assertTrue(happy.cq_scored and happy.cq_satisfied)
        self.assertEqual(happy.cq_date, fields.Date.context_today(happy))
        unhappy = self._answer(self.satisfaction_survey, captive, csat=3, nps=6)
        self.assertFalse(unhappy.cq_satisfied)
        self.assertEqual(unhappy.cq_nps_category, "detractor")
        passive = self._answer(self.satisfaction_survey, captive, csat=5, nps=7)
        self.assertEqual(passive.cq_nps_category, "passive")
        # on NPS: satisfied from 9
        self.satisfaction_survey.write({"cq_satisfaction_basis": "nps", "cq_satisfied_threshold": 9})
        self.assertFalse(self._answer(self.satisfaction_survey, captive, csat=5, nps=8).cq_satisfied)
        with self.assertRaises(ValidationError):
            self.satisfaction_survey.cq_satisfied_threshold = 11
        with self.assertRaises(ValidationError):
            self.satisfaction_survey.question_ids.filtered(lambda q: q.cq_metric == "csat")[:1].scale_max = 10

    def test_campaign_results_and_recipients(self):
        with freeze_time("2026-04-02 10:00:00"):
            captive = self._partner("Contratado", customer_state="captive", cq_identification_date="2026-01-01")
            prospect = self._partner("Interesado", customer_state="prospect", cq_identification_date="2026-01-01")
            contract = self.env["cq.contract"].create(
                {"title": "Soporte", "partner_id": captive.id, "company_id": self.company_co.id,
                 "date_start": "2026-01-01", "date_end": "2026-12-31", "amount": 10.0}
            )
            contract.action_sign()
            self.env["cq.contract"].create(
                {"title": "Borrador", "partner_id": prospect.id, "company_id": self.company_co.id,
                 "date_start": "2026-01-01", "date_end": "2026-12-31", "amount": 10.0}
            )
            campaign = self._campaign(self.satisfaction_survey, target="captive_contract",
                                      date_deadline="2026-04-30").with_user(self.user)
            with self.assertRaises(UserError):
                campaign.action_send()  # no recipients yet
            campaign.action_select_recipients()
            self.assertEqual(campaign.partner_ids, captive, "only captive customers with an active contract")
            campaign.partner_ids |= self._partner("Sincorreo", email=False)
            campaign.action_send()
        self.assertEqual(campaign.state, "sent")
        self.assertEqual(campaign.invited_count, 1)
        invitation = campaign.user_input_ids
        self.assertEqual((invitation.partner_id, invitation.cq_campaign_id), (captive, campaign))
        self.assertEqual(invitation.deadline.date(), date(2026, 4, 30))
        mail = self.env["mail.mail"].search([("model", "=", "survey.user_input"), ("res_id", "=", invitation.id)])
        self.assertEqual(len(mail), 1)
        self.assertIn(invitation.access_token, mail.body_html)
        self.assertIn("Sincorreo", campaign.message_ids[0].body)
        with self.assertRaises(UserError):
            campaign.action_send()  # everybody with an email is already invited
        # reminders: once after 7 days, never twice, not to those who answered
        with freeze_time("2026-04-05 10:00:00"):
            self.assertEqual(self.env["cq.survey.campaign"]._cron_send_reminders(), [])
        with freeze_time("2026-04-10 10:00:00"):
            self.assertEqual(self.env["cq.survey.campaign"]._cron_send_reminders(), invitation.ids)
            self.assertEqual(self.env["cq.survey.campaign"]._cron_send_reminders(), [])
        self.assertEqual(invitation.cq_reminder_count, 1)
        self.assertEqual(
            self.env["mail.mail"].search_count([("model", "=", "survey.user_input"), ("res_id", "=", invitation.id)]),
            2,
        )
        # results
        self.assertEqual((campaign.answered_count, campaign.response_rate, campaign.has_results), (0, 0.0, False))
        self.env["survey.user_input.line"].create([
            {"user_input_id": invitation.id, "question_id": question.id, "answer_type": "scale",
             "value_scale": 5 if question.cq_metric == "csat" else 10}
            for question in self.satisfaction_survey.question_ids if question.cq_metric
        ])
        invitation._mark_done()
        campaign.invalidate_recordset()
        self.assertEqual((campaign.answered_count, campaign.response_rate), (1, 100.0))
        self.assertEqual((campaign.csat, campaign.nps, campaign.satisfied_rate), (5.0, 100.0, 100.0))
        self.assertEqual(invitation.cq_date, date(2026, 3, 31), "the answer counts for the campaign's period")
        # the deadline passes: the campaign closes
        with freeze_time("2026-05-02 10:00:00"):
            self.env["cq.survey.campaign"]._cron_send_reminders()
        self.assertEqual(campaign.state, "closed")
        with self.assertRaises(UserError):
            campaign.unlink()

    def test_post_sale_campaign_per_closed_case(self):
        case = self._case("2026-02-02 10:00:00", pqrs_type=self.complaint)
        case.with_context(cq_stage_action=True).write(
            {"stage_id": case._stage_for("closed").id, "date_closed": "2026-02-20 10:00:00"}
        )
        campaign = self._campaign(self.post_sale_survey, target="pqrs_closed")
        campaign.action_select_recipients()
        self.assertEqual(campaign.pqrs_ids, case)
        campaign.action_send()
        self.assertEqual(campaign.user_input_ids.cq_pqrs_id, case)
        self.assertEqual(campaign.user_input_ids.partner_id, self.customer)

    def test_bad_campaign_dates(self):
        with self.assertRaises(UserError):
            self._campaign(self.satisfaction_survey, date_from="2026-04-01", date_to="2026-03-01")
        with self.assertRaises(UserError):
            self._campaign(self.satisfaction_survey, reminder_days=0)

    def test_other_company_cannot_read_campaign(self):
        campaign = self._campaign(self.satisfaction_survey)
        outsider = self.env["res.users"].create({
            "name": "Externa", "login": "cq_ext_camp", "company_id": self.company_mx.id,
            "company_ids": [(6, 0, self.company_mx.ids)],
            "groups_id": [(6, 0, [self.env.ref("customer_quality.group_cq_user").id])],
        })
        with self.assertRaises(AccessError):
            campaign.with_user(outsider).read(["name"])

    def test_satisfied_rate_counts_customers(self):
        """% satisfied counts customers as SC and ISC do (one vote per customer,
        the latest answer decides), not answers: Alfa answers satisfied, then
        not satisfied, Beta satisfied: 1 of 2 customers (50 %), not 2 of 3
        answers (66.67 %). Two contacts of one company are one customer, and
        each campaign counts its own answers."""
        campaign = self._campaign(self.satisfaction_survey)
        other = self._campaign(self.satisfaction_survey, name="Encuesta Q1 bis")
        alfa = self._partner("Alfa")
        beta = self._partner("Beta", is_company=True)
        beta_contact = self._partner("Bea", parent_id=beta.id)
        with freeze_time("2026-02-01 10:00:00"):
            self._answer(self.satisfaction_survey, alfa, csat=5, nps=10, campaign=campaign)
        with freeze_time("2026-02-03 10:00:00"):
            self._answer(self.satisfaction_survey, beta, csat=2, nps=3, campaign=campaign)
            self._answer(self.satisfaction_survey, alfa, csat=5, nps=10, campaign=other)
        with freeze_time("2026-02-05 10:00:00"):
            self._answer(self.satisfaction_survey, alfa, csat=1, nps=2, campaign=campaign)
            self._answer(self.satisfaction_survey, beta_contact, csat=5, nps=10, campaign=campaign)
        (campaign | other).invalidate_recordset()
        self.assertEqual(campaign.answered_count, 4, "every answer is an answer")
        self.assertEqual(
            (campaign.satisfied_customer_count, campaign.surveyed_customer_count, campaign.satisfied_rate),
            (1, 2, 50.0),
            "Alfa's latest answer (not satisfied) and Beta's latest, by its contact (satisfied), decide",
        )
        self.assertTrue(campaign.has_results)
        self.assertEqual((other.satisfied_customer_count, other.surveyed_customer_count, other.satisfied_rate),
                         (1, 1, 100.0))
        # the same rule as the indicator SC: its figures over these answers are the campaign's
        sc = self.Indicator._compute_facts(*self.Q1, self.company_co)["sc"]
        self.assertEqual(sc, (1, 2, 50.0), "SC counts the same two customers (the other campaign's answer is Alfa's)")
