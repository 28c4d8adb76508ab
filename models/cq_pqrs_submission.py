import hashlib
from datetime import timedelta

from odoo import api, fields, models
from odoo.sql_db import TestCursor
from odoo.tools import SQL

# the Settings of the public and portal forms: ir.config_parameter key prefix and defaults
PARAM = "customer_quality.pqrs_public_"
DEFAULTS = {
    "rate_ip": 5,
    "rate_email": 3,
    "rate_track_ip": 20,
    "max_files": 5,
    "max_file_mb": 10,
    "extensions": "pdf,jpg,jpeg,png,gif,webp,doc,docx,xls,xlsx,odt,ods,txt,csv",
}


class CqPqrsSubmission(models.Model):
    """One row per public filing or tracking attempt, to rate-limit them by IP
    address and email across Odoo workers and servers. No personal data: the
    email is kept as a hash. Rows older than a day are purged.

    Filing and tracking count apart (`kind`). A slot is reserved before the
    case is created, in a transaction of its own that serialises the check and
    the insert under an advisory lock per IP (and per email) and reads in READ
    COMMITTED: a request that waited for the lock sees the slots its
    predecessors committed, so N parallel requests never pass more than the
    limit, whatever the number of workers."""

    _name = "cq.pqrs.submission"
    _description = "PQRS Public Submission Log"
    _log_access = True

    ip = fields.Char(index=True, required=True)
    email_key = fields.Char(index=True)
    kind = fields.Selection(
        [("file", "Filing"), ("track", "Tracking")], required=True, default="file", index=True
    )
    create_date = fields.Datetime(index=True)

    def init(self):
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS cq_pqrs_submission_kind_ip_date_idx "
            "ON cq_pqrs_submission (kind, ip, create_date)"
        )

    @api.model
    def _cq_email_key(self, email):
        return hashlib.sha256(email.strip().lower().encode()).hexdigest() if email else False

    @api.model
    def _cq_reserve(self, kind, ip, email=None, limit_ip=5, limit_email=None):
        """Take one slot of the hourly limits of `ip` (and of `email` when given) for `kind`;
        False when a limit is reached. The slot is committed at once, whatever happens to the
        request afterwards (an attempt counts)."""
        ip = ip or "unknown"
        email_key = self._cq_email_key(email)
        with self.env.registry.cursor() as cr:
            if not isinstance(cr, TestCursor):
                # test cursors share the test transaction and are serialised by the test lock
                cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            # always IP first, then email: two requests never wait for each other crosswise
            keys = [f"cq.pqrs.submission:{kind}:ip:{ip}"]
            if email_key and limit_email:
                keys.append(f"cq.pqrs.submission:{kind}:email:{email_key}")
            for key in keys:
                cr.execute(SQL("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", key))
            now = fields.Datetime.now()
            since = now - timedelta(hours=1)
            checks = [(SQL("ip = %s", ip), limit_ip)]
            if len(keys) > 1:
                checks.append((SQL("email_key = %s", email_key), limit_email))
            for condition, limit in checks:
                cr.execute(SQL(
                    "SELECT count(*) FROM cq_pqrs_submission WHERE kind = %s AND create_date >= %s AND %s",
                    kind, since, condition,
                ))
                if cr.fetchone()[0] >= limit:
                    return False
            cr.execute(SQL(
                """INSERT INTO cq_pqrs_submission (ip, email_key, kind, create_date, write_date)
                   VALUES (%s, %s, %s, %s, %s)""",
                ip, email_key or None, kind, now, now,
            ))
        return True

    @api.autovacuum
    def _gc_submissions(self):
        self.env.cr.execute(SQL(
            "DELETE FROM cq_pqrs_submission WHERE create_date < %s",
            fields.Datetime.now() - timedelta(days=1),
        ))
