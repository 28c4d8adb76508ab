"""Automatic assignment per team: a case the filer filed (web form, portal,
email) gets its responsible by the team's method — the leader, each available
member in turn, or the one with the fewest open cases; members away get none;
emergencies keep the on-duty routing; at most two more queries per filing; two
workers assigning at once never give one turn twice nor skip one."""

import threading
import uuid

from psycopg2 import errors

from odoo import SUPERUSER_ID, Command, api
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

from .common_pqrs import PqrsCommon
from .common_workers import TwoWorkersCase


@tagged("post_install", "-at_install")
class TestPqrsAssignment(PqrsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = [
            mail_new_test_user(cls.env, login=f"cq_member_{n}", name=f"Agente {n}",
                               groups="base.group_user,customer_quality.group_cq_user",
                               company_id=cls.company_co.id, company_ids=[Command.set(cls.company_co.ids)])
            for n in range(3)
        ]
        cls.a, cls.b, cls.c = cls.members
        cls.team.write({"member_ids": [Command.set([user.id for user in cls.members])]})
        cls.petition.team_id = cls.team

    def _web_case(self, n=0, **values):
        return self.env["cq.pqrs"].with_company(self.company_co).create({
            "subject": f"Caso web {n}", "type_id": self.petition.id, "company_id": self.company_co.id,
            "channel": "web_form", "email_from": f"web{n}@example.com", **values,
        })

    def test_manual_gives_the_leader(self):
        self.assertEqual(self.team.assignment_method, "manual")
        self.assertEqual(self._web_case().user_id, self.leader)

    def test_round_robin_skips_members_away(self):
        self.team.write({"assignment_method": "round_robin", "away_user_ids": [Command.set(self.b.ids)]})
        users = [self._web_case(n).user_id for n in range(4)]
        self.assertEqual(users, [self.a, self.c, self.a, self.c])
        self.assertEqual(self.team.last_assigned_user_id, self.c)
        self.team.away_user_ids = False
        self.assertEqual([self._web_case(n).user_id for n in range(3)], [self.a, self.b, self.c])
        # a batch takes consecutive turns
        batch = self.env["cq.pqrs"].with_company(self.company_co).create([
            {"subject": f"Lote {n}", "type_id": self.petition.id, "company_id": self.company_co.id,
             "team_id": self.team.id, "channel": "portal", "email_from": "lote@example.com"} for n in range(4)
        ])
        self.assertEqual(batch.mapped("user_id"), self.a | self.b | self.c)
        self.assertEqual([case.user_id for case in batch], [self.a, self.b, self.c, self.a])
        # staff filing a phone call keep it (or choose): no turn is taken
        phone = self._web_case(9, channel="phone")
        self.assertEqual(phone.user_id, self.env.user)
        self.assertEqual(self.team.last_assigned_user_id, self.a)

    def test_workload_gives_the_member_with_fewest_open_cases(self):
        self.team.assignment_method = "workload"
        for n in range(2):
            self._web_case(n, user_id=self.a.id)
        self._web_case(5, user_id=self.b.id)
        self.assertEqual([self._web_case(10 + n).user_id for n in range(3)], [self.c, self.b, self.c])
        # every member away: the leader
        self.team.away_user_ids = [Command.set([user.id for user in self.members])]
        self.assertEqual(self._web_case(20).user_id, self.leader)

    def test_emergencies_keep_the_on_duty_routing(self):
        self.team.assignment_method = "round_robin"
        emergency = self.env.ref("customer_quality.cq_pqrs_type_emergency")
        case = self.env["cq.pqrs"].with_company(self.company_co).create({
            "subject": "Fuga de gas", "type_id": emergency.id, "company_id": self.company_co.id,
            "channel": "web_form", "email_from": "fuga@example.com",
        })
        self.assertNotIn(case.user_id, self.team.member_ids)

    def test_at_most_two_more_queries_per_filing(self):
        def queries(method):
            self.team.assignment_method = method
            self._web_case(100)  # caches warm
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._web_case(101)
            self.env.flush_all()
            return self.env.cr.sql_log_count - before
        manual = queries("manual")
        self.assertLessEqual(queries("round_robin") - manual, 2)
        self.assertLessEqual(queries("workload") - manual, 2)


@tagged("post_install", "-at_install")
class TestAssignmentTwoWorkers(TwoWorkersCase):
    def _committed_team(self):
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            company = env.ref("base.main_company")
            users = env["res.users"].create([
                {"name": f"Turno {n} {uuid.uuid4().hex[:6]}", "login": f"turno_{n}_{uuid.uuid4().hex[:8]}",
                 "company_id": company.id, "company_ids": [Command.set(company.ids)],
                 "groups_id": [Command.set([env.ref("base.group_user").id,
                                            env.ref("customer_quality.group_cq_user").id])]}
                for n in range(2)
            ])
            team = env["cq.pqrs.team"].create({
                "name": f"Turnos {uuid.uuid4().hex[:6]}", "company_id": company.id,
                "member_ids": [Command.set(users.ids)], "assignment_method": "round_robin",
            })
            ids = (team.id, tuple(users.ids))
        self.addCleanup(self._cleanup, *ids)
        return ids

    def _cleanup(self, team_id, user_ids):
        with self._cursor() as cr:
            cr.execute(SQL("SELECT id FROM cq_pqrs WHERE team_id = %s", team_id))
            case_ids = tuple(row[0] for row in cr.fetchall())
            if case_ids:
                self._delete_cases(cr, case_ids)
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["cq.pqrs.team"].browse(team_id).unlink()
            env["res.users"].browse(user_ids).write({"active": False})

    @mute_logger("odoo.sql_db")
    def test_two_workers_take_two_turns(self):
        team_id, user_ids = self._committed_team()
        errors_seen, barrier = [], threading.Barrier(2, timeout=60)

        def file_one(n):
            # as Odoo retries a request that met another's committed change
            for attempt in range(5):
                try:
                    with self._cursor() as cr:
                        env = api.Environment(cr, SUPERUSER_ID, {})
                        petition = env.ref("customer_quality.cq_pqrs_type_petition")
                        if attempt == 0:
                            barrier.wait()
                        env["cq.pqrs"].create({
                            "subject": f"Simultáneo {n}", "type_id": petition.id, "team_id": team_id,
                            "channel": "web_form", "email_from": f"simultaneo{n}@example.com",
                        })
                    return
                except errors.SerializationFailure:
                    errors_seen.append(n)
            raise AssertionError("not filed after 5 tries")

        threads = [threading.Thread(target=file_one, args=(n,)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        with self._cursor() as cr:
            cr.execute(SQL("SELECT user_id FROM cq_pqrs WHERE team_id = %s ORDER BY id", team_id))
            assigned = [row[0] for row in cr.fetchall()]
            cr.execute(SQL("SELECT last_assigned_user_id FROM cq_pqrs_team WHERE id = %s", team_id))
            last = cr.fetchone()[0]
        self.assertEqual(len(assigned), 2)
        self.assertEqual(sorted(assigned), sorted(user_ids), "one turn each: neither twice nor skipped")
        self.assertEqual(last, assigned[-1])
