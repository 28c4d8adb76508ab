#!/usr/bin/env python3
"""Peer benchmark: filing a PQRS case against OCA helpdesk_mgmt 18.0 tickets and crm.lead, in one run.

Sizes: 200 single creates per model (commit after each), one batch create of 1,000, and the kanban
first load over 100,000 rows of each model (the web client's grouped read: web_read_group by stage,
then web_search_read of the first 40 records of each group with the kanban view's fields), beside
the SQL floor of the same two queries. Prints p50/p95, records per second, queries per record and
the ratios against helpdesk.ticket and crm.lead.

OCA helpdesk_mgmt comes from PyPI as a wheel (odoo-addon-helpdesk_mgmt 18.0.x), unpacked into a
scratch addons folder: it is never pip-installed into Odoo's Python (its site-packages/odoo/addons
would shadow the editable Odoo). The scratch database cq_bench_peer is created on the first run.

Run: bench/run.sh (which calls `bench/peer.py <db>` with ODOO_ADDONS_PATH and ODOO_LAUNCHER set), or
directly after `source tools/common.sh; require_odoo; link_addon`. Sizes: CQ_PEER_SINGLE,
CQ_PEER_BATCH, CQ_PEER_KANBAN_ROWS.
"""

import glob
import os
import subprocess
import sys
import tempfile
import zipfile

SCRATCH = os.environ.get("CQ_SCRATCH_DIR", tempfile.gettempdir())
PEER_DIR = os.path.join(SCRATCH, "peer")
DB = (sys.argv[1] if len(sys.argv) > 1 else "cq_bench") + "_peer"
DB_ARGS = [
    f"--db_host={os.environ.get('CQ_DB_HOST', '127.0.0.1')}",
    f"--db_port={os.environ.get('CQ_DB_PORT', '5432')}",
    f"--db_user={os.environ.get('CQ_DB_USER', 'root')}",
]

SHELL_SCRIPT = r'''
import os
import statistics
import time

from odoo.tools import SQL

SINGLE = int(os.environ.get("CQ_PEER_SINGLE", 200))
BATCH = int(os.environ.get("CQ_PEER_BATCH", 1000))
KANBAN_ROWS = int(os.environ.get("CQ_PEER_KANBAN_ROWS", 100000))
env = env  # noqa: F821
cr = env.cr
partner = env["res.partner"].create({"name": "Cliente Peer", "email": "peer@example.com"})
complaint = env.ref("customer_quality.cq_pqrs_type_complaint")
env.cr.commit()

VALUES = {
    "cq.pqrs": lambda i: {"subject": f"Queja {i}", "type_id": complaint.id, "partner_id": partner.id,
                          "description": "<p>La entrega llegó tarde.</p>", "channel": "email"},
    "helpdesk.ticket": lambda i: {"name": f"Ticket {i}", "partner_id": partner.id,
                                  "description": "<p>La entrega llegó tarde.</p>"},
    "crm.lead": lambda i: {"name": f"Oportunidad {i}", "partner_id": partner.id, "type": "opportunity"},
}


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def single(model):
    Model = env[model].with_context(mail_create_nolog=False)
    times, queries = [], []
    for i in range(SINGLE):
        start_q = cr.sql_log_count
        start = time.perf_counter()
        Model.create(VALUES[model](i))
        env.flush_all()
        cr.commit()
        times.append((time.perf_counter() - start) * 1000)
        queries.append(cr.sql_log_count - start_q)
    return pct(times, 50), pct(times, 95), statistics.mean(queries)


def batch(model):
    start_q = cr.sql_log_count
    start = time.perf_counter()
    env[model].create([VALUES[model](i) for i in range(BATCH)])
    env.flush_all()
    cr.commit()
    elapsed = time.perf_counter() - start
    return BATCH / elapsed, (cr.sql_log_count - start_q) / BATCH


def fill(model):
    """KANBAN_ROWS rows of `model` through SQL (copies of the rows the single and batch creates
    made), so that the kanban reads a realistic table."""
    table = env[model]._table
    cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
    missing = KANBAN_ROWS - cr.fetchone()[0]
    if missing <= 0:
        return
    columns = [name for name, field in env[model]._fields.items()
               if field.store and field.column_type and name != "id"]
    cols = SQL(", ").join(SQL.identifier(c) for c in columns)
    cr.execute(SQL(
        "INSERT INTO %s (%s) SELECT %s FROM %s t, generate_series(1, %s) g WHERE t.id IN "
        "(SELECT id FROM %s ORDER BY id LIMIT 50) LIMIT %s",
        SQL.identifier(table), cols, cols, SQL.identifier(table), missing // 50 + 1,
        SQL.identifier(table), missing,
    ))
    cr.commit()
    cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))


def kanban_spec(model):
    view = env[model].get_views([(False, "kanban")])
    fields_info = view["models"][model]["fields"]
    spec = {}
    for name in fields_info:
        field = env[model]._fields.get(name)
        if not field:
            continue
        if field.type == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        elif field.type in ("one2many", "many2many"):
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


def kanban(model, runs=5):
    Model = env[model]
    spec = kanban_spec(model)
    best, best_floor, queries = None, None, 0
    for _run in range(runs):
        env.invalidate_all()
        env.registry.clear_cache()
        start_q = cr.sql_log_count
        start = time.perf_counter()
        groups = Model.web_read_group([], ["stage_id"], ["stage_id"], lazy=True)["groups"]
        for group in groups:
            if not group.get("__fold"):
                Model.web_search_read(group["__domain"], spec, limit=40)
        elapsed = (time.perf_counter() - start) * 1000
        queries = cr.sql_log_count - start_q
        best = elapsed if best is None else min(best, elapsed)
        # SQL floor: the same grouped count and 40 rows per stage
        start = time.perf_counter()
        table = SQL.identifier(Model._table)
        cr.execute(SQL("SELECT stage_id, count(*) FROM %s GROUP BY stage_id", table))
        for stage_id, _count in cr.fetchall():
            cr.execute(SQL("SELECT * FROM %s WHERE stage_id IS NOT DISTINCT FROM %s ORDER BY id DESC LIMIT 40",
                           table, stage_id))
            cr.fetchall()
        floor = (time.perf_counter() - start) * 1000
        best_floor = floor if best_floor is None else min(best_floor, floor)
    return best, best_floor, queries


MODELS = ("cq.pqrs", "helpdesk.ticket", "crm.lead")
results = {}
for model in MODELS:
    results[model] = {"single": single(model), "batch": batch(model)}
for model in MODELS[:2]:
    fill(model)
    results[model]["kanban"] = kanban(model)

print(f"single create ({SINGLE} creates, commit after each): p50 / p95 ms, queries per create")
for model in MODELS:
    p50, p95, q = results[model]["single"]
    print(f"  {model:16s} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  {q:5.1f} queries")
print(f"batch create ({BATCH} in one create): records/s, queries per record")
for model in MODELS:
    rate, q = results[model]["batch"]
    print(f"  {model:16s} {rate:8.0f} records/s  {q:5.2f} queries per record")
print(f"kanban first load over {KANBAN_ROWS} rows (best of 5): ms, queries; SQL floor")
for model in MODELS[:2]:
    ms, floor, q = results[model]["kanban"]
    print(f"  {model:16s} {ms:6.1f} ms  {q:3d} queries  (SQL floor {floor:5.1f} ms)")
pq, tk, cl = (results[m] for m in MODELS)
print("ratios cq.pqrs / helpdesk.ticket: single p50 %.2f, batch rate %.2f, kanban %.2f"
      % (pq["single"][0] / tk["single"][0], pq["batch"][0] / tk["batch"][0], pq["kanban"][0] / tk["kanban"][0]))
print("ratios cq.pqrs / crm.lead: single p50 %.2f, batch rate %.2f"
      % (pq["single"][0] / cl["single"][0], pq["batch"][0] / cl["batch"][0]))
'''


