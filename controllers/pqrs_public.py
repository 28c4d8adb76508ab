"""The public PQRS form (no login) and the tracking page.

Abuse protection keeps no state in process memory: submissions are logged in
the database (cq.pqrs.submission) and counted under a transaction-scoped
advisory lock, so the limits hold with several Odoo workers.
"""

import hashlib
import logging
import re
from datetime import timedelta

from markupsafe import escape

from odoo import fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import consteq, html2plaintext
from odoo.tools.mimetypes import guess_mimetype

_logger = logging.getLogger(__name__)

EMAIL_RE = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
MAX_LENGTHS = {
    "name": 120,
    "document": 30,
    "email": 254,
    "phone": 30,
    "subject": 200,
    "description": 10000,
}
FORBIDDEN_MIMETYPES = (
    "application/x-msdownload",
    "application/x-dosexec",
    "application/x-executable",
    "application/x-sharedlib",
    "application/x-sh",
    "application/x-msi",
    "application/java-archive",
    "text/x-shellscript",
)
PARAM = "customer_quality.pqrs_public_"
DEFAULTS = {
    "rate_ip": 5,
    "rate_email": 3,
    "max_files": 5,
    "max_file_mb": 10,
    "extensions": "pdf,jpg,jpeg,png,gif,webp,doc,docx,xls,xlsx,odt,ods,txt,csv",
}


