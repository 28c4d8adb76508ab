import base64

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL


class CqEstablishment(models.Model):
    """An establishment of the company that keeps its own complaints book
    (Peru's Libro de Reclamaciones, one per establishment): its address, the
    identification code that consolidates all the books of the company, and
    the correlative numbering of its sheets, per year and without gaps."""

    _name = "cq.establishment"
    _description = "Establishment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "company_id, sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Address", check_company=True, tracking=True,
        default=lambda self: self.env.company.partner_id,
        help="Where the establishment is: printed on its complaint sheets.",
    )
    user_id = fields.Many2one(
        "res.users", string="Book Keeper", tracking=True, default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        help="Who keeps this establishment's complaints book: reminded to report its sheets every month when "
        "the company reports them.",
    )
    book_code = fields.Char(
        string="Book Code", required=True, size=20, tracking=True,
        help="The identification code of this establishment's complaints book, which consolidates all the "
        "company's books in one register. It begins the number of each sheet.",
    )
    book_sequence_id = fields.Many2one(
        "ir.sequence", string="Sheet Numbering", readonly=True, copy=False, ondelete="restrict",
        help="The correlative number of the sheets of this book: per year, without gaps.",
    )
    pqrs_count = fields.Integer(string="Sheets Filed", compute="_compute_pqrs_count")
    book_url = fields.Char(
        string="Book Page", compute="_compute_book_url",
        help="The public page of this establishment's complaints book, where consumers file their sheets.",
    )

    _sql_constraints = [
        ("book_code_company_unique", "unique(company_id, book_code)",
         "Each establishment of a company has its own book code."),
    ]

    @api.constrains("book_code")
    def _check_book_code(self):
        for establishment in self:
            code = establishment.book_code or ""
            if not code.strip() or not all(char.isalnum() or char in "-_" for char in code):
                raise ValidationError(
                    self.env._("A book code has letters, digits, hyphens or underscores only: %(code)s.", code=code)
                )

    def _compute_pqrs_count(self):
        counts = dict(self.env["cq.pqrs"]._read_group(
            [("establishment_id", "in", self.ids)], ["establishment_id"], ["__count"]
        ))
        for establishment in self:
            establishment.pqrs_count = counts.get(establishment, 0)

    def _compute_book_url(self):
        for establishment in self:
            establishment.book_url = (
                f"{establishment.get_base_url()}/pqrs/book/{establishment.id}" if establishment.id else False
            )

    def _cq_book_types(self):
        """The types a consumer files in this establishment's book (a claim, a complaint)."""
        self.ensure_one()
        return self.env["cq.pqrs.type"].sudo().search(
            [("is_book_sheet", "=", True), ("company_id", "=", self.company_id.id)], order="sequence, id"
        )

    def _cq_address_line(self):
        """The establishment's address on one line, as its sheets and notice print it."""
        self.ensure_one()
        partner = self.partner_id or self.company_id.partner_id
        lines = partner._display_address(without_company=True).splitlines()
        return ", ".join(" ".join(line.split()) for line in lines if line.strip())

    def _cq_book_qr(self):
        """The QR code of the book's page, as an image the printed notice embeds."""
        self.ensure_one()
        png = self.env["ir.actions.report"].barcode("QR", self.book_url, width=360, height=360, quiet=0)
        return "data:image/png;base64," + base64.b64encode(png).decode()

    def action_open_book_page(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": f"/pqrs/book/{self.id}", "target": "new"}

    def _prepare_book_sequence_values(self):
        self.ensure_one()
        return {
            "name": self.env._("Complaints book %(code)s", code=self.book_code),
            "code": f"cq.establishment.{self.book_code}",
            "prefix": f"{self.book_code}-%(range_year)s-",
            "padding": 6,
            "use_date_range": True,
            # without gaps: a number is drawn under a row lock, so two workers never share one nor skip one
            "implementation": "no_gap",
            "company_id": self.company_id.id,
        }

    @api.model_create_multi
    def create(self, vals_list):
        establishments = super().create(vals_list)
        for establishment in establishments:
            establishment.book_sequence_id = self.env["ir.sequence"].sudo().create(
                establishment._prepare_book_sequence_values()
            )
        return establishments

    def write(self, vals):
        if "book_code" in vals and any(establishment.pqrs_count for establishment in self):
            raise UserError(self.env._("The book code of an establishment with sheets cannot change."))
        if "company_id" in vals and any(establishment.pqrs_count for establishment in self):
            raise UserError(self.env._("An establishment with sheets cannot move to another company."))
        res = super().write(vals)
        if "book_code" in vals:
            for establishment in self.filtered("book_sequence_id"):
                establishment.book_sequence_id.sudo().write(establishment._prepare_book_sequence_values())
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_sheets(self):
        if any(establishment.pqrs_count for establishment in self):
            raise UserError(self.env._("An establishment with sheets keeps its history: archive it instead."))

    def _cq_draw_sheet_number(self, day):
        """The next sheet number of this establishment's book on `day` (the
        filing date). One sheet at a time per book: the first sheet of a year
        also opens the year's range, which Odoo does without a lock, so two
        workers could both open one and both draw number 1. Writing the book's
        sequence row first makes a second worker wait for the first, then fail
        to serialize and be retried (as Odoo retries a request), with a
        snapshot that sees the range and the number drawn."""
        self.ensure_one()
        sequence = self.book_sequence_id.sudo()
        self.env.cr.execute(SQL("UPDATE ir_sequence SET number_next = number_next WHERE id = %s", sequence.id),
                            log_exceptions=False)
        return sequence.next_by_id(sequence_date=day)

    def action_view_pqrs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("customer_quality.cq_pqrs_action")
        action.update({
            "domain": [("establishment_id", "=", self.id)],
            "context": {"default_establishment_id": self.id, "default_company_id": self.company_id.id},
        })
        return action

    # ------------------------------------------------------------------
    # The monthly reminder to report the sheets (companies that report them)
    # ------------------------------------------------------------------
    @api.model
    def _cron_cq_book_report_reminder(self):
        """Remind the keeper of each establishment of a reporting company, once
        a month, to export and report the sheets of the month before. Safe to
        run twice: an establishment already reminded for the month is skipped."""
        today = fields.Date.context_today(self)
        month_start = today.replace(day=1)
        previous_end = month_start - relativedelta(days=1)
        previous_start = previous_end.replace(day=1)
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        deadline = month_start + relativedelta(days=14)
        establishments = self.search([("company_id.cq_book_report_obliged", "=", True), ("user_id", "!=", False)])
        reminded = set(self.env["mail.activity"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", establishments.ids),
            ("activity_type_id", "=", activity_type.id), ("date_deadline", "=", deadline),
        ]).mapped("res_id"))
        for establishment in establishments.filtered(lambda e: e.id not in reminded):
            keeper = establishment.user_id
            translated = establishment.with_context(lang=keeper.lang or self.env.lang).env
            establishment.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=deadline,
                summary=translated._("Report the complaint sheets (SIREC): %(month)s",
                                     month=previous_start.strftime("%Y-%m")),
                note=translated._(
                    "Export the sheets filed from %(start)s to %(end)s (Complaints Book Report) and report them.",
                    start=previous_start, end=previous_end,
                ),
                user_id=keeper.id,
            )
