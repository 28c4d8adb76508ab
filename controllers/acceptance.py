"""Acceptance of the decision (ISO 10002:2018 §7.8), asked with the answer on
the portal case page, on the public tracking page (number + lookup code) and
on the page that thanks the customer for rating the answer (rating token).

Every POST is CSRF-protected and read through form_input; a case without an
answer waiting for acceptance, or a refusal without a reason, is a 400 page
with the message in the visitor's language; an unknown case or token a 404.
"""

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from .form_input import clean_text
from .pqrs_public import PqrsFormMixin
from .withdrawal import CustomerQualityPortalWithdrawal, PqrsPublicWithdrawal, _error_page

# the reason a filer may give for not accepting: the textarea's maxlength and the check below
DECISION_REASON_MAX_LENGTH = 2000


def _read_decision(post):
    """(accepted, reason, error message or None) of a posted decision."""
    _ = request.env._
    decision = post.get("decision")
    if decision not in ("accept", "reject"):
        return None, "", _("Choose whether you accept the decision.")
    texts, errors = PqrsFormMixin._cq_clean_texts(post, {"decision_reason": DECISION_REASON_MAX_LENGTH})
    if errors:
        return None, "", errors["decision_reason"]
    return decision == "accept", texts["decision_reason"], None


def _record(case_sudo, post, back_url):
    """Record the posted decision on the case; None when done, else the error page."""
    accepted, reason, error = _read_decision(post)
    if error:
        return _error_page(error, back_url=back_url)
    try:
        case_sudo._cq_record_decision(accepted, reason)
    except UserError as error:
        return _error_page(error.args[0], back_url=back_url)
    return None


def _done_message(case_sudo):
    _ = request.env._
    if case_sudo.decision_acceptance == "accepted":
        return _("Thank you: your acceptance of the decision is recorded.")
    if case_sudo.state == "closed" or case_sudo._cq_decision_final():
        return _("Your answer is recorded. The decision is final: the letter we sent tells you where you can turn next.")
    return _("Your answer is recorded: we will review the decision and write to you again.")


class CustomerQualityPortalAcceptance(CustomerQualityPortalWithdrawal):
    @http.route()
    def portal_pqrs_page(self, pqrs_id, access_token=None, message=None, **kw):
        response = super().portal_pqrs_page(pqrs_id, access_token=access_token, message=message, **kw)
        if getattr(response, "qcontext", None) is not None:
            response.qcontext["decision_max_length"] = DECISION_REASON_MAX_LENGTH
        return response

    @http.route(["/my/pqrs/<int:pqrs_id>/decision"], type="http", auth="public", methods=["POST"], website=True)
    def portal_pqrs_decision(self, pqrs_id, access_token=None, **post):
        case_sudo = self._cq_case_or_404(pqrs_id, access_token)
        if case_sudo is None:
            raise request.not_found()
        error_page = _record(case_sudo, post, self._cq_case_url(case_sudo, access_token))
        if error_page:
            return error_page
        return request.redirect(self._cq_case_url(case_sudo, access_token, _done_message(case_sudo)))


class PqrsPublicAcceptance(PqrsPublicWithdrawal):
    @http.route()
    def pqrs_track(self, number=None, code=None, **kw):
        response = super().pqrs_track(number=number, code=code, **kw)
        if getattr(response, "qcontext", None) is not None:
            response.qcontext["decision_max_length"] = DECISION_REASON_MAX_LENGTH
        return response

    def _cq_tracked_page(self, case, code, message):
        response = super()._cq_tracked_page(case, code, message)
        response.qcontext["decision_max_length"] = DECISION_REASON_MAX_LENGTH
        return response

    @http.route("/pqrs/track/decision", type="http", auth="public", methods=["POST"], website=True)
    def pqrs_track_decision(self, number=None, code=None, **post):
        case, error_response = self._cq_tracked_case(number, code)
        if error_response:
            return error_response
        error_page = _record(case, post, "/pqrs/track")
        if error_page:
            return error_page
        return self._cq_tracked_page(case, clean_text(code)[0], _done_message(case))

    @http.route("/pqrs/rating/<string:token>/decision", type="http", auth="public", methods=["POST"], website=True)
    def pqrs_rating_decision(self, token, **post):
        rating = request.env["rating.rating"].sudo().search([("access_token", "=", token)], limit=1)
        case_sudo = rating._cq_pqrs_case() if rating else None
        if not case_sudo:
            raise request.not_found()
        error_page = _record(case_sudo, post, None)
        if error_page:
            return error_page
        response = request.render(
            "customer_quality.pqrs_decision_done", {"message": _done_message(case_sudo), "case": case_sudo}
        )
        return response
