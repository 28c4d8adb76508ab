import threading
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval, time

from . import cq_legal_term as legal_term
from .cq_pqrs import CRON_BATCH, OPEN_STATES
from .cron_claim import claim

MANAGER_GROUP = "customer_quality.group_cq_manager"
CASE_FILE_REPORT = "customer_quality.cq_pqrs_case_file_report_action"
TRANSFER_ENTITY_TEMPLATE = "customer_quality.mail_template_cq_pqrs_transfer_entity"
TRANSFER_FILER_TEMPLATE = "customer_quality.mail_template_cq_pqrs_transfer_filer"
TRANSFER_WARNING = "customer_quality.mail_activity_type_cq_transfer_limit"


class CqPqrs(models.Model):
    """Transfer to the competent party, when the type's legal steps have it
    (cq.pqrs.step, kind transfer): the case file goes to the receiving entity
    by email with the chosen documents, the filer is told, and the case ends as
    transferred (cq_pqrs_ending.py), counted apart in the indicators. Within the
    step's term from filing; later only a manager transfers it, with a reason.
    A daily cron warns the responsible on the step's warning day of each case
    still open, once (`transfer_warned`)."""

    _inherit = "cq.pqrs"

    transfer_limit = fields.Date(
        string="Transfer Limit", compute="_compute_transfer_dates", store=True, precompute=True,
        groups="base.group_user",
        help="Last day to transfer the case to the competent party: the transfer step's term from the filing "
        "date. After it, only a manager may transfer it, with a reason. Empty: the type has no transfer step.",
    )
    transfer_warn_date = fields.Date(
        string="Transfer Warning Date", compute="_compute_transfer_dates", store=True, precompute=True,
        groups="base.group_user",
        help="The transfer step's warning day: the responsible is reminded to transfer the case if another "
        "party is competent.",
    )
    transfer_warned = fields.Boolean(readonly=True, copy=False, groups="base.group_user")
    transfer_partner_id = fields.Many2one(
        "res.partner", string="Transferred To", readonly=True, copy=False, groups="base.group_user",
        help="The entity competent for the case, to which it was transferred.",
    )
    transfer_late_reason = fields.Text(
        string="Late Transfer Reason", readonly=True, copy=False, groups="base.group_user",
        help="Why a manager transferred the case after the limit.",
    )

    def _cq_index_transfer_warnings(self):
        """An index of this feature, created by init() (cq_pqrs.py)."""
        # the warning cron's queue: the open cases not warned yet
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS cq_pqrs_transfer_warn_idx ON cq_pqrs (transfer_warn_date) "
            "WHERE NOT COALESCE(transfer_warned, FALSE)"
        )

    @api.depends("date_radicated", "company_id", "type_id")
    def _compute_transfer_dates(self):
        """Both dates from the transfer step of the case's type, counted by the
        term engine on each company's business calendar, read once for the
        batch (cached by year, resource_calendar.py)."""
        by_company = defaultdict(list)
        for case in self:
            case.transfer_limit = case.transfer_warn_date = False
            step = case.type_id._cq_step("transfer") if case.type_id else None
            if step and case.date_radicated and case.company_id.resource_calendar_id:
                by_company[case.company_id].append((case, step))
        for company, cases in by_company.items():
            bcal = company._cq_business_calendar([case.date_radicated for case, _step in cases])
            for case, step in cases:
                case.transfer_limit = legal_term.add_term(bcal, case.date_radicated, step.amount, step.unit)
                case.transfer_warn_date = step.warning_amount and legal_term.add_term(
                    bcal, case.date_radicated, step.warning_amount, step.unit
                )

    def _cq_transfer_is_late(self):
        self.ensure_one()
        return bool(self.transfer_limit) and fields.Date.context_today(self) > self.transfer_limit

    def action_open_transfer_wizard(self):
        self.ensure_one()
        self._check_open()
        self._cq_require_step("transfer")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Transfer to the Competent Party"),
            "res_model": "cq.pqrs.transfer.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_pqrs_id": self.id},
        }

    def _cq_transfer(self, entity, reason, attachments=None, late_reason=None):
        """Transfer this open case to `entity` (transfer step): checks, then the
        case ends as transferred, the entity gets the case file PDF and the
        chosen documents of the case, the filer is told."""
        self.ensure_one()
        self.check_access("write")
        step = self._cq_require_step("transfer")
        attachments = attachments or self.env["ir.attachment"]
        if self.state not in OPEN_STATES:
            raise UserError(self.env._("%(case)s is no longer open: it cannot be transferred.", case=self.name))
        if not entity:
            raise UserError(self.env._("Choose the receiving entity, the party competent for the case."))
        if not entity.email:
            raise UserError(
                self.env._("%(entity)s has no email: add one to send it the case.", entity=entity.display_name)
            )
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason why the receiving entity is competent."))
        if any(att.res_model != self._name or att.res_id != self.id for att in attachments):
            raise UserError(self.env._("Only documents of this case can be sent with it."))
        late_reason = (late_reason or "").strip()
        if self._cq_transfer_is_late():
            if not self.env.user.has_group(MANAGER_GROUP):
                raise UserError(
                    self.env._(
                        "The term to transfer %(case)s ended on %(limit)s (%(basis)s): only a Customer Quality "
                        "manager may transfer it now, with a reason.",
                        case=self.name, limit=self.transfer_limit, basis=step.legal_basis,
                    )
                )
            if not late_reason:
                raise UserError(self.env._("The transfer is late: give the reason in Late Transfer Reason."))
        self.write({"transfer_partner_id": entity.id, "transfer_late_reason": late_reason or False})
        self.activity_feedback([TRANSFER_WARNING], feedback=self.env._("Transferred to %(entity)s.",
                                                                       entity=entity.display_name))
        self._cq_end("transferred", reason)
        # to the entity only: an internal note addressed to it (the filer, a follower, does not get
        # the documents), with the case file PDF and the documents chosen
        self.message_post_with_source(
            self.env.ref(TRANSFER_ENTITY_TEMPLATE), subtype_xmlid="mail.mt_note",
            attachment_ids=(self._cq_case_file_attachment() | attachments).ids,
        )
        if self.partner_id or self.email_from:
            self.message_post_with_source(self.env.ref(TRANSFER_FILER_TEMPLATE), subtype_xmlid="mail.mt_comment")
        return True

    def _cq_case_file_attachment(self):
        """The case file PDF of this case, stored as an attachment of the case."""
        self.ensure_one()
        report = self.env.ref(CASE_FILE_REPORT)
        content, report_type = self.env["ir.actions.report"]._render_qweb_pdf(CASE_FILE_REPORT, self.ids)
        name = safe_eval(report.print_report_name, {"object": self, "time": time})
        return self.env["ir.attachment"].create({
            "name": f"{name}.pdf",
            "raw": content,
            "mimetype": "application/pdf" if report_type == "pdf" else "text/html",
            "res_model": self._name,
            "res_id": self.id,
        })

    def _cq_drop_transfer_warning(self):
        """A hook of the stage change (cq_pqrs.py write): a case answered,
        closed or cancelled no longer needs the warning to transfer it."""
        handled = self.filtered(lambda case: case.transfer_warned and case.state not in OPEN_STATES)
        if handled:
            handled.activity_unlink([TRANSFER_WARNING])

    # ------------------------------------------------------------------
    # Cron: warn on business day 3, once per case
    # ------------------------------------------------------------------
    @api.model
    def _cq_transfer_warn_claimable(self, today):
        """Open cases on or after their warning day and still within the
        limit (older cases are past saving), not warned yet."""
        return SQL(
            "state IN %s AND NOT COALESCE(transfer_warned, FALSE) AND transfer_warn_date <= %s "
            "AND transfer_limit >= %s",
            OPEN_STATES, today, today,
        )

    @api.model
    def _cron_warn_transfer_limit(self):
        """Schedule the warning activity of up to CRON_BATCH cases, locked
        FOR UPDATE SKIP LOCKED (a second worker takes other cases) and flagged
        in the same transaction: each case is warned once."""
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        today = fields.Date.context_today(self)
        cases = claim(self, self._cq_transfer_warn_claimable(today), CRON_BATCH)
        cases.write({"transfer_warned": True})
        for case in cases:
            responsible = case.user_id or case.team_id.leader_id
            if not responsible:
                continue
            # written for the responsible, in their language (the cron's user is not a reader)
            translated = case.with_context(lang=responsible.lang or self.env.lang)
            step = translated._cq_legal_step("transfer")
            case.activity_schedule(
                TRANSFER_WARNING,
                date_deadline=case.transfer_limit,
                summary=translated.env._("Transfer limit: %(limit)s", limit=case.transfer_limit),
                note=translated.env._(
                    "If another party is competent for this case, transfer it by %(limit)s (%(basis)s: "
                    "%(term)s from filing).",
                    limit=case.transfer_limit,
                    basis=step.legal_basis,
                    term=step._cq_term_label(),
                ),
                user_id=responsible.id,
            )
        if auto_commit:
            self.env.cr.commit()  # pylint: disable=invalid-commit
        self.flush_model()
        self.env.cr.execute(
            SQL("SELECT COUNT(*) FROM cq_pqrs WHERE %s", self._cq_transfer_warn_claimable(today))
        )
        self.env["ir.cron"]._notify_progress(done=len(cases), remaining=self.env.cr.fetchone()[0])
