from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL

# errors of a transaction that met another worker's committed change (serialization failure, deadlock,
# lock not available): the whole transaction is retried, as Odoo retries a request; a per-record
# "this record failed" handler must let them through, or a clash of two workers would be taken for a
# broken record (a letter reported as not sent, an acknowledgement unqueued)
CONCURRENCY_ERRORS = PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
# consecutive retries of one batch before a cron run leaves it to its next call
MAX_CONCURRENCY_RETRIES = 5


def claim(model, where, limit):
    """At most `limit` records of `model` matching the SQL condition `where`,
    locked for this transaction and skipped by any other worker running the
    same job at the same time (FOR UPDATE SKIP LOCKED)."""
    model.flush_model()
    model.env.cr.execute(
        SQL(
            "SELECT id FROM %s WHERE %s ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED",
            SQL.identifier(model._table),
            where,
            limit,
        )
    )
    return model.browse(row[0] for row in model.env.cr.fetchall())
