"""What an outside attacker or an unlucky visitor posts: no input breaks filing (a clear 400, never a
500, nothing half-created), limits hold under parallel requests, a company's form offers only its
own types, files follow one policy on the form and in the chatter, and the portal's file links
work for the customer only."""

import base64
import json
import re
import threading
import uuid
from unittest.mock import patch

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import config, mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

from ..controllers.form_input import CONTROL_RE, MAX_LENGTHS, clean_text, parse_id
from .common import form_type, lift_public_limits

BROKEN_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dzzZZ" + b"garbage" * 40
# a 1x1 PNG
GOOD_PNG = base64.b64decode(
    b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
FIELDS = ("name", "document", "email", "phone", "subject", "description", "consent", "anonymous")
VALID_TYPE = "<the complaint type's id>"
GOOD_FILING = {"name": "Ana", "email": "ana@example.com", "subject": "Queja", "description": "Texto", "consent": "on"}


class PublicFormCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        lift_public_limits(cls.env)
        cls.complaint = form_type(cls.env, "customer_quality.cq_pqrs_type_complaint")
        cls.portal = mail_new_test_user(cls.env, login="cq_hard_portal", password="cq_hard_portal_pwd",
                                        name="Hilda Portal", groups="base.group_portal")
        cls.portal.partner_id.parent_id = cls.env["res.partner"].create({"name": "Hilda S.A.", "is_company": True})

    def setUp(self):
        super().setUp()
        self._token = None

    def _csrf(self, url="/pqrs/new"):
        if not self._token:
            page = self.url_open(url).text
            self._token = page.split('name="csrf_token" value="')[1].split('"')[0]
        return self._token

    def _data(self, **values):
        return {
            "type_id": str(self.complaint.id), "name": "Visitante", "email": "visitante@example.com",
            "subject": "Queja", "description": "Descripción", "consent": "on", "csrf_token": self._csrf(),
            **values,
        }

    def _post(self, url="/pqrs/new", data=None, files=None, ip="10.9.0.1"):
        with patch.dict(config.options, {"proxy_mode": True}):
            return self.url_open(url, data=data, files=files, headers={
                "X-Forwarded-For": ip, "X-Forwarded-Host": f"127.0.0.1:{config['http_port']}",
            })

    def _count(self):
        return self.env["cq.pqrs"].sudo().search_count([])


@tagged("post_install", "-at_install")
class TestPublicFormBadInput(PublicFormCase):
    def test_input_cleaning_functions(self):
        for markup in ("<!-- hi -->", "<", "<![CDATA[x]]>", "<b", "<br/>"):
            self.assertEqual(clean_text(markup), ("", True), markup)
        self.assertEqual(clean_text("a\x00b\x1fc\x7f"), ("abc", True))
        self.assertEqual(clean_text("precio < 100"), ("precio < 100", True))
        self.assertEqual(clean_text(b"bytes"), ("", False))
        for bad in ("abc", "²", "1e3", "-1", "0", "99999999999", " ", "1.0"):
            self.assertFalse(parse_id(bad)[1] and parse_id(bad)[0], bad)
        self.assertEqual(parse_id("42"), (42, True))

    @mute_logger("odoo.http")
    def test_odd_input_is_a_400_with_the_field_message(self):
        count = self._count()
        cases = {
            "NUL in the name": (self._data(name="Ana\x00"), None, None),
            "NUL in the subject only": (self._data(subject="\x00"), None, "Write a subject."),
            "comment only": (self._data(subject="<!-- hi -->"), None, "Write a subject."),
            "a lone <": (self._data(description="<"), None, "Describe your request."),
            "CDATA only": (self._data(description="<![CDATA[x]]>"), None, "Describe your request."),
            "type not a number": (self._data(type_id="abc"), None, "Choose the type of your request."),
            "type superscript digit": (self._data(type_id="²"), None, "Choose the type of your request."),
            "type out of range": (self._data(type_id="99999999999999999999"), None,
                                  "Choose the type of your request."),
            "file where text goes": (self._data(), [("subject", ("s.txt", b"x", "text/plain"))],
                                     "This field takes text only."),
            "corrupted image": (self._data(), [("attachments", ("foto.png", BROKEN_PNG, "image/png"))],
                                "cannot be read as an image"),
            "executable renamed pdf": (self._data(), [("attachments", ("f.pdf", EXE, "application/pdf"))],
                                       "looks like a program"),
            "text renamed png": (self._data(), [("attachments", ("f.png", b"hola", "image/png"))],
                                 "is not a PNG file"),
        }
        for label, (data, files, message) in cases.items():
            with self.subTest(label):
                response = self._post(data=data, files=files)
                if label == "NUL in the name":
                    # stripped, the rest is a good filing
                    self.assertEqual(response.status_code, 200)
                    case = self.env["cq.pqrs"].search([], order="id desc", limit=1)
                    self.assertEqual(case.filer_name, "Ana")
                    count += 1
                    continue
                self.assertEqual(response.status_code, 400, response.text[-500:])
                self.assertIn(message, response.text)
                self.assertEqual(self._count(), count, "nothing created")
        good = self._post(data=self._data(), files=[("attachments", ("foto.png", GOOD_PNG, "image/png"))])
        self.assertEqual(good.status_code, 200)

    def test_bad_input_message_in_the_visitors_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["customer_quality"], ["es_ES"], overwrite=True)
        self.opener.cookies["frontend_lang"] = "es_ES"
        response = self._post(data=self._data(subject="<!-- hi -->"))
        self.assertEqual(response.status_code, 400)
        self.assertIn("Escriba un asunto.", response.text)

    @mute_logger("odoo.http")
    def test_tracking_odd_input(self):
        token = self._csrf()
        for number, code in (("Q-2026-\x00", "ABC"), ("<!-- x -->", "<"), ("Q-2026-00001", "ÁÉÍÓÚñ" * 3),
                             ("x" * 500, "y")):
            response = self._post("/pqrs/track", data={"number": number, "code": code, "csrf_token": token})
            self.assertIn(response.status_code, (400, 404), (number, code))
        response = self._post("/pqrs/track", data={"code": "ABC", "csrf_token": token},
                              files=[("number", ("n.txt", b"Q-2026-00001", "text/plain"))])
        self.assertEqual(response.status_code, 400)

    @mute_logger("odoo.http")
    def test_portal_form_odd_ids(self):
        self.authenticate("cq_hard_portal", "cq_hard_portal_pwd")
        token = self._csrf("/my/pqrs/new")
        count = self._count()
        base = {"type_id": str(self.complaint.id), "subject": "Pedido", "description": "Texto", "csrf_token": token}
        for field, value in (("sale_order_id", "abc"), ("invoice_id", "1; DROP TABLE"),
                             ("sale_order_id", "99999999999999"), ("type_id", "x"), ("subject", "\x00<!---->")):
            response = self.url_open("/my/pqrs/new", data={**base, field: value})
            self.assertEqual(response.status_code, 400, (field, value))
        response = self.url_open("/my/pqrs/new", data=base,
                                 files=[("warranty_line", ("l.txt", b"sale_line-1", "text/plain"))])
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._count(), count)


