# Benchmark: CCT and the contract amounts (invoiced, paid, left to invoice) for
# 5,000 contracts with 15,000 obligations and 50,000 invoices; targets < 1 s each.
# Baseline measured in the same run: the same amounts summed in Python from a
# search_read of the invoices. Run with `bench/run.sh` (odoo shell, `env` exists).
# Contracts go through the ORM; obligations and invoices are bulk rows through
# SQL (their creation speed is not what is measured). Rolled back at the end.
import time
from collections import defaultdict

CONTRACTS = 5000
INVOICES = 50000

company = env.company  # noqa: F821
partners = env["res.partner"].create([{"name": f"Bench customer {i}"} for i in range(100)])  # noqa: F821
Contract = env["cq.contract"].with_context(tracking_disable=True, mail_create_nolog=True)  # noqa: F821
start = time.perf_counter()
contracts = Contract.browse()
for batch in range(0, CONTRACTS, 1000):
    contracts |= Contract.create([{
        "title": f"Bench contract {i}", "partner_id": partners[i % 100].id,
        "date_start": "2026-01-01", "amount": 100000.0, "state": "active",
    } for i in range(batch, batch + 1000)])
env.flush_all()  # noqa: F821
print(f"created {CONTRACTS} contracts in {time.perf_counter() - start:.1f}s")

cr = env.cr  # noqa: F821
cr.execute(
    """
    INSERT INTO cq_contract_obligation (contract_id, company_id, partner_id, name, date_due, date_delivered,
                                        in_form, is_on_time, is_fulfilled, state, overdue_notified)
    SELECT c.id, c.company_id, c.partner_id, 'Bench obligation ' || g,
           DATE '2026-01-15' + (g * 30 + c.id %% 20),
           DATE '2026-01-15' + (g * 30 + c.id %% 20) + (c.id %% 7 - 4),
           CASE WHEN c.id %% 9 = 0 THEN 'no' ELSE 'yes' END,
           c.id %% 7 - 4 <= 0, c.id %% 7 - 4 <= 0 AND c.id %% 9 <> 0,
           CASE WHEN c.id %% 7 - 4 <= 0 AND c.id %% 9 <> 0 THEN 'fulfilled' ELSE 'delivered' END, FALSE
      FROM cq_contract c CROSS JOIN generate_series(0, 2) g
     WHERE c.id IN %s
    """,
    [tuple(contracts.ids)],
)
journal = env["account.journal"].search([("type", "=", "sale"), ("company_id", "=", company.id)], limit=1)  # noqa: F821
other = env["res.currency"].with_context(active_test=False).search(  # noqa: F821
    [("id", "!=", company.currency_id.id)], limit=1)
other.active = True
cr.execute(
    """
    INSERT INTO account_move (journal_id, company_id, currency_id, date, invoice_date, state, move_type,
                              auto_post, name, partner_id, commercial_partner_id, cq_contract_id,
                              amount_total, amount_residual)
    SELECT %(journal)s, %(company)s,
           CASE WHEN g %% 25 = 0 THEN %(other)s ELSE %(currency)s END,
           DATE '2026-01-01' + g %% 300, DATE '2026-01-01' + g %% 300, 'posted',
           CASE WHEN g %% 10 = 0 THEN 'out_refund' ELSE 'out_invoice' END, 'no',
           'BENCH/' || g, c.partner_id, c.partner_id, c.id,
           1000 + g %% 500, CASE WHEN g %% 3 = 0 THEN 0 ELSE (1000 + g %% 500) / 2 END
      FROM generate_series(1, %(count)s) g
      JOIN cq_contract c ON c.id = (%(ids)s::int[])[1 + g %% %(n)s]
    """,
    {"journal": journal.id, "company": company.id, "other": other.id, "currency": company.currency_id.id,
     "count": INVOICES, "ids": contracts.ids, "n": len(contracts)},
)
cr.execute("ANALYZE cq_contract_obligation; ANALYZE account_move")


def best(func, runs=3):
    times = []
    for _ in range(runs):
        env.invalidate_all()  # noqa: F821
        started = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - started)
    return min(times), result


cct_time, cct = best(lambda: Contract._cq_cct("2026-01-01", "2026-12-31"))
amount_time, rows = best(lambda: contracts.read(["amount_invoiced", "amount_paid", "amount_to_invoice"]))


def python_baseline():
    totals = defaultdict(float)
    for move in env["account.move"].search_read(  # noqa: F821
        [("cq_contract_id", "in", contracts.ids), ("state", "=", "posted")],
        ["cq_contract_id", "move_type", "amount_total", "amount_residual", "currency_id"],
    ):
        sign = 1 if move["move_type"] == "out_invoice" else -1
        totals[move["cq_contract_id"][0]] += sign * move["amount_total"]
    return totals


baseline_time, _totals = best(python_baseline)
print(f"CCT over {cct['contracts']} contracts (15,000 obligations): {cct['cct']} %: {cct_time * 1000:.0f} ms (target < 1000 ms)")
print(f"invoiced/paid/left to invoice of {len(rows)} contracts from {INVOICES} invoices: "
      f"{amount_time * 1000:.0f} ms (baseline, Python sums over search_read: {baseline_time * 1000:.0f} ms; "
      f"target < 1000 ms)")
cr.rollback()
