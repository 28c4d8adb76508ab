"""The tacit-withdrawal cron run by two workers at once, each in its own
committed transaction on its own connection: every expired case is closed
once, with one letter, and no worker waits for the other."""

import threading
import uuid
from datetime import timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.customer_quality.models import cq_pqrs_withdrawal as withdrawal

from .common_workers import TwoWorkersCase

CASES = 4
MEASURES = 6


@tagged("post_install", "-at_install")
class TestTacitWithdrawalTwoWorkers(TwoWorkersCase):
    def _committed_cases(self):
        """CASES cases waiting for a completion that expired yesterday, committed."""
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            # nothing else expired is left in the queue: only the cases of this test are claimable
            cr.execute(SQL("SELECT COUNT(*) FROM cq_pqrs WHERE completion_pending AND completion_expires_at <= now()"))
            self.assertEqual(cr.fetchone()[0], 0)
            partner = env["res.partner"].create(
                {"name": f"Peticionario concurrente {uuid.uuid4().hex[:8]}", "email": "concurrente@example.com",
                 "lang": "en_US"}
            )
            cases = env["cq.pqrs"].create([
                {"subject": f"Petición incompleta {n}", "partner_id": partner.id,
                 "type_id": env.ref("customer_quality.cq_pqrs_type_petition").id}
                for n in range(CASES)
            ])
            for case in cases:
                case._cq_request_completion("Copia de la factura")
            yesterday = fields.Datetime.now() - timedelta(days=1)
            cases.write({"completion_expires_at": yesterday, "completion_deadline": yesterday.date()})
            ids = (tuple(cases.ids), partner.id)
        self.addCleanup(self._cleanup, *ids)
        return ids[0]

    def _cleanup(self, case_ids, partner_id):
        with self._cursor() as cr:
            self._delete_cases(cr, case_ids)
            cr.execute(SQL("DELETE FROM res_partner WHERE id = %s", partner_id))

    def _ended(self, case_ids):
        """{case id: (state, ending, tacit-withdrawal letters)} as committed."""
        with self._cursor() as cr:
            # the letter of mail_template_cq_pqrs_tacit_withdrawal, by its subject (the filer writes English)
            cr.execute(SQL(
                """SELECT c.id, c.state, c.ending, c.completion_pending,
                          (SELECT COUNT(*) FROM mail_message m
                            WHERE m.model = 'cq.pqrs' AND m.res_id = c.id
                              AND m.subject LIKE %s)
                     FROM cq_pqrs c WHERE c.id IN %s""",
                "%closed by tacit withdrawal", case_ids,
            ))
            return {row[0]: row[1:] for row in cr.fetchall()}

    @mute_logger("odoo.sql_db", "odoo.addons.customer_quality.models.cq_pqrs_withdrawal")
    def test_second_worker_takes_the_other_cases(self):
        """Worker A's cron has claimed the first two cases (batches of 2) and
        is still on them; worker B's cron runs meanwhile: it closes the two
        others without waiting for A (SKIP LOCKED) and never touches A's.
        A then meets B's committed change of the filer they share (a
        serialization failure): it undoes its batch and takes it again, so
        that no letter is lost or reported as failed."""
        case_ids = self._committed_cases()
        Pqrs = type(self.env["cq.pqrs"])
        tacit_withdraw = Pqrs._cq_tacit_withdraw
        a_holds, release = threading.Event(), threading.Event()
        calls_of_a, errors, done_by_b = [], [], []

        def paused_in_a(case):
            if threading.current_thread().name == "worker-a":
                calls_of_a.append(case.id)
                if len(calls_of_a) == 1:
                    a_holds.set()
                    release.wait(60)
            return tacit_withdraw(case)

        def cron(closed=None):
            try:
                with self._cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    Cases = env["cq.pqrs"]
                    before = set(Cases.search([("id", "in", case_ids), ("state", "=", "waiting")]).ids)
                    Cases._cron_cq_tacit_withdrawal()
                    if closed is not None:
                        env.invalidate_all()
                        after = set(Cases.search([("id", "in", case_ids), ("state", "=", "waiting")]).ids)
                        closed.extend(before - after)
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(error)

        with patch.object(withdrawal, "TACIT_BATCH", 2), patch.object(Pqrs, "_cq_tacit_withdraw", paused_in_a):
            worker_a = threading.Thread(target=cron, name="worker-a")
            worker_a.start()
            self.assertTrue(a_holds.wait(60), "A claimed its batch")
            worker_b = threading.Thread(target=cron, args=(done_by_b,), name="worker-b")
            worker_b.start()
            worker_b.join(60)
            b_waited = worker_b.is_alive()
            release.set()
            worker_a.join(60)
        self.assertFalse(b_waited, "B did not wait for the cases A holds")
        self.assertFalse(worker_a.is_alive())
        self.assertFalse(errors)
        self.assertEqual(sorted(done_by_b), sorted(case_ids)[2:], "B closed the cases A does not hold")
        self.assertEqual(set(calls_of_a) & set(done_by_b), set())
        ended = self._ended(case_ids)
        self.assertEqual(
            set(ended.values()), {("closed", "tacit_withdrawal", False, 1)},
            "every case closed once, with one letter",
        )

    @mute_logger("odoo.sql_db")
    def test_parallel_crons_close_each_case_once(self):
        """Both workers released at the same instant by a barrier: each case
        closed once, one letter each, both runs succeed."""
        case_ids = self._committed_cases()
        errors = self._run_at_once(lambda env: env["cq.pqrs"]._cron_cq_tacit_withdrawal())
        self.assertFalse(errors)
        ended = self._ended(case_ids)
        self.assertEqual(len(ended), CASES)
        self.assertEqual(set(ended.values()), {("closed", "tacit_withdrawal", False, 1)})


