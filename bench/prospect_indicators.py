# Benchmark: the six prospect indicators over a year, on 20,000 lifecycle contacts.
# Run with `bench/run.sh` (feeds this file to `odoo shell`, where `env` exists).
# Prints the indicator computation time beside a baseline measured in the same
# run: the same I1-I4 figures computed by a plain Python loop over the records.
# Everything is rolled back at the end.
import random
import time
from datetime import date, timedelta

SIZE = 20000
YEAR = (date(2026, 1, 1), date(2026, 12, 31))

random.seed(42)
Partner = env["res.partner"].with_context(tracking_disable=True, mail_create_nolog=True)  # noqa: F821
start = time.perf_counter()
vals_list = []
for i in range(SIZE):
    identified = YEAR[0] + timedelta(days=random.randrange(365))
    contacted = identified + timedelta(days=random.randrange(20)) if i % 3 else False
    vals_list.append({
        "name": f"Bench prospect {i}",
        "customer_state": "captive" if i % 4 == 0 else "prospect",
        "cq_identification_date": identified,
        "cq_first_contact_date": contacted,
        "cq_conversion_date": identified + timedelta(days=30) if i % 4 == 0 else False,
        "email": f"bench{i}@example.com" if i % 2 else False,
        "phone": "+57 601 000 0000" if i % 5 else False,
    })
for batch in range(0, SIZE, 2000):
    Partner.create(vals_list[batch:batch + 2000])
env.flush_all()  # noqa: F821
print(f"created {SIZE} contacts in {time.perf_counter() - start:.1f}s")

Indicator = env["cq.prospect.indicator"]  # noqa: F821
Indicator.compute_indicators(*YEAR)  # warm the caches
runs = []
for _ in range(5):
    env.invalidate_all()  # noqa: F821
    start = time.perf_counter()
    values = Indicator.compute_indicators(*YEAR)
    runs.append(time.perf_counter() - start)
figure = min(runs)

env.invalidate_all()  # noqa: F821
start = time.perf_counter()
cohort = Partner.search([
    ("customer_state", "!=", False),
    ("cq_identification_date", ">=", YEAR[0]),
    ("cq_identification_date", "<=", YEAR[1]),
])
days = [(p.cq_first_contact_date - p.cq_identification_date).days
        for p in cohort if p.cq_first_contact_date]
loop_values = {
    "i1": len(cohort),
    "i2": round(sum(days) / len(days), 2),
    "i3": round(sum(cohort.mapped("cq_profile_completeness")) / len(cohort), 2),
    "i4": round(100.0 * len(cohort.filtered(
        lambda p: p.cq_conversion_date and p.cq_conversion_date <= YEAR[1])) / len(cohort), 2),
}
baseline = time.perf_counter() - start
assert all(values[key] == loop_values[key] for key in loop_values), (values, loop_values)

print(f"indicators: {values}")
print(f"prospect indicators, {SIZE} contacts, one year: {figure * 1000:.0f} ms "
      f"(baseline, Python loop over the records: {baseline * 1000:.0f} ms; "
      f"target < 1000 ms)")
env.cr.rollback()  # noqa: F821