text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10),
    st.sampled_from(["<!-- hi -->", "<", "<![CDATA[x]]>", "<b>x</b>", "\x00", "", " ", "a" * 300,
                     "x@y.co", "Q-2026-00001", "0", "-1", "1e9", "²"]),
)


FUZZ = settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@tagged("post_install", "-at_install")
class TestPublicFormFuzz(PublicFormCase):
    """Random posts through the real routes with a valid CSRF token: every success is one complete
    case, every refusal a 400 with nothing created — never a 500. Each run must see both."""

    def _check_filing(self, data, files=None):
        before = self._count()
        response = self._post(data={**data, "csrf_token": self._csrf()}, files=files)
        self.assertIn(response.status_code, (200, 400), response.text[-300:])
        added = self._count() - before
        if response.status_code == 400:
            self.assertEqual(added, 0, "a refusal creates nothing")
            return "refused"
        self.assertEqual(added, 1, "one filing, one case")
        case = self.env["cq.pqrs"].search([], order="id desc", limit=1)
        self.assertNotEqual(case.name, "/")
        self.assertIn(case.name, response.text)
        self.assertTrue(case.date_received and case.date_due and case.lookup_code)
        self.assertTrue(case.is_anonymous or (case.filer_name and case.email_from))
        for value in (case.subject, case.filer_name or "", case.email_from or ""):
            self.assertFalse(CONTROL_RE.search(value), "no control character is stored")
        return "filed"

    @mute_logger("odoo.http")
    def test_fuzz_public_filing(self):
        outcomes = set()

        @seed(20261201)
        @FUZZ
        @given(values=st.fixed_dictionaries(
            {"type_id": st.one_of(st.just(VALID_TYPE), text)}, optional={key: text for key in FIELDS}
        ))
        def run(values):
            if values["type_id"] == VALID_TYPE:
                values["type_id"] = str(self.complaint.id)
            # a good filing in which the drawn fields replace the good values
            outcomes.add(self._check_filing({**GOOD_FILING, **values}))

        run()
        self.assertEqual(outcomes, {"filed", "refused"})

    @mute_logger("odoo.http")
    def test_fuzz_public_filing_with_files(self):
        outcomes = set()

        @seed(20261202)
        @FUZZ
        @given(
            subject=text, description=text,
            upload=st.tuples(
                st.sampled_from(["a.pdf", "a.png", "a.txt", "a.exe", "a.PNG", ".png", "a\x00.png", "../../a.png"]),
                st.sampled_from([GOOD_PNG, BROKEN_PNG, EXE, b"%PDF-1.4\n%%EOF", b"hola", b""]),
            ),
        )
        def run(subject, description, upload):
            data = {"name": "Ana", "email": "ana@example.com", "consent": "on", "subject": subject,
                    "description": description, "type_id": str(self.complaint.id)}
            files = [("attachments", (upload[0], upload[1], "application/octet-stream"))]
            outcomes.add(self._check_filing(data, files=files))

        run()
        self.assertEqual(outcomes, {"filed", "refused"})

    @mute_logger("odoo.http")
    def test_fuzz_tracking(self):
        case = self.env["cq.pqrs"].create({"subject": "Seguimiento", "type_id": self.complaint.id,
                                           "email_from": "x@example.com", "filer_name": "X"})
        statuses = set()

        @seed(20261203)
        @FUZZ
        @given(number=st.one_of(st.just(VALID_TYPE), text), code=st.one_of(st.just(VALID_TYPE), text))
        def run(number, code):
            number = case.name if number == VALID_TYPE else number
            code = case.lookup_code if code == VALID_TYPE else code
            response = self._post("/pqrs/track", data={"number": number, "code": code, "csrf_token": self._csrf()})
            expected = 200 if (number, code) == (case.name, case.lookup_code) else 404
            self.assertIn(response.status_code, (expected, 400), (number, code))
            statuses.add(response.status_code)

        run()
        self.assertTrue({200, 404} <= statuses, statuses)

    @mute_logger("odoo.http")
    def test_fuzz_portal_filing(self):
        self.authenticate("cq_hard_portal", "cq_hard_portal_pwd")
        page = self.url_open("/my/pqrs/new").text
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        outcomes = set()

        @seed(20261204)
        @FUZZ
        @given(values=st.fixed_dictionaries({"type_id": st.one_of(st.just(VALID_TYPE), text)}, optional={
            key: text for key in ("subject", "description", "sale_order_id", "invoice_id", "warranty_line")
        }))
        def run(values):
            if values["type_id"] == VALID_TYPE:
                values["type_id"] = str(self.complaint.id)
            before = self._count()
            data = {"subject": "Pedido", "description": "Texto", **values, "csrf_token": token}
            response = self.url_open("/my/pqrs/new", data=data, allow_redirects=False)
            self.assertIn(response.status_code, (303, 400), response.text[-300:])
            added = self._count() - before
            self.assertEqual(added, 1 if response.status_code == 303 else 0)
            if added:
                case = self.env["cq.pqrs"].search([], order="id desc", limit=1)
                self.assertNotEqual(case.name, "/")
                self.assertEqual(case.partner_id, self.portal.partner_id)
                self.assertTrue(case.date_received and case.date_due)
            outcomes.add("filed" if added else "refused")

        run()
        self.assertEqual(outcomes, {"filed", "refused"})

    def test_duplicated_parameters(self):
        data = [("type_id", str(self.complaint.id)), ("type_id", "abc"), ("name", "Ana"), ("name", "Otra"),
                ("email", "ana@example.com"), ("subject", "Uno"), ("subject", "Dos"), ("description", "x"),
                ("consent", "on"), ("csrf_token", self._csrf())]
        response = self._post(data=data)
        self.assertEqual(response.status_code, 200)
        case = self.env["cq.pqrs"].search([], order="id desc", limit=1)
        self.assertEqual((case.subject, case.filer_name), ("Uno", "Ana"), "the first value counts")