@tagged("post_install", "-at_install")
class TestTransferWarningTwoWorkers(TwoWorkersCase):
    """The day-3 transfer warning run by two workers at once, each in its
    own committed transaction: every case is warned once."""

    def _committed_cases(self):
        """CASES open cases on their warning day, committed; other cases
        due a warning today are set aside until the test ends."""
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            Pqrs = env["cq.pqrs"]
            today = fields.Date.context_today(Pqrs)
            Pqrs.flush_model()
            cr.execute(SQL("SELECT id FROM cq_pqrs WHERE %s", Pqrs._cq_transfer_warn_claimable(today)))
            others = tuple(row[0] for row in cr.fetchall())
            if others:
                cr.execute(SQL("UPDATE cq_pqrs SET transfer_warned = TRUE WHERE id IN %s", others))
            partner = env["res.partner"].create({"name": f"Cliente traslado {uuid.uuid4().hex[:8]}"})
            cases = Pqrs.create([
                {"subject": f"Competencia dudosa {n}", "partner_id": partner.id,
                 "user_id": env.ref("base.user_admin").id,
                 "type_id": env.ref("customer_quality.cq_pqrs_type_complaint").id}
                for n in range(CASES)
            ])
            cases.flush_recordset()
            cr.execute(SQL(
                "UPDATE cq_pqrs SET transfer_warn_date = %s, transfer_limit = %s, transfer_warned = FALSE "
                "WHERE id IN %s", today - timedelta(days=1), today + timedelta(days=2), tuple(cases.ids),
            ))
            ids = (tuple(cases.ids), partner.id, others)
        self.addCleanup(self._cleanup, *ids)
        return ids[0]

    def _cleanup(self, case_ids, partner_id, others):
        with self._cursor() as cr:
            self._delete_cases(cr, case_ids)
            cr.execute(SQL("DELETE FROM res_partner WHERE id = %s", partner_id))
            if others:
                cr.execute(SQL("UPDATE cq_pqrs SET transfer_warned = FALSE WHERE id IN %s", others))

    def _warnings(self, case_ids):
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            warning = env.ref("customer_quality.mail_activity_type_cq_transfer_limit")
            cr.execute(SQL(
                """SELECT c.id, c.transfer_warned,
                          (SELECT COUNT(*) FROM mail_activity a
                            WHERE a.res_model = 'cq.pqrs' AND a.res_id = c.id AND a.activity_type_id = %s)
                     FROM cq_pqrs c WHERE c.id IN %s""",
                warning.id, case_ids,
            ))
            return {row[0]: row[1:] for row in cr.fetchall()}

    @mute_logger("odoo.sql_db")
    def test_parallel_crons_warn_each_case_once(self):
        case_ids = self._committed_cases()
        errors = self._run_at_once(lambda env: env["cq.pqrs"]._cron_warn_transfer_limit())
        self.assertFalse(errors)
        warnings = self._warnings(case_ids)
        self.assertEqual(len(warnings), CASES)
        self.assertEqual(set(warnings.values()), {(True, 1)}, "every case warned once")


