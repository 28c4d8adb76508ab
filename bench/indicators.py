# Benchmark: every indicator (CCT, SC, RRT, ISC, I1-I6) for the 4 quarters of
# 2026 over 100,000 PQRS (10,000 rated post-sale cases), 5,000 contracts (15,000 obligations), 20,000
# lifecycle partners and 20,000 survey answers; target < 2 s in all.
# Baseline measured in the same run (the physical floor): one raw SQL
# count(*) over the same tables per quarter; target ratio <= 10x.
# Rows are bulk SQL (their creation is not what is measured). Run with
# `bench/run.sh` (odoo shell, `env` exists). Rolled back at the end.
import time
from datetime import date

PQRS = 100_000
CONTRACTS = 5_000
PARTNERS = 20_000
ANSWERS = 20_000
QUARTERS = [(date(2026, m, 1), date(2026, m + 2, 31 if m in (1, 10) else 30)) for m in (1, 4, 7, 10)]

cr = env.cr  # noqa: F821
company = env.company  # noqa: F821
complaint = env.ref("customer_quality.cq_pqrs_type_complaint")  # noqa: F821
support = env.ref("customer_quality.cq_pqrs_type_support")  # noqa: F821  (post-sale: its ratings count in ISC)
survey = env.ref("customer_quality.survey_cq_satisfaction")  # noqa: F821
post_sale = env.ref("customer_quality.survey_cq_post_sale")  # noqa: F821
started = time.perf_counter()
cr.execute(
    """
    INSERT INTO res_partner (name, active, autopost_bills, type, customer_state, cq_identification_date,
                             cq_first_contact_date, cq_days_to_first_contact, cq_profile_completeness,
                             cq_conversion_date)
    SELECT 'Bench partner ' || g, TRUE, 'ask', 'contact',
           CASE WHEN g %% 4 = 0 THEN 'captive' ELSE 'prospect' END,
           DATE '2026-01-01' + g %% 360, DATE '2026-01-01' + g %% 360 + g %% 9, g %% 9, (g %% 5) * 25,
           CASE WHEN g %% 4 = 0 THEN DATE '2026-01-01' + g %% 360 + 20 END
      FROM generate_series(1, %(n)s) g
    """,
    {"n": PARTNERS},
)
cr.execute(
    """
    INSERT INTO cq_pqrs (name, subject, type_id, company_id, channel, date_received, date_radicated,
                         answered_on_time, date_answered, response_days, rating_last_value)
    SELECT 'Q-BENCH-' || g, 'Bench case', CASE WHEN g %% 10 = 0 THEN %(support)s ELSE %(type)s END,
           %(company)s, 'email',
           TIMESTAMP '2026-01-01 10:00' + (g %% 360) * INTERVAL '1 day', DATE '2026-01-01' + g %% 360,
           g %% 10 <> 0, TIMESTAMP '2026-01-05 10:00' + (g %% 360) * INTERVAL '1 day', g %% 15,
           CASE WHEN g %% 10 = 0 THEN (g %% 3) * 2 + 1 ELSE 0 END
      FROM generate_series(1, %(n)s) g
    """,
    {"type": complaint.id, "support": support.id, "company": company.id, "n": PQRS},
)
cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE commercial_partner_id IS NULL")
partner = env["res.partner"].create({"name": "Bench contract customer"})  # noqa: F821
cr.execute(
    """
    INSERT INTO cq_contract (name, title, partner_id, company_id, currency_id, date_start, state, amount)
    SELECT 'CT-BENCH-' || g, 'Bench contract', %(partner)s, %(company)s, %(currency)s, DATE '2026-01-01', 'active', 1000
      FROM generate_series(1, %(n)s) g
    RETURNING id
    """,
    {"partner": partner.id, "company": company.id, "currency": company.currency_id.id, "n": CONTRACTS},
)
cr.execute(
    """
    INSERT INTO cq_contract_obligation (contract_id, company_id, partner_id, name, date_due, is_fulfilled)
    SELECT c.id, c.company_id, c.partner_id, 'Bench obligation', DATE '2026-01-15' + (g * 120 + c.id %% 60),
           c.id %% 7 <> 0
      FROM cq_contract c CROSS JOIN generate_series(0, 2) g
     WHERE c.name LIKE %(pattern)s
    """,
    {"pattern": "CT-BENCH-%"},
)
cr.execute(
    """
    INSERT INTO survey_user_input (survey_id, access_token, state, test_entry, partner_id, cq_kind, cq_scored,
                                   cq_satisfied, cq_csat, cq_date, cq_company_id, cq_origin_company_id)
    SELECT CASE WHEN g %% 3 = 0 THEN %(post)s ELSE %(survey)s END, md5(g::text), 'done', FALSE,
           (SELECT min(id) FROM res_partner WHERE name LIKE 'Bench partner %%') + g %% %(partners)s,
           CASE WHEN g %% 3 = 0 THEN 'post_sale' ELSE 'satisfaction' END, TRUE, g %% 5 <> 0, 1 + g %% 5,
           DATE '2026-01-01' + g %% 360, %(company)s, %(company)s
      FROM generate_series(1, %(n)s) g
    """,
    {"post": post_sale.id, "survey": survey.id, "partners": PARTNERS, "n": ANSWERS, "company": company.id},
)
cr.execute("ANALYZE res_partner; ANALYZE cq_pqrs; ANALYZE cq_contract_obligation; ANALYZE survey_user_input")
print(f"rows created in {time.perf_counter() - started:.1f}s")

Indicator = env["cq.indicator"]  # noqa: F821


def best(func, runs=3):
    times = []
    for _ in range(runs):
        env.invalidate_all()  # noqa: F821
        begin = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - begin)
    return min(times), result


def all_indicators():
    return [Indicator._compute_facts(date_from, date_to, company) for date_from, date_to in QUARTERS]


def floor():
    for _quarter in QUARTERS:
        cr.execute(
            """SELECT (SELECT count(*) FROM res_partner) + (SELECT count(*) FROM cq_pqrs)
                    + (SELECT count(*) FROM cq_contract_obligation) + (SELECT count(*) FROM survey_user_input)"""
        )
        cr.fetchone()


indicator_time, facts = best(all_indicators)
floor_time, _ = best(floor)
print(f"Q1 facts: { {code: value for code, (_n, _d, value) in facts[0].items()} }")
print(f"all 10 indicators x 4 quarters: {indicator_time * 1000:.0f} ms (target < 2000 ms)")
print(f"baseline, raw count(*) of the same tables x 4: {floor_time * 1000:.0f} ms")
print(f"ratio: {indicator_time / floor_time:.1f}x (target <= 10x)")
cr.rollback()