@tagged("post_install", "-at_install")
class TestPublicFormCompanies(PublicFormCase):
    def test_types_of_another_company_are_neither_offered_nor_accepted(self):
        other = self.env["res.company"].create({"name": "Filial Lima"})
        foreign = self.complaint.copy({"name": "Reclamo de la filial", "code": "RF", "company_id": other.id})
        shared = self.complaint.copy({"name": "Tipo compartido", "code": "TC", "company_id": False})
        page = self.url_open("/pqrs/new").text
        self.assertNotIn("Reclamo de la filial", page)
        self.assertIn("Tipo compartido", page)
        count = self._count()
        refused = self._post(data=self._data(type_id=str(foreign.id), company_id=str(other.id)))
        self.assertEqual(refused.status_code, 400)
        self.assertEqual(self._count(), count)
        accepted = self._post(data=self._data(type_id=str(shared.id), company_id=str(other.id)))
        self.assertEqual(accepted.status_code, 200)
        case = self.env["cq.pqrs"].search([], order="id desc", limit=1)
        self.assertEqual(case.company_id, self.env.ref("base.public_user").company_id,
                         "the company is the form's, never the posted one")
        # the portal form neither
        self.authenticate("cq_hard_portal", "cq_hard_portal_pwd")
        self.assertNotIn("Reclamo de la filial", self.url_open("/my/pqrs/new").text)
        self._token = None
        response = self.url_open("/my/pqrs/new", data={
            "type_id": str(foreign.id), "subject": "x", "description": "y", "csrf_token": self._csrf("/my/pqrs/new"),
        })
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._count(), count + 1)


