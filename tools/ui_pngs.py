#!/usr/bin/env python3
"""Screenshots of the addon's screens for the README, in headless Chromium
(DevTools protocol), from a running Odoo with the demo data: the PQRS kanban,
the indicator board and the legal steps of a PQRS type as the Spanish-speaking manager, the public filing
form as an anonymous visitor (in Spanish), a case page of the portal as the
English-speaking portal customer. Written to docs/screens/<name>.png.

Run by tools/report_pngs.sh (which starts Odoo): CQ_UI_URL, CQ_UI_DB,
CQ_SCREENS_DIR. Needs Chromium and websocket-client (requirements-dev.txt).
"""

import base64
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import requests
import websocket

URL = os.environ.get("CQ_UI_URL", "http://127.0.0.1:8169")
DB = os.environ["CQ_UI_DB"]
OUT = os.environ["CQ_SCREENS_DIR"]
WIDTH, HEIGHT = 1366, 800


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    sys.exit("Chromium is needed for the screenshots (apt-get install chromium)")


class Browser:
    """One headless Chromium page driven over the DevTools protocol."""

    def __init__(self):
        self.port = free_port()
        self.profile = tempfile.mkdtemp(prefix="cq_ui_")
        self.process = subprocess.Popen(
            [chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--remote-debugging-port={self.port}", f"--user-data-dir={self.profile}",
             f"--window-size={WIDTH},{HEIGHT}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json", timeout=1))
                page = next(target for target in targets if target["type"] == "page")
                break
            except (OSError, StopIteration):
                time.sleep(0.1)
        else:
            raise RuntimeError("Chromium did not start")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.ids = itertools.count(1)
        self.call("Page.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT, deviceScaleFactor=1,
                  mobile=False)

    def call(self, method, **params):
        call_id = next(self.ids)
        self.socket.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def session(self, login, password):
        """Log in over JSON-RPC and hand the session cookie to the browser
        (None: an anonymous visitor)."""
        self.call("Network.clearBrowserCookies")
        if not login:
            return None
        http = requests.Session()
        response = http.post(f"{URL}/web/session/authenticate", json={
            "jsonrpc": "2.0", "params": {"db": DB, "login": login, "password": password},
        }, timeout=60)
        response.raise_for_status()
        if response.json().get("error"):
            raise RuntimeError(f"login {login}: {response.json()['error']}")
        self.call("Network.setCookie", name="session_id", value=http.cookies["session_id"], url=URL)
        return http

    def shoot(self, name, path, ready, settle=1.0, scroll_to=None):
        self.call("Page.navigate", url=URL + path)
        deadline = time.time() + 60
        while time.time() < deadline:
            found = self.call("Runtime.evaluate", expression=f"!!document.querySelector({json.dumps(ready)})",
                              returnByValue=True)
            if found.get("result", {}).get("value"):
                break
            time.sleep(0.25)
        else:
            raise RuntimeError(f"{name}: {ready} did not appear on {path}")
        if scroll_to:
            self.call("Runtime.evaluate", expression=f"document.querySelector({json.dumps(scroll_to)}).scrollIntoView()")
        time.sleep(settle)  # fonts, images and animations
        image = self.call("Page.captureScreenshot", format="png")
        target = os.path.join(OUT, f"{name}.png")
        with open(target, "wb") as handle:
            handle.write(base64.b64decode(image["data"]))
        print(f"  {target}")

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)


def call_kw(http, model, method, args, kwargs=None):
    response = http.post(f"{URL}/web/dataset/call_kw", json={"jsonrpc": "2.0", "params": {
        "model": model, "method": method, "args": args, "kwargs": kwargs or {}}}, timeout=60)
    payload = response.json()
    if payload.get("error"):
        raise RuntimeError(f"{model}.{method}: {payload['error']}")
    return payload["result"]


def main():
    os.makedirs(OUT, exist_ok=True)
    browser = Browser()
    try:
        admin = browser.session("admin", "admin")
        browser.shoot("pqrs_kanban", "/odoo/action-customer_quality.cq_pqrs_action",
                      ".o_kanban_renderer .o_kanban_record")
        browser.shoot("indicator_board", "/odoo/action-customer_quality.cq_indicator_action",
                      ".o_kanban_renderer .o_kanban_record")
        # the procedure of the Colombian legal pack's petition: its legal steps
        petition = call_kw(admin, "cq.pqrs.type", "search", [[("code", "=", "PET")]], {"limit": 1})
        if petition:
            browser.shoot("pqrs_type_steps", f"/odoo/action-customer_quality.cq_pqrs_type_action/{petition[0]}",
                          ".o_form_view .o_field_one2many[name='step_ids'] .o_data_row",
                          scroll_to=".o_form_view .o_notebook")
        # a case of the portal customer (Joel Willis, who writes in English)
        portal_partner = call_kw(admin, "ir.model.data", "check_object_reference", ["base", "partner_demo_portal"])[1]
        cases = call_kw(admin, "cq.pqrs", "search", [[("partner_id", "=", portal_partner)]],
                        {"limit": 1, "order": "date_answered desc, id desc"})
        store = call_kw(admin, "ir.model.data", "check_object_reference",
                        ["customer_quality", "cq_demo_establishment_miraflores"])[1]
        browser.session(None, None)
        # in the company's language, as a visitor from Colombia sees it
        browser.shoot("public_form", "/es/pqrs/new", "form textarea")
        # the virtual complaints book of the Peruvian store, as a consumer reads it
        browser.shoot("complaints_book", f"/es/pqrs/book/{store}", "form .o_cq_book_types")
        # what the company tells its customers before they contract
        browser.shoot("channels_page", "/es/pqrs/channels", ".o_cq_channels_types")
        if cases:
            browser.session("portal", "portal")
            browser.shoot("portal_case", f"/my/pqrs/{cases[0]}", ".o_portal_wrap, #wrap", settle=2.0)
        else:
            print("  no case of the portal customer in this database: portal_case not taken")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
