import threading
from time import monotonic

from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL

# errors of a transaction that met another worker's committed change (serialization failure, deadlock,
# lock not available): the whole transaction is retried, as Odoo retries a request; a per-record
# "this record failed" handler must let them through, or a clash of two workers would be taken for a
# broken record (a letter reported as not sent, an acknowledgement unqueued)
CONCURRENCY_ERRORS = PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
# retries of one batch (claim_and_process) before the error goes to the cron run
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


def claim_and_process(model, where, limit, process_one, auto_commit):
    """Claim (see claim()) at most `limit` records, call `process_one(record)`
    for each in this transaction and return them. When the batch meets
    another worker's committed change (to these records or to one they
    share, such as their filer), it is undone and claimed again on a fresh
    snapshot, at most MAX_CONCURRENCY_RETRIES times; in tests (`auto_commit`
    false) the error is raised at once."""
    for attempt in range(MAX_CONCURRENCY_RETRIES + 1):
        try:
            records = claim(model, where, limit)
            for record in records:
                process_one(record)
            return records
        except CONCURRENCY_ERRORS:
            if not auto_commit or attempt == MAX_CONCURRENCY_RETRIES:
                raise
            model.env.cr.rollback()
            model.env.invalidate_all()
    return model.browse()  # not reached: the last attempt returns or raises


def run_queue(model, queue_size, claimable, process_one, cron_xmlid, budget):
    """A cron's call over a queue of records, one record per transaction: the
    record is claimed (claim_and_process), processed, unqueued by
    `process_one` and committed; the call stops when `budget` seconds are
    spent (at least one record is done), reports its progress so that Odoo
    calls it again, and wakes the mail queue for the emails it queued.
    `queue_size()` counts what is left, `claimable()` is the SQL condition of
    the records that may be taken now."""
    env = model.env
    auto_commit = not getattr(threading.current_thread(), "testing", False)
    deadline = monotonic() + budget
    queued = queue_size()
    done = 0
    while True:
        record = claim_and_process(model, claimable(), 1, process_one, auto_commit)
        if not record:
            break
        done += 1
        if auto_commit:
            # committed with the record: a later crash still counts as progress
            env["ir.cron"]._notify_progress(done=done, remaining=max(queued - done, 1))
            env.cr.commit()  # pylint: disable=invalid-commit
        if monotonic() >= deadline:
            break
    remaining = queue_size()
    if done:
        # the emails are queued: the mail queue sends them, not this job
        mail_queue = env.ref("mail.ir_cron_mail_scheduler_action", raise_if_not_found=False)
        if mail_queue:
            mail_queue._trigger()
    if done and remaining:
        # partially done: wake a cron worker at once instead of at its next poll (not when the
        # rest is held by another worker)
        env.ref(cron_xmlid)._trigger()
    env["ir.cron"]._notify_progress(done=done, remaining=remaining)
    return done
