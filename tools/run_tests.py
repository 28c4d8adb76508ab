#!/usr/bin/env python3
"""The whole test suite of customer_quality (called by tools/test.sh).

Tier 1, static: XML well-formedness, CSV header sanity, manifest data files,
pylint-odoo with the mandatory OCA checks.
Tier 2, Odoo: a fresh, uniquely named database, the addon installed with its
tests (TransactionCase and HttpCase tours in headless Chromium) run by Odoo's
own test runner, the database dropped at the end.  The run fails on any test
failure or error, on any skipped browser test, and on any ERROR or unexpected
WARNING in the Odoo log.

The last line printed is ``N passed, N failed`` (``, N skipped`` may follow).
"""

import ast
import csv
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDONS_PATH = os.environ["ODOO_ADDONS_PATH"]
DB = {
    "host": os.environ.get("CQ_DB_HOST", "127.0.0.1"),
    "port": os.environ.get("CQ_DB_PORT", "5432"),
    "user": os.environ.get("CQ_DB_USER", "root"),
}
DB_ARGS = [f"--db_{key}={value}" for key, value in DB.items()]
SKIP_DIRS = {".git", ".scratch", "__pycache__", "node_modules"}
ACCESS_HEADER = [
    "id", "name", "model_id:id", "group_id:id",
    "perm_read", "perm_write", "perm_create", "perm_unlink",
]

# Known, harmless warnings of this environment. Keep short and commented.
ALLOWED_WARNINGS = [
    # Debian's wkhtmltopdf is not the patched-Qt build: it ignores header/footer switches.
    r"wkhtmltopdf",
    r"You need Wkhtmltopdf to print a pdf version of the reports",
    # Odoo warns when the server runs as root (containers, CI).
    r"Running as user 'root' is a security risk",
    # HttpCase: Chrome prints this on some kernels without user namespaces.
    r"Chrome headless.*(sandbox|namespace)",
    # Odoo's own test helpers warn when assets are rebuilt in tests.
    r"odoo\.addons\.base\.models\.assetsbundle: .*(deprecated|unsupported)",
]


class Counter:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"  ok    {name}")
        else:
            self.failed += 1
            print(f"  FAIL  {name}{': ' + detail if detail else ''}")


def repo_files(suffix):
    for path in sorted(REPO.rglob(f"*{suffix}")):
        if not SKIP_DIRS.intersection(path.relative_to(REPO).parts):
            yield path


def static_tier(counter):
    print("== Static tier")
    from lxml import etree  # Odoo's own requirement

    for path in repo_files(".xml"):
        try:
            etree.parse(str(path))
            counter.check(f"xml well-formed {path.relative_to(REPO)}", True)
        except etree.XMLSyntaxError as exc:
            counter.check(f"xml well-formed {path.relative_to(REPO)}", False, str(exc))

    for path in repo_files(".csv"):
        rel = path.relative_to(REPO)
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        header, body = (rows[0], rows[1:]) if rows else ([], [])
        problems = []
        if path.name == "ir.model.access.csv" and header != ACCESS_HEADER:
            problems.append(f"header {header} != {ACCESS_HEADER}")
        if not header or len(set(header)) != len(header) or "id" not in header:
            problems.append("header must name unique columns including 'id'")
        bad = [i + 2 for i, row in enumerate(body) if len(row) != len(header)]
        if bad:
            problems.append(f"rows with a wrong column count: lines {bad}")
        ids = [row[0] for row in body if row]
        if len(ids) != len(set(ids)):
            problems.append("duplicate ids")
        counter.check(f"csv sanity {rel}", not problems, "; ".join(problems))

    manifest = ast.literal_eval((REPO / "__manifest__.py").read_text(encoding="utf-8"))
    for key in ("data", "demo"):
        for name in manifest.get(key, []):
            counter.check(f"manifest {key} file {name}", (REPO / name).is_file(), "missing")
    for key in ("name", "version", "license", "depends", "author"):
        counter.check(f"manifest key {key}", key in manifest)
    counter.check("manifest version 18.0.x.y.z", manifest.get("version", "").startswith("18.0."))

    cmd = [
        sys.executable, "-m", "pylint", f"--rcfile={REPO / '.pylintrc'}",
        "--load-plugins=pylint_odoo", f"--valid-odoo-versions=18.0",
        "customer_quality",
    ]
    proc = subprocess.run(
        cmd, capture_output=True, text=True, cwd=ADDONS_PATH.split(",")[0], check=False
    )
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode:
        print(output)
    counter.check("pylint-odoo mandatory checks", proc.returncode == 0, f"exit {proc.returncode}")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def odoo_tier(counter):
    print("== Odoo tier")
    db = f"cq_test_{time.strftime('%Y%m%d%H%M%S')}_{os.getpid()}"
    log_path = Path(os.environ["CQ_SCRATCH_DIR"]) / f"{db}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable, os.environ["ODOO_LAUNCHER"], "-d", db, "-i", "customer_quality",
        f"--addons-path={ADDONS_PATH}", *DB_ARGS,
        "--test-enable", "--test-tags", "/customer_quality",
        "--stop-after-init", "--log-level=test", "--max-cron-threads=0",
        f"--http-port={free_port()}", f"--logfile={log_path}",
    ]
    print(f"  database {db}, log {log_path}")
    started = time.time()
    try:
        proc = subprocess.run(cmd, check=False)
    finally:
        subprocess.run(
            ["dropdb", "--if-exists", "-h", DB["host"], "-p", DB["port"], "-U", DB["user"], db],
            capture_output=True, check=False,
        )
    print(f"  odoo exited {proc.returncode} after {time.time() - started:.0f}s, database dropped")
    log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
    return parse_log(counter, log, proc.returncode)


LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) \S+ (?P<rest>.*)$")


def parse_log(counter, log, returncode):
    summary = re.findall(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database", log)
    if not summary:
        counter.check("odoo test run finished with a summary", False, "no summary line in the log")
        tail = "\n".join(log.splitlines()[-40:])
        print(tail)
        return
    failed, errors, total = map(int, summary[-1])
    skipped_lines = [line for line in log.splitlines() if " odoo.tests.result: skipped " in line
                     or re.search(r"INFO \S+ odoo\.addons\.customer_quality\.tests\.\S+: skipped", line)]
    skipped = len(skipped_lines)
    ran_ours = len(re.findall(r"odoo\.addons\.customer_quality\.tests\.\S+: Starting ", log))
    tours = len(re.findall(r"odoo\.addons\.customer_quality\.tests\.\S+: Starting .*(tour|Tour)", log))
    counter.passed += max(total - failed - errors - skipped, 0)
    counter.failed += failed + errors
    counter.skipped += skipped
    print(f"  odoo: {total} tests, {failed} failed, {errors} errors, {skipped} skipped, "
          f"{ran_ours} of customer_quality started, {tours} tour tests")
    for line in skipped_lines:
        print(f"  SKIPPED {line}")
    counter.check("the addon's tests ran", ran_ours > 0 and total > 0)
    counter.check("browser tours ran (none skipped)", tours > 0 and not any(
        re.search(r"websocket|chrome|browser|Chrome", line) for line in skipped_lines))
    bad = []
    for line in log.splitlines():
        match = LOG_LINE.match(line)
        if not match or match["level"] not in ("WARNING", "ERROR", "CRITICAL"):
            continue
        if match["level"] == "WARNING" and any(re.search(p, line) for p in ALLOWED_WARNINGS):
            continue
        bad.append(line)
    for line in bad[:30]:
        print(f"  LOG   {line}")
    counter.check("odoo log without ERROR or unexpected WARNING", not bad, f"{len(bad)} lines")
    counter.check("odoo exited 0", returncode == 0, f"exit {returncode}")


def main():
    counter = Counter()
    tiers = sys.argv[1:] or ["static", "odoo"]
    if "static" in tiers:
        static_tier(counter)
    if "odoo" in tiers:
        odoo_tier(counter)
    line = f"{counter.passed} passed, {counter.failed} failed"
    if counter.skipped:
        line += f", {counter.skipped} skipped"
    print(line)
    return 1 if counter.failed or not counter.passed else 0


if __name__ == "__main__":
    sys.exit(main())
