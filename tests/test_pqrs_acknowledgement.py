import io
import re
import shutil
from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.sql_db import db_connect
from odoo.tests import HttpCase, tagged
from odoo.tools import config, format_date, mute_logger
from odoo.tools.pdf import PdfFileReader

from odoo.addons.customer_quality.models.cq_pqrs_acknowledgement import ACK_CRON, ACK_RETRY_DELAY

from .common import load_spanish
from .common_pqrs import PqrsCommon
from .common_report import UNREACHABLE_URL

ACK_LOGGER = "odoo.addons.customer_quality.models.cq_pqrs_acknowledgement"
LINK = "/acknowledgement?access_token="


@tagged("post_install", "-at_install")
class TestPqrsAcknowledgement(PqrsCommon, HttpCase):
    """The acknowledgement cron: time-budgeted, one case per transaction,
    safe with two workers, no PDF rendered; the PDF behind the email's link."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Pqrs = cls.env["cq.pqrs"]
        cls.cron = cls.env.ref(ACK_CRON)
        cls.Report = type(cls.env["ir.actions.report"])

    def _unqueue_others(self, exclude=()):
        """Only the cases of the test are queued (demo cases are, too)."""
        self.Pqrs.search([("ack_pending", "=", True), ("id", "not in", list(exclude))]).ack_pending = False

    def _acks(self, case):
        return case.message_ids.filtered(lambda m: LINK in (m.body or ""))

    def _run_cron(self):
        """Run the job as Odoo does (one call of its server action, with a
        progress record) and return that progress."""
        self.cron.method_direct_trigger()
        return self.env["ir.cron.progress"].search([("cron_id", "=", self.cron.id)], order="id desc", limit=1)

    def _no_pdf(self):
        return patch.object(self.Report, "_render_qweb_pdf", side_effect=AssertionError("no PDF in the cron"))

    # ------------------------------------------------------------------
    # Budget and progress
    # ------------------------------------------------------------------
    def test_budget_is_a_third_of_the_cron_limit_over_the_batches(self):
        for cron_limit, http_limit, budget in ((90, 120, 3.0), (-1, 120, 4.0), (-1, 300, 10.0), (0, 120, 4.0),
                                               (-1, 0, 4.0)):
            with patch.dict(config.options, limit_time_real_cron=cron_limit, limit_time_real=http_limit):
                self.assertAlmostEqual(self.Pqrs._cq_ack_time_budget(), budget)

    def test_tiny_budget_does_part_of_the_queue_and_reports_the_rest(self):
        self._unqueue_others()
        cases = self.Pqrs.browse([self._case("2026-03-02 14:00:00").id for _i in range(5)])
        self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)]).unlink()
        with patch.object(type(self.Pqrs), "_cq_ack_time_budget", return_value=0), self._no_pdf():
            progress = self._run_cron()
        # a spent budget still does one case: the queue always moves
        self.assertEqual((progress.done, progress.remaining), (1, 4))
        self.assertEqual(cases.mapped("ack_pending"), [False, True, True, True, True], "oldest first")
        self.assertEqual(len(self._acks(cases[0])), 1)
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)]),
            "a cron worker is woken at once for the rest",
        )
        with self._no_pdf():
            progress = self._run_cron()
        self.assertEqual((progress.done, progress.remaining), (4, 0))
        self.assertFalse(any(cases.mapped("ack_pending")))
        progress = self._run_cron()
        self.assertEqual((progress.done, progress.remaining), (0, 0))
        for case in cases:
            self.assertEqual(len(self._acks(case)), 1, "each case is acknowledged once")

    # ------------------------------------------------------------------
    # Two workers
    # ------------------------------------------------------------------
    def test_a_case_locked_by_another_worker_is_skipped(self):
        """Another transaction (a second cron worker) holds a queued case: the
        cron takes the others. The row must be committed for the other
        connection to lock it, so a queued demo case is used (never written)."""
        other = db_connect(self.env.cr.dbname).cursor()
        try:
            other.execute("SELECT id FROM cq_pqrs WHERE ack_pending ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")
            row = other.fetchone()
            self.assertTrue(row, "the demo leaves a committed queued case")
            locked = self.Pqrs.browse(row[0])
            # a claim that waited for the lock would fail here instead of hanging
            self.env.cr.execute("SET LOCAL lock_timeout = '5s'")
            self._unqueue_others(exclude=locked.ids)
            mine = self._case("2026-03-02 14:00:00") | self._case("2026-03-02 14:00:00")
            with self._no_pdf():
                progress = self._run_cron()
            self.assertEqual((progress.done, progress.remaining), (2, 1))
            self.assertFalse(any(mine.mapped("ack_pending")))
            self.assertTrue(locked.ack_pending, "left to the worker that holds it")
            self.assertFalse(self._acks(locked))
        finally:
            other.rollback()
            other.close()

    # ------------------------------------------------------------------
    # Failures
    # ------------------------------------------------------------------
    @mute_logger(ACK_LOGGER)
    def test_a_failing_case_is_retried_once_then_reported_and_never_blocks(self):
        self._unqueue_others()
        with freeze_time("2026-03-02 14:00:00"):
            broken = self._case("2026-03-02 14:00:00")
            fine = self._case("2026-03-02 14:00:00")
        send = type(self.Pqrs)._cq_send_acknowledgement

        def failing(case):
            if case == broken:
                raise ValueError("template error")
            return send(case)

        with patch.object(type(self.Pqrs), "_cq_send_acknowledgement", failing):
            with freeze_time("2026-03-02 14:05:00"):
                progress = self._run_cron()
                self.assertEqual((progress.done, progress.remaining), (2, 0), "the retry waits")
                self.assertFalse(fine.ack_pending, "the queue goes on")
                self.assertTrue(broken.ack_pending)
                self.assertEqual(broken.ack_retry_at, datetime(2026, 3, 2, 14, 5) + ACK_RETRY_DELAY)
                self.assertFalse(broken.ack_failed)
                self.assertFalse(self._acks(broken))
                self.assertEqual(self._run_cron().done, 0, "not before its retry time")
            with freeze_time(datetime(2026, 3, 2, 14, 5) + ACK_RETRY_DELAY + timedelta(seconds=1)):
                self.assertEqual(self._run_cron().done, 1)
        self.assertFalse(broken.ack_pending, "unqueued after the second failure")
        self.assertTrue(broken.ack_failed)
        note = broken.message_ids.filtered(lambda m: "could not be sent" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("template error", note.body)
        self.assertEqual(note.partner_ids, self.user.partner_id, "the responsible is told")
        self.assertEqual(len(self._acks(fine)), 1)

        # the button queues it again
        broken.with_user(self.user).action_send_acknowledgement()
        self.assertTrue(broken.ack_pending)
        self.assertFalse(broken.ack_failed)
        self._run_cron()
        self.assertEqual(len(self._acks(broken)), 1)
        self.assertFalse(broken.ack_pending)

    # ------------------------------------------------------------------
    # The email: the filing record and a link, no file
    # ------------------------------------------------------------------
    def test_the_email_carries_the_filing_record_and_the_link(self):
        self._unqueue_others()
        case = self._case("2026-03-02 14:00:00")
        with self._no_pdf():
            self._run_cron()
        ack = self._acks(case)
        self.assertEqual(len(ack), 1)
        self.assertFalse(ack.attachment_ids, "no file: the PDF is rendered when the filer opens the link")
        self.assertTrue(ack.mail_ids.filtered(lambda m: m.recipient_ids == self.customer), "to the filer")
        self.assertEqual(set(ack.mail_ids.mapped("state")), {"outgoing"}, "queued for the mail queue, not sent here")
        self.assertFalse(ack.mail_ids.attachment_ids)
        en = self.env(context={"lang": "en_US"})
        body = re.sub(r"\s+", " ", ack.body)
        for expected in (
            case.name, "Petition", format_date(en, case.date_radicated), format_date(en, case.date_due),
            "03/02/2026 09:00", "(America/Bogota)",  # received 14:00 UTC, in the company's time zone
            "15 business days", case.type_id.legal_basis, self.user.name,
            f"{case.get_base_url()}/my/pqrs/{case.id}{LINK}{case.access_token}",
        ):
            self.assertIn(expected, body)
        self.assertTrue(case.access_token)

    def test_the_email_of_an_emergency_gives_its_term_in_hours(self):
        self._unqueue_others()
        emergency = self.env.ref("customer_quality.cq_pqrs_type_emergency")
        with freeze_time("2026-03-08 04:30:00"):
            case = self._case("2026-03-08 04:30:00", pqrs_type=emergency, subject="Fuga de gas")
            self._run_cron()
        body = re.sub(r"\s+", " ", self._acks(case).body)
        # received on Saturday at 23:30 in Bogota: the term in hours runs through the night
        for expected in (case.name, f"{case.term_hours} hours", "03/07/2026 23:30", "03/08/2026 03:30"):
            self.assertIn(expected, body)
        self.assertNotIn("business days", body)
        self.assertFalse(case.ack_pending)

    def test_the_email_in_spanish(self):
        load_spanish(self.env)
        self._unqueue_others()
        self.customer.lang = "es_CO"
        case = self._case("2026-03-02 14:00:00")
        self._run_cron()
        body = re.sub(r"\s+", " ", self._acks(case).body)
        for expected in (case.name, "Petición", "Número de radicado", "días hábiles", "Fecha de vencimiento",
                         format_date(self.env(context={"lang": "es_CO"}), case.date_due)):
            self.assertIn(expected, body)

    # ------------------------------------------------------------------
    # The PDF behind the link
    # ------------------------------------------------------------------
    def test_the_link_serves_the_pdf_to_its_holder_only(self):
        self.assertTrue(shutil.which("wkhtmltopdf"), "wkhtmltopdf is installed (tools/start.sh)")
        case = self._case("2026-03-02 14:00:00")
        token = case._portal_ensure_token()
        url = f"/my/pqrs/{case.id}/acknowledgement"
        render = self.Report._render_qweb_pdf

        def forced(report, *args, **kwargs):
            # test mode renders HTML unless forced; the report's CSS is not
            # fetched from the test server (see common_report)
            return render(report.with_context(force_report_rendering=True), *args, **kwargs)

        with patch.object(self.Report, "_render_qweb_pdf", forced), \
                patch.object(self.Report, "_get_report_url", lambda report, layout=None: UNREACHABLE_URL):
            response = self.url_open(f"{url}?access_token={token}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn(f"Acknowledgement%20{case.name}.pdf", response.headers["Content-Disposition"])
        self.assertTrue(response.content.startswith(b"%PDF"))
        text = " ".join(page.extract_text() or "" for page in PdfFileReader(io.BytesIO(response.content)).pages)
        text = re.sub(r"\s+", " ", text)
        self.assertIn(case.name, text)
        self.assertIn("Acknowledgement of Receipt", text)

        for wrong in (f"{url}?access_token={token[:-1]}x", url, f"/my/pqrs/{case.id + 10 ** 6}/acknowledgement"):
            with self._no_pdf():
                self.assertEqual(self.url_open(wrong).status_code, 404, wrong)

    # ------------------------------------------------------------------
    # Module loading: no PDF while no HTTP server runs
    # ------------------------------------------------------------------
    def test_answer_while_the_registry_loads_renders_no_letter(self):
        case = self._case("2026-03-02 14:00:00")
        case.answer = "<p>Respuesta durante la carga de datos.</p>"
        with patch.object(self.registry, "ready", False), self._no_pdf():
            case.action_send_answer()
        answer = case.message_ids.filtered(lambda m: "answer to" in (m.subject or ""))
        self.assertEqual(len(answer), 1)
        self.assertFalse(answer.attachment_ids, "the letter stays printable from the case")
        self.assertIn("Respuesta durante la carga", answer.body)
