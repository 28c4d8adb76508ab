# Benchmark: creating 10,000 PQRS cases (numbers, business-day due dates and
# acknowledgements queued) beside creating 10,000 crm.lead records on the same
# database (the baseline), then RRT over 100,000 cases.
# Run with `bench/run.sh` (feeds this file to `odoo shell`, where `env` exists;
# the bench database has crm installed for the baseline). Rolled back at the end.
import time
from datetime import datetime, timedelta

CREATE_SIZE = 10000
RRT_SIZE = 100000
BATCH = 1000

env = env(context=dict(env.context, tracking_disable=False))  # noqa: F821
partners = env["res.partner"].create([{"name": f"Bench filer {i}", "email": f"filer{i}@example.com"}
                                      for i in range(100)])
# warranty claims name an order or invoice line: the bench files the other types
types = env["cq.pqrs.type"].search([("requires_warranty_link", "=", False)])  # noqa: F821
start_day = datetime(2026, 1, 5, 14, 0)
env.flush_all()


def timed(label, func):
    start = time.perf_counter()
    func()
    env.flush_all()
    env.cr.flush()
    elapsed = time.perf_counter() - start
    print(f"{label}: {elapsed:.1f} s")
    return elapsed


def create_leads():
    Lead = env["crm.lead"]
    for batch in range(0, CREATE_SIZE, BATCH):
        Lead.create([{
            "name": f"Bench lead {i}",
            "partner_id": partners[i % 100].id,
            "type": "opportunity",
        } for i in range(batch, batch + BATCH)])


def create_cases():
    Pqrs = env["cq.pqrs"]
    for batch in range(0, CREATE_SIZE, BATCH):
        Pqrs.create([{
            "subject": f"Bench case {i}",
            "type_id": types[i % len(types)].id,
            "partner_id": partners[i % 100].id,
            "channel": "email",
            "date_received": start_day + timedelta(hours=7 * i % 8000),
        } for i in range(batch, batch + BATCH)])


baseline = timed(f"crm.lead create, {CREATE_SIZE} records (baseline)", create_leads)
figure = timed(f"cq.pqrs create, {CREATE_SIZE} cases", create_cases)
pending = env["cq.pqrs"].search_count([("ack_pending", "=", True)])
print(f"PQRS create / crm.lead create: {figure / baseline:.2f}x (target <= 2x); "
      f"{pending} acknowledgements queued")

# RRT over 100,000 cases: bulk rows through SQL (creation speed is measured above)
stage = env.ref("customer_quality.cq_pqrs_stage_closed")
company = env.company
env.cr.execute(
    """
    INSERT INTO cq_pqrs (name, subject, type_id, channel, company_id, stage_id, state, priority,
                         term_state, date_received, date_radicated, date_due, date_answered,
                         answered_on_time, response_days, escalation_level, create_date, write_date)
    SELECT 'B-' || g, 'Bench RRT ' || g, (%s::int[])[1 + g %% %s], 'email', %s, %s, 'closed', '0',
           'on_time', TIMESTAMP '2025-01-01' + (g %% 700) * INTERVAL '1 day',
           DATE '2025-01-01' + (g %% 700), DATE '2025-01-22' + (g %% 700),
           TIMESTAMP '2025-01-10' + (g %% 700) * INTERVAL '1 day',
           g %% 20 <> 0, 1 + g %% 15, 0, now(), now()
      FROM generate_series(1, %s) g
    """,
    (types.ids, len(types), company.id, stage.id, RRT_SIZE),
)
env.cr.execute("ANALYZE cq_pqrs")
Pqrs = env["cq.pqrs"]
period = Pqrs._cq_period_domain("2025-01-01", "2026-12-31")
Pqrs._cq_response_stats(period, ["type_id"])  # warm
runs = []
for _ in range(5):
    env.invalidate_all()
    start = time.perf_counter()
    stats = Pqrs._cq_response_stats(period, ["type_id"])
    runs.append(time.perf_counter() - start)
total = stats[None]
print(f"RRT over {total['count']} cases ({total['pending']} pending, left out): {total['rrt']:.2f} %, mean response {total['response_days']:.2f} "
      f"business days: {min(runs) * 1000:.0f} ms (target < 500 ms)")
env.cr.rollback()
