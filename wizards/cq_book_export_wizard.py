import base64
import csv
import io

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext


class CqBookExportWizard(models.TransientModel):
    """The sheets of the complaints books filed in a period, one row a sheet
    with every field of the sheet, for the consumer authority's reporting
    system (the README maps the columns; the system's own bulk layout could
    not be confirmed) or an audit."""

    _name = "cq.book.export.wizard"
    _description = "Export Complaint Sheets"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    date_from = fields.Date(string="From", required=True, default=lambda self: self._default_dates()[0])
    date_to = fields.Date(string="To", required=True, default=lambda self: self._default_dates()[1])
    establishment_ids = fields.Many2many(
        "cq.establishment", string="Establishments", domain="[('company_id', '=', company_id)]",
        help="Empty: every establishment of the company.",
    )
    file_data = fields.Binary(string="File", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @api.model
    def _default_dates(self):
        """The month before this one, the period usually reported."""
        first = fields.Date.context_today(self).replace(day=1)
        return first - relativedelta(months=1), first - relativedelta(days=1)

    def _cq_sheets(self):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period ends before it begins."))
        domain = [
            ("company_id", "=", self.company_id.id), ("establishment_id", "!=", False),
            ("date_radicated", ">=", self.date_from), ("date_radicated", "<=", self.date_to),
        ]
        if self.establishment_ids:
            domain.append(("establishment_id", "in", self.establishment_ids.ids))
        return self.env["cq.pqrs"].search(domain, order="establishment_id, book_number, id")

    def _cq_columns(self):
        """(heading, value of a sheet) in the order of the sheet's sections."""
        _ = self.env._
        case_fields = self.env["cq.pqrs"]._fields

        def label(case, name):
            return dict(case_fields[name]._description_selection(self.env)).get(case[name], "") if case[name] else ""

        company = self.company_id
        in_company_tz = self.with_context(tz=company.resource_calendar_id.tz or company.partner_id.tz or "UTC")

        def local(moment):
            return fields.Datetime.context_timestamp(in_company_tz, moment).strftime("%Y-%m-%d %H:%M") if moment else ""

        return [
            (_("Book Code"), lambda c: c.establishment_id.book_code),
            (_("Establishment"), lambda c: c.establishment_id.name),
            (_("Establishment Address"), lambda c: c.establishment_id._cq_address_line()),
            (_("Sheet Number"), lambda c: c.book_number or ""),
            (_("Date and Time"), lambda c: local(c.date_received)),
            (_("Filing Number"), lambda c: c.name),
            (_("Consumer"), lambda c: c.filer_name or c.partner_id.name or ""),
            (_("Document Type"), lambda c: label(c, "filer_document_type")),
            (_("Document Number"), lambda c: c.filer_document or ""),
            (_("Address"), lambda c: c.filer_address or ""),
            (_("Phone"), lambda c: c.filer_phone or ""),
            (_("Email"), lambda c: c.email_from or ""),
            (_("Minor"), lambda c: _("Yes") if c.filer_is_minor else _("No")),
            (_("Parent or Guardian"), lambda c: c.guardian_name or ""),
            (_("Product or Service"), lambda c: label(c, "claimed_item_kind")),
            (_("Contracted Good"), lambda c: c.claimed_item or ""),
            (_("Amount Claimed"), lambda c: f"{c.amount_claimed:.2f}" if c.amount_claimed else ""),
            (_("Currency"), lambda c: c.amount_currency_id.name or ""),
            (_("Claim or Complaint"), lambda c: c.type_id.name),
            (_("Detail"), lambda c: html2plaintext(c.description or "").strip()),
            (_("Consumer's Request"), lambda c: c.remedy_sought or ""),
            (_("Due Date"), lambda c: str(c.date_due or "")),
            (_("Answered On"), lambda c: local(c.date_answered)),
            (_("Supplier's Observations and Actions"), lambda c: html2plaintext(c.answer or "").strip()),
            (_("Agreement on the Spot"), lambda c: c.book_agreement or ""),
            (_("Status"), lambda c: c.stage_id.name),
            (_("Ending"), lambda c: label(c, "ending")),
        ]

    def _cq_csv(self, sheets):
        columns = self._cq_columns()
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow([heading for heading, _value in columns])
        for sheet in sheets:
            writer.writerow([value(sheet) for _heading, value in columns])
        # with a byte-order mark: spreadsheets read the accents right
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")

    def action_export(self):
        self.ensure_one()
        sheets = self._cq_sheets()
        self.write({
            "file_data": base64.b64encode(self._cq_csv(sheets)),
            "file_name": f"sheets_{self.company_id.vat or self.company_id.id}_{self.date_from}_{self.date_to}.csv",
        })
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file_data/{self.file_name}?download=true",
            "target": "download",
        }
