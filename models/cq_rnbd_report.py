import csv
import io
from datetime import date

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from . import cq_legal_term as legal_term
from .cq_legal_pack import REGULATORY_REPORTS

HALVES = [("1", "January–June"), ("2", "July–December")]


class CqRnbdReport(models.Model):
    """The report of the data protection claims the holders filed in one
    period (a half-year), as the registry of the company's country asks for
    it (cq_legal_pack.py: REGULATORY_REPORTS): counted per claim type,
    detail and database from the cases in SQL, a zero report included;
    downloaded as CSV and printed; frozen once reported. Created by the
    reminder job when the reporting window opens (once per company and
    period), or by hand."""

    _name = "cq.rnbd.report"
    _description = "Data Protection Claims Report"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc, half desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company, readonly=True,
    )
    year = fields.Integer(required=True, default=lambda self: self._default_period()[0], tracking=True)
    half = fields.Selection(
        HALVES, string="Half-Year", required=True, default=lambda self: self._default_period()[1], tracking=True
    )
    date_from = fields.Date(string="From", compute="_compute_period", store=True)
    date_to = fields.Date(string="To", compute="_compute_period", store=True)
    date_due = fields.Date(string="Report By", compute="_compute_period", store=True)
    legal_basis = fields.Text(compute="_compute_legal_basis")
    state = fields.Selection(
        [("draft", "To Report"), ("reported", "Reported")], default="draft", required=True, tracking=True
    )
    date_reported = fields.Date(string="Reported On", readonly=True, copy=False, tracking=True)
    line_ids = fields.One2many("cq.rnbd.report.line", "report_id", string="Counts", readonly=True)
    claim_count = fields.Integer(string="Claims", compute="_compute_counts", store=True)
    unclassified_count = fields.Integer(string="Unclassified Claims", compute="_compute_counts", store=True)
    date_counted = fields.Datetime(string="Counted On", readonly=True, copy=False)

    _sql_constraints = [
        ("period_unique", "unique(company_id, year, half)", "A company has one report per half-year."),
    ]

    @api.constrains("year", "half")
    def _check_period_over(self):
        today = fields.Date.context_today(self)
        for report in self:
            if report.date_to >= today:
                raise ValidationError(self.env._(
                    "The half-year %(period)s is not over yet: its claims are reported once it has ended.",
                    period=report.name,
                ))

    @api.model
    def _default_period(self, today=None):
        """(year, half) of the half-year before the one of `today`."""
        today = today or fields.Date.context_today(self)
        last = today.replace(day=1) - relativedelta(months=(today.month - 1) % 6 + 1)
        return last.year, "1" if last.month <= 6 else "2"

    @api.depends("year", "half")
    def _compute_name(self):
        for report in self:
            report.name = f"{report.year}-{report.half}" if report.year and report.half else False

    @api.depends("year", "half", "company_id")
    def _compute_period(self):
        for report in self:
            if not (report.year and report.half):
                report.date_from = report.date_to = report.date_due = False
                continue
            report.date_from = date(report.year, 1 if report.half == "1" else 7, 1)
            report.date_to = report.date_from + relativedelta(months=6, days=-1)
            report.date_due = report._cq_window()[1]

    def _cq_schedule(self):
        self.ensure_one()
        return REGULATORY_REPORTS.get(self.company_id.country_id.code)

    def _cq_window(self):
        """(first day, last day) of the reporting window of this period: the
        term engine on the company's business calendar."""
        self.ensure_one()
        schedule = self._cq_schedule() or REGULATORY_REPORTS["CO"]
        opens = self.date_to + relativedelta(months=schedule["report_month_offset"])
        bcal = self.company_id._cq_business_calendar([opens])
        return legal_term.month_window(bcal, opens.year, opens.month, schedule["amount"], schedule["unit"])

    @api.depends("company_id")
    @api.depends_context("lang")
    def _compute_legal_basis(self):
        spanish = (self.env.lang or "").startswith("es")
        for report in self:
            schedule = report._cq_schedule() or {}
            report.legal_basis = schedule.get("legal_basis" if spanish else "legal_basis_en", False)

    @api.depends("line_ids.count", "line_ids.claim_type_id")
    def _compute_counts(self):
        for report in self:
            report.claim_count = sum(report.line_ids.mapped("count"))
            report.unclassified_count = sum(report.line_ids.filtered(lambda l: not l.claim_type_id).mapped("count"))

    def _cq_claims_domain(self):
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id),
            ("type_id.rnbd_reported", "=", True),
            ("date_radicated", ">=", self.date_from),
            ("date_radicated", "<=", self.date_to),
            ("state", "!=", "cancelled"),
        ]

    def _cq_claims(self):
        """The cases counted in this report."""
        self.ensure_one()
        return self.env["cq.pqrs"].search(self._cq_claims_domain(), order="date_radicated, id")

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_count(self):
        """Count the period's claims per type, detail and database (SQL)."""
        for report in self:
            if report.state != "draft":
                raise UserError(self.env._("%(report)s is reported: its figures are frozen.", report=report.name))
            groups = self.env["cq.pqrs"]._read_group(
                report._cq_claims_domain(),
                ["rnbd_claim_type_id", "rnbd_claim_detail_id", "rnbd_database_id"], ["__count"],
            )
            report.line_ids.unlink()
            self.env["cq.rnbd.report.line"].create([
                {"report_id": report.id, "claim_type_id": claim_type.id, "claim_detail_id": detail.id,
                 "database_id": database.id, "count": count}
                for claim_type, detail, database, count in groups
            ])
            report.date_counted = fields.Datetime.now()
        return True

    def action_mark_reported(self):
        for report in self:
            if report.state != "draft":
                continue
            if not report.date_counted:
                raise UserError(self.env._("Count the claims of %(report)s before reporting it.", report=report.name))
            if report.unclassified_count:
                raise UserError(self.env._(
                    "%(count)s claims of %(report)s have no claim type: classify them and count again.",
                    count=report.unclassified_count, report=report.name,
                ))
            report.write({"state": "reported", "date_reported": fields.Date.context_today(report)})
            report.activity_ids.action_feedback(feedback=self.env._("Reported."))
        return True

    def action_reset_draft(self):
        self.filtered(lambda r: r.state == "reported").write({"state": "draft", "date_reported": False})
        return True

    def action_view_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("customer_quality.cq_pqrs_action")
        action.update({"domain": self._cq_claims_domain(), "context": {}, "name": self.env._("Reported Claims")})
        return action

    def action_download_csv(self):
        """The report as a CSV file in the company's language (a zero line when
        there were no claims), saved on the report and downloaded."""
        self.ensure_one()
        if not self.date_counted:
            self.action_count()
        attachment = self.env["ir.attachment"].create({
            "name": f"rnbd-{self.company_id.vat or self.company_id.id}-{self.name}.csv",
            "res_model": self._name,
            "res_id": self.id,
            "raw": self._cq_csv().encode("utf-8-sig"),
            "mimetype": "text/csv",
        })
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    def _cq_csv(self):
        self.ensure_one()
        report = self.with_context(lang=self.company_id.partner_id.lang or self.env.lang)
        _ = report.env._
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow([_("Year"), _("Half-Year"), _("Database"), _("Registration Number"),
                         _("Claim Type"), _("Type Code"), _("Detail"), _("Detail Code"), _("Claims")])
        half = dict(report._fields["half"]._description_selection(report.env))[report.half]
        for line in report.line_ids:
            writer.writerow([
                report.year, half, line.database_id.name or "", line.database_id.registry_number or "",
                line.claim_type_id.name or _("Unclassified"), line.claim_type_id.code or "",
                line.claim_detail_id.name or "", line.claim_detail_id.code or "", line.count,
            ])
        if not report.line_ids:
            writer.writerow([report.year, half, "", "", _("No claims filed"), "", "", "", 0])
        return out.getvalue()

    # ------------------------------------------------------------------
    # Cron: the report of the period is due: created once, its holder reminded
    # ------------------------------------------------------------------
    @api.model
    def _cron_cq_rnbd_reminder(self):
        """For each company that reports its data protection claims, once its
        reporting window is open: create the period's report and give its
        data protection officer an activity due on the window's last day.
        Once per company and period: the unique period of the report makes a
        second run, or a second worker, skip it."""
        today = fields.Date.context_today(self)
        year, half = self._default_period(today)
        for company in self.env["res.company"].search([("cq_rnbd_obliged", "=", True)]):
            if company.country_id.code not in REGULATORY_REPORTS:
                continue
            probe = self.new({"company_id": company.id, "year": year, "half": half})
            opens, closes = probe._cq_window()
            if not opens <= today <= closes:
                continue
            report = self._cq_create_once(company, year, half)
            if report:
                report._cq_remind_officer()

    @api.model
    def _cq_create_once(self, company, year, half):
        """The report of the period, created now, or None when it exists."""
        if self.search_count([("company_id", "=", company.id), ("year", "=", year), ("half", "=", half)]):
            return None
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                return self.with_company(company).create({"company_id": company.id, "year": year, "half": half})
        except IntegrityError:  # another worker created it first
            return None

    def _cq_remind_officer(self):
        self.ensure_one()
        officer = self.company_id.cq_dpo_user_id or self.env.ref("base.user_admin", raise_if_not_found=False)
        if not officer:
            return
        translated = self.with_context(lang=officer.lang or self.env.lang).env
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=self.date_due,
            summary=translated._("Report the data protection claims of %(period)s", period=self.name),
            note=translated._(
                "Count the claims filed from %(start)s to %(end)s, check their classification, download the "
                "file and report it to the registry by %(due)s, even if there were none; then mark the report "
                "as reported.",
                start=self.date_from, end=self.date_to, due=self.date_due,
            ),
            user_id=officer.id,
        )
