import secrets
from collections import defaultdict
from datetime import datetime, timedelta

from odoo import Command, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.base.models.res_partner import _lang_get

from . import cq_legal_term as legal_term

OPEN_STATES = ("new", "analysis", "waiting")
DONE_STATES = ("answered", "closed")
# still handled: open, or answered and not closed (a merge keeps such a case, a review may be asked in it)
HANDLED_STATES = (*OPEN_STATES, "answered")
CRON_BATCH = 200
# the default order of the staff's list and kanban views (cq_pqrs_views.xml), read through an index
STAFF_ORDER = "is_emergency desc, priority desc, date_due, id desc"
LOOKUP_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class CqPqrs(models.Model):
    _name = "cq.pqrs"
    _description = "PQRS Case"
    _inherit = ["portal.mixin", "rating.mixin", "mail.thread", "mail.activity.mixin"]
    # priority is the staff's (internal assessment): the staff's lists and kanban sort by it first
    # (their default_order, STAFF_ORDER), the portal cannot
    _order = "is_emergency desc, date_due, id desc"
    _check_company_auto = True
    _mail_post_access = "read"
    _primary_email = "email_from"
    # The fields a portal user reads (RPC included): what the portal list and case page and the
    # public pages show, what their searches and sorting use (_order) and what core's
    # portal, rating and mail mixins expose, as on sale.order. Every other field is
    # groups="base.group_user": the case page shows the answer, its outcome and files once sent,
    # and the visits, from the sudo record. tests/test_portal_fields.py holds the model to it.
    _cq_portal_fields = frozenset({
        "id", "display_name", "create_date", "create_uid", "write_date", "write_uid",
        "name", "subject", "description", "type_id", "stage_id", "state", "partner_id",
        "commercial_partner_id", "company_id", "email_from", "is_emergency", "emergency_phone",
        "date_received", "date_radicated", "term_days", "term_hours", "term", "term_unit", "date_due",
        "date_deadline", "ending", "remedy_sought", "decision_acceptance", "decision_reason", "date_decision",
        "sale_order_id", "invoice_id", "product_id", "warranty_expiry", "under_warranty", "technical_service",
        # the supervisor's review, as the portal and tracking pages show it
        "review_state", "review_requested_at", "review_due", "review_outcome", "date_reviewed",
        # a merged case points to the case kept
        "merged_into_id",
        # portal.mixin, rating.mixin, mail.thread
        "access_url", "access_token", "access_warning", "rating_count", "rating_percentage_satisfaction",
        "has_message", "message_ids", "website_message_ids", "message_is_follower", "message_needaction",
        "message_needaction_counter", "message_has_error", "message_has_error_counter", "message_has_sms_error",
    })

    name = fields.Char(
        string="Filing Number", readonly=True, copy=False, index="trigram", default="/",
        help="Radicado: the number given to the case when it is filed.",
    )
    subject = fields.Char(required=True, tracking=True)
    description = fields.Html()
    type_id = fields.Many2one(
        "cq.pqrs.type", string="Type", required=True, tracking=True, ondelete="restrict",
        index=True, context={"active_test": False},
    )
    requires_root_cause = fields.Boolean(related="type_id.requires_root_cause", groups="base.group_user")
    is_emergency = fields.Boolean(related="type_id.is_emergency", store=True, precompute=True, string="Emergency")
    term_hours = fields.Integer(string="Term (hours)", readonly=True, copy=False)
    response_hours = fields.Float(
        string="Response Time (hours)", readonly=True, copy=False, digits=(16, 2), aggregator="avg",
        groups="base.group_user",
    )
    channel = fields.Selection(
        [
            ("portal", "Portal"),
            ("web_form", "Web Form"),
            ("email", "Email"),
            ("phone", "Phone"),
            ("in_person", "In Person"),
            ("call_center", "Call Center"),
            ("social_media", "Social Media"),
        ],
        required=True, default="phone", tracking=True, index=True,
        groups="base.group_user",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", tracking=True, index=True, check_company=True
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, precompute=True, index=True,
        string="Customer Company",
    )
    filer_name = fields.Char(string="Filer Name", tracking=True, groups="base.group_user")
    email_from = fields.Char(string="Filer Email", tracking=True)
    filer_phone = fields.Char(string="Filer Phone", groups="base.group_user")
    lang = fields.Selection(
        _lang_get, string="Filer Language", compute="_compute_lang", store=True, readonly=False,
        precompute=True, groups="base.group_user",
        help="Every email and letter to the filer is written in this language: the language of the "
        "page the case was filed on, else the customer's, else the company's.",
    )
    is_anonymous = fields.Boolean(string="Anonymous", readonly=True, copy=False, groups="base.group_user")
    consent_date = fields.Datetime(
        string="Personal Data Consent", readonly=True, copy=False,
        help="When the filer accepted the processing of personal data (the consent text of the public form).",
        groups="base.group_user",
    )
    matched_partner_id = fields.Many2one(
        "res.partner", string="Matching Contact", readonly=True, copy=False,
        help="A contact whose email matches the filer's. Link the case to it only if it is the "
        "same person: nothing is merged automatically.",
        groups="base.group_user",
    )
    lookup_code = fields.Char(
        readonly=True, copy=False, groups="customer_quality.group_cq_user",
        help="Secret code given to the filer: with the filing number it shows the case on the "
        "public tracking page.",
    )
    filer_document = fields.Char(string="Filer ID Document", groups="base.group_user")
    # what the case is about; cq_pqrs_warranty.py computes them from the order or invoice line
    sale_order_id = fields.Many2one(
        "sale.order", string="Sales Order", check_company=True,
        domain="[('partner_id', 'child_of', commercial_partner_id)]",
    )
    invoice_id = fields.Many2one(
        "account.move", string="Invoice", check_company=True,
        domain="[('move_type', 'in', ('out_invoice', 'out_refund')), "
        "('partner_id', 'child_of', commercial_partner_id)]",
    )
    product_id = fields.Many2one(
        "product.product", string="Product", check_company=True, index="btree_not_null",
        help="The product the case is about; the product of its order or invoice line when it names one.",
    )
    team_id = fields.Many2one(
        "cq.pqrs.team", string="Team", tracking=True, check_company=True,
        groups="base.group_user",
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", tracking=True, check_company=True, index=True,
        default=lambda self: self.env.user if not self.env.user.share else False,
        domain="[('share', '=', False)]",
        groups="base.group_user",
    )
    priority = fields.Selection(
        [("0", "Normal"), ("1", "High"), ("2", "Urgent")], default="0", tracking=True, index=True,
        groups="base.group_user",
    )
    stage_id = fields.Many2one(
        "cq.pqrs.stage", string="Stage", tracking=True, index=True, copy=False,
        group_expand="_read_group_stage_ids", ondelete="restrict",
        default=lambda self: self._default_stage(),
    )
    state = fields.Selection(related="stage_id.state", store=True, precompute=True, index=True, string="Status")
    # a new case has no rating yet: computed before the INSERT, so that filing writes each case once
    rating_last_value = fields.Float(compute="_compute_rating_last_value", store=True, precompute=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    color = fields.Integer(groups="base.group_user")
    kanban_state = fields.Selection(
        [("normal", "In Progress"), ("done", "Ready"), ("blocked", "Blocked")], default="normal",
        groups="base.group_user",
    )

    # filing facts, written once when the case is filed
    date_received = fields.Datetime(
        string="Received", required=True, default=fields.Datetime.now, tracking=True,
        help="Date and time the case was received, whatever the channel.",
    )
    date_radicated = fields.Date(
        string="Filing Date", readonly=True, copy=False, index=True,
        help="Received on a business day before the end of working hours: that day; "
        "otherwise the next business day.",
    )
    term_days = fields.Integer(string="Term (business days)", readonly=True, copy=False)
    # the type's term when the case was filed, frozen (term_days / term_hours repeat it for their units)
    term = fields.Integer(string="Legal Term", readonly=True, copy=False)
    term_unit = fields.Selection(legal_term.TERM_UNITS, string="Term Unit", readonly=True, copy=False)
    date_due_original = fields.Date(
        string="Original Due Date", readonly=True, copy=False,
        groups="base.group_user",
    )
    date_due = fields.Date(string="Due Date", readonly=True, copy=False, tracking=True, index=True)
    date_deadline = fields.Datetime(
        string="Due at", readonly=True, copy=False, index=True,
        help="End of the working hours of the due date.",
    )
    date_escalation = fields.Date(
        string="Escalation Date", readonly=True, copy=False, index=True,
        groups="base.group_user",
    )
    term_state = fields.Selection(
        [("on_time", "On Time"), ("at_risk", "At Risk"), ("overdue", "Overdue")],
        string="Term", default="on_time", readonly=True, copy=False, index=True, tracking=True,
        groups="base.group_user",
    )
    escalation_level = fields.Integer(readonly=True, copy=False, default=0, groups="base.group_user")
    ack_pending = fields.Boolean(readonly=True, copy=False, groups="base.group_user")

    # suspension and extension (the type's legal steps)
    suspended_since = fields.Datetime(readonly=True, copy=False, groups="base.group_user")
    suspended_days = fields.Integer(
        string="Suspended Business Days", readonly=True, copy=False,
        groups="base.group_user",
    )
    extension_count = fields.Integer(readonly=True, copy=False, groups="base.group_user")
    extension_days = fields.Integer(
        string="Extension (business days)", readonly=True, copy=False,
        groups="base.group_user",
    )
    extension_term = fields.Integer(
        string="Extension", readonly=True, copy=False, groups="base.group_user",
        help="All the extensions of the term together, in the extension unit.",
    )
    extension_unit = fields.Selection(
        legal_term.TERM_UNITS, string="Extension Unit", readonly=True, copy=False, groups="base.group_user",
    )
    extension_reason = fields.Text(readonly=True, copy=False, groups="base.group_user")
    extension_available = fields.Boolean(
        compute="_compute_extension_available", groups="base.group_user",
        help="The type's extension rule leaves an extension to this case.",
    )

    # answer
    answer = fields.Html(copy=False, groups="base.group_user")
    answer_attachment_ids = fields.Many2many(
        "ir.attachment", "cq_pqrs_answer_attachment_rel", "pqrs_id", "attachment_id",
        string="Answer Attachments", copy=False,
        groups="base.group_user",
    )
    date_answered = fields.Datetime(string="Answered", copy=False, tracking=True, groups="base.group_user")
    answered_on_time = fields.Boolean(readonly=True, copy=False, groups="base.group_user")
    response_days = fields.Integer(
        string="Response Time (business days)", readonly=True, copy=False, aggregator="avg",
        groups="base.group_user",
    )
    root_cause_id = fields.Many2one(
        "cq.pqrs.root.cause", string="Root Cause", tracking=True,
        groups="base.group_user",
    )
    root_cause_analysis = fields.Text(string="Root-Cause Analysis", groups="base.group_user")
    date_closed = fields.Datetime(string="Closed", readonly=True, copy=False, groups="base.group_user")
    reopen_count = fields.Integer(string="Reopenings", readonly=True, copy=False, groups="base.group_user")
    cancel_reason = fields.Text(readonly=True, copy=False, groups="base.group_user")
    action_plan_ids = fields.One2many(
        "cq.action.plan", "pqrs_id", string="Action Plans",
        groups="base.group_user",
    )
    action_plan_count = fields.Integer(compute="_compute_action_plan_count", groups="base.group_user")
    # mail.activity.mixin computes these from the activities, which are for employees only
    activity_exception_decoration = fields.Selection(groups="base.group_user")
    activity_exception_icon = fields.Char(groups="base.group_user")
    activity_type_icon = fields.Char(groups="base.group_user")

    # ------------------------------------------------------------------
    # Defaults and helpers
    # ------------------------------------------------------------------
    def init(self):
        """The indexes of cq_pqrs: the case's own, then the features' (each
        kept beside the queries it serves), in the order written here."""
        res = super().init()
        self._cq_index_orders()
        self._cq_index_acknowledgement_queue()  # cq_pqrs_acknowledgement.py
        self._cq_index_answer_queue()  # cq_pqrs_answer_letter.py
        self._cq_index_completion_queue()  # cq_pqrs_withdrawal.py
        self._cq_index_transfer_warnings()  # cq_pqrs_transfer.py
        self._cq_index_reiterations()  # cq_pqrs_reiteration.py
        self._cq_index_retention()  # cq_pqrs_retention.py
        return res

    def _cq_index_orders(self):
        # the lists and the kanban (grouped by stage) read the first rows in their default order: with these
        # indexes PostgreSQL stops after them instead of sorting every case (Odoo sorts booleans
        # as COALESCE(field, FALSE))
        order = SQL("(COALESCE(is_emergency, FALSE)) DESC, priority DESC, date_due, id DESC")
        self.env.cr.execute(SQL("CREATE INDEX IF NOT EXISTS cq_pqrs_order_idx ON cq_pqrs (%s)", order))
        self.env.cr.execute(SQL("CREATE INDEX IF NOT EXISTS cq_pqrs_stage_order_idx ON cq_pqrs (stage_id, %s)", order))
        # the model's order (searches without one: the portal, RPC)
        self.env.cr.execute(SQL(
            "CREATE INDEX IF NOT EXISTS cq_pqrs_default_order_idx ON cq_pqrs "
            "((COALESCE(is_emergency, FALSE)) DESC, date_due, id DESC)"
        ))

    def _default_stage(self):
        return self.env["cq.pqrs.stage"].search([("state", "=", "new")], limit=1)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([], order=stages._order)

    def _stage_for(self, state):
        stage = self.env["cq.pqrs.stage"].search([("state", "=", state)], limit=1)
        if not stage:
            raise UserError(self.env._("No PQRS stage is configured for this step."))
        return stage

    def _business_calendars(self, moments):
        """{company: its business calendar around `moments`} for the companies of these cases."""
        return {company: company._cq_business_calendar(moments) for company in self.company_id}

    @api.depends("partner_id")
    def _compute_lang(self):
        # the customer's language when one is set (or changed); a filer without a contact keeps the
        # language the case was filed in
        for case in self:
            case.lang = case.partner_id.lang or case.lang or case._cq_company_lang(case.company_id)

    @api.model
    def _cq_company_lang(self, company):
        return (company or self.env.company).partner_id.lang or "en_US"

    def _cq_filer_lang(self):
        """The language every email and letter to the filer is written in: the
        customer's as it is now, else the language the case was filed in."""
        self.ensure_one()
        return self.partner_id.lang or self.sudo().lang or self._cq_company_lang(self.company_id)

    @api.model
    def _cq_clean_lang(self, vals_list):
        """A filing language Odoo does not have active falls back to the company's."""
        active = None
        for vals in vals_list:
            if vals.get("lang"):
                active = active or {code for code, _name in self.env["res.lang"].get_installed()}
                if vals["lang"] not in active:
                    vals["lang"] = self._cq_company_lang(self.env["res.company"].browse(vals["company_id"]))

    def _get_customer_information(self):
        """The contact Odoo creates for a filer without one (the first email
        to them) carries the filer's name, phone and language, not the email
        address and the sender's language."""
        values = super()._get_customer_information()
        for case in self.filtered("email_from"):
            email = tools.email_normalize(case.email_from)
            if not email:
                continue
            contact = values.setdefault(email, {})
            if case.filer_name:
                contact.setdefault("name", case.filer_name)
            if case.filer_phone:
                contact.setdefault("phone", case.filer_phone)
            contact.setdefault("lang", case._cq_filer_lang())
        return values

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for case in self:
            case.access_url = f"/my/pqrs/{case.id}"
        return res

    def _compute_display_name(self):
        for case in self:
            case.display_name = f"{case.name} {case.subject}" if case.name != "/" else case.subject

    # ------------------------------------------------------------------
    # Create: number, filing date and due date, in batch
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        # the first stage once for the batch, not once per case as a field default
        new_stage = None if "default_stage_id" in self.env.context else self._default_stage().id
        for vals in vals_list:
            vals.setdefault("date_received", now)
            vals.setdefault("company_id", self.env.company.id)
            if new_stage:
                vals.setdefault("stage_id", new_stage)
            vals["lookup_code"] = "".join(secrets.choice(LOOKUP_ALPHABET) for _i in range(10))
            if not self.env.context.get("cq_keep_number"):
                # the filing number comes from the type's sequence only (the mail
                # gateway would put the email subject there)
                vals["name"] = "/"
        self._cq_before_filing(vals_list)
        cases = super().create(vals_list)
        cases._cq_after_filing(vals_list)
        return cases

    # ------------------------------------------------------------------
    # The life cycle: this one create and the one write below call the
    # features' hooks, in the order written here (never the import order)
    # ------------------------------------------------------------------
    @api.model
    def _cq_before_filing(self, vals_list):
        """Before the cases exist, their company and stage set: the filer's
        language is cleaned (this file), an emergency goes to the on-duty team
        (cq_pqrs_emergency.py), an assessment given at filing sets the priority
        (cq_pqrs_assessment.py), the others go to their type's team
        (cq_pqrs_assignment.py); then the term engine gives the filing and due
        dates, the type's sequence the filing number on the filing date (this
        file) and an establishment's book its sheet number
        (cq_pqrs_establishment.py)."""
        self._cq_clean_lang(vals_list)
        self._cq_route_emergencies(vals_list)
        self._cq_assess_filing(vals_list)
        self._cq_assign_team(vals_list)
        self._prepare_filing_values(vals_list)
        self._cq_number_values(vals_list)
        self._cq_number_book_sheets(vals_list)

    def _cq_after_filing(self, vals_list):
        """Once the cases (self, in the order of vals_list) are filed: a
        critical or safety case alerts its team leader (cq_pqrs_assessment.py),
        the acknowledgement job is woken (cq_pqrs_acknowledgement.py), an
        emergency reaches the on-duty team (cq_pqrs_emergency.py), and a
        verbal filing by staff is acknowledged at once (cq_pqrs_verbal_filing.py)."""
        self._cq_alert_filed_assessments(vals_list)
        self._cq_trigger_acknowledgements()
        self.filtered("is_emergency")._cq_notify_emergency()
        self._cq_acknowledge_verbal_filings(vals_list)

    @api.model
    def _prepare_filing_values(self, vals_list):
        """Filing date, due date, escalation date of new cases, computed for
        the whole batch with one read of each company's calendar."""
        by_company = defaultdict(list)
        for vals in vals_list:
            vals["date_received"] = fields.Datetime.to_datetime(vals["date_received"])
            by_company[vals["company_id"]].append(vals)
        types = self.env["cq.pqrs.type"].browse({vals.get("type_id") for vals in vals_list} - {None, False})
        types.fetch(["term", "term_unit", "escalation_days"])
        for company_id, company_vals in by_company.items():
            company = self.env["res.company"].browse(company_id)
            bcal = company._cq_business_calendar([vals["date_received"] for vals in company_vals])
            for vals in company_vals:
                pqrs_type = self.env["cq.pqrs.type"].browse(vals.get("type_id"))
                if not pqrs_type:
                    continue
                unit = pqrs_type.term_unit
                filed, dates = legal_term.file_term(
                    bcal, vals["date_received"], pqrs_type.term, unit, pqrs_type.escalation_days
                )
                vals.update(
                    {
                        "date_radicated": filed,
                        "term": pqrs_type.term,
                        "term_unit": unit,
                        "term_days": pqrs_type.term if unit == legal_term.BUSINESS_DAYS else 0,
                        "term_hours": pqrs_type.term if unit == legal_term.HOURS else 0,
                        "date_due": dates.date_due,
                        "date_due_original": dates.date_due,
                        "date_deadline": dates.date_deadline,
                        "date_escalation": dates.date_escalation,
                        "ack_pending": True,
                    }
                )

    def _cq_term_dates(self):
        self.ensure_one()
        return legal_term.TermDates(self.date_due, self.date_deadline, self.date_escalation)

    def _cq_letter_date(self):
        """The date of the answer letter: the day of the answer in the
        company's time zone, never before the filing date (an answer given the
        night a case was received out of hours is dated the day it was filed)."""
        self.ensure_one()
        if not self.date_answered:
            return False
        tz = self.company_id.resource_calendar_id.tz or self.company_id.partner_id.tz or "UTC"
        answered = fields.Datetime.context_timestamp(self.with_context(tz=tz), self.date_answered).date()
        return max(answered, self.date_radicated) if self.date_radicated else answered

    def _cq_dispute_body(self):
        """The company's out-of-court dispute body, when the case's type names it in its letters."""
        self.ensure_one()
        return self.company_id._cq_dispute_body() if self.sudo().type_id.shows_dispute_body else ""

    def _cq_term_label(self):
        """'15 business days', '1 month': the case's term as filed."""
        self.ensure_one()
        return self.env["cq.pqrs.type"]._cq_format_term(self.term, self.term_unit)

    def _cq_extension_label(self):
        self.ensure_one()
        return self.env["cq.pqrs.type"]._cq_format_term(self.extension_term, self.extension_unit)

    @api.model
    def _cq_number_values(self, vals_list):
        """The filing number of each new case from its type's sequence, on its
        filing date, drawn before the INSERT so that a case is written once;
        numbers of one sequence and day are drawn in one query."""
        groups = defaultdict(list)
        for vals in vals_list:
            pqrs_type = self.env["cq.pqrs.type"].browse(vals.get("type_id")).sudo()
            if pqrs_type.sequence_id and vals.get("name") in (None, False, "/"):
                groups[pqrs_type.sequence_id, vals["date_radicated"]].append(vals)
        for (sequence, day), group in groups.items():
            for vals, number in zip(group, self._cq_draw_numbers(sequence, day, len(group))):
                vals["name"] = number

    @api.model
    def _cq_draw_numbers(self, sequence, day, count):
        """`count` consecutive numbers of `sequence` on `day`, as
        ir.sequence.next_by_id() draws them (in the range of `day`, opened
        when missing), in one nextval query whatever `count`; no-gap
        sequences draw one by one, as Odoo does."""
        if sequence.implementation != "standard":
            return [sequence.next_by_id(sequence_date=day) for _i in range(count)]
        if sequence.use_date_range:
            date_range = self.env["ir.sequence.date_range"].sudo().search(
                [("sequence_id", "=", sequence.id), ("date_from", "<=", day), ("date_to", ">=", day)], limit=1
            ) or sequence.sudo()._create_date_range_seq(day)
            pg_sequence = "ir_sequence_%03d_%03d" % (sequence.id, date_range.id)
            sequence = sequence.with_context(ir_sequence_date_range=date_range.date_from)
        else:
            pg_sequence = "ir_sequence_%03d" % sequence.id
        self.env.cr.execute(SQL("SELECT nextval(%s) FROM generate_series(1, %s)", pg_sequence, count))
        numbers = sorted((row[0] for row in self.env.cr.fetchall()), reverse=sequence.number_increment < 0)
        return [sequence.get_next_char(number) for number in numbers]

    # ------------------------------------------------------------------
    # Write: stage moves, suspension, frozen facts
    # ------------------------------------------------------------------
    def write(self, vals):
        self._cq_check_retention_write(vals)  # cq_pqrs_retention.py: a legal hold is a manager's
        if "type_id" in vals and any(case.date_radicated for case in self):
            raise UserError(
                self.env._("The type of a filed case cannot change: it set the number and the term.")
            )
        if "date_received" in vals and any(case.date_radicated for case in self):
            raise UserError(self.env._("The reception date of a filed case cannot change."))
        if "stage_id" in vals and not self.env.context.get("cq_stage_action"):
            new_state = self.env["cq.pqrs.stage"].browse(vals["stage_id"]).state
            if new_state in ("answered", "closed", "cancelled"):
                raise UserError(
                    self.env._("Use the Send Answer, Close or Cancel buttons to move a case to this stage.")
                )
        previous_states = {case.id: case.state for case in self} if "stage_id" in vals else None
        if self._cq_assessment_in(vals):
            # the priority follows each case's own assessment (cq_pqrs_assessment.py)
            for case in self:
                super(CqPqrs, case).write(case._cq_assessed_write_vals(vals))
        else:
            super().write(vals)
        self._cq_after_write(vals, previous_states)
        return True

    def _cq_after_write(self, vals, previous_states):
        """After a write, in this order. A stage change (previous_states: the
        state of each case before it): the completion a case waited for is
        left behind (cq_pqrs_withdrawal.py), the term is suspended or resumed
        (this file), the warning to transfer a handled case is dropped
        (cq_pqrs_transfer.py). A changed assessment alerts the team leader of a
        critical or safety case (cq_pqrs_assessment.py)."""
        if previous_states is not None:
            self._cq_leave_completion(previous_states)
            self._cq_handle_suspension(previous_states)
            self._cq_drop_transfer_warning()
        if self._cq_assessment_in(vals):
            self._cq_alert_assessment()

    def _cq_handle_suspension(self, previous_states):
        now = fields.Datetime.now()
        entering = self.filtered(lambda c: c.state == "waiting" and previous_states[c.id] != "waiting")
        leaving = self.filtered(lambda c: c.state != "waiting" and previous_states[c.id] == "waiting")
        for case in entering:
            case.suspended_since = now
            case.message_post(
                body=self.env._("The term is suspended while waiting for the filer."),
                subtype_xmlid="mail.mt_note",
            )
        # a case that ends while waiting (withdrawn, cancelled) keeps its dates
        ended = leaving.filtered(lambda c: c.state in ("closed", "cancelled"))
        if ended:
            ended.write({"suspended_since": False})
            leaving -= ended
        if not leaving:
            return
        calendars = leaving._business_calendars([now] + leaving.mapped("suspended_since") + leaving.mapped("date_due"))
        for case in leaving:
            bcal = calendars[case.company_id]
            unit = case.term_unit or legal_term.BUSINESS_DAYS
            days, dates = legal_term.resume_term(
                bcal, case._cq_term_dates(), unit, case.suspended_since, now,
                case.type_id.escalation_days, filed=case.date_radicated,
            )
            due = dates.date_due
            case.write(
                {
                    "suspended_since": False,
                    "suspended_days": case.suspended_days + days,
                    **dates._asdict(),
                    "escalation_level": 0,
                }
            )
            case.message_post(
                body=self.env._(
                    "The term resumes: %(days)s suspended business days, new due date %(due)s.",
                    days=days,
                    due=due,
                ),
                subtype_xmlid="mail.mt_note",
            )
        leaving._cq_update_term_state()

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("PQRS cases are never deleted: cancel them with a reason instead."))

    @api.constrains("date_answered", "date_received")
    def _check_date_answered(self):
        for case in self:
            if case.date_answered and case.date_answered < case.date_received:
                raise ValidationError(
                    self.env._("%(case)s cannot be answered before it was received.", case=case.name)
                )

    # ------------------------------------------------------------------
    # Term state
    # ------------------------------------------------------------------
    def _cq_term_state_value(self, now):
        self.ensure_one()
        if self.state in DONE_STATES:
            return "on_time" if self.answered_on_time else "overdue"
        if self.state in ("waiting", "cancelled") or not self.date_deadline:
            return self.term_state
        if now > self.date_deadline:
            return "overdue"
        if self.date_escalation and fields.Date.context_today(self, now) >= self.date_escalation:
            return "at_risk"
        return "on_time"

    def _cq_update_term_state(self):
        now = fields.Datetime.now()
        by_value = defaultdict(list)
        for case in self:
            value = case._cq_term_state_value(now)
            if value != case.term_state:
                by_value[value].append(case.id)
        for value, ids in by_value.items():
            self.browse(ids).write({"term_state": value})

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_open(self):
        for case in self:
            if case.state not in OPEN_STATES:
                raise UserError(self.env._("%(case)s is not open.", case=case.name))

    def action_start_analysis(self):
        self._check_open()
        self.write({"stage_id": self._stage_for("analysis").id})

    def action_wait_filer(self):
        self._check_open()
        self.write({"stage_id": self._stage_for("waiting").id})

    def action_send_answer(self):
        self._check_open()
        now = fields.Datetime.now()
        for case in self:
            if tools.is_html_empty(case.answer):
                raise UserError(self.env._("Write the answer of %(case)s before sending it.", case=case.name))
        self._cq_check_before_answer()
        calendars = self._business_calendars(
            [now] + [c.date_answered for c in self if c.date_answered] + [c.date_radicated for c in self]
        )
        stage = self._stage_for("answered")
        for case in self:
            values = {"stage_id": stage.id}
            if case.state == "waiting":
                # the answer also ends the suspension
                case.with_context(cq_stage_action=True).write({"stage_id": self._stage_for("analysis").id})
            if not case.reopen_count or not case.date_answered:
                answered = case.date_answered or now
                bcal = calendars[case.company_id]
                values.update(
                    {
                        "response_hours": round((answered - case.date_received).total_seconds() / 3600.0, 2),
                        "date_answered": answered,
                        "answered_on_time": answered <= case.date_deadline,
                        "response_days": bcal.business_days_between(
                            case.date_radicated, bcal.local_date(answered)
                        ),
                    }
                )
            case.with_context(cq_stage_action=True).write(values)
        # the email and its letter are sent by a job (cq_pqrs_answer_letter.py): the click returns at once
        self._cq_queue_answer()
        self._cq_update_term_state()
        return True

    def _cq_check_before_answer(self):
        """Hook: what a feature requires of the cases before their answer is sent, after the
        answer itself is checked (technical service: its outcome, cq_pqrs_service.py)."""

    def _cq_send_answer(self):
        """Send the answer with the answer letter (the template's report) and
        the answer's attachments; the template asks a customer for a rating
        (its access token creates the rating request)."""
        self.ensure_one()
        if self.partner_id or self.email_from:
            template = self.env.ref("customer_quality.mail_template_cq_pqrs_answer")
            values = {
                "message_type": "notification",
                "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment"),
            }
            if self.env.context.get("cq_answer_author_id"):
                # sent by the job: written by the employee who answered
                values["author_id"] = self.env.context["cq_answer_author_id"]
            if not self.env.registry.ready:
                # loading modules (demo data): no HTTP server serves the letter's
                # styles yet, so the letter is not rendered; it stays printable
                # from the case
                values["attachment_ids"] = [Command.set(self.answer_attachment_ids.ids)]
            composer = self.env["mail.compose.message"].with_context(
                default_composition_mode="comment",
                default_model=self._name,
                default_res_ids=self.ids,
                default_template_id=template.id,
            ).create(values)
            if self.env.registry.ready:
                # the template already rendered the letter into the composer's attachments
                composer.attachment_ids |= self.answer_attachment_ids
            composer._action_send_mail()

    def action_close(self):
        for case in self:
            if case.state not in ("answered",) + OPEN_STATES:
                raise UserError(self.env._("%(case)s cannot be closed from this stage.", case=case.name))
            if not case.date_answered or tools.is_html_empty(case.answer):
                raise UserError(self.env._("%(case)s needs an answer before it is closed.", case=case.name))
            if case.requires_root_cause and not (case.root_cause_id and case.root_cause_analysis):
                raise UserError(
                    self.env._(
                        "%(case)s is a %(type)s: give its root-cause category and analysis before closing it.",
                        case=case.name,
                        type=case.type_id.name,
                    )
                )
        self.with_context(cq_stage_action=True).write(
            {"stage_id": self._stage_for("closed").id, "date_closed": fields.Datetime.now()}
        )
        return True

    def _cq_within_reopening(self):
        """Whether this answered case is still within its reopening step's term,
        counted by the term engine from the answer's local date to today's,
        on one business calendar; False when its type's procedure has no
        reopening or the case no answer."""
        self.ensure_one()
        step = self._cq_legal_step("reopening")
        if not step or not self.date_answered:
            return False
        now = fields.Datetime.now()
        bcal = self.company_id._cq_business_calendar([self.date_answered, now])
        limit = legal_term.add_term(bcal, bcal.local_date(self.date_answered), step.amount, step.unit)
        return bcal.local_date(now) <= limit

    def action_reopen(self):
        for case in self:
            if case.state not in DONE_STATES:
                raise UserError(self.env._("Only answered or closed cases can be reopened."))
            step = case._cq_legal_step("reopening")
            if not step:
                raise UserError(
                    self.env._("The procedure of %(type)s does not reopen cases: file a new case instead.",
                               type=case.type_id.display_name)
                )
            if case.date_answered and not case._cq_within_reopening():
                raise UserError(
                    self.env._(
                        "%(case)s was answered more than %(term)s ago (%(basis)s) and cannot be reopened: "
                        "file a new case instead.",
                        case=case.name,
                        term=step._cq_term_label(),
                        basis=step.legal_basis,
                    )
                )
        for case in self:
            case.with_context(cq_stage_action=True).write(
                {
                    "stage_id": self._stage_for("analysis").id,
                    "reopen_count": case.reopen_count + 1,
                    "date_closed": False,
                }
            )
            case.message_post(body=self.env._("Case reopened."), subtype_xmlid="mail.mt_note")
        return True

    def _cq_can_reopen(self):
        self.ensure_one()
        return self.state in DONE_STATES and self._cq_within_reopening()

    def _cq_match_filer_partner(self):
        """Note, for staff, an existing contact with the filer's email."""
        for case in self.filtered(lambda c: c.email_from and not c.partner_id):
            email = tools.email_normalize(case.email_from)
            partner = self.env["res.partner"].sudo().search(
                [("email_normalized", "=", email)], limit=2
            ) if email else self.env["res.partner"]
            if len(partner) == 1:
                case.matched_partner_id = partner
                case.message_post(
                    body=self.env._(
                        "The filer's email matches the contact %(partner)s. Link the case to it "
                        "only if it is the same person.",
                        partner=partner.display_name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )

    def action_link_matched_partner(self):
        for case in self.filtered("matched_partner_id"):
            case.partner_id = case.matched_partner_id

    def action_open_extension_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Extend the Term"),
            "res_model": "cq.pqrs.extension.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_pqrs_id": self.id},
        }

    def action_open_cancel_wizard(self):
        self.ensure_one()
        if self.state in ("closed", "cancelled"):
            raise UserError(self.env._("%(case)s cannot be cancelled from this stage.", case=self.name))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel the Case"),
            "res_model": "cq.pqrs.cancel.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_pqrs_id": self.id},
        }

    @api.depends("type_id", "extension_count", "extension_term")
    def _compute_extension_available(self):
        for case in self:
            case.extension_available = bool(
                case.type_id.extension_allowed
                and case.extension_count < case.type_id.extension_max_count
                and case._cq_extension_limit()[0] > 0
            )

    def _cq_extension_limit(self):
        """(amount left, unit) the term of the case can still be extended by,
        after the type's rule; amount 0 when it cannot be extended."""
        self.ensure_one()
        pqrs_type = self.type_id
        term, unit = self.term or self.term_days or self.term_hours, self.term_unit or legal_term.BUSINESS_DAYS
        if not pqrs_type.extension_allowed:
            return 0, unit
        maximum, max_unit = pqrs_type._cq_extension_rule(term, unit)
        if self.extension_count and self.extension_unit and self.extension_unit != max_unit:
            return 0, max_unit  # the rule changed unit since the last extension
        return max(maximum - self.extension_term, 0), max_unit

    def _cq_extension_dates(self, amount, unit):
        """The TermDates of the case's term extended by `amount` `unit`."""
        self.ensure_one()
        dates = self._cq_term_dates()
        bcal = self.company_id._cq_business_calendar([fields.Datetime.now(), self.date_due])
        return legal_term.extend_term(bcal, dates, amount, unit, self.type_id.escalation_days)

    def _cq_extend(self, amount, reason):
        """Extend the term as the type allows (its extension rule
        parágrafo: once, up to the term again), before it expires, with a
        reason told to the filer; `amount` counts in the type's extension unit."""
        self.ensure_one()
        self._check_open()
        now = fields.Datetime.now()
        if not (reason or "").strip():
            raise UserError(self.env._("An extension needs a reason for the filer."))
        pqrs_type = self.type_id
        if not pqrs_type.extension_allowed:
            raise UserError(self.env._("The term of a %(type)s cannot be extended.", type=pqrs_type.name))
        if self.extension_count >= pqrs_type.extension_max_count:
            raise UserError(
                self.env._(
                    "%(case)s was already extended %(count)s time(s), the most its type allows.",
                    case=self.name, count=self.extension_count,
                )
            )
        if now > self.date_deadline:
            raise UserError(
                self.env._("%(case)s is past its due date: the term can no longer be extended.", case=self.name)
            )
        left, unit = self._cq_extension_limit()
        if amount <= 0 or amount > left:
            raise UserError(
                self.env._(
                    "The extension of %(case)s must be between 1 and %(max)s (what its type allows).",
                    case=self.name, max=self.env["cq.pqrs.type"]._cq_format_term(left, unit),
                )
            )
        dates = self._cq_extension_dates(amount, unit)
        total = self.extension_term + amount
        self.write(
            {
                "extension_count": self.extension_count + 1,
                "extension_term": total,
                "extension_unit": unit,
                "extension_days": total if unit == legal_term.BUSINESS_DAYS else 0,
                "extension_reason": reason,
                **dates._asdict(),
                "escalation_level": 0,
            }
        )
        self._cq_update_term_state()
        self.message_post_with_source(
            "customer_quality.mail_template_cq_pqrs_extension", subtype_xmlid="mail.mt_comment"
        )

    def _cq_cancel(self, reason):
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason to cancel the case."))
        for case in self:
            if case.state in ("closed", "cancelled"):
                raise UserError(self.env._("%(case)s cannot be cancelled from this stage.", case=case.name))
        self.with_context(cq_stage_action=True).write(
            {"stage_id": self._stage_for("cancelled").id, "cancel_reason": reason}
        )
        for case in self:
            case.message_post(
                body=self.env._("Case cancelled: %(reason)s", reason=reason), subtype_xmlid="mail.mt_note"
            )

    # ------------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------------
    def _cq_claim_escalation(self, level, domain):
        """Atomically raise the escalation level of the cases of `domain` and
        return those this call raised: a case is notified once even when two
        workers run the cron at the same time."""
        candidates = self.search(domain + [("escalation_level", "<", level)], limit=CRON_BATCH, order="date_due")
        if not candidates:
            return candidates
        self.env.cr.execute(
            SQL(
                "UPDATE cq_pqrs SET escalation_level = %s WHERE id IN %s AND escalation_level < %s RETURNING id",
                level, tuple(candidates.ids), level,
            )
        )
        claimed = self.browse([row[0] for row in self.env.cr.fetchall()])
        claimed.invalidate_recordset(["escalation_level"])
        return claimed

    @api.model
    def _cron_escalate(self):
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        active = [("state", "in", ("new", "analysis"))]
        overdue = self._cq_claim_escalation(2, active + [("date_deadline", "<", now)])
        at_risk = self._cq_claim_escalation(
            1, active + [("date_escalation", "<=", today), ("date_deadline", ">=", now)]
        )
        for case in at_risk:
            case._cq_notify_escalation(
                self.env._("%(case)s is due on %(due)s: answer it before the legal term ends.",
                           case=case.name, due=case.date_due)
            )
        for case in overdue:
            case._cq_notify_escalation(
                self.env._("%(case)s is overdue since %(due)s.", case=case.name, due=case.date_due)
            )
        (at_risk | overdue)._cq_update_term_state()
        open_cases = self.search(active + [("term_state", "!=", "overdue")])
        open_cases._cq_update_term_state()
        done = len(at_risk) + len(overdue)
        self.env["ir.cron"]._notify_progress(
            done=done, remaining=CRON_BATCH if done >= CRON_BATCH else 0
        )

    def _cq_notify_escalation(self, message):
        self.ensure_one()
        responsible = self.user_id or self.team_id.leader_id
        if responsible:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=self.date_due,
                summary=self.env._("PQRS term: %(case)s", case=self.name),
                note=message,
                user_id=responsible.id,
            )
        leader = self.team_id.leader_id
        self.message_post(
            body=message,
            subtype_xmlid="mail.mt_note",
            partner_ids=leader.partner_id.ids,
        )

    # ------------------------------------------------------------------
    # Mail gateway
    # ------------------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        self = self.with_context(default_user_id=False)
        values = {
            "subject": msg_dict.get("subject") or self.env._("No Subject"),
            "description": msg_dict.get("body"),
            "email_from": msg_dict.get("from"),
            "partner_id": msg_dict.get("author_id", False),
            "channel": "email",
        }
        values.update(custom_values or {})
        if not values.get("type_id"):
            values["type_id"] = self.env.ref("customer_quality.cq_pqrs_type_petition").id
        if values.get("team_id") and not values.get("user_id"):
            values["user_id"] = self.env["cq.pqrs.team"].browse(values["team_id"]).leader_id.id
        return super().message_new(msg_dict, custom_values=values)

    def _message_get_suggested_recipients(self):
        recipients = super()._message_get_suggested_recipients()
        for case in self:
            if case.partner_id:
                case._message_add_suggested_recipient(
                    recipients, partner=case.partner_id, reason=self.env._("Customer")
                )
            elif case.email_from:
                case._message_add_suggested_recipient(
                    recipients, email=case.email_from, reason=self.env._("Filer Email")
                )
        return recipients

    # ------------------------------------------------------------------
    # Action plans and rating
    # ------------------------------------------------------------------
    def _compute_action_plan_count(self):
        counts = dict(
            self.env["cq.action.plan"]._read_group([("pqrs_id", "in", self.ids)], ["pqrs_id"], ["__count"])
        )
        for case in self:
            case.action_plan_count = counts.get(case, 0)

    def action_open_action_plan(self):
        """One click from a complaint or claim: the corrective plan, opened
        with the case's facts (or the existing one)."""
        self.ensure_one()
        if self.action_plan_ids:
            if len(self.action_plan_ids) == 1:
                return self.action_plan_ids._get_form_action()
            action = self.env["ir.actions.act_window"]._for_xml_id("customer_quality.cq_action_plan_action")
            action["domain"] = [("pqrs_id", "=", self.id)]
            return action
        plan = self.env["cq.action.plan"].create(
            {
                "title": self.env._("%(case)s: %(subject)s", case=self.name, subject=self.subject),
                "origin": "pqrs",
                "plan_type": "corrective",
                "pqrs_id": self.id,
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "user_id": (self.user_id or self.env.user).id,
                "description": self.description,
                "root_cause": self.root_cause_analysis,
            }
        )
        self.message_post(body=self.env._("Action plan %(plan)s opened.", plan=plan.name))
        return plan._get_form_action()

    def _rating_get_parent_field_name(self):
        return "team_id"
