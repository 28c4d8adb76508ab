# Benchmark: recurring-complaint detection (3 groupings: product, root cause,
# customer, with HAVING in SQL) over 100,000 complaints and claims of a 90-day
# window; target < 1 s. Baseline measured in the same run: a plain count(*)
# of the same rows. Rows are bulk SQL; run with `bench/run.sh` (odoo shell,
# `env` exists). Rolled back at the end.
import time
from datetime import date, timedelta

CASES = 100_000
cr = env.cr  # noqa: F821
company = env.company  # noqa: F821
complaint = env.ref("customer_quality.cq_pqrs_type_complaint")  # noqa: F821
Product = env["product.product"]  # noqa: F821
products = Product.create([{"name": f"Bench product {n}"} for n in range(200)])
causes = env["cq.pqrs.root.cause"].search([])  # noqa: F821
partners = env["res.partner"].create([{"name": f"Bench customer {n}"} for n in range(2000)])  # noqa: F821
today = date.today()
cr.execute(
    """
    INSERT INTO cq_pqrs (name, subject, type_id, company_id, channel, date_received, date_radicated,
                         product_id, root_cause_id, partner_id, commercial_partner_id)
    SELECT 'R-BENCH-' || g, 'Bench complaint', %(type)s, %(company)s, 'email',
           %(today)s::timestamp - (g %% 90) * INTERVAL '1 day', %(today)s::date - g %% 90,
           (%(products)s::int[])[1 + g %% %(np)s],
           (%(causes)s::int[])[1 + g %% %(nc)s],
           (%(partners)s::int[])[1 + g %% %(npa)s], (%(partners)s::int[])[1 + g %% %(npa)s]
      FROM generate_series(1, %(n)s) g
    """,
    {"type": complaint.id, "company": company.id, "today": today, "products": products.ids, "np": len(products),
     "causes": causes.ids or [None], "nc": max(len(causes), 1), "partners": partners.ids, "npa": len(partners),
     "n": CASES},
)
cr.execute("ANALYZE cq_pqrs")
Recurrence = env["cq.pqrs.recurrence"]  # noqa: F821


def best(func, runs=3):
    times = []
    for _ in range(runs):
        env.invalidate_all()  # noqa: F821
        started = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - started)
    return min(times), result


detect_time, groups = best(lambda: Recurrence._detect(today))
count_time, _ = best(lambda: cr.execute(
    "SELECT count(*) FROM cq_pqrs WHERE date_radicated > %s AND date_radicated <= %s",
    [today - timedelta(days=90), today],
))
print(f"recurring groups found: {len(groups)}")
print(f"recurrence detection over {CASES:,} complaints: {detect_time * 1000:.0f} ms (target < 1000 ms)")
print(f"baseline, plain count(*) of the same rows: {count_time * 1000:.0f} ms")
cr.rollback()
