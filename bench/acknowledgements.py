# Benchmark: a burst of 1,000 filings, then the time until every
# acknowledgement is posted and its email queued, the cron's job run the way
# Odoo's cron workers run it (ir.cron._process_job: up to 10 time-budgeted
# calls per job, one case per transaction, the job acquired again while
# partially done). Baseline in the same run: 1,000 plain mail-template
# emails (mail.template.send_mail on the same 1,000 cases). Target: the
# acknowledgements of 1,000 filings in under 5 minutes on 2 cores.
# Then, unless CQ_BENCH_NO_SERVER is set, the same burst against a real
# server this script starts (--workers=2 --max-cron-threads=2 --no-http, its
# log in $TMPDIR/cq_bench_ack_server.log): time from the commit of the
# filings until no case is queued.
# Run with `bench/run.sh` (feeds this file to `odoo shell`, where `env`
# exists). It COMMITS (the cron commits after each case): run it on the
# scratch bench database only.
import os
import subprocess
import sys
import tempfile
import time

import odoo
from odoo.tools import config

from odoo.addons.customer_quality.models.cq_pqrs_acknowledgement import ACK_CRON

FILINGS = 1000
SERVER_TIMEOUT = 600

env = env  # noqa: F821, PLW0127
IrCron = type(env["ir.cron"])
cron = env.ref(ACK_CRON)
db_name = env.cr.dbname
partners = env["res.partner"].create([{"name": f"Bench filer {i}", "email": f"filer{i}@example.com"}
                                      for i in range(100)])
types = env["cq.pqrs.type"].search([("is_emergency", "=", False), ("requires_warranty_link", "=", False)])
responsible = env.ref("base.user_admin")


def queued():
    with odoo.sql_db.db_connect(db_name).cursor() as cr:
        cr.execute("SELECT COUNT(*) FROM cq_pqrs WHERE ack_pending")
        return cr.fetchone()[0]


def file_cases(label):
    """One create of FILINGS cases, committed (it triggers the cron)."""
    start = time.perf_counter()
    cases = env["cq.pqrs"].create([{
        "subject": f"{label} case {i}",
        "type_id": types[i % len(types)].id,
        "partner_id": partners[i % 100].id,
        "user_id": responsible.id,
        "channel": "email",
    } for i in range(FILINGS)])
    env.cr.commit()
    print(f"{label}: filing {FILINGS} cases in one create: {time.perf_counter() - start:.1f} s")
    return cases


def run_cron_like_odoo():
    """Acquire and process the job as a cron worker does, again while it is
    ready (partially done); returns the number of jobs run."""
    db = odoo.sql_db.db_connect(db_name)
    jobs = 0
    while True:
        with db.cursor() as cron_cr:
            job = IrCron._acquire_one_job(cron_cr, cron.id)
            if not job:
                return jobs
            env.registry[IrCron._name]._process_job(db, cron_cr, job)
            jobs += 1


# ---------------------------------------------------------------------------
# In process
# ---------------------------------------------------------------------------
if queued():
    run_cron_like_odoo()  # an earlier run's leftovers
cases = file_cases("In process")
budget = env["cq.pqrs"]._cq_ack_time_budget()
start = time.perf_counter()
jobs = run_cron_like_odoo()
ack_time = time.perf_counter() - start
left = queued()
env.invalidate_all()
emails = env["mail.mail"].search_count([("model", "=", "cq.pqrs"), ("res_id", "in", cases.ids)])
print(f"acknowledgements of {FILINGS} filings: {ack_time:.1f} s ({FILINGS / ack_time:.0f} per s; {jobs} cron jobs "
      f"of at most 10 calls x {budget:.1f} s; {emails} emails queued, {left} cases still queued) "
      f"(target < 300 s)")

template = env["mail.template"].create({
    "name": "Bench: plain email",
    "model_id": env["ir.model"]._get_id("cq.pqrs"),
    "subject": "{{ object.name }}",
    "email_to": "{{ object.partner_id.email }}",
    "body_html": "<p>Case <t t-out=\"object.name\"/> is due on <t t-out=\"format_date(object.date_due)\"/>.</p>",
})
start = time.perf_counter()
for case in cases:
    template.send_mail(case.id)
env.flush_all()
env.cr.commit()
plain_time = time.perf_counter() - start
print(f"baseline: {FILINGS} plain mail-template emails (template.send_mail): {plain_time:.1f} s "
      f"(acknowledgements / baseline: {ack_time / plain_time:.1f}x)")


# ---------------------------------------------------------------------------
# Real server
# ---------------------------------------------------------------------------
def wait_until(predicate, timeout, step=0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


if os.environ.get("CQ_BENCH_NO_SERVER"):
    print("real server: skipped (CQ_BENCH_NO_SERVER)")
else:
    # the emails queued above are not sent: the server's mail queue only
    # sends those of its own acknowledgements, at the same time
    env["mail.mail"].search([("state", "=", "outgoing")]).write({"state": "cancel"})
    env.cr.commit()
    log_path = os.path.join(tempfile.gettempdir(), "cq_bench_ack_server.log")
    # the prefork server (--workers) with its cron workers; without HTTP
    # (nothing is requested), so without the gevent worker either
    command = [
        sys.executable, "-m", "odoo", "-d", db_name, "--db-filter", f"^{db_name}$",
        "--addons-path", config["addons_path"], "--workers=2", "--max-cron-threads=2", "--no-http",
        "--log-level=warn", "--logfile", log_path,
    ]
    for option in ("db_host", "db_port", "db_user", "db_password"):
        if config[option]:
            command += [f"--{option}", str(config[option])]
    server = subprocess.Popen(command, stdin=subprocess.DEVNULL)  # noqa: S603
    try:
        # warm-up: the cron workers load the registry on their first job
        env["cq.pqrs"].create({"subject": "Warm-up", "type_id": types[0].id,
                               "partner_id": partners[0].id, "channel": "email"})
        env.cr.commit()
        if not wait_until(lambda: not queued(), 180):
            print(f"real server: the warm-up case was not acknowledged, see {log_path}")
        else:
            start = time.perf_counter()
            file_cases("Real server")
            filed = time.perf_counter()
            done = wait_until(lambda: not queued(), SERVER_TIMEOUT)
            end = time.perf_counter()
            print(f"real server (--workers=2 --max-cron-threads=2): no case queued "
                  f"{end - filed:.1f} s after the {FILINGS} filings were committed "
                  f"({end - start:.1f} s from the start of the filing)"
                  + ("" if done else f" -- TIMEOUT, {queued()} still queued"))
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
