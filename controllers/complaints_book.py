"""The virtual complaints book of an establishment (Peru's Libro de
Reclamaciones): a public page per establishment that shows the sheet, files
it in the establishment's book and gives the consumer the sheet at once (the
page, its PDF and the email).

Everything posted is read through form_input; the limits and the captcha of
the public form apply (PqrsFormMixin)."""

import logging
import re

from odoo import fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import content_disposition, request
from odoo.tools import consteq

from ..models.cq_pqrs_book_sheet import DOCUMENT_TYPES, ITEM_KINDS, MAX_AMOUNT_CLAIMED
from .form_input import MAX_LENGTHS, clean_text, parse_id, strip_controls
from .pqrs_public import EMAIL_RE, PqrsFormMixin

_logger = logging.getLogger(__name__)

BOOK_REPORT = "customer_quality.cq_book_sheet_report_action"
# the fields of the sheet besides those of the public form, and their longest text
BOOK_MAX_LENGTHS = dict(MAX_LENGTHS, address=250, guardian=120, item=250, amount=20)
AMOUNT_RE = re.compile(r"[0-9]{1,13}([.,][0-9]{1,2})?")


class ComplaintsBook(http.Controller, PqrsFormMixin):
    def _cq_establishment(self, establishment_id):
        """The active establishment whose company keeps a complaints book, or a 404."""
        establishment = request.env["cq.establishment"].sudo().browse(establishment_id).exists()
        if not establishment or not establishment.active or not establishment._cq_book_types():
            raise request.not_found()
        return establishment

    def _cq_book_values(self, establishment, post=None, errors=None, message=None):
        company = establishment.company_id
        lang = request.lang.code
        return {
            "establishment": establishment.with_context(lang=lang),
            "company": company,
            "types": establishment._cq_book_types().with_context(lang=lang),
            "document_types": DOCUMENT_TYPES,
            "item_kinds": ITEM_KINDS,
            "currencies": request.env["res.currency"].sudo().search([("active", "=", True)], order="name"),
            "post": self._cq_echo(post or {}),
            "errors": errors or {},
            "message": message,
            "max_lengths": BOOK_MAX_LENGTHS,
            "consent_text": company.cq_pqrs_consent_text,
            "now": fields.Datetime.now(),
            "tz": company.resource_calendar_id.tz or company.partner_id.tz or "UTC",
        }

    def _cq_render_book(self, values, status=200):
        response = request.render("customer_quality.cq_complaints_book_page", values)
        response.status_code = status
        return response

    def _cq_validate_sheet(self, establishment, post):
        """(errors, values) of a posted sheet; errors maps a field to a message."""
        _ = request.env._
        texts, errors = self._cq_clean_texts(post, BOOK_MAX_LENGTHS)
        type_id, _ok = parse_id(post.get("type_id"))
        pqrs_type = establishment._cq_book_types().filtered(lambda t: t.id == type_id)
        if not pqrs_type:
            errors["type_id"] = _("Choose whether it is a claim or a complaint.")
        if not texts["name"]:
            errors.setdefault("name", _("Write your name."))
        document_type = post.get("document_type") if post.get("document_type") in dict(DOCUMENT_TYPES) else None
        if not document_type:
            errors.setdefault("document_type", _("Choose the type of your identity document."))
        document = texts["document"].upper()
        if not document:
            errors.setdefault("document", _("Write the number of your identity document."))
        elif document_type and "document" not in errors:
            try:
                request.env["cq.pqrs"]._cq_check_document(document_type, document)
            except ValidationError as error:
                errors["document"] = error.args[0]
        if not texts["address"] and not texts["email"]:
            errors.setdefault("address", _("Write your address or your email, where the answer is sent."))
        if texts["email"] and not EMAIL_RE.match(texts["email"]):
            errors.setdefault("email", _("This email address is not valid."))
        minor = bool(post.get("minor"))
        if minor and not texts["guardian"]:
            errors.setdefault("guardian", _("Write the name of the parent or guardian who files for the minor."))
        item_kind = post.get("item_kind") if post.get("item_kind") in dict(ITEM_KINDS) else None
        if post.get("item_kind") and not item_kind:
            errors.setdefault("item_kind", _("Choose a product or a service."))
        amount = 0.0
        if texts["amount"] and "amount" not in errors:
            raw = texts["amount"].replace(" ", "")
            if raw.startswith("-") and AMOUNT_RE.fullmatch(raw[1:]):
                errors["amount"] = _("The amount claimed cannot be negative.")
            elif not AMOUNT_RE.fullmatch(raw):
                errors["amount"] = _("Write the amount claimed as a number, for example 150.50.")
            else:
                amount = float(raw.replace(",", "."))
                if amount > MAX_AMOUNT_CLAIMED:
                    errors["amount"] = _("The amount claimed is too large.")
        currency_id, _ok = parse_id(post.get("currency_id"))
        currency = request.env["res.currency"].sudo().search(
            [("id", "=", currency_id or 0), ("active", "=", True)], limit=1
        ) if currency_id else establishment.company_id.currency_id
        if not currency:
            errors.setdefault("currency_id", _("Choose the currency of the amount."))
        if not texts["description"]:
            errors.setdefault("description", _("Describe what happened."))
        if not post.get("consent"):
            errors["consent"] = _("Accept the processing of your personal data to file the request.")
        first_line = texts["description"].splitlines()[0] if texts["description"] else ""
        subject = texts["item"] or first_line
        values = {
            "type_id": pqrs_type.id,
            "company_id": establishment.company_id.id,
            "establishment_id": establishment.id,
            "subject": (subject or "")[: MAX_LENGTHS["subject"]] or pqrs_type.name,
            "description": self._cq_text_html(texts["description"]),
            "remedy_sought": texts["remedy"] or False,
            "lang": request.lang.code,
            "filer_name": texts["name"],
            "filer_document_type": document_type,
            "filer_document": document,
            "filer_address": texts["address"] or False,
            "email_from": texts["email"] or False,
            "filer_phone": texts["phone"] or False,
            "filer_is_minor": minor,
            "guardian_name": texts["guardian"] if minor else False,
            "claimed_item_kind": item_kind or False,
            "claimed_item": texts["item"] or False,
            "amount_claimed": amount,
            "amount_currency_id": currency.id,
            "is_anonymous": False,
            "consent_date": fields.Datetime.now(),
            "channel": "web_form",
        }
        return errors, values

    @http.route("/pqrs/book/<int:establishment_id>", type="http", auth="public", methods=["GET"], website=True,
                sitemap=False)
    def complaints_book(self, establishment_id, **kw):
        establishment = self._cq_establishment(establishment_id)
        return self._cq_render_book(self._cq_book_values(establishment))

    @http.route("/pqrs/book/<int:establishment_id>", type="http", auth="public", methods=["POST"], website=True,
                csrf=True)
    def complaints_book_submit(self, establishment_id, **post):
        _ = request.env._
        establishment = self._cq_establishment(establishment_id)
        if post.get("website_url"):  # honeypot: humans never see this field
            _logger.info("Complaints book: honeypot filled from %s", request.httprequest.remote_addr)
            values = self._cq_book_values(establishment, post, message=_("Your request could not be accepted."))
            return self._cq_render_book(values, 400)
        if self._cq_captcha_enabled():
            try:
                if not request.env["ir.http"]._verify_request_recaptcha_token("cq_pqrs_public"):
                    raise UserError(_("The captcha could not be verified."))
            except (UserError, ValidationError) as error:
                return self._cq_render_book(self._cq_book_values(establishment, post, message=error.args[0]), 403)
        errors, values = self._cq_validate_sheet(establishment, post)
        if errors:
            return self._cq_render_book(self._cq_book_values(establishment, post, errors), 400)
        if not self._cq_reserve("file", values.get("email_from")):
            message = _("Too many requests: please try again in an hour.")
            return self._cq_render_book(self._cq_book_values(establishment, post, message=message), 429)
        try:
            case = self._cq_create_case(values, [])
        except (UserError, ValidationError) as error:
            return self._cq_render_book(self._cq_book_values(establishment, post, message=error.args[0]), 400)
        case._cq_match_filer_partner()
        return request.render("customer_quality.cq_complaints_book_done", {
            "case": case.sudo().with_context(lang=request.lang.code),
            "establishment": establishment,
            "company": establishment.company_id,
            "tz": establishment.company_id.resource_calendar_id.tz or "UTC",
        })

    @http.route("/pqrs/book/sheet/<int:pqrs_id>", type="http", auth="public", methods=["GET"], website=True,
                sitemap=False)
    def complaints_book_sheet(self, pqrs_id, code=None, download=False, **kw):
        """The sheet as a PDF, for whoever holds its tracking code."""
        code, ok = clean_text(code)
        case = request.env["cq.pqrs"].sudo().browse(pqrs_id).exists()
        if not (ok and code and case and case.book_number and case.lookup_code
                and consteq(case.lookup_code.encode(), strip_controls(code).encode())):
            raise request.not_found()
        report = request.env["ir.actions.report"].sudo().with_company(case.company_id)
        content, report_type = report._render_qweb_pdf(BOOK_REPORT, case.ids, data={"report_type": "pdf"})
        disposition = content_disposition(f"{case.book_number}.pdf")
        if not download:
            disposition = disposition.replace("attachment", "inline", 1)
        return request.make_response(content, headers=[
            ("Content-Type", "application/pdf" if report_type == "pdf" else "text/html"),
            ("Content-Length", len(content)),
            ("Content-Disposition", disposition),
        ])
