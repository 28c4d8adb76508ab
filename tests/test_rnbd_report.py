"""The half-year report of the data protection claims to the registry
(Colombia's RNBD): claims classified by type, detail and database, counted
in SQL for the period (a zero report included), downloaded in the company's
language, frozen once reported; the report of a period created once when its
window opens, with a reminder to the data protection officer."""

from datetime import date

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import load_spanish
from .common_pqrs import PqrsCommon
from .common_workers import TwoWorkersCase


@tagged("post_install", "-at_install")
class TestRnbdReport(PqrsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env)
        cls.company_co.partner_id.lang = "es_CO"
        cls.company_co.vat = "900123456-7"
        Type = cls.env["cq.pqrs.type"]
        Type._cq_load_legal_pack("CO", cls.company_co)
        cls.claim = Type.search([("code", "=", "HDR"), ("company_id", "=", cls.company_co.id)])
        cls.inquiry = Type.search([("code", "=", "HDC"), ("company_id", "=", cls.company_co.id)])
        cls.database = cls.env["cq.rnbd.database"].create(
            {"name": "Clientes", "registry_number": "RNBD-77", "company_id": cls.company_co.id}
        )
        cls.deletion = cls.env.ref("customer_quality.cq_rnbd_claim_type_sup")
        cls.not_authorised = cls.env.ref("customer_quality.cq_rnbd_claim_detail_sup_noa")
        cls.correction = cls.env.ref("customer_quality.cq_rnbd_claim_type_cor")
        cls.incomplete = cls.env.ref("customer_quality.cq_rnbd_claim_detail_cor_inc")

    def _claim(self, received, claim_type=None, detail=None, pqrs_type=None, **values):
        return self._case(
            received, pqrs_type=pqrs_type or self.claim, rnbd_claim_type_id=claim_type and claim_type.id,
            rnbd_claim_detail_id=detail and detail.id, rnbd_database_id=self.database.id, **values,
        )

    def _report(self, year, half):
        with freeze_time("2028-01-10 12:00:00"):
            return self.env["cq.rnbd.report"].with_company(self.company_co).create(
                {"company_id": self.company_co.id, "year": year, "half": half}
            )

    def test_period_not_over_is_refused(self):
        with freeze_time("2027-06-30 12:00:00"), self.assertRaisesRegex(ValidationError, "not over yet"):
            self.env["cq.rnbd.report"].create({"company_id": self.company_co.id, "year": 2027, "half": "1"})
        with freeze_time("2027-06-30 12:00:00"), self.assertRaises(ValidationError):
            self.env["cq.rnbd.report"].create({"company_id": self.company_co.id, "year": 2031, "half": "2"})
        with self.assertRaises(ValueError):
            self.env["cq.rnbd.report"].create({"company_id": self.company_co.id, "year": 2025, "half": "3"})
        with freeze_time("2027-07-01 12:00:00"):
            report = self.env["cq.rnbd.report"].create({"company_id": self.company_co.id, "year": 2027, "half": "1"})
        self.assertEqual(report.date_to, date(2027, 6, 30))

    def test_classification_is_checked(self):
        self.assertTrue(self.claim.rnbd_reported, "the pack's habeas-data claim is reported")
        self.assertFalse(self.inquiry.rnbd_reported, "inquiries are not")
        with self.assertRaisesRegex(ValidationError, "is not a detail"):
            self._claim("2027-03-01 15:00:00", self.correction, self.not_authorised)
        other = self.env["cq.rnbd.database"].create({"name": "Otra", "company_id": self.company_mx.id})
        case = self._claim("2027-03-01 15:00:00", self.deletion, self.not_authorised)
        with self.assertRaisesRegex(ValidationError, "company"):
            case.rnbd_database_id = other
        with self.assertRaises(ValidationError):
            self.env["cq.rnbd.claim.type"].create(
                {"name": "Nieto", "code": "X-1-1", "parent_id": self.not_authorised.id}
            )

    def test_reporting_window_from_the_engine(self):
        """The first 15 business days of February and August, on the
        company's calendar (16 August 2027 is a Colombian holiday)."""
        second_half = self._report(2026, "2")
        self.assertEqual((second_half.date_from, second_half.date_to), (date(2026, 7, 1), date(2026, 12, 31)))
        self.assertEqual(second_half.date_due, date(2027, 2, 19))
        first_half = self._report(2027, "1")
        self.assertEqual(first_half.date_due, date(2027, 8, 23))
        with self.assertRaises(Exception), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self._report(2027, "1")

    def test_counts_per_type_detail_and_database(self):
        self._claim("2027-01-04 15:00:00", self.deletion, self.not_authorised)
        self._claim("2027-03-01 15:00:00", self.deletion, self.not_authorised)
        self._claim("2027-06-30 15:00:00", self.correction, self.incomplete)
        unclassified = self._claim("2027-05-03 15:00:00")
        # not counted: another half-year, a cancelled claim, an inquiry
        self._claim("2027-07-01 15:00:00", self.deletion, self.not_authorised)
        cancelled = self._claim("2027-02-01 15:00:00", self.deletion)
        cancelled.with_context(cq_stage_action=True).stage_id = cancelled._stage_for("cancelled")
        self._claim("2027-02-01 15:00:00", pqrs_type=self.inquiry)
        report = self._report(2027, "1")
        with self.assertRaisesRegex(UserError, "Count the claims"):
            report.action_mark_reported()
        report.action_count()
        self.assertEqual((report.claim_count, report.unclassified_count), (4, 1))
        with self.assertRaisesRegex(UserError, "have no claim type"):
            report.action_mark_reported()
        unclassified.write({"rnbd_claim_type_id": self.correction.id, "rnbd_claim_detail_id": self.incomplete.id})
        report.action_count()
        self.assertEqual(
            sorted((l.claim_type_id.code, l.claim_detail_id.code, l.database_id.name, l.count) for l in report.line_ids),
            [("COR", "COR-INC", "Clientes", 2), ("SUP", "SUP-NOA", "Clientes", 2)],
        )
        self.assertEqual(len(report._cq_claims()), 4)
        csv_text = report._cq_csv()
        lines = csv_text.splitlines()
        self.assertEqual(
            lines[0], "Año;Semestre;Base de datos;Número de registro;Tipo de reclamo;Código del tipo;Detalle;"
            "Código del detalle;Reclamos",
        )
        self.assertIn("2027;enero–junio;Clientes;RNBD-77;Supresión de los datos;SUP;Tratamiento no autorizado;"
                      "SUP-NOA;2", lines)
        action = report.action_download_csv()
        attachment = self.env["ir.attachment"].search([("res_model", "=", "cq.rnbd.report"), ("res_id", "=", report.id)])
        self.assertIn(str(attachment.id), action["url"])
        self.assertTrue(attachment.raw.decode("utf-8-sig").startswith("Año;"))
        report.action_mark_reported()
        self.assertEqual(report.state, "reported")
        with self.assertRaisesRegex(UserError, "frozen"):
            report.action_count()

    def test_zero_report_in_spanish(self):
        report = self._report(2027, "1")
        report.action_count()
        self.assertEqual(report.claim_count, 0)
        self.assertIn("2027;enero–junio;;;Sin reclamos presentados;;;;0", report._cq_csv().splitlines())
        html = self.env["ir.actions.report"]._render_qweb_html(
            "customer_quality.cq_rnbd_report_pdf", report.ids
        )[0].decode()
        self.assertIn("Informe de reclamos de protección de datos", html)
        self.assertIn("informe en cero", html)
        self.assertIn("900123456-7", html)
        self.assertIn("Circular Única de la SIC", html, "the legal basis in Spanish")
        report.action_mark_reported()
        self.assertEqual(report.state, "reported", "a zero report is reported too")

    def test_report_of_an_english_company(self):
        self.company_co.partner_id.lang = "en_US"
        self._claim("2027-03-01 15:00:00", self.deletion, self.not_authorised)
        report = self._report(2027, "1")
        report.action_count()
        self.assertTrue(report._cq_csv().startswith("Year;Half-Year;Database"))
        html = self.env["ir.actions.report"]._render_qweb_html(
            "customer_quality.cq_rnbd_report_pdf", report.ids
        )[0].decode()
        self.assertIn("Data Protection Claims Report", html)
        self.assertIn("Deletion of the data", html)
        self.assertNotIn("Informe", html)

    def test_cron_opens_the_report_once_and_reminds_the_officer(self):
        Report = self.env["cq.rnbd.report"]
        self.company_co.write({"cq_rnbd_obliged": True, "cq_dpo_user_id": self.manager.id})
        mine = [("company_id", "=", self.company_co.id)]
        with freeze_time("2027-01-29 12:00:00"):
            Report._cron_cq_rnbd_reminder()
        self.assertFalse(Report.search(mine), "the window is not open yet")
        with freeze_time("2027-02-01 12:00:00"):
            Report._cron_cq_rnbd_reminder()
            Report._cron_cq_rnbd_reminder()
        report = Report.search(mine)
        self.assertEqual(len(report), 1)
        self.assertEqual((report.year, report.half, report.date_due), (2026, "2", date(2027, 2, 19)))
        activity = report.activity_ids
        self.assertEqual(len(activity), 1, "reminded once")
        self.assertEqual((activity.user_id, activity.date_deadline), (self.manager, date(2027, 2, 19)))
        with freeze_time("2027-02-10 12:00:00"):
            Report._cron_cq_rnbd_reminder()
        self.assertEqual(len(Report.search(mine).activity_ids), 1)
        report.action_count()
        report.action_mark_reported()
        self.assertFalse(report.activity_ids, "reporting completes the reminder")
        # a company that is not obliged gets nothing
        self.company_co.cq_rnbd_obliged = False
        with freeze_time("2027-08-02 12:00:00"):
            Report._cron_cq_rnbd_reminder()
        self.assertEqual(Report.search_count(mine), 1)


