"""Review by a supervisor, asked by the customer on the portal case page and
on the public tracking page (number + lookup code).

Every POST is CSRF-protected and read through form_input; a case whose type
has no such step, a second request or a closed case, or a request without a
reason, is a 400 page with the message in the visitor's language; an unknown
case a 404."""

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from .acceptance import CustomerQualityPortalAcceptance, PqrsPublicAcceptance
from .form_input import clean_text
from .pqrs_public import PqrsFormMixin
from .withdrawal import _error_page

# the reason a customer may give: the textarea's maxlength and the check below
REVIEW_REASON_MAX_LENGTH = 2000


def _request_review(case_sudo, post, back_url, channel):
    """Record the posted request; None when done, else the error page."""
    texts, errors = PqrsFormMixin._cq_clean_texts(post, {"review_reason": REVIEW_REASON_MAX_LENGTH})
    if errors:
        return _error_page(errors["review_reason"], back_url=back_url)
    try:
        case_sudo._cq_request_review(texts["review_reason"], channel)
    except UserError as error:
        return _error_page(error.args[0], back_url=back_url)
    return None


def _done_message(case_sudo):
    return request.env._(
        "Your request is recorded: a supervisor will review your claim and answer you by %(due)s.",
        due=case_sudo.review_due,
    )


class CustomerQualityPortalReview(CustomerQualityPortalAcceptance):
    @http.route(["/my/pqrs/<int:pqrs_id>/review"], type="http", auth="public", methods=["POST"], website=True)
    def portal_pqrs_review(self, pqrs_id, access_token=None, **post):
        case_sudo = self._cq_case_or_404(pqrs_id, access_token)
        if case_sudo is None:
            raise request.not_found()
        error_page = _request_review(
            case_sudo, post, self._cq_case_url(case_sudo, access_token), request.env._("customer portal")
        )
        if error_page:
            return error_page
        return request.redirect(self._cq_case_url(case_sudo, access_token, _done_message(case_sudo)))


class PqrsPublicReview(PqrsPublicAcceptance):
    @http.route("/pqrs/track/review", type="http", auth="public", methods=["POST"], website=True)
    def pqrs_track_review(self, number=None, code=None, **post):
        case, error_response = self._cq_tracked_case(number, code)
        if error_response:
            return error_response
        error_page = _request_review(case, post, "/pqrs/track", request.env._("tracking page"))
        if error_page:
            return error_page
        return self._cq_tracked_page(case, clean_text(code)[0], _done_message(case))