@tagged("post_install", "-at_install")
class TestPublicRateLimits(PublicFormCase):
    def test_filing_and_tracking_count_apart(self):
        ICP = self.env["ir.config_parameter"].sudo()
        ICP.set_param("customer_quality.pqrs_public_rate_ip", 2)
        ICP.set_param("customer_quality.pqrs_public_rate_track_ip", 3)
        token = self._csrf()
        ip = "10.77.0.1"
        for _i in range(3):
            response = self._post("/pqrs/track", data={"number": "Q-1", "code": "X", "csrf_token": token}, ip=ip)
            self.assertEqual(response.status_code, 404)
        blocked = self._post("/pqrs/track", data={"number": "Q-1", "code": "X", "csrf_token": token}, ip=ip)
        self.assertEqual(blocked.status_code, 429)
        # looking up did not use the filing slots
        self.assertEqual(self._post(data=self._data(email="t1@example.com"), ip=ip).status_code, 200)
        self.assertEqual(self._post(data=self._data(email="t2@example.com"), ip=ip).status_code, 200)
        self.assertEqual(self._post(data=self._data(email="t3@example.com"), ip=ip).status_code, 429)
        # bad input does not use a slot
        ICP.set_param("customer_quality.pqrs_public_rate_ip", 3)
        self.assertEqual(self._post(data=self._data(subject=""), ip=ip).status_code, 400)
        self.assertEqual(self._post(data=self._data(email="t4@example.com"), ip=ip).status_code, 200)