class PqrsFormMixin:
    """Validation, files, rate limits and creation shared by the portal and
    the public form."""

    def _cq_limits(self):
        get = request.env["ir.config_parameter"].sudo().get_param
        limits = {}
        for key, default in DEFAULTS.items():
            value = get(PARAM + key, default)
            limits[key] = value if isinstance(default, str) else int(value)
        limits["extensions"] = [
            ext.strip().lower().lstrip(".") for ext in str(limits["extensions"]).split(",") if ext.strip()
        ]
        return limits

    def _cq_public_types(self, portal=False):
        """Types offered online. Types that name an order or invoice line (warranty claims) are
        offered only in the portal: a visitor has no orders to point at."""
        domain = [("public_filing", "=", True)]
        if not portal:
            domain.append(("requires_warranty_link", "=", False))
        return request.env["cq.pqrs.type"].sudo().search(domain)

    def _cq_text(self, post, key):
        value = post.get(key) or ""
        value = html2plaintext(value) if "<" in value else value
        return value.strip()

    def _cq_validate_form(self, post, portal=False):
        """Return (errors, values) from the posted form; errors maps a field
        to a message."""
        _ = request.env._
        errors = {}
        texts = {key: self._cq_text(post, key) for key in MAX_LENGTHS}
        for key, limit in MAX_LENGTHS.items():
            if len(texts[key]) > limit:
                errors[key] = _("At most %(limit)s characters.", limit=limit)
        types = self._cq_public_types(portal=portal)
        type_id = int(post.get("type_id") or 0) if str(post.get("type_id") or "").isdigit() else 0
        pqrs_type = types.filtered(lambda t: t.id == type_id)
        if not pqrs_type:
            errors["type_id"] = _("Choose the type of your request.")
        if not texts["subject"]:
            errors["subject"] = _("Write a subject.")
        if not texts["description"]:
            errors["description"] = _("Describe your request.")
        anonymous = not portal and bool(post.get("anonymous"))
        if anonymous and pqrs_type and not pqrs_type.allow_anonymous:
            errors["anonymous"] = _("This type of request cannot be filed anonymously.")
        if not portal:
            if not anonymous:
                if not texts["name"]:
                    errors["name"] = _("Write your name.")
                if not texts["email"]:
                    errors["email"] = _("Write your email to receive the answer.")
            if texts["email"] and not EMAIL_RE.match(texts["email"]):
                errors["email"] = _("This email address is not valid.")
            if not post.get("consent"):
                errors["consent"] = _("Accept the processing of your personal data to file the request.")
        values = {
            "type_id": pqrs_type.id,
            "subject": texts["subject"],
            "description": "<p>%s</p>" % "<br/>".join(
                str(escape(line)) for line in texts["description"].splitlines()
            ),
        }
        if not portal:
            values.update(
                {
                    "filer_name": False if anonymous else texts["name"],
                    "filer_document": False if anonymous else texts["document"],
                    "email_from": texts["email"] or False,
                    "filer_phone": texts["phone"] or False,
                    "is_anonymous": anonymous,
                    "consent_date": fields.Datetime.now(),
                }
            )
        return errors, values

    def _cq_read_files(self):
        """Read the uploaded files within the configured limits; return
        ([(name, content, mimetype)], error message or None)."""
        _ = request.env._
        limits = self._cq_limits()
        uploads = [f for f in request.httprequest.files.getlist("attachments") if f and f.filename]
        if len(uploads) > limits["max_files"]:
            return [], _("Attach at most %(count)s files.", count=limits["max_files"])
        files = []
        for upload in uploads:
            name = upload.filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
            extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
            if extension not in limits["extensions"]:
                return [], _(
                    "%(file)s: this type of file is not accepted (allowed: %(allowed)s).",
                    file=name,
                    allowed=", ".join(limits["extensions"]),
                )
            content = upload.read(limits["max_file_mb"] * 1024 * 1024 + 1)
            if len(content) > limits["max_file_mb"] * 1024 * 1024:
                return [], _("%(file)s is larger than %(size)s MB.", file=name, size=limits["max_file_mb"])
            mimetype = guess_mimetype(content)
            if mimetype in FORBIDDEN_MIMETYPES or content[:2] == b"MZ" or content[:4] == b"\x7fELF":
                return [], _("%(file)s looks like a program and is refused.", file=name)
            files.append((name, content, mimetype))
        return files, None

    def _cq_rate_limited(self, email=None):
        """True when this IP or this email already reached its hourly limit.
        A transaction-scoped advisory lock serialises concurrent submissions
        of the same IP across workers."""
        limits = self._cq_limits()
        ip = request.httprequest.remote_addr or "unknown"
        cr = request.env.cr
        cr.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"cq.pqrs.submission:{ip}"])
        Submission = request.env["cq.pqrs.submission"].sudo()
        since = fields.Datetime.now() - timedelta(hours=1)
        if Submission.search_count([("ip", "=", ip), ("create_date", ">=", since)]) >= limits["rate_ip"]:
            return True
        if email:
            key = hashlib.sha256(email.strip().lower().encode()).hexdigest()
            if Submission.search_count(
                [("email_key", "=", key), ("create_date", ">=", since)]
            ) >= limits["rate_email"]:
                return True
        return False

    def _cq_log_submission(self, email=None):
        request.env["cq.pqrs.submission"].sudo().create(
            {
                "ip": request.httprequest.remote_addr or "unknown",
                "email_key": hashlib.sha256(email.strip().lower().encode()).hexdigest() if email else False,
            }
        )

    def _cq_create_case(self, values, files, author=None):
        """Create the case and its attachments in one savepoint: no
        half-created case survives an error."""
        with request.env.cr.savepoint():
            case = request.env["cq.pqrs"].sudo().with_context(mail_create_nosubscribe=True).create(values)
            if files:
                attachments = request.env["ir.attachment"].sudo().create(
                    [
                        {
                            "name": name,
                            "raw": content,
                            "mimetype": mimetype,
                            "res_model": "cq.pqrs",
                            "res_id": case.id,
                        }
                        for name, content, mimetype in files
                    ]
                )
                case.message_post(
                    body=request.env._("Files attached by the filer."),
                    attachment_ids=attachments.ids,
                    author_id=author.id if author else None,
                    email_from=False if author else values.get("email_from"),
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
        return case


class PqrsPublic(http.Controller, PqrsFormMixin):
    def _render_form(self, values, status=200):
        response = request.render("customer_quality.pqrs_public_form", values)
        response.status_code = status
        return response

    def _form_values(self, post=None, errors=None, message=None):
        company = request.env.company
        return {
            "types": self._cq_public_types(),
            "portal_only_types": request.env["cq.pqrs.type"].sudo().search_count(
                [("public_filing", "=", True), ("requires_warranty_link", "=", True)], limit=1
            ),
            "post": post or {},
            "errors": errors or {},
            "message": message,
            "limits": self._cq_limits(),
            "consent_text": company.cq_pqrs_consent_text,
            "company": company,
            "recaptcha_key": self._cq_captcha_enabled()
            and request.env["ir.config_parameter"].sudo().get_param("recaptcha_public_key"),
        }

    def _cq_captcha_enabled(self):
        """A captcha module of Odoo (google_recaptcha) is installed."""
        return hasattr(request.env["ir.http"], "_verify_request_recaptcha_token")

    @http.route("/pqrs/new", type="http", auth="public", methods=["GET"], website=True, sitemap=True)
    def pqrs_public_form(self, **kw):
        return self._render_form(self._form_values())

    @http.route("/pqrs/new", type="http", auth="public", methods=["POST"], website=True, csrf=True)
    def pqrs_public_submit(self, **post):
        _ = request.env._
        if post.get("website_url"):  # honeypot: humans never see this field
            _logger.info("PQRS public form: honeypot filled from %s", request.httprequest.remote_addr)
            return self._render_form(self._form_values(post, message=_("Your request could not be accepted.")), 400)
        if self._cq_captcha_enabled():
            try:
                if not request.env["ir.http"]._verify_request_recaptcha_token("cq_pqrs_public"):
                    raise UserError(_("The captcha could not be verified."))
            except (UserError, ValidationError) as error:
                return self._render_form(self._form_values(post, message=error.args[0]), 403)
        errors, values = self._cq_validate_form(post)
        files, file_error = self._cq_read_files()
        if file_error:
            errors["attachments"] = file_error
        if errors:
            return self._render_form(self._form_values(post, errors), 400)
        if self._cq_rate_limited(values.get("email_from")):
            return self._render_form(
                self._form_values(post, message=_("Too many requests: please try again in an hour.")), 429
            )
        values["channel"] = "web_form"
        try:
            case = self._cq_create_case(values, files)
        except (UserError, ValidationError) as error:
            return self._render_form(self._form_values(post, message=error.args[0]), 400)
        self._cq_log_submission(values.get("email_from"))
        case._cq_match_filer_partner()
        return request.render(
            "customer_quality.pqrs_public_done", {"case": case, "company": request.env.company}
        )

    @http.route("/pqrs/track", type="http", auth="public", methods=["GET", "POST"], website=True, csrf=True)
    def pqrs_track(self, number=None, code=None, **kw):
        values = {"number": (number or "")[:40], "code": "", "case": None, "message": None}
        if request.httprequest.method != "POST":
            return request.render("customer_quality.pqrs_public_track", values)
        if self._cq_rate_limited():
            values["message"] = request.env._("Too many attempts: please try again in an hour.")
            response = request.render("customer_quality.pqrs_public_track", values)
            response.status_code = 429
            return response
        self._cq_log_submission()
        case = request.env["cq.pqrs"].sudo().search([("name", "=", (number or "").strip()[:40])], limit=1)
        if not case or not case.lookup_code or not consteq(case.lookup_code, (code or "").strip()[:40]):
            values["message"] = request.env._("No request matches this number and code.")
            response = request.render("customer_quality.pqrs_public_track", values)
            response.status_code = 404
            return response
        values["case"] = case
        return request.render("customer_quality.pqrs_public_track", values)
