import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, config

from odoo.addons.base.models.ir_cron import MAX_BATCH_PER_CRON_JOB

from .cron_claim import CONCURRENCY_ERRORS, run_queue

_logger = logging.getLogger(__name__)

ACK_CRON = "customer_quality.ir_cron_cq_pqrs_acknowledge"
ACK_TEMPLATE = "customer_quality.mail_template_cq_pqrs_acknowledgement"
ACK_REPORT = "customer_quality.cq_pqrs_ack_report_action"
BOOK_SHEET_TEMPLATE = "customer_quality.mail_template_cq_book_sheet"
# Odoo's own default of --limit-time-real, for servers run without a time limit
DEFAULT_CRON_TIME_LIMIT = 120
# A case whose acknowledgement failed is tried once more after this delay
ACK_RETRY_DELAY = timedelta(minutes=15)


class CqPqrs(models.Model):
    """Acknowledgement of receipt: each new case is queued (ack_pending, set
    with the filing facts) and a cron emails the filer the legal constancia
    (number, filing date, type, term, due date) with a link to its PDF, which
    is rendered on demand (controllers/acknowledgement.py), never here."""

    _inherit = "cq.pqrs"

    ack_retry_at = fields.Datetime(
        string="Acknowledgement Retry", readonly=True, copy=False, groups="base.group_user",
        help="Sending the acknowledgement failed once: it is tried again from this moment.",
    )
    ack_failed = fields.Boolean(
        string="Acknowledgement Failed", readonly=True, copy=False, groups="base.group_user",
        help="Sending the acknowledgement failed twice: the reason is in the chatter.",
    )

    def _cq_index_acknowledgement_queue(self):
        """An index of this feature, created by init() (cq_pqrs.py)."""
        # the cron's queue: a handful of rows among all cases
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS cq_pqrs_ack_pending_idx ON cq_pqrs (id) WHERE ack_pending"
        )

    @api.model
    def _cq_trigger_acknowledgements(self):
        """Wake the acknowledgement cron for the cases of this transaction, as
        ir.cron._trigger() does, in one query: the trigger row is written
        unless the cron is archived, and the cron workers are notified (a
        connection to the `postgres` database after the commit) only when no
        earlier trigger of this cron is waiting. A burst of filings then wakes
        the workers once; a trigger written while the cron runs outlives it,
        and a worker already woken looks for ready jobs again within a minute."""
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(ACK_CRON)
        now = fields.Datetime.now()
        self.env.cr.execute(SQL(
            """
            WITH waiting AS (
                SELECT 1 FROM ir_cron_trigger WHERE cron_id = %(cron)s AND call_at <= %(now)s LIMIT 1
            )
            INSERT INTO ir_cron_trigger (cron_id, call_at, create_uid, create_date, write_uid, write_date)
            SELECT id, %(now)s, %(uid)s, %(now)s, %(uid)s, %(now)s FROM ir_cron WHERE id = %(cron)s AND active
            RETURNING NOT EXISTS (SELECT 1 FROM waiting)
            """,
            cron=cron_id, now=now, uid=self.env.uid,
        ))
        row = self.env.cr.fetchone()
        if row and row[0]:
            self.env.cr.postcommit.add(self.env["ir.cron"].browse(cron_id)._notifydb)

    # ------------------------------------------------------------------
    # Cron: time-budgeted, one case per transaction
    # ------------------------------------------------------------------
    @api.model
    def _cq_ack_time_budget(self):
        """Seconds one call of the cron may run. Odoo calls it up to
        MAX_BATCH_PER_CRON_JOB times per job, and the whole job stays within a
        third of the cron's real-time limit, so other jobs of the same
        database still have time before the worker is killed."""
        limit = config["limit_time_real_cron"]
        if limit == -1:  # as the HTTP workers (Odoo's PreforkServer reads it so)
            limit = config["limit_time_real"]
        if not limit or limit < 0:  # no limit: keep the jobs short all the same
            limit = DEFAULT_CRON_TIME_LIMIT
        return limit / 3 / MAX_BATCH_PER_CRON_JOB

    @api.model
    def _cq_ack_claimable(self):
        """SQL condition of the cases the cron may take now."""
        return SQL(
            "ack_pending AND (ack_retry_at IS NULL OR ack_retry_at <= %s)", fields.Datetime.now()
        )

    @api.model
    def _cq_ack_queue_size(self):
        self.flush_model(["ack_pending", "ack_retry_at"])
        self.env.cr.execute(SQL("SELECT COUNT(*) FROM cq_pqrs WHERE %s", self._cq_ack_claimable()))
        return self.env.cr.fetchone()[0]

    @api.model
    def _cron_send_acknowledgements(self):
        """Send the queued acknowledgements, oldest first, one case per
        transaction: the case is locked (FOR UPDATE SKIP LOCKED, so a second
        worker takes the next one), acknowledged, unqueued and committed; the
        call stops when its time budget is spent (at least one case is done)
        and reports its progress, so that Odoo calls it again."""
        run_queue(
            self, self._cq_ack_queue_size, self._cq_ack_claimable,
            lambda case: case._cq_acknowledge_claimed(), ACK_CRON, self._cq_ack_time_budget(),
        )

    def _cq_acknowledge_claimed(self):
        """The cron's step for one claimed case: a failure is retried later or
        reported (_cq_acknowledgement_failed); a clash with another worker
        goes up, for the case to be claimed again."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self._cq_send_acknowledgement()
        except CONCURRENCY_ERRORS:
            raise
        except Exception as error:  # noqa: BLE001 - one broken case must not block the queue
            self._cq_acknowledgement_failed(error)

    def _cq_needs_acknowledgement(self):
        """Whether this case's filer is sent an acknowledgement of receipt."""
        self.ensure_one()
        return bool(self.partner_id or self.email_from)

    def _cq_ack_template(self):
        """The acknowledgement this case's filer gets: a complaints book sheet
        is acknowledged with the sheet itself (its PDF attached)."""
        self.ensure_one()
        return BOOK_SHEET_TEMPLATE if self.sudo().book_number else ACK_TEMPLATE

    def _cq_send_acknowledgement(self):
        """Email the acknowledgement of this case to its filer (queued in the
        mail queue) and unqueue it."""
        self.ensure_one()
        if self._cq_needs_acknowledgement():
            # the acknowledgement is no first response (cq_pqrs_first_response.py)
            self.with_context(mail_notify_force_send=False, cq_acknowledgement=True).message_post_with_source(
                self.env.ref(self._cq_ack_template()), subtype_xmlid="mail.mt_comment"
            )
        self.write({"ack_pending": False, "ack_retry_at": False, "ack_failed": False})

    def _cq_acknowledgement_failed(self, error):
        """The first failure keeps the case queued until ACK_RETRY_DELAY has
        passed; the second unqueues it and tells the responsible why."""
        self.ensure_one()
        if not self.ack_retry_at:
            _logger.warning("Acknowledgement of PQRS case %s failed, retried later", self.id, exc_info=error)
            retry_at = fields.Datetime.now() + ACK_RETRY_DELAY
            self.write({"ack_retry_at": retry_at})
            self.env.ref(ACK_CRON)._trigger(at=retry_at)
            return
        _logger.error("Acknowledgement of PQRS case %s failed twice, unqueued", self.id, exc_info=error)
        self.write({"ack_pending": False, "ack_retry_at": False, "ack_failed": True})
        responsible = self.user_id or self.team_id.leader_id
        # written for the responsible, in their language (the cron's user is not a reader)
        translated = self.with_context(lang=responsible.lang or self.env.lang).env
        try:
            with self.env.cr.savepoint():
                self.message_post(
                    body=translated._(
                        "The acknowledgement of receipt could not be sent: %(error)s. Correct the filer's "
                        "email or the acknowledgement template, then click Send Acknowledgement.",
                        error=str(error) or type(error).__name__,
                    ),
                    subtype_xmlid="mail.mt_note",
                    partner_ids=responsible.partner_id.ids,
                )
        except Exception:  # noqa: BLE001 - the flags above tell the user already
            _logger.exception("Could not post the failed acknowledgement note on PQRS case %s", self.id)

    def action_send_acknowledgement(self):
        """Queue the acknowledgement again (after a failure)."""
        self.write({"ack_pending": True, "ack_retry_at": False, "ack_failed": False})
        self.env.ref(ACK_CRON)._trigger()
        return True