def peer_addons():
    """The OCA helpdesk_mgmt 18.0 wheel from PyPI, unpacked (never installed) into PEER_DIR."""
    target = os.path.join(PEER_DIR, "addons", "helpdesk_mgmt")
    if os.path.isdir(target):
        return os.path.dirname(target)
    os.makedirs(PEER_DIR, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", PEER_DIR,
                    "odoo-addon-helpdesk_mgmt>=18.0,<18.1"], check=True)
    wheel = sorted(glob.glob(os.path.join(PEER_DIR, "odoo_addon_helpdesk_mgmt-18.0*.whl")))[-1]
    unpacked = os.path.join(PEER_DIR, "wheel")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(unpacked)
    os.makedirs(os.path.join(PEER_DIR, "addons"), exist_ok=True)
    os.replace(os.path.join(unpacked, "odoo", "addons", "helpdesk_mgmt"), target)
    return os.path.dirname(target)


def main():
    addons_path = f"{peer_addons()},{os.environ['ODOO_ADDONS_PATH']}"
    odoo = [sys.executable, os.environ["ODOO_LAUNCHER"]]
    common = [f"--addons-path={addons_path}", *DB_ARGS, "-d", DB, "--log-level=warn"]
    exists = subprocess.run(
        ["psql", "-h", DB_ARGS[0].split("=")[1], "-p", DB_ARGS[1].split("=")[1], "-U", DB_ARGS[2].split("=")[1],
         "-d", "postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{DB}'"],
        capture_output=True, text=True, check=False,
    ).stdout.strip() == "1"
    if not exists:
        subprocess.run([*odoo, *common, "-i", "customer_quality,crm,helpdesk_mgmt", "--without-demo=all",
                        "--stop-after-init", "--max-cron-threads=0"], check=True)
    subprocess.run([*odoo, "shell", *common, "--no-http", "--max-cron-threads=0"], input=SHELL_SCRIPT,
                   text=True, check=True)


if __name__ == "__main__":
    main()
