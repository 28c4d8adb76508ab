import re
import threading
import time
import uuid

from psycopg2 import IntegrityError

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.service.model import retrying
from odoo.tests import HttpCase, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

from .common_quality import QualityCommon
from .common_workers import TwoWorkersCase


@tagged("post_install", "-at_install")
class TestSurveyFollowup(QualityCommon):
    """Closed loop: an answer below its survey's rule opens one follow-up case,
    with the right type, customer, company, responsible and links."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.satisfaction_survey
        cls.suggestion = cls.env.ref("customer_quality.cq_pqrs_type_suggestion")
        cls.survey.write({
            "cq_followup": True,
            "cq_followup_type_id": cls.suggestion.id,
            "cq_satisfaction_basis": "csat",
            "cq_satisfied_threshold": 4.0,
            "user_id": cls.manager.id,
        })
        cls.campaign = cls._campaign(cls.survey, user_id=cls.leader.id)
        cls.partner = cls._partner("Insatisfecho")

    def _cases(self, answer):
        return self.env["cq.pqrs"].search([("cq_survey_input_id", "=", answer.id)])

    def test_unsatisfied_csat_opens_one_case(self):
        answer = self._answer(self.survey, self.partner, csat=2, nps=8, campaign=self.campaign, done=False)
        comment_question = self.survey.question_ids.filtered(lambda q: q.question_type == "text_box")
        self.env["survey.user_input.line"].create({
            "user_input_id": answer.id, "question_id": comment_question.id,
            "answer_type": "text_box", "value_text_box": "La entrega llegó tarde\ny sin factura.",
        })
        # submitted by the customer: the survey controller scores it as the public user, sudo
        answer.with_user(self.env.ref("base.public_user")).sudo()._mark_done()
        self.assertFalse(answer.cq_satisfied)
        case = self._cases(answer)
        self.assertEqual(len(case), 1)
        self.assertEqual(answer.cq_followup_pqrs_id, case)
        self.assertEqual(
            (case.type_id, case.partner_id, case.company_id, case.user_id, case.channel),
            (self.suggestion, self.partner, self.company_co, self.leader, "survey"),
        )
        self.assertEqual((case.cq_survey_input_id, case.cq_survey_campaign_id), (answer, self.campaign))
        self.assertEqual(case.subject, "Follow-up of survey answer: Customer Satisfaction Survey — Insatisfecho")
        self.assertTrue(case.name.startswith("S-"), "numbered by the type's sequence")
        self.assertIn("CSAT: 2.00 of 5", case.description)
        self.assertIn("NPS score: 8 of 10 (Passive)", case.description)
        self.assertIn("La entrega llegó tarde", case.description)
        self.assertIn(comment_question.title, case.description)
        self.assertIn(self.leader.partner_id, case.message_partner_ids, "the responsible follows the case")
        self.assertNotIn(self.env.ref("base.public_user").partner_id, case.message_partner_ids)
        # chatter: the case names the answer and the campaign, the campaign the case
        note = case.message_ids.filtered(lambda m: "Follow-up case opened" in m.body)
        self.assertEqual(len(note), 1)
        self.assertIn(f'data-oe-model="survey.user_input" data-oe-id="{answer.id}"', note.body)
        self.assertIn(f'data-oe-model="cq.survey.campaign" data-oe-id="{self.campaign.id}"', note.body)
        self.assertEqual(note.author_id, self.env.ref("base.partner_root"))
        note = self.campaign.message_ids.filtered(lambda m: "follow-up case" in m.body)
        self.assertEqual(len(note), 1)
        self.assertIn(case.name, note.body)
        # the job that follows filing sends no receipt: the customer filed nothing
        self.assertTrue(case.ack_pending)
        case._cq_send_acknowledgement()
        self.assertFalse(case.ack_pending)
        self.assertFalse(case.message_ids.filtered(lambda m: "/acknowledgement?access_token=" in str(m.body)))
        self.assertEqual(len(case.message_ids.filtered(lambda m: m.message_type == "comment")), 0)

    def test_satisfied_answer_opens_none(self):
        answer = self._answer(self.survey, self.partner, csat=4, nps=6, campaign=self.campaign)
        self.assertTrue(answer.cq_satisfied)
        self.assertFalse(answer.cq_followup_pqrs_id)
        self.assertFalse(self._cases(answer))

    def test_nps_detractor_opens_one_passive_none(self):
        self.survey.write({"cq_satisfaction_basis": "nps", "cq_satisfied_threshold": 9})
        self.assertEqual(self.survey.cq_followup_rule, "detractor", "NPS basis: detractors are followed up")
        detractor = self._answer(self.survey, self.partner, csat=5, nps=6, campaign=self.campaign)
        self.assertEqual(len(self._cases(detractor)), 1)
        self.assertIn("NPS score: 6 of 10 (Detractor)", detractor.cq_followup_pqrs_id.description)
        passive = self._answer(self.survey, self.partner, csat=2, nps=7, campaign=self.campaign)
        self.assertFalse(passive.cq_satisfied, "under the threshold of 9 ...")
        self.assertFalse(self._cases(passive), "... but not a detractor: no case")
        # the rule can be the satisfied threshold instead
        self.survey.cq_followup_rule = "unsatisfied"
        passive = self._answer(self.survey, self.partner, csat=5, nps=7, campaign=self.campaign)
        self.assertEqual(len(self._cases(passive)), 1)

    def test_rescoring_opens_no_second_case(self):
        answer = self._answer(self.survey, self.partner, csat=1, nps=2, campaign=self.campaign)
        case = answer.cq_followup_pqrs_id
        self.assertTrue(case)
        answer._cq_score()
        answer._cq_score()
        (answer | self._answer(self.survey, self.partner, csat=5, nps=10))._cq_score()  # in a batch, by cron
        self.assertEqual(self._cases(answer), case)
        self.assertEqual(answer.cq_followup_pqrs_id, case)
        # the case is the truth: an answer that lost its side of the link gets the same case back
        self.env.cr.execute(SQL("UPDATE survey_user_input SET cq_followup_pqrs_id = NULL WHERE id = %s", answer.id))
        answer.invalidate_recordset(["cq_followup_pqrs_id"])
        answer._cq_score()
        self.assertEqual(answer.cq_followup_pqrs_id, case)
        self.assertEqual(self.env["cq.pqrs"].search_count([("cq_survey_input_id", "=", answer.id)]), 1)

    def test_unique_link_is_enforced_by_the_database(self):
        answer = self._answer(self.survey, self.partner, csat=1, nps=2, campaign=self.campaign)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["cq.pqrs"].with_company(self.company_co).create({
                "subject": "Otro seguimiento", "type_id": self.suggestion.id, "company_id": self.company_co.id,
                "cq_survey_input_id": answer.id,
            })
        self.assertEqual(self.env["cq.pqrs"].search_count([("cq_survey_input_id", "=", answer.id)]), 1)

    def test_switch_off_opens_none(self):
        self.survey.cq_followup = False
        answer = self._answer(self.survey, self.partner, csat=1, nps=0, campaign=self.campaign)
        self.assertFalse(answer.cq_satisfied)
        self.assertFalse(answer.cq_followup_pqrs_id)
        self.assertFalse(self._cases(answer))

    def test_test_entries_open_none(self):
        answer = self._answer(self.survey, self.partner, csat=1, nps=0, campaign=self.campaign, done=False)
        answer.test_entry = True
        answer._mark_done()
        self.assertFalse(self._cases(answer))

    def test_type_required_when_on(self):
        self.survey.cq_followup = False
        self.survey.cq_followup_type_id = False  # off: no type needed
        with self.assertRaisesRegex(ValidationError, "Choose the type of the follow-up cases"):
            self.survey.cq_followup = True
        with self.assertRaisesRegex(ValidationError, "names an order or invoice line"):
            self.survey.write({
                "cq_followup": True,
                "cq_followup_type_id": self.env.ref("customer_quality.cq_pqrs_type_warranty").id,
            })

    def test_without_campaign_the_survey_responsible(self):
        answer = self._answer(self.survey, self.partner, csat=2, nps=5)
        case = answer.cq_followup_pqrs_id
        self.assertEqual(case.user_id, self.manager)
        self.assertFalse(case.cq_survey_campaign_id)
        self.assertEqual(case.company_id, self.env.company, "the answer's quality company")
        self.assertEqual(case.company_id, answer.cq_company_id)

    def test_portal_user_cannot_read_the_link(self):
        portal = mail_new_test_user(self.env, login="cq_followup_portal", name="Pablo Portal",
                                    groups="base.group_portal", company_id=self.company_co.id,
                                    company_ids=[Command.set(self.company_co.ids)])
        answer = self._answer(self.survey, portal.partner_id, csat=1, nps=3, campaign=self.campaign)
        case = answer.cq_followup_pqrs_id.with_user(portal)
        self.assertEqual(case.read(["subject"])[0]["subject"], answer.cq_followup_pqrs_id.subject)
        for fname in ("cq_survey_input_id", "cq_survey_campaign_id", "channel"):
            self.assertNotIn(fname, type(case)._cq_portal_fields)
            with self.subTest(field=fname), self.assertRaises(AccessError):
                case.read([fname])
        self.assertNotIn("cq_survey_input_id", case.read()[0])
        self.assertEqual(answer.cq_followup_pqrs_id.with_user(self.user).cq_survey_input_id, answer)


@tagged("post_install", "-at_install")
class TestSurveyFollowupConcurrency(TwoWorkersCase):
    """Two workers score the same answer, each in its own committed
    transaction on its own connection: one case."""

    def _committed_answer(self):
        """A submitted, not yet scored, unsatisfied answer, committed."""
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            survey = env.ref("customer_quality.survey_cq_satisfaction")
            saved = {"cq_followup": survey.cq_followup, "cq_followup_type_id": survey.cq_followup_type_id.id}
            survey.write({"cq_followup": True,
                          "cq_followup_type_id": env.ref("customer_quality.cq_pqrs_type_complaint").id})
            partner = env["res.partner"].create({"name": f"Cliente concurrente {uuid.uuid4().hex[:8]}"})
            answer = survey._create_answer(partner=partner, check_attempts=False)
            env["survey.user_input.line"].create([
                {"user_input_id": answer.id, "question_id": question.id, "answer_type": "scale", "value_scale": 1}
                for question in survey.question_ids if question.cq_metric
            ])
            answer.write({"state": "done", "end_datetime": fields.Datetime.now()})
            ids = (answer.id, partner.id)
        self.addCleanup(self._cleanup, *ids, saved)
        return ids[0]

    def _cleanup(self, answer_id, partner_id, saved):
        with self._cursor() as cr:
            cr.execute(SQL("UPDATE survey_user_input SET cq_followup_pqrs_id = NULL WHERE id = %s", answer_id))
            cr.execute(SQL("SELECT id FROM cq_pqrs WHERE cq_survey_input_id = %s", answer_id))
            case_ids = tuple(row[0] for row in cr.fetchall()) or (0,)
            self._delete_cases(cr, case_ids)
            cr.execute(SQL("DELETE FROM survey_user_input WHERE id = %s", answer_id))
            env = api.Environment(cr, SUPERUSER_ID, {})
            env.ref("customer_quality.survey_cq_satisfaction").write(saved)
            env["res.partner"].browse(partner_id).unlink()

    def _count(self, answer_id):
        with self._cursor() as cr:
            cr.execute(SQL("SELECT id FROM cq_pqrs WHERE cq_survey_input_id = %s", answer_id))
            cases = [row[0] for row in cr.fetchall()]
            cr.execute(SQL("SELECT cq_followup_pqrs_id FROM survey_user_input WHERE id = %s", answer_id))
            return cases, cr.fetchone()[0]

    def _blocked_by(self, cr, pid, timeout=30):
        """Whether the backend `pid` comes to wait for a lock held by the transaction of `cr`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            cr.execute(SQL("SELECT pg_backend_pid() = ANY(pg_blocking_pids(%s))", pid))
            if cr.fetchone()[0]:
                return True
            time.sleep(0.05)
        return False

    @mute_logger("odoo.sql_db", "odoo.service.model")
    def test_two_workers_open_one_case(self):
        """Worker A scores and holds the answer; worker B scores it meanwhile
        and waits on the answer's row; A commits; B fails with a
        serialization error, Odoo retries it, the retry finds A's case."""
        answer_id = self._committed_answer()
        attempts, errors, pids = [], [], []

        def worker_b():
            try:
                with self._cursor() as cr:
                    pids.append(cr._cnx.get_backend_pid())
                    env = api.Environment(cr, SUPERUSER_ID, {})

                    def score():
                        attempts.append(True)
                        env["survey.user_input"].browse(answer_id)._cq_score()

                    retrying(score, env)
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(error)

        cr_a = self._cursor()
        try:
            env_a = api.Environment(cr_a, SUPERUSER_ID, {})
            answer_a = env_a["survey.user_input"].browse(answer_id)
            answer_a._cq_score()
            opened = answer_a.cq_followup_pqrs_id
            self.assertTrue(opened)
            env_a.flush_all()
            thread = threading.Thread(target=worker_b)
            thread.start()
            while not pids and thread.is_alive():
                time.sleep(0.01)
            self.assertTrue(self._blocked_by(cr_a, pids[0]), "B waits for A on the answer's row")
            cr_a.commit()
        finally:
            cr_a.close()
        thread.join(60)
        self.assertFalse(thread.is_alive())
        self.assertFalse(errors)
        self.assertEqual(len(attempts), 2, "B failed once on the committed change of A, then was retried")
        cases, linked = self._count(answer_id)
        self.assertEqual(cases, [opened.id], "one case")
        self.assertEqual(linked, opened.id)

    @mute_logger("odoo.sql_db", "odoo.service.model")
    def test_parallel_scorings_open_one_case(self):
        """Two workers released at the same instant by a barrier, as Odoo runs
        them (retrying on serialization errors): one case, both succeed."""
        answer_id = self._committed_answer()
        errors = self._run_at_once(
            lambda env: retrying(lambda: env["survey.user_input"].browse(answer_id)._cq_score(), env), timeout=120
        )
        self.assertFalse(errors)
        cases, linked = self._count(answer_id)
        self.assertEqual(len(cases), 1)
        self.assertEqual(linked, cases[0])