@tagged("post_install", "-at_install")
class TestRnbdReminderTwoWorkers(TwoWorkersCase):
    @mute_logger("odoo.sql_db", "odoo.addons.customer_quality.models.cq_rnbd_report")
    def test_parallel_crons_open_one_report(self):
        """The demo company reports its claims: two workers running the job
        on the first business day of February open one report, with one
        reminder."""
        company = self.env.ref("base.main_company")
        self.assertTrue(company.cq_rnbd_obliged)
        self.addCleanup(self._cleanup, company.id)
        with freeze_time("2027-02-01 12:00:00"):
            errors = self._run_at_once(lambda env: env["cq.rnbd.report"]._cron_cq_rnbd_reminder())
        self.assertFalse(errors)
        with self._cursor() as cr:
            cr.execute(SQL(
                """SELECT r.id, (SELECT COUNT(*) FROM mail_activity a
                                  WHERE a.res_model = 'cq.rnbd.report' AND a.res_id = r.id)
                     FROM cq_rnbd_report r WHERE r.company_id = %s AND r.year = 2026 AND r.half = '2'""",
                company.id,
            ))
            rows = cr.fetchall()
        self.assertEqual(len(rows), 1, "one report")
        self.assertEqual(rows[0][1], 1, "one reminder")

    def _cleanup(self, company_id):
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            reports = env["cq.rnbd.report"].search(
                [("company_id", "=", company_id), ("year", "=", 2026), ("half", "=", "2")]
            )
            cr.execute(SQL("DELETE FROM mail_activity WHERE res_model = 'cq.rnbd.report' AND res_id IN %s",
                           tuple(reports.ids) or (0,)))
            cr.execute(SQL("DELETE FROM mail_message WHERE model = 'cq.rnbd.report' AND res_id IN %s",
                           tuple(reports.ids) or (0,)))
            cr.execute(SQL("DELETE FROM mail_followers WHERE res_model = 'cq.rnbd.report' AND res_id IN %s",
                           tuple(reports.ids) or (0,)))
            cr.execute(SQL("DELETE FROM cq_rnbd_report WHERE id IN %s", tuple(reports.ids) or (0,)))
