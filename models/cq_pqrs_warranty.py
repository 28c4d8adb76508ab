from dateutil.relativedelta import relativedelta
from pytz import UTC, timezone

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CqPqrs(models.Model):
    """Warranty: the order line or customer invoice line a case is about, the
    order, invoice and product it names, and the warranty of that line (from
    the order or invoice date, for the months of the contract or product)."""

    _inherit = "cq.pqrs"

    sale_line_id = fields.Many2one(
        "sale.order.line", string="Order Line", check_company=True, index="btree_not_null",
        domain="[('order_id.partner_id', 'child_of', commercial_partner_id), ('state', '=', 'sale')]",
        groups="base.group_user",
    )
    invoice_line_id = fields.Many2one(
        "account.move.line", string="Invoice Line", check_company=True, index="btree_not_null",
        domain="[('move_id.move_type', '=', 'out_invoice'), ('move_id.state', '=', 'posted'), "
        "('display_type', '=', 'product'), ('move_id.partner_id', 'child_of', commercial_partner_id)]",
        groups="base.group_user",
    )
    warranty_start = fields.Date(
        compute="_compute_warranty", store=True, precompute=True, string="Warranty From",
        groups="base.group_user",
    )
    warranty_expiry = fields.Date(compute="_compute_warranty", store=True, precompute=True, string="Warranty Until")
    under_warranty = fields.Boolean(
        compute="_compute_warranty", store=True, precompute=True, string="Under Warranty",
        help="The case was received on or before the last day of the warranty.",
    )
    sale_order_id = fields.Many2one(
        compute="_compute_line_documents", store=True, readonly=False, precompute=True,
    )
    invoice_id = fields.Many2one(
        compute="_compute_line_documents", store=True, readonly=False, precompute=True,
    )
    product_id = fields.Many2one(
        compute="_compute_product_id", store=True, readonly=False, precompute=True,
    )

    @api.model
    def _cq_company_tz(self, company):
        """The time zone of the company's working calendar (without loading its working time)."""
        calendar = company.resource_calendar_id
        return calendar._cq_tz() if calendar else timezone(company.partner_id.tz or "UTC")

    @api.model
    def _cq_warranty_dates(self, line):
        """(start, last day) of the warranty of a sale order line or a customer invoice line: it starts
        on the order date (invoice date) and lasts the months of the document's contract, else of the
        product. The last day is False without a warranty term. The one rule for cases and the portal
        form; reads only prefetchable fields, so a loop over lines costs no query per line."""
        if not line:
            return False, False
        if line._name == "sale.order.line":
            document = line.order_id
            # the day of the order where the company works, as the day of reception of a case
            start = UTC.localize(document.date_order).astimezone(self._cq_company_tz(document.company_id)).date()
        else:
            document = line.move_id
            start = document.invoice_date
        months = document.cq_contract_id.warranty_months or line.product_id.cq_warranty_months
        if not months or not start:
            return start, False
        return start, start + relativedelta(months=months, days=-1)

    @api.depends(
        "sale_line_id", "invoice_line_id", "date_received",
        "sale_line_id.product_id.cq_warranty_months", "invoice_line_id.product_id.cq_warranty_months",
        "sale_line_id.order_id.date_order", "sale_line_id.order_id.cq_contract_id.warranty_months",
        "invoice_line_id.move_id.invoice_date", "invoice_line_id.move_id.cq_contract_id.warranty_months",
    )
    def _compute_warranty(self):
        for case in self:
            line = case.sale_line_id or case.invoice_line_id
            start, expiry = self._cq_warranty_dates(line) if case.date_received else (False, False)
            case.warranty_start, case.warranty_expiry = start, expiry
            # received on or before the last day, in the company's time zone
            case.under_warranty = bool(expiry) and (
                UTC.localize(case.date_received).astimezone(self._cq_company_tz(case.company_id)).date() <= expiry
            )

    @api.depends("sale_line_id", "invoice_line_id")
    def _compute_product_id(self):
        for case in self:
            line = case.sale_line_id or case.invoice_line_id
            if line.product_id:
                case.product_id = line.product_id

    @api.depends("sale_line_id", "invoice_line_id")
    def _compute_line_documents(self):
        for case in self:
            if case.sale_line_id:
                case.sale_order_id = case.sale_line_id.order_id
            if case.invoice_line_id:
                case.invoice_id = case.invoice_line_id.move_id

    @api.onchange("sale_line_id", "invoice_line_id")
    def _onchange_line_partner(self):
        document = self.sale_line_id.order_id or self.invoice_line_id.move_id
        self.partner_id = self.partner_id or document.partner_id

    @api.constrains("sale_line_id", "invoice_line_id", "partner_id", "type_id")
    def _check_warranty_link(self):
        for case in self:
            customer = case.partner_id.commercial_partner_id
            for line, document in (
                (case.sale_line_id, case.sale_line_id.order_id),
                (case.invoice_line_id, case.invoice_line_id.move_id),
            ):
                if line and document.partner_id.commercial_partner_id != customer:
                    raise ValidationError(
                        self.env._(
                            "%(document)s is not a document of %(customer)s: a case can only be about the "
                            "customer's own orders and invoices.",
                            document=document.display_name,
                            customer=customer.display_name or self.env._("this filer"),
                        )
                    )
            if case.type_id.requires_warranty_link and not (case.sale_line_id or case.invoice_line_id):
                raise ValidationError(
                    self.env._(
                        "A %(type)s names the order line or the invoice line it is about.", type=case.type_id.name
                    )
                )
