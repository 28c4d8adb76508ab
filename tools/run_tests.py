#!/usr/bin/env python3
"""The whole test suite of customer_quality (called by tools/test.sh).

Usage: tools/test.sh [static] [odoo] [pytest arguments...]

Tier 1, static: XML well-formedness, CSV header sanity, manifest data files,
pylint-odoo with the mandatory OCA checks; reported on a line of its own.
Tier 2, Odoo: the TransactionCase tests and the HttpCase tours (headless
Chromium, pytest-odoo's own HTTP server) run by pytest-odoo on a copy of a
database with the addon and its demo data installed. That database is built
once per state of the addon's code (tests, tools and docs apart) and kept as a
template, so that `tools/test.sh -k deadline` or `--lf` starts in seconds. The
run fails on any test failure or error, on a skipped browser test, and on any
ERROR or unexpected WARNING that Odoo logs (tools/pytest_cq.py). A JUnit XML
report is written (CQ_JUNIT_XML, default in the scratch folder).

With pytest arguments (-k, --lf, -x, test files) only the Odoo tier runs,
unless `static` is named too.

The last line printed is ``N passed, N failed`` (``, N skipped`` may follow),
counting tests only.
"""

import ast
import csv
import hashlib
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from pytest_cq import unexpected

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


# what an installed database depends on: the addon's code, not its tests, tools or documents
NOT_INSTALLED = {"tests", "tools", "bench", "docs", ".ci", ".git", ".scratch", "__pycache__"}
# a second clone (a git worktree) sets its own prefix, so that the two keep their templates
TEMPLATE_PREFIX = os.environ.get("CQ_TEMPLATE_PREFIX", "cq_tmpl_")


def code_fingerprint():
    import odoo  # noqa: PLC0415 - Odoo is importable here (tools/test.sh checked it)

    digest = hashlib.sha1(f"{odoo.__file__} {odoo.release.serie}".encode())
    for path in sorted(REPO.rglob("*")):
        parts = path.relative_to(REPO).parts
        if path.is_file() and not NOT_INSTALLED.intersection(parts) and path.suffix not in (".md", ".pyc"):
            digest.update("/".join(parts).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def db_tool(*args, check=True):
    env = {**os.environ, "CQ_ODOO_ARGS": "\n".join([*DB_ARGS, f"--addons-path={ADDONS_PATH}"])}
    proc = subprocess.run([sys.executable, str(REPO / "tools" / "odoo_db.py"), *args], env=env,
                          capture_output=True, text=True, check=False)
    if check and proc.returncode:
        raise RuntimeError(f"odoo_db.py {' '.join(args)} failed:\n{proc.stdout}{proc.stderr}")
    return proc.stdout.split()


def log_problems(log):
    bad = []
    for line in log.splitlines():
        match = LOG_LINE.match(line)
        if match and match["level"] in ("WARNING", "ERROR", "CRITICAL"):
            level = {"WARNING": 30, "ERROR": 40, "CRITICAL": 50}[match["level"]]
            if unexpected(line, level):
                bad.append(line)
    return bad


def template_db(counter):
    """The database with the addon and its demo data installed for this state
    of the code: built when missing (older ones are dropped), else reused."""
    name = TEMPLATE_PREFIX + code_fingerprint()
    existing = db_tool("list", TEMPLATE_PREFIX)
    if name in existing:
        print(f"  template {name}: reused (the addon's code did not change)")
        return name
    db_tool("drop", *[old for old in existing if old != name], check=False)
    building = f"{name}_building_{os.getpid()}"
    log_path = Path(os.environ["CQ_SCRATCH_DIR"]) / f"{building}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    print(f"  template {name}: installing customer_quality with demo data, log {log_path}")
    started = time.time()
    proc = subprocess.run([
        sys.executable, os.environ["ODOO_LAUNCHER"], "-d", building, "-i", "customer_quality",
        f"--addons-path={ADDONS_PATH}", *DB_ARGS, "--stop-after-init", "--log-level=warn",
        "--max-cron-threads=0", "--no-http", f"--logfile={log_path}",
    ], check=False)
    log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
    bad = log_problems(log)
    for line in bad[:30]:
        print(f"  LOG   {line}")
    counter.check("install log without ERROR or unexpected WARNING", not bad, f"{len(bad)} lines")
    counter.check("install exited 0", proc.returncode == 0, f"exit {proc.returncode}")
    if proc.returncode:
        print("\n".join(log.splitlines()[-40:]))
        db_tool("drop", building, check=False)
        return None
    db_tool("rename", building, name)
    print(f"  installed in {time.time() - started:.0f}s")
    return name


def pytest_targets(args):
    """The pytest arguments, test paths of the clone mapped to the addon's
    link (pytest-odoo names modules after the addon's folder)."""
    link = Path(os.environ["CQ_SCRATCH_DIR"]) / "addons" / "customer_quality"
    mapped, has_path = [], False
    for arg in args:
        path, sep, rest = arg.partition("::")
        candidate = Path(path)
        if not arg.startswith("-") and (candidate.exists() or (REPO / candidate).exists()):
            absolute = (candidate if candidate.exists() else REPO / candidate).resolve()
            if absolute.is_relative_to(REPO):
                arg = str(link / absolute.relative_to(REPO)) + sep + rest
                has_path = True
        mapped.append(arg)
    return mapped if has_path else [*mapped, str(link / "tests")]


def odoo_tier(counter, pytest_args):
    print("== Odoo tier")
    template = template_db(counter)
    if not template:
        return None
    db = f"cq_test_{time.strftime('%Y%m%d%H%M%S')}_{os.getpid()}"
    scratch = Path(os.environ["CQ_SCRATCH_DIR"])
    junit = Path(os.environ.get("CQ_JUNIT_XML") or scratch / "junit.xml").resolve()
    junit.unlink(missing_ok=True)
    db_tool("duplicate", template, db)
    print(f"  database {db} (a copy of {template}), JUnit report {junit}")
    cmd = [
        sys.executable, "-m", "pytest", "-p", "pytest_cq", "-q", "-rfEs", "--tb=short",
        f"--rootdir={scratch / 'addons'}", "-c", str(REPO / "tools" / "pytest.ini"),
        "-o", f"cache_dir={scratch / 'pytest_cache'}", f"--junitxml={junit}",
        f"--odoo-database={db}", f"--odoo-addons-path={ADDONS_PATH}", "--odoo-http", "--odoo-log-level=warn",
        # test_file, not test_enable: Odoo's test framework is imported quietly and its HTTP server
        # behaves as in a test run, while loading the registry runs no module's at_install tests
        # (pytest-odoo turns test_enable on around each test module)
        "--odoo-extra", "max-cron-threads=0", "--odoo-extra", f"test-file={REPO / 'tests'}",
        *[arg for key, value in DB.items() for arg in ("--odoo-extra", f"db_{key}={value}")],
        *pytest_targets(pytest_args),
    ]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "tools"),
                                                                     os.environ.get("PYTHONPATH")]))}
    started = time.time()
    try:
        proc = subprocess.run(cmd, env=env, cwd=scratch, check=False)
    finally:
        db_tool("drop", db, check=False)
    print(f"  pytest exited {proc.returncode} after {time.time() - started:.0f}s, database dropped")
    return read_junit(counter, junit, proc.returncode, selected=bool(pytest_args))