@tagged("post_install", "-at_install")
class TestSurveyFollowupRoutes(QualityCommon, HttpCase):
    """A customer submits an unsatisfied answer through the real survey routes (scored as the public
    user): one follow-up case, opened by OdooBot, for the campaign's responsible."""

    def test_unsatisfied_answer_through_routes_opens_one_case(self):
        survey = self.satisfaction_survey
        survey.write({"cq_followup": True, "cq_followup_type_id": self.complaint.id,
                      "cq_satisfaction_basis": "csat", "cq_satisfied_threshold": 4.0})
        customer = self._partner("Ruta Insatisfecha")
        campaign = self._campaign(survey, partner_ids=[Command.set(customer.ids)], user_id=self.leader.id)
        campaign.action_send()
        invitation = campaign.user_input_ids
        token = invitation.access_token
        response = self.url_open(f"/survey/start/{survey.access_token}?answer_token={token}")
        self.assertEqual(response.status_code, 200)
        csrf = re.search(r'csrf_token.+value="([a-f0-9]{40}o[0-9]*)"', response.text).group(1)
        base = survey.get_base_url()
        self.opener.post(url=f"{base}/survey/begin/{survey.access_token}/{token}", json={})
        answers = {"csrf_token": csrf, "token": token, "button_submit": "finish"}
        for question in survey.question_ids:
            answers[str(question.id)] = {"csat": "2", "nps": "5"}.get(question.cq_metric, "Nadie me llamó")
        response = self.opener.post(
            url=f"{base}/survey/submit/{survey.access_token}/{token}", json={"params": answers}
        )
        self.assertEqual(response.status_code, 200)
        invitation.invalidate_recordset()
        self.assertEqual((invitation.state, invitation.cq_satisfied), ("done", False))
        case = self.env["cq.pqrs"].search([("cq_survey_input_id", "=", invitation.id)])
        self.assertEqual(len(case), 1)
        self.assertEqual(invitation.cq_followup_pqrs_id, case)
        self.assertEqual((case.partner_id, case.user_id, case.company_id, case.type_id, case.cq_survey_campaign_id),
                         (customer, self.leader, self.company_co, self.complaint, campaign))
        self.assertEqual(case.create_uid, self.env.ref("base.user_root"), "opened by OdooBot, not the customer")
        self.assertIn("Nadie me llamó", case.description)
        self.assertTrue(any(case.name in message.body for message in campaign.message_ids))
