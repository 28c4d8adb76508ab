# Benchmark: what automatic assignment adds to a filing. 1,000 web-form cases filed one by one
# into a team of 5 members, with the team's assignment manual (the baseline: the leader),
# round-robin and fewest open cases: the queries of one filing (target: at most 2 more than
# manual) and the time of the 1,000 filings beside the baseline's, measured in the same run.
# Run with `bench/run.sh` (feeds this file to `odoo shell`, where `env` exists). Rolled back at the end.
import time

from odoo import Command

SIZE = 1000

env = env(context=dict(env.context, tracking_disable=True))  # noqa: F821
company = env.company
members = env["res.users"].create([
    {"name": f"Bench agent {n}", "login": f"bench_agent_{n}", "company_id": company.id,
     "company_ids": [Command.set(company.ids)],
     "groups_id": [Command.set([env.ref("base.group_user").id, env.ref("customer_quality.group_cq_user").id])]}
    for n in range(5)
])
team = env["cq.pqrs.team"].create({"name": "Bench team", "company_id": company.id, "leader_id": members[0].id,
                                   "member_ids": [Command.set(members.ids)]})
pqrs_type = env["cq.pqrs.type"].search([("requires_warranty_link", "=", False), ("is_emergency", "=", False)],
                                       limit=1)
pqrs_type.team_id = team
Pqrs = env["cq.pqrs"]


def file_one(i):
    Pqrs.create({"subject": f"Bench web case {i}", "type_id": pqrs_type.id, "channel": "web_form",
                 "email_from": f"bench{i}@example.com"})
    env.flush_all()


def measure(method):
    team.assignment_method = method
    file_one(-1)  # caches warm
    env.invalidate_all()
    before = env.cr.sql_log_count
    file_one(-2)
    queries = env.cr.sql_log_count - before
    start = time.perf_counter()
    for i in range(SIZE):
        file_one(i)
    return queries, time.perf_counter() - start


results = {method: measure(method) for method in ("manual", "round_robin", "workload")}
base_queries, base_time = results["manual"]
for method, (queries, elapsed) in results.items():
    print(f"{method:12s} {queries:3d} queries per filing ({queries - base_queries:+d} vs manual), "
          f"{SIZE} filings in {elapsed:.1f} s ({elapsed / base_time:.2f}x manual)")
env.cr.rollback()
