"""The public PQRS form (no login) and the tracking page.

Everything posted is read through form_input (one cleaning step). Abuse
protection keeps no state in process memory: filings and tracking look-ups
take a slot in the database (cq.pqrs.submission) under an advisory lock, so
the limits hold with several Odoo workers and servers.
"""

import logging
import re

from markupsafe import escape

from odoo import fields, http, tools
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import consteq

from .form_input import MAX_LENGTHS, TRACK_MAX_LENGTH, clean_text, form_limits, parse_id, read_uploads, strip_controls

_logger = logging.getLogger(__name__)

EMAIL_RE = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


class PqrsFormMixin:
    """Validation, files, rate limits and creation shared by the portal and
    the public form."""

    def _cq_limits(self):
        return form_limits(request.env)

    def _cq_public_types(self, portal=False, company=None):
        """Types offered online to the form's company (cq.pqrs.type._cq_offered_online)."""
        return request.env["cq.pqrs.type"]._cq_offered_online(company or request.env.company, portal=portal)

    @staticmethod
    def _cq_echo(post):
        """The posted values shown again in the form: text only, without control characters."""
        return {key: strip_controls(value) for key, value in post.items() if isinstance(value, str)}

    @staticmethod
    def _cq_clean_texts(post, max_lengths):
        """(texts, errors) of the posted text fields named in `max_lengths`:
        each cleaned (form_input.clean_text), an error where it is not text or
        is longer than its limit."""
        _ = request.env._
        texts, errors = {}, {}
        for key, limit in max_lengths.items():
            texts[key], ok = clean_text(post.get(key))
            if not ok:
                errors[key] = _("This field takes text only.")
            elif len(texts[key]) > limit:
                errors[key] = _("At most %(limit)s characters.", limit=limit)
        return texts, errors

    @staticmethod
    def _cq_text_html(text):
        """Plain text typed by a visitor as the HTML of a description: escaped, one line a <br/>."""
        return "<p>%s</p>" % "<br/>".join(str(escape(line)) for line in text.splitlines())

    def _cq_captcha_enabled(self):
        """A captcha module of Odoo (google_recaptcha) is installed."""
        return hasattr(request.env["ir.http"], "_verify_request_recaptcha_token")

    def _cq_validate_form(self, post, portal=False):
        """Return (errors, values) from the posted form; errors maps a field
        to a message."""
        _ = request.env._
        texts, errors = self._cq_clean_texts(post, MAX_LENGTHS)
        types = self._cq_public_types(portal=portal)
        type_id, _ok = parse_id(post.get("type_id"))
        pqrs_type = types.filtered(lambda t: t.id == type_id)
        if not pqrs_type:
            errors["type_id"] = _("Choose the type of your request.")
        if not texts["subject"]:
            errors.setdefault("subject", _("Write a subject."))
        if not texts["description"]:
            errors.setdefault("description", _("Describe your request."))
        anonymous = not portal and bool(post.get("anonymous"))
        if anonymous and pqrs_type and not pqrs_type.allow_anonymous:
            errors["anonymous"] = _("This type of request cannot be filed anonymously.")
        if not portal:
            if not anonymous:
                if not texts["name"]:
                    errors.setdefault("name", _("Write your name."))
                if not texts["email"]:
                    errors.setdefault("email", _("Write your email to receive the answer."))
            if texts["email"] and not EMAIL_RE.match(texts["email"]):
                errors.setdefault("email", _("This email address is not valid."))
            if not post.get("consent"):
                errors["consent"] = _("Accept the processing of your personal data to file the request.")
        values = {
            "type_id": pqrs_type.id,
            "subject": texts["subject"],
            "description": self._cq_text_html(texts["description"]),
            "remedy_sought": texts["remedy"] or False,
            # the language of the page: the filer's letters are written in it
            "lang": request.lang.code,
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
        return read_uploads(request.env, request.httprequest.files.getlist("attachments"), self._cq_limits())

    def _cq_reserve(self, kind, email=None):
        """Take one slot of this visitor's hourly limit for `kind` (file, track); False when the
        IP (or, for filings, the email) reached it. The IP is the client's: behind a proxy Odoo
        takes it from X-Forwarded-For only with proxy_mode on."""
        limits = self._cq_limits()
        return request.env["cq.pqrs.submission"].sudo()._cq_reserve(
            kind,
            request.httprequest.remote_addr,
            email=email,
            limit_ip=limits["rate_track_ip"] if kind == "track" else limits["rate_ip"],
            limit_email=limits["rate_email"] if kind == "file" else None,
        )

    def _cq_create_case(self, values, files, author=None):
        """Create the case and its attachments in one savepoint: no
        half-created case survives an error."""
        with request.env.cr.savepoint():
            case = request.env["cq.pqrs"].sudo().with_context(mail_create_nosubscribe=True).create(values)
            if files:
                # pending attachments of this visitor, as the chatter's upload makes them:
                # message_post moves them to the case and shows them on its message (it
                # ignores any other attachment a public or portal user names)
                attachments = request.env["ir.attachment"].sudo().create(
                    [
                        {
                            "name": name,
                            "raw": content,
                            "mimetype": mimetype,
                            "res_model": "mail.compose.message",
                            "res_id": 0,
                        }
                        for name, content, mimetype in files
                    ]
                )
                email = values.get("email_from")
                case.message_post(
                    body=request.env._("Files attached by the filer."),
                    attachment_ids=attachments.ids,
                    # the portal customer, or the public filer's name and address (never "Public user")
                    author_id=author.id if author else False,
                    email_from=False if author or not email else tools.formataddr((values.get("filer_name") or "", email)),
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
                [("public_filing", "=", True), ("requires_warranty_link", "=", True),
                 ("company_id", "in", [False, company.id])], limit=1
            ),
            "post": self._cq_echo(post or {}),
            "errors": errors or {},
            "message": message,
            "limits": self._cq_limits(),
            "max_lengths": MAX_LENGTHS,
            "consent_text": company.cq_pqrs_consent_text,
            "company": company,
            "recaptcha_key": self._cq_captcha_enabled()
            and request.env["ir.config_parameter"].sudo().get_param("recaptcha_public_key"),
        }

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
        if not self._cq_reserve("file", values.get("email_from")):
            return self._render_form(
                self._form_values(post, message=_("Too many requests: please try again in an hour.")), 429
            )
        values["channel"] = "web_form"
        try:
            case = self._cq_create_case(values, files)
        except (UserError, ValidationError) as error:
            return self._render_form(self._form_values(post, message=error.args[0]), 400)
        case._cq_match_filer_partner()
        return request.render(
            "customer_quality.pqrs_public_done", {"case": case, "company": request.env.company}
        )

    @http.route("/pqrs/track", type="http", auth="public", methods=["GET", "POST"], website=True, csrf=True)
    def pqrs_track(self, number=None, code=None, **kw):
        number, number_ok = clean_text(number)
        code, code_ok = clean_text(code)
        values = {"number": number[:TRACK_MAX_LENGTH], "code": "", "case": None, "message": None,
                  "max_length": TRACK_MAX_LENGTH}
        if request.httprequest.method != "POST":
            return request.render("customer_quality.pqrs_public_track", values)
        if not (number_ok and code_ok) or len(number) > TRACK_MAX_LENGTH or len(code) > TRACK_MAX_LENGTH:
            values["message"] = request.env._("Write the number and the code of your request as you received them.")
            return self._cq_track_page(values, 400)
        if not self._cq_reserve("track"):
            values["message"] = request.env._("Too many attempts: please try again in an hour.")
            return self._cq_track_page(values, 429)
        case = request.env["cq.pqrs"].sudo().search([("name", "=", number)], limit=1) if number else None
        if not case or not case.lookup_code or not consteq(case.lookup_code.encode(), code.encode()):
            values["message"] = request.env._("No request matches this number and code.")
            return self._cq_track_page(values, 404)
        values["case"] = case
        return request.render("customer_quality.pqrs_public_track", values)

    def _cq_track_page(self, values, status):
        response = request.render("customer_quality.pqrs_public_track", values)
        response.status_code = status
        return response