def read_junit(counter, junit, returncode, selected):
    """(passed, failed, skipped) of the JUnit report, and the checks that
    the run was whole."""
    if not junit.exists():
        counter.check("pytest wrote its JUnit report", False, f"exit {returncode}")
        return None
    cases = ET.parse(junit).getroot().iter("testcase")
    passed = failed = skipped = tours = 0
    browser_skips = []
    for case in cases:
        name = f"{case.get('classname')}.{case.get('name')}"
        outcomes = {child.tag for child in case}
        if outcomes & {"failure", "error"}:
            failed += 1
        elif "skipped" in outcomes:
            skipped += 1
            message = " ".join((child.get("message") or "") for child in case if child.tag == "skipped")
            if re.search(r"websocket|chrome|browser|HttpCase", message, re.IGNORECASE):
                browser_skips.append(f"{name}: {message}")
        else:
            passed += 1
        if "tour" in name.lower() and "skipped" not in outcomes:
            tours += 1
    print(f"  pytest: {passed + failed + skipped} tests, {failed} failed, {skipped} skipped, {tours} tour tests")
    for line in browser_skips:
        print(f"  SKIPPED {line}")
    counter.check("the addon's tests ran", passed + failed > 0)
    if not selected:
        counter.check("browser tours ran (none skipped)", tours > 0 and not browser_skips)
    # a non-zero exit without a failed test: Odoo logged outside any test, or pytest broke
    counter.check("pytest exited 0", returncode == 0 or failed > 0, f"exit {returncode}")
    return passed, failed, skipped


LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) \S+ (?P<rest>.*)$")


def main():
    args = sys.argv[1:]
    tiers = [arg for arg in args if arg in ("static", "odoo")]
    pytest_args = [arg for arg in args if arg not in ("static", "odoo")]
    if not tiers:
        tiers = ["odoo"] if pytest_args else ["static", "odoo"]
    checks = Counter()
    if "static" in tiers:
        static_tier(checks)
        print(f"static checks: {checks.passed} passed, {checks.failed} failed")
    static_failed = checks.failed
    tests = None
    if "odoo" in tiers:
        tests = odoo_tier(checks, pytest_args)
    passed, failed, skipped = tests or (0, 0, 0)
    harness_failed = checks.failed - static_failed
    if harness_failed:
        print(f"suite checks: {harness_failed} failed (see FAIL above)")
    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    if "odoo" in tiers and tests is None:
        return 1
    return 1 if checks.failed or failed or ("odoo" in tiers and not passed) else 0


if __name__ == "__main__":
    sys.exit(main())
