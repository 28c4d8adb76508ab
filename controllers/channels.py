"""The company's public channels and terms page: where and how to file a
request, the longest answer time of each kind of request, its legal basis,
the external recourse and the out-of-court dispute body, the hours of the
service and how to follow a request. Linked from the footer of the public
pages and from the printed contracts; printable as a PDF."""

from odoo import http
from odoo.http import content_disposition, request

CHANNELS_REPORT = "customer_quality.cq_channels_report_action"


class ChannelsPage(http.Controller):
    def _cq_company(self, company_id):
        if company_id is None:
            return request.env.company
        company = request.env["res.company"].sudo().browse(company_id).exists()
        if not company:
            raise request.not_found()
        return company

    @http.route(["/pqrs/channels", "/pqrs/channels/<int:company_id>"], type="http", auth="public",
                methods=["GET"], website=True, sitemap=True)
    def pqrs_channels(self, company_id=None, **kw):
        company = self._cq_company(company_id)
        return request.render("customer_quality.pqrs_channels_page", company._cq_channels_values())

    @http.route(["/pqrs/channels/pdf", "/pqrs/channels/<int:company_id>/pdf"], type="http", auth="public",
                methods=["GET"], website=True, sitemap=False)
    def pqrs_channels_pdf(self, company_id=None, **kw):
        """The same page as a PDF, in the visitor's language."""
        company = self._cq_company(company_id)
        report = request.env["ir.actions.report"].sudo().with_company(company).with_context(lang=request.env.lang)
        content, report_type = report._render_qweb_pdf(CHANNELS_REPORT, company.ids, data={"report_type": "pdf"})
        return request.make_response(content, headers=[
            ("Content-Type", "application/pdf" if report_type == "pdf" else "text/html"),
            ("Content-Length", len(content)),
            ("Content-Disposition", content_disposition(f"{company.name}.pdf").replace("attachment", "inline", 1)),
        ])
