from datetime import timedelta

from odoo import api, fields, models


class CqPqrsSubmission(models.Model):
    """One row per public submission or tracking attempt, to rate-limit them
    by IP address and email across Odoo workers. No personal data: the email
    is kept as a hash. Rows older than a day are purged."""

    _name = "cq.pqrs.submission"
    _description = "PQRS Public Submission Log"
    _log_access = True

    ip = fields.Char(index=True, required=True)
    email_key = fields.Char(index=True)
    create_date = fields.Datetime(index=True)

    @api.autovacuum
    def _gc_submissions(self):
        self.sudo().search([("create_date", "<", fields.Datetime.now() - timedelta(days=1))]).unlink()
