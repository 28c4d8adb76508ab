import threading

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tests import TransactionCase


class WorkerTransaction(api.Transaction):
    """The transaction of a worker thread. A retry after a serialization error resets it, which looks the
    registry up again; the registry is locked while the tests run, so keep the one it has."""

    def reset(self):
        self.clear()


class TwoWorkersCase(TransactionCase):
    """Tests of two Odoo workers at once: each in its own transaction on its
    own connection, committed, as a cron or an HTTP worker runs."""

    def _cursor(self):
        cr = self.registry.cursor()
        # the registry is locked while the tests run: hand it over, as Odoo's workers hold it
        cr.transaction = WorkerTransaction(self.registry)
        return cr

    @staticmethod
    def _delete_cases(cr, case_ids):
        """Delete committed cases (a tuple of ids) with their messages, followers and activities."""
        for table, column in (("mail_message", "model"), ("mail_followers", "res_model"),
                              ("mail_activity", "res_model")):
            cr.execute(SQL("DELETE FROM %s WHERE %s = 'cq.pqrs' AND res_id IN %s",
                           SQL.identifier(table), SQL.identifier(column), case_ids))
        cr.execute(SQL("DELETE FROM cq_pqrs WHERE id IN %s", case_ids))

    def _run_at_once(self, job, timeout=60):
        """Run `job(env)` in two workers released at the same instant by a
        barrier; return the errors they raised."""
        errors, barrier = [], threading.Barrier(2, timeout=timeout)

        def worker():
            try:
                with self._cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    barrier.wait()
                    job(env)
            except Exception as error:  # noqa: BLE001 - reported by the caller's assertion
                errors.append(error)

        threads = [threading.Thread(target=worker) for _i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        return errors