@tagged("post_install", "-at_install")
class TestProvisionalMeasuresTwoWorkers(TwoWorkersCase):
    """The provisional indicator measures measured again by two workers at
    once, each in its own committed transaction: every measure is measured
    once and turns final once (one 'Final' note)."""

    def _committed_measures(self):
        """MEASURES provisional RRT measures of 2019 (no case: nothing is
        pending, each turns final), computed two days ago, committed; other
        provisional measures are set aside until the test ends."""
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            Measure = env["cq.indicator.measure"]
            Measure.flush_model()
            cr.execute(SQL("SELECT id FROM cq_indicator_measure WHERE %s", Measure._cq_provisional_due()))
            others = tuple(row[0] for row in cr.fetchall())
            if others:
                cr.execute(SQL("UPDATE cq_indicator_measure SET provisional = FALSE WHERE id IN %s", others))
            indicator = env["cq.indicator"].create({
                "code": f"T-2W-{uuid.uuid4().hex[:6]}", "name": "RRT dos procesos", "formula": "rrt",
                "frequency": "monthly", "target": 95.0, "date_start": "2019-01-01",
            })
            measures = Measure.create([
                {**indicator._measure_values(f"2019-{month:02d}-01", f"2019-{month:02d}-28",
                                             {"rrt": (1, 1, 100.0)}, {"rrt": 1}),
                 "date_computed": fields.Datetime.now() - timedelta(days=2)}
                for month in range(1, MEASURES + 1)
            ])
            self.assertEqual(set(measures.mapped("provisional")), {True})
            measures.flush_recordset()
            ids = (tuple(measures.ids), indicator.id, others)
        self.addCleanup(self._cleanup, *ids)
        return ids[0]

    def _cleanup(self, measure_ids, indicator_id, others):
        with self._cursor() as cr:
            for table, column in (("mail_message", "model"), ("mail_followers", "res_model")):
                cr.execute(SQL("DELETE FROM %s WHERE %s = 'cq.indicator.measure' AND res_id IN %s",
                               SQL.identifier(table), SQL.identifier(column), measure_ids))
            cr.execute(SQL("DELETE FROM cq_indicator_measure WHERE id IN %s", measure_ids))
            cr.execute(SQL("DELETE FROM mail_followers WHERE res_model = 'cq.indicator' AND res_id = %s", indicator_id))
            cr.execute(SQL("DELETE FROM mail_message WHERE model = 'cq.indicator' AND res_id = %s", indicator_id))
            cr.execute(SQL("DELETE FROM cq_indicator WHERE id = %s", indicator_id))
            if others:
                cr.execute(SQL("UPDATE cq_indicator_measure SET provisional = TRUE WHERE id IN %s", others))

    @mute_logger("odoo.sql_db")
    def test_parallel_crons_finalize_each_measure_once(self):
        measure_ids = self._committed_measures()
        errors = self._run_at_once(lambda env: env["cq.indicator.measure"]._cq_remeasure_provisional(100))
        self.assertFalse(errors)
        with self._cursor() as cr:
            cr.execute(SQL(
                """SELECT m.id, m.provisional, m.has_data,
                          (SELECT COUNT(*) FROM mail_message msg
                            WHERE msg.model = 'cq.indicator.measure' AND msg.res_id = m.id
                              AND msg.body::text LIKE %s)
                     FROM cq_indicator_measure m WHERE m.id IN %s""",
                "%Final:%", measure_ids,
            ))
            rows = {row[0]: row[1:] for row in cr.fetchall()}
        self.assertEqual(len(rows), MEASURES)
        self.assertEqual(set(rows.values()), {(False, False, 1)}, "every measure final, noted once")
