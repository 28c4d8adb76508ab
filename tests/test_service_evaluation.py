"""The yearly evaluation of the customer service: the year's claims per type
and channel, answered within the term, mean and longest answer time,
supervisor reviews and their outcome, referrals to dispute bodies (SQL), with
the telephone figures entered; printed in the company's language."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import load_spanish
from .common_pqrs import PqrsCommon


@tagged("post_install", "-at_install")
class TestServiceEvaluation(PqrsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env, "es_ES")
        cls.company_es.partner_id.lang = "es_ES"
        cls.company_es.cq_dispute_body_name = "Junta Arbitral de Consumo de Madrid"
        types = cls.env["cq.pqrs.type"]._cq_load_legal_pack("ES", cls.company_es)
        cls.service_claim = types.filtered(lambda t: t.code == "SAC")
        cls.consumer_claim = types.filtered(lambda t: t.code == "RCO")
        cls.es_team = cls.env["cq.pqrs.team"].create(
            {"name": "Atención ES", "company_id": cls.company_es.id, "leader_id": cls.manager.id}
        )
        cls.root_cause = cls.env["cq.pqrs.root.cause"].search([], limit=1)

    def _claim(self, received, pqrs_type=None, channel="phone", answered=None):
        with freeze_time(received):
            case = self._case(received, company=self.company_es, pqrs_type=pqrs_type or self.service_claim,
                              channel=channel, team_id=self.es_team.id)
        if answered:
            case.write({"answer": "<p>Resuelto.</p>", "root_cause_id": self.root_cause.id,
                        "root_cause_analysis": "Error de facturación"})
            with freeze_time(answered):
                case.with_user(self.manager).with_company(self.company_es).action_send_answer()
        return case

    def test_figures_of_the_year(self):
        # 2026: three service claims (phone, phone, email), two consumer claims (web form)
        on_time = self._claim("2026-03-02 10:00:00", answered="2026-03-05 10:00:00")  # 3 business days
        late = self._claim("2026-04-06 10:00:00", answered="2026-05-20 10:00:00")
        reviewed = self._claim("2026-06-01 10:00:00", channel="email", answered="2026-06-03 10:00:00")
        with freeze_time("2026-06-04 10:00:00"):
            reviewed._cq_request_review("No estoy de acuerdo", "portal")
        with freeze_time("2026-06-10 10:00:00"):
            reviewed.with_user(self.manager).with_company(self.company_es)._cq_record_review("upheld", "Se mantiene.")
        withdrawn = self._claim("2026-07-01 10:00:00", pqrs_type=self.consumer_claim, channel="web_form")
        withdrawn._cq_withdraw("Ya no", "portal")
        referred = self._claim("2026-09-01 10:00:00", pqrs_type=self.consumer_claim, channel="web_form",
                               answered="2026-09-08 10:00:00")
        referred.dispute_referral_date = date(2026, 10, 1)
        # left out: another year, a cancelled claim, another company
        self._claim("2025-12-30 10:00:00", answered="2026-01-02 10:00:00")
        cancelled = self._claim("2026-02-02 10:00:00")
        cancelled.with_context(cq_stage_action=True).stage_id = cancelled._stage_for("cancelled")
        self._case("2026-03-02 10:00:00", company=self.company_co, pqrs_type=self.complaint)

        evaluation = self.env["cq.service.evaluation"].create({
            "company_id": self.company_es.id, "year": 2026, "call_count": 12000, "call_answered_pct": 96.4,
            "human_request_count": 850, "human_request_pct": 97.1,
        })
        figures = evaluation._cq_figures()
        self.assertEqual(figures["total"], 5)
        self.assertEqual(
            [(t.code, channel, count) for t, channel, count in figures["by_channel"]],
            [("RCO", "Web Form", 2), ("SAC", "Email", 1), ("SAC", "Phone", 2)],
        )
        rows = {row["type"].code: row for row in figures["timeliness"]}
        self.assertEqual((rows["SAC"]["answered"], rows["SAC"]["on_time"]), (3, 2))
        self.assertEqual(rows["SAC"]["max_days"], late.response_days)
        self.assertEqual((rows["RCO"]["answered"], rows["RCO"]["on_time"]), (1, 1), "the withdrawal is left out")
        self.assertEqual(figures["answered"], 4)
        self.assertAlmostEqual(figures["on_time_pct"], 75.0)
        self.assertAlmostEqual(
            figures["mean_days"], (on_time.response_days + late.response_days + reviewed.response_days
                                   + referred.response_days) / 4,
        )
        self.assertEqual(figures["reviews"]["requested"], 1)
        self.assertEqual((figures["reviews"].get("upheld"), figures["reviews"]["on_time"]), (1, 1))
        self.assertEqual(figures["referrals"], 1)

        html = self.env["ir.actions.report"]._render_qweb_html(
            "customer_quality.cq_service_evaluation_report", evaluation.ids
        )[0].decode()
        self.assertIn("Evaluación del servicio de atención a la clientela 2026", html)
        self.assertIn("Reclamaciones por tipo y canal", html)
        self.assertIn("Reclamación al servicio de atención a la clientela", html, "the type in Spanish")
        self.assertIn("Teléfono", html, "the channel in Spanish")
        self.assertIn("75.0 %", html)
        self.assertIn("96.4 %", html)
        self.assertIn("Junta Arbitral de Consumo de Madrid", html)
        self.assertNotIn("Claims per type and channel", html)

    def test_english_company_and_checks(self):
        self.company_es.partner_id.lang = "en_US"
        evaluation = self.env["cq.service.evaluation"].create({"company_id": self.company_es.id, "year": 2026})
        html = self.env["ir.actions.report"]._render_qweb_html(
            "customer_quality.cq_service_evaluation_report", evaluation.ids
        )[0].decode()
        self.assertIn("Evaluation of the Customer Service 2026", html)
        self.assertIn("Claims per type and channel", html)
        self.assertNotIn("Evaluación", html)
        with self.assertRaises(ValidationError):
            evaluation.call_answered_pct = 101
        with self.assertRaises(ValidationError):
            evaluation.human_request_count = -1
