from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request
from odoo.tools.safe_eval import safe_eval, time

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.cq_pqrs_acknowledgement import ACK_REPORT


class PqrsAcknowledgementPortal(CustomerPortal):
    """The acknowledgement of receipt (radicado) of a case as a PDF, rendered
    when the filer opens the link of the acknowledgement email (the email
    itself carries the facts, no file)."""

    @http.route(["/my/pqrs/<int:pqrs_id>/acknowledgement"], type="http", auth="public", website=True)
    def portal_pqrs_acknowledgement(self, pqrs_id, access_token=None, download=False, **kw):
        try:
            case_sudo = self._document_check_access("cq.pqrs", pqrs_id, access_token=access_token)
        except (AccessError, MissingError):
            raise request.not_found() from None
        report_sudo = request.env["ir.actions.report"].sudo().with_company(case_sudo.company_id)
        content, report_type = report_sudo._render_qweb_pdf(ACK_REPORT, case_sudo.ids, data={"report_type": "pdf"})
        report = request.env.ref(ACK_REPORT).sudo()
        filename = safe_eval(report.print_report_name, {"object": case_sudo, "time": time})
        disposition = content_disposition(f"{filename}.{report_type}")
        if not download:
            disposition = disposition.replace("attachment", "inline", 1)
        headers = [
            # test mode renders HTML unless told otherwise (force_report_rendering)
            ("Content-Type", "application/pdf" if report_type == "pdf" else "text/html"),
            ("Content-Length", len(content)),
            ("Content-Disposition", disposition),
        ]
        return request.make_response(content, headers=headers)
