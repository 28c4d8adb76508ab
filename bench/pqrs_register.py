# Benchmark: the PQRS register (report.customer_quality.cq_pqrs_register_report)
# rendered in HTML (_render_qweb_html) for a year of 10,000 cases, and for a
# year of 1,000 cases; target < 10 s for 10,000. Baseline measured in the same
# run: a plain search_read of the same 10,000 cases' fields (what the register
# reads). The number of queries of the render is printed for both sizes: it
# does not grow with the cases (lines from one search_read, totals from one
# _read_group, overdue cases from one more search_read).
# Run with `bench/run.sh` (feeds this file to `odoo shell`, where `env` exists).
# The cases are bulk rows through SQL in a company of their own (their creation
# speed is not what is measured): 1 in 10 still open and overdue, 1 in 50
# cancelled, the others answered. Rolled back at the end.
# Measured on the development machine (2026-11, database with demo data):
# 10,000 cases 5.4 s (9,800 lines, 1,000 overdue, 10.9 MB of HTML), baseline
# 0.24 s; 21 queries for 1,000 cases and for 10,000. Most of the time goes to
# formatting ~30,000 dates in the reader's language and time zone.
import time

from odoo.addons.customer_quality.reports.cq_pqrs_register_report import LINE_FIELDS

SIZES = {2023: 1000, 2024: 10000}
REPORT = "customer_quality.cq_pqrs_register_report"

env = env(context=dict(env.context, lang="en_US", tz="America/Bogota"))  # noqa: F821
company = env["res.company"].create({"name": "Bench Register S.A.S.", "country_id": env.ref("base.co").id})
company.resource_calendar_id.tz = "America/Bogota"
env.user.company_ids |= company
types = env["cq.pqrs.type"].search([])
stages = {state: env["cq.pqrs.stage"].search([("state", "=", state)], limit=1).id
          for state in ("analysis", "closed", "cancelled")}
env.flush_all()

for year, size in SIZES.items():
    env.cr.execute(
        """
        INSERT INTO cq_pqrs (name, subject, type_id, channel, company_id, user_id, stage_id, state, priority,
                             term_state, date_received, date_radicated, term_days, date_due, date_deadline,
                             date_answered, answered_on_time, response_days, escalation_level,
                             create_date, write_date)
        SELECT 'BR-' || %(year)s || '-' || g, 'Bench register case ' || g,
               (%(types)s::int[])[1 + g %% %(ntypes)s],
               (ARRAY['portal', 'web_form', 'email', 'phone', 'in_person', 'call_center', 'social_media'])[1 + g %% 7],
               %(company)s, %(user)s,
               CASE WHEN g %% 10 = 0 THEN %(analysis)s WHEN g %% 50 = 1 THEN %(cancelled)s ELSE %(closed)s END,
               CASE WHEN g %% 10 = 0 THEN 'analysis' WHEN g %% 50 = 1 THEN 'cancelled' ELSE 'closed' END,
               '0', CASE WHEN g %% 10 = 0 THEN 'overdue' ELSE 'on_time' END,
               make_date(%(year)s, 1, 1) + (g %% 360) * INTERVAL '1 day' + INTERVAL '14 hours',
               make_date(%(year)s, 1, 1) + (g %% 360), 15,
               make_date(%(year)s, 1, 22) + (g %% 360),
               make_date(%(year)s, 1, 22) + (g %% 360) + INTERVAL '22 hours',
               CASE WHEN g %% 10 = 0 OR g %% 50 = 1 THEN NULL
                    ELSE make_date(%(year)s, 1, 10) + (g %% 360) * INTERVAL '1 day' END,
               g %% 10 <> 0 AND g %% 50 <> 1 AND g %% 20 <> 3,
               CASE WHEN g %% 10 = 0 OR g %% 50 = 1 THEN NULL ELSE 1 + g %% 15 END,
               0, now(), now()
          FROM generate_series(1, %(size)s) g
        """,
        {"year": year, "types": types.ids, "ntypes": len(types), "company": company.id, "user": env.user.id,
         "size": size, **stages},
    )
env.cr.execute("ANALYZE cq_pqrs")


def data(year):
    return {"date_from": f"{year}-01-01", "date_to": f"{year}-12-31", "company_id": company.id,
            "type_ids": [], "channel": False, "team_ids": [], "state": "all", "include_cancelled": False}


Report = env["ir.actions.report"]
# warm up: compiles the templates, loads the public holidays of the years
Report._render_qweb_html(REPORT, [], data=data(2023))

figures = {}
for year, size in SIZES.items():
    env.invalidate_all()
    count0 = env.cr.sql_log_count
    start = time.perf_counter()
    html, _type = Report._render_qweb_html(REPORT, [], data=data(year))
    figures[size] = (time.perf_counter() - start, env.cr.sql_log_count - count0, len(html))

Pqrs = env["cq.pqrs"].with_company(company)
domain = [("date_radicated", ">=", "2024-01-01"), ("date_radicated", "<=", "2024-12-31"),
          ("company_id", "=", company.id), ("state", "!=", "cancelled")]
env.invalidate_all()
start = time.perf_counter()
rows = Pqrs.search_read(domain, LINE_FIELDS)
baseline = time.perf_counter() - start

big = SIZES[2024]
elapsed, queries, length = figures[big]
print(f"register HTML, {big} cases: {elapsed:.2f} s (target < 10 s), {length / 1e6:.1f} MB of HTML")
print(f"search_read of the same {len(rows)} lines (baseline): {baseline:.2f} s; register / baseline: "
      f"{elapsed / baseline:.0f}x")
print("queries of the render: " + ", ".join(f"{size} cases: {figures[size][1]}" for size in SIZES.values())
      + " (must not grow)")
env.cr.rollback()