@tagged("post_install", "-at_install")
class TestRateLimitConcurrency(TransactionCase):
    """Real transactions on separate connections, as several workers would run them: the limit holds
    for parallel requests of one IP and of one email."""

    def _parallel(self, calls):
        """Run the reservations `calls` (kwargs of _cq_reserve) at once, each in a thread of its own
        released by one barrier; their results, in the order of `calls`."""
        Submission = self.env["cq.pqrs.submission"]
        results, barrier = [None] * len(calls), threading.Barrier(len(calls))

        def worker(index):
            barrier.wait()
            results[index] = Submission._cq_reserve(**calls[index])

        threads = [threading.Thread(target=worker, args=(index,)) for index in range(len(calls))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return results

    def _cleanup(self, ip):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM cq_pqrs_submission WHERE ip LIKE %s", [ip + "%"])

    def test_parallel_requests_never_pass_the_limit(self):
        ip = f"192.0.2.{uuid.uuid4().hex[:8]}"
        self.addCleanup(self._cleanup, ip)
        abusive = [{"kind": "file", "ip": ip, "limit_ip": 5}] * 12
        valid = {"kind": "file", "ip": f"{ip}-valid", "email": f"{ip}@example.com", "limit_ip": 5, "limit_email": 3}
        *results, other = self._parallel(abusive + [valid])
        self.assertEqual(results.count(True), 5)
        self.assertEqual([other], [True], "a valid filing in the same second as a burst passes")
        # tracking has its own counter
        results = self._parallel([{"kind": "track", "ip": ip, "limit_ip": 4}] * 6)
        self.assertEqual(results.count(True), 4)
        # one email from many IPs
        email = f"{uuid.uuid4().hex}@example.com"
        results = self._parallel([
            {"kind": "file", "ip": f"{ip}-{n}", "email": email, "limit_ip": 100, "limit_email": 3} for n in range(8)
        ])
        self.assertEqual(results.count(True), 3)
        with self.registry.cursor() as cr:
            cr.execute("SELECT kind, count(*) FROM cq_pqrs_submission WHERE ip LIKE %s GROUP BY kind", [ip + "%"])
            self.assertEqual(dict(cr.fetchall()), {"file": 9, "track": 4})


@tagged("post_install", "-at_install")
class TestPortalFiles(PublicFormCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague = mail_new_test_user(cls.env, login="cq_hard_colleague", password="cq_hard_colleague_pwd",
                                           name="Carla Colega", groups="base.group_portal")
        cls.colleague.partner_id.parent_id = cls.portal.partner_id.parent_id
        cls.stranger = mail_new_test_user(cls.env, login="cq_hard_stranger", password="cq_hard_stranger_pwd",
                                          name="Sergio Ajeno", groups="base.group_portal")
        cls.case = cls.env["cq.pqrs"].create({"subject": "Caso con archivo", "type_id": cls.complaint.id,
                                              "partner_id": cls.portal.partner_id.id})
        cls.attachment = cls.env["ir.attachment"].create({
            "name": "evidencia.txt", "raw": b"evidencia del cliente", "res_model": "cq.pqrs", "res_id": cls.case.id,
        })
        cls.case.message_post(body="Archivo", attachment_ids=cls.attachment.ids, message_type="comment",
                              subtype_xmlid="mail.mt_comment")

    def _link(self):
        page = self.url_open(f"/my/pqrs/{self.case.id}").text
        start = page.index(f"/web/content/{self.attachment.id}?")
        return page[start:page.index('"', start)].replace("&amp;", "&")

    def test_owner_and_colleague_download_others_get_404(self):
        self.authenticate("cq_hard_portal", "cq_hard_portal_pwd")
        link = self._link()
        self.assertIn("access_token=", link)
        response = self.url_open(link)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"evidencia del cliente")
        self.authenticate("cq_hard_colleague", "cq_hard_colleague_pwd")
        self.assertEqual(self.url_open(self._link()).content, b"evidencia del cliente")
        self.authenticate("cq_hard_stranger", "cq_hard_stranger_pwd")
        with mute_logger("odoo.http"):
            self.assertEqual(self.url_open(f"/web/content/{self.attachment.id}?download=true").status_code, 404)
            self.assertEqual(self.url_open(f"/my/pqrs/{self.case.id}").status_code, 404)

    def test_case_page_links_the_acknowledgement(self):
        self.authenticate("cq_hard_colleague", "cq_hard_colleague_pwd")
        page = self.url_open(f"/my/pqrs/{self.case.id}").text
        start = page.index(f"/my/pqrs/{self.case.id}/acknowledgement?access_token=")
        link = page[start:page.index('"', start)].replace("&amp;", "&")
        response = self.url_open(link)
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.case.name, response.text)
        self.authenticate("cq_hard_stranger", "cq_hard_stranger_pwd")
        with mute_logger("odoo.http"):
            self.assertEqual(self.url_open(f"/my/pqrs/{self.case.id}/acknowledgement").status_code, 404)

    def _upload(self, name, content):
        token = self._csrf("/my/pqrs/new")
        response = self.url_open("/mail/attachment/upload", data={
            "thread_id": str(self.case.id), "thread_model": "cq.pqrs", "is_pending": "true", "csrf_token": token,
        }, files=[("ufile", (name, content, "application/octet-stream"))])
        self.assertEqual(response.status_code, 200)
        return json.loads(response.text)

    def test_chatter_upload_follows_the_file_policy(self):
        self.authenticate("cq_hard_portal", "cq_hard_portal_pwd")
        before = self.env["ir.attachment"].sudo().search_count([])
        for name, content, message in (("factura.pdf", EXE, "looks like a program"),
                                       ("virus.exe", b"hola", "this type of file is not accepted"),
                                       ("foto.png", BROKEN_PNG, "cannot be read as an image")):
            result = self._upload(name, content)
            self.assertIn(message, result.get("error", ""), name)
        self.assertEqual(self.env["ir.attachment"].sudo().search_count([]), before, "nothing stored")
        result = self._upload("acta.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF")
        self.assertNotIn("error", result)
        self.assertEqual(self.env["ir.attachment"].sudo().search_count([]), before + 1)

    def test_internal_upload_is_not_limited(self):
        self.authenticate("admin", "admin")
        result = self._upload("script.sh", b"#!/bin/sh\necho hola\n")
        self.assertNotIn("error", result)

    def test_form_limits_match_the_inputs(self):
        page = self.url_open("/pqrs/new").text
        for key, limit in MAX_LENGTHS.items():
            tag = re.search(r'<(input|textarea)[^>]*name="%s"[^>]*>' % key, page)
            self.assertIn(f'maxlength="{limit}"', tag.group(0), key)
