#!/usr/bin/env python3
"""Load test of the public PQRS form, loopback only and bounded.

Starts Odoo with 2 workers on a free local port against the bench database,
then CLIENTS concurrent clients each submit the public form SUBMISSIONS times
(GET for the CSRF token + POST), and the same clients load Odoo's own /my home
page as the baseline. Prints requests/s and p95 latency for both.
Run by bench/run.sh (ODOO_ADDONS_PATH and CQ_DB_* set there).
"""
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

CLIENTS = 8
SUBMISSIONS = 25  # per client: 200 submissions in all
DEADLINE = 300  # seconds, hard bound of each phase
DB = sys.argv[1] if len(sys.argv) > 1 else "cq_bench"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def opener():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))


def run_phase(label, base, job):
    latencies, errors = [], []
    lock = threading.Lock()
    stop_at = time.monotonic() + DEADLINE

    def client(index):
        browser = opener()
        for i in range(SUBMISSIONS):
            if time.monotonic() > stop_at:
                return
            start = time.perf_counter()
            try:
                job(browser, base, index, i)
                with lock:
                    latencies.append(time.perf_counter() - start)
            except Exception as error:  # noqa: BLE001 - counted and reported
                with lock:
                    errors.append(repr(error))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) >= 20 else float("nan")
    print(f"{label}: {len(latencies)} ok, {len(errors)} errors, {len(latencies) / elapsed:.1f}/s, "
          f"p95 {p95 * 1000:.0f} ms")
    if errors:
        print("  first error:", errors[0])


def submit_public_form(browser, base, index, i):
    page = browser.open(f"{base}/pqrs/new", timeout=30).read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    type_id = re.search(r'<option value="(\d+)"', page).group(1)
    data = urllib.parse.urlencode({
        "csrf_token": token, "type_id": type_id, "name": f"Cliente {index}",
        "email": f"carga{index}-{i}@example.com", "subject": f"Carga {index}-{i}",
        "description": "Prueba de carga", "consent": "on",
    }).encode()
    body = browser.open(f"{base}/pqrs/new", data=data, timeout=30).read().decode()
    if "o_cq_pqrs_code" not in body:
        raise RuntimeError("no filing number in the answer")


def my_home(browser, base, index, i):
    if i == 0:
        page = browser.open(f"{base}/web/login", timeout=30).read().decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        browser.open(f"{base}/web/login", data=urllib.parse.urlencode(
            {"csrf_token": token, "login": "admin", "password": "admin"}).encode(), timeout=30).read()
    body = browser.open(f"{base}/my", timeout=30).read().decode()
    if "o_portal_my_home" not in body and "o_portal" not in body:
        raise RuntimeError("not the portal home page")


def main():
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, os.environ["ODOO_LAUNCHER"], "-d", DB, f"--addons-path={os.environ['ODOO_ADDONS_PATH']}",
           f"--db_host={os.environ.get('CQ_DB_HOST', '127.0.0.1')}",
           f"--db_port={os.environ.get('CQ_DB_PORT', '5432')}",
           f"--db_user={os.environ.get('CQ_DB_USER', 'root')}",
           "--workers=2", "--max-cron-threads=0", f"--http-port={port}", "--http-interface=127.0.0.1",
           f"--db-filter=^{DB}$", "--log-level=warn", "--limit-time-real=120"]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/web/login", timeout=5)
                break
            except OSError:
                time.sleep(1)
        run_phase(f"Odoo /my home page (baseline), {CLIENTS} clients", base, my_home)
        run_phase(f"public PQRS form submissions, {CLIENTS} clients", base, submit_public_form)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
