"""Withdrawal by the filer (withdrawal step) and the extension of
the completion period (art. 17), from the portal case page and from the
public tracking page (number + lookup code).

Every POST is CSRF-protected and read through form_input; a step the case
does not allow (a closed case, a second extension) is a 400 page with the
message in the visitor's language, a wrong number or code a 404.
"""

from urllib.parse import quote

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import consteq

from .form_input import TRACK_MAX_LENGTH, clean_text
from .portal import CustomerQualityPortal
from .pqrs_public import PqrsFormMixin, PqrsPublic

# the reason a filer may give: the textarea's maxlength and the check below
WITHDRAWAL_REASON_MAX_LENGTH = 2000


def _withdrawal_values():
    return {"withdraw_max_length": WITHDRAWAL_REASON_MAX_LENGTH}


def _error_page(message, status=400, back_url=None):
    response = request.render(
        "customer_quality.pqrs_withdrawal_error", {"message": message, "back_url": back_url}
    )
    response.status_code = status
    return response


def _read_withdrawal(post):
    """(reason, error message or None) of a posted withdrawal."""
    _ = request.env._
    texts, errors = PqrsFormMixin._cq_clean_texts(post, {"reason": WITHDRAWAL_REASON_MAX_LENGTH})
    if errors:
        return "", errors["reason"]
    reason = texts["reason"]
    if not post.get("confirm"):
        return "", _("Tick the box to confirm that you withdraw your request.")
    return reason, None


class CustomerQualityPortalWithdrawal(CustomerQualityPortal):
    @http.route()
    def portal_pqrs_page(self, pqrs_id, access_token=None, message=None, **kw):
        response = super().portal_pqrs_page(pqrs_id, access_token=access_token, message=message, **kw)
        if getattr(response, "qcontext", None) is not None:
            response.qcontext.update(_withdrawal_values())
        return response

    def _cq_case_url(self, case, access_token=None, message=None):
        params = []
        if access_token:
            params.append(f"access_token={quote(access_token)}")
        if message:
            params.append(f"message={quote(message)}")
        return f"/my/pqrs/{case.id}" + (f"?{'&'.join(params)}" if params else "")

    @http.route(["/my/pqrs/<int:pqrs_id>/withdraw"], type="http", auth="public", methods=["POST"], website=True)
    def portal_pqrs_withdraw(self, pqrs_id, access_token=None, **post):
        case_sudo = self._cq_case_or_404(pqrs_id, access_token)
        if case_sudo is None:
            raise request.not_found()
        back = self._cq_case_url(case_sudo, access_token)
        reason, error = _read_withdrawal(post)
        if error:
            return _error_page(error, back_url=back)
        try:
            case_sudo._cq_withdraw(reason, request.env._("customer portal"))
        except UserError as error:
            return _error_page(error.args[0], back_url=back)
        return request.redirect(
            self._cq_case_url(case_sudo, access_token, request.env._("Your request was withdrawn."))
        )

    @http.route(["/my/pqrs/<int:pqrs_id>/completion/extend"], type="http", auth="public", methods=["POST"],
                website=True)
    def portal_pqrs_extend_completion(self, pqrs_id, access_token=None, **post):
        case_sudo = self._cq_case_or_404(pqrs_id, access_token)
        if case_sudo is None:
            raise request.not_found()
        back = self._cq_case_url(case_sudo, access_token)
        try:
            case_sudo._cq_extend_completion()
        except UserError as error:
            return _error_page(error.args[0], back_url=back)
        return request.redirect(self._cq_case_url(
            case_sudo, access_token, request.env._("The period to complete your request was extended.")
        ))


class PqrsPublicWithdrawal(PqrsPublic):
    @http.route()
    def pqrs_track(self, number=None, code=None, **kw):
        response = super().pqrs_track(number=number, code=code, **kw)
        qcontext = getattr(response, "qcontext", None)
        if qcontext is not None and qcontext.get("case"):
            # the forms of the result post the number and code again
            qcontext.update(_withdrawal_values(), track_code=clean_text(code)[0])
        return response

    def _cq_tracked_case(self, number, code):
        """(case, None) for a number and code that match, else (None, error response)."""
        _ = request.env._
        number, number_ok = clean_text(number)
        code, code_ok = clean_text(code)
        if not (number_ok and code_ok and number and code) or max(len(number), len(code)) > TRACK_MAX_LENGTH:
            return None, _error_page(
                _("Write the number and the code of your request as you received them."), 400, "/pqrs/track"
            )
        if not self._cq_reserve("track"):
            return None, _error_page(_("Too many attempts: please try again in an hour."), 429, "/pqrs/track")
        case = request.env["cq.pqrs"].sudo().search([("name", "=", number)], limit=1)
        if not case or not case.lookup_code or not consteq(case.lookup_code.encode(), code.encode()):
            return None, _error_page(_("No request matches this number and code."), 404, "/pqrs/track")
        return case, None

    def _cq_tracked_page(self, case, code, message):
        values = {
            "number": case.name, "code": "", "case": case, "message": message, "max_length": TRACK_MAX_LENGTH,
            "track_code": code, **_withdrawal_values(),
        }
        return request.render("customer_quality.pqrs_public_track", values)

    @http.route("/pqrs/track/withdraw", type="http", auth="public", methods=["POST"], website=True)
    def pqrs_track_withdraw(self, number=None, code=None, **post):
        case, error_response = self._cq_tracked_case(number, code)
        if error_response:
            return error_response
        reason, error = _read_withdrawal(post)
        if error:
            return _error_page(error, back_url="/pqrs/track")
        try:
            case._cq_withdraw(reason, request.env._("tracking page"))
        except UserError as error:
            return _error_page(error.args[0], back_url="/pqrs/track")
        return self._cq_tracked_page(case, clean_text(code)[0], request.env._("Your request was withdrawn."))

    @http.route("/pqrs/track/extend", type="http", auth="public", methods=["POST"], website=True)
    def pqrs_track_extend_completion(self, number=None, code=None, **post):
        case, error_response = self._cq_tracked_case(number, code)
        if error_response:
            return error_response
        try:
            case._cq_extend_completion()
        except UserError as error:
            return _error_page(error.args[0], back_url="/pqrs/track")
        return self._cq_tracked_page(
            case, clean_text(code)[0], request.env._("The period to complete your request was extended.")
        )
