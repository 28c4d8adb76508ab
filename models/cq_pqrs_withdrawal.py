import logging
import threading
from datetime import datetime, time, timedelta
from time import monotonic

from pytz import UTC

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, email_normalize, format_date

from . import cq_legal_term as legal_term
from .cq_pqrs import OPEN_STATES
from .cron_claim import CONCURRENCY_ERRORS, claim_and_process

_logger = logging.getLogger(__name__)

TACIT_CRON = "customer_quality.ir_cron_cq_pqrs_tacit_withdrawal"
COMPLETION_TEMPLATE = "customer_quality.mail_template_cq_pqrs_completion_request"
COMPLETION_EXTENSION_TEMPLATE = "customer_quality.mail_template_cq_pqrs_completion_extension"
WITHDRAWAL_TEMPLATE = "customer_quality.mail_template_cq_pqrs_withdrawal"
TACIT_TEMPLATE = "customer_quality.mail_template_cq_pqrs_tacit_withdrawal"
COMPLETION_CHECK = "customer_quality.mail_activity_type_cq_completion_check"
MANAGER_GROUP = "customer_quality.group_cq_manager"
# cases closed by one transaction of the tacit-withdrawal cron
TACIT_BATCH = 20


class CqPqrs(models.Model):
    """Incomplete requests and withdrawals, as the type's legal steps say
    (cq.pqrs.step: completion_request, completion, withdrawal): the completion
    request with its period (extendable once when the step allows it), the
    completion that resumes the term, the daily tacit withdrawal of the cases
    whose period ran out, the withdrawal by the filer or recorded by staff, and
    the manager's decision to continue a withdrawn case. Each ending closes
    through `_cq_end` (cq_pqrs_ending.py) and sends its letter; every message
    cites the step's legal basis."""

    _inherit = "cq.pqrs"

    completion_pending = fields.Boolean(
        string="Completion Pending", readonly=True, copy=False, groups="base.group_user",
        help="The filer was asked to complete the petition and has not done it yet.",
    )
    completion_items = fields.Text(
        string="Missing Items", readonly=True, copy=False, groups="base.group_user",
        help="What the filer was asked to provide to complete the petition.",
    )
    completion_requested_at = fields.Datetime(
        string="Completion Requested on", readonly=True, copy=False, groups="base.group_user",
    )
    completion_deadline = fields.Date(
        string="Completion Deadline", readonly=True, copy=False, groups="base.group_user",
        help="Last day for the filer to complete the petition: the completion period of the type's legal "
        "steps after the request, longer when the filer asked for its extension. After it the case ends as "
        "the step says (a tacit withdrawal).",
    )
    completion_expires_at = fields.Datetime(
        readonly=True, copy=False, groups="base.group_user",
        help="End of the completion deadline in the company's time zone (UTC): from then on the daily "
        "job closes the case as a tacit withdrawal.",
    )
    completion_extended = fields.Boolean(
        string="Completion Period Extended", readonly=True, copy=False, groups="base.group_user",
        help="The filer asked for the one extension of the completion period the type's legal step allows.",
    )
    completion_late_request = fields.Boolean(
        string="Requested Late", readonly=True, copy=False, groups="base.group_user",
        help="The completion was requested after the term the type's legal steps give to ask for it.",
    )

    def _cq_index_completion_queue(self):
        """An index of this feature, created by init() (cq_pqrs.py)."""
        # the tacit-withdrawal cron's queue: a handful of rows among all cases
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS cq_pqrs_completion_pending_idx "
            "ON cq_pqrs (completion_expires_at) WHERE completion_pending"
        )

    # ------------------------------------------------------------------
    # Incomplete request (steps completion_request and completion)
    # ------------------------------------------------------------------
    def _cq_completion_request_limit(self, bcal):
        """The last day on which the completion may be requested without a
        warning: the completion_request step's term from the filing date
        (none without the step)."""
        self.ensure_one()
        step = self._cq_legal_step("completion_request")
        if not step:
            return False
        return legal_term.add_term(bcal, self.date_radicated, step.amount, step.unit)

    def _cq_completion_request_late(self, now=None):
        """Whether a completion requested now comes after its term."""
        self.ensure_one()
        if not self.date_radicated:
            return False
        now = now or fields.Datetime.now()
        bcal = self.company_id._cq_business_calendar([self.date_radicated, now])
        limit = self._cq_completion_request_limit(bcal)
        return bool(limit) and bcal.local_date(now) > limit

    def _cq_local_today(self, now):
        bcal = self.company_id._cq_business_calendar([now])
        return bcal, bcal.local_date(now)

    @staticmethod
    def _cq_day_end_utc(bcal, day):
        """The first UTC moment after `day` in the calendar's time zone."""
        local = bcal.tz.localize(datetime.combine(day + timedelta(days=1), time.min))
        return local.astimezone(UTC).replace(tzinfo=None)

    def _cq_completion_expiry(self, bcal, step, deadline):
        """When the tacit-withdrawal job may close the case: the end of the
        deadline, for a step whose outcome is a tacit withdrawal; never for one
        that only suspends the term (or has no deadline)."""
        if not deadline or step.outcome != "tacit_withdrawal":
            return False
        return self._cq_day_end_utc(bcal, deadline)

    def _cq_check_completion_pending(self):
        for case in self:
            if case.state != "waiting" or not case.completion_pending:
                raise UserError(
                    self.env._(
                        "%(case)s is not waiting for the filer to complete the petition.", case=case.name
                    )
                )

    def action_open_completion_wizard(self):
        self.ensure_one()
        self._check_open()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request Completion"),
            "res_model": "cq.pqrs.completion.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_pqrs_id": self.id},
        }

    def _cq_request_completion(self, items):
        """Ask the filer to complete the request (step completion): the case
        waits for the filer (the term is suspended), the missing items and the
        deadline (the step's term from today, counted by the term engine) are
        kept, and the filer gets the letter."""
        items = (items or "").strip()
        if not items:
            raise UserError(self.env._("List what the filer must provide to complete the petition."))
        self._check_open()
        now = fields.Datetime.now()
        for case in self:
            step = case._cq_require_step("completion")
            if case.completion_pending:
                raise UserError(
                    self.env._("%(case)s already waits for the completion of the petition.", case=case.name)
                )
            late = case._cq_completion_request_late(now)
            bcal, today = case._cq_local_today(now)
            deadline = step.amount and legal_term.add_term(bcal, today, step.amount, step.unit)
            if case.state != "waiting":
                case.write({"stage_id": self._stage_for("waiting").id})
            case.write(
                {
                    "completion_pending": True,
                    "completion_items": items,
                    "completion_requested_at": now,
                    "completion_deadline": deadline,
                    "completion_expires_at": self._cq_completion_expiry(bcal, step, deadline),
                    "completion_extended": False,
                    "completion_late_request": late,
                }
            )
            case.message_post(
                body=self.env._(
                    "Completion requested (%(basis)s): %(items)s. Deadline: %(deadline)s.",
                    basis=step.legal_basis,
                    items=items,
                    deadline=format_date(self.env, deadline) if deadline else self.env._("none (the term stays "
                                                                                         "suspended until then)"),
                ),
                subtype_xmlid="mail.mt_note",
            )
            case._cq_send_letter(COMPLETION_TEMPLATE)
        return True

    def _cq_completion_extendable(self, now=None):
        self.ensure_one()
        now = now or fields.Datetime.now()
        return bool(
            self.state == "waiting"
            and self.completion_pending
            and not self.completion_extended
            and self._cq_legal_step("completion").extension_amount
            and self.completion_deadline
            # until the deadline's last day ends, in the company's time zone
            and self._cq_local_today(now)[1] <= self.completion_deadline
        )

    def _cq_extend_completion(self):
        """The one extension of the completion period, asked by the filer
        before it ends: the deadline becomes the step's term and its extension
        after the request."""
        self._cq_check_completion_pending()
        now = fields.Datetime.now()
        for case in self:
            step = case._cq_legal_step("completion")
            if case.completion_extended:
                raise UserError(
                    self.env._(
                        "The completion period of %(case)s was already extended once: %(basis)s allows "
                        "one extension only.",
                        case=case.name, basis=step.legal_basis,
                    )
                )
            if not case._cq_completion_extendable(now):
                raise UserError(
                    self.env._(
                        "The completion period of %(case)s is over or cannot be extended (%(basis)s).",
                        case=case.name, basis=step.legal_basis,
                    )
                )
            bcal = case.company_id._cq_business_calendar([case.completion_requested_at])
            requested = bcal.local_date(case.completion_requested_at)
            deadline = legal_term.add_term(bcal, requested, step.amount + step.extension_amount, step.unit)
            case.write(
                {
                    "completion_extended": True,
                    "completion_deadline": deadline,
                    "completion_expires_at": self._cq_completion_expiry(bcal, step, deadline),
                }
            )
            case.message_post(
                body=self.env._(
                    "The completion period is extended once at the filer's request (%(basis)s): new deadline "
                    "%(deadline)s.",
                    basis=step.legal_basis,
                    deadline=format_date(self.env, deadline),
                ),
                subtype_xmlid="mail.mt_note",
            )
            # the filer's notice, in the filer's language (a filer without a contact gets it too)
            case._cq_send_letter(COMPLETION_EXTENSION_TEMPLATE)
        return True

    def action_cq_extend_completion(self):
        """Staff: the filer asked for the extension by email or phone."""
        return self._cq_extend_completion()

    def action_cq_completion_received(self):
        """The filer completed the petition: the term resumes (analysis)."""
        self._cq_check_completion_pending()
        self.activity_feedback([COMPLETION_CHECK], feedback=self.env._("The petition is complete."))
        self.write({"completion_pending": False})
        self.write({"stage_id": self._stage_for("analysis").id})
        for case in self:
            case.message_post(
                body=self.env._("The filer completed the petition: the term resumes."),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _cq_leave_completion(self, previous_states):
        """A hook of the stage change (cq_pqrs.py write): a case leaving the
        wait (answered, resumed, ended) no longer waits for the completion."""
        leaving = self.filtered(lambda c: c.state != "waiting" and previous_states.get(c.id) == "waiting")
        stale = leaving.filtered("completion_pending")
        if stale:
            stale.write({"completion_pending": False})
        if leaving:
            # the reply to check is moot (answered, withdrawn, resumed: done by Completion Received)
            leaving.activity_unlink([COMPLETION_CHECK])

    def _message_post_after_hook(self, message, msg_vals):
        """The filer wrote (an email reply, a message on the portal) while the
        petition waits for its completion: the responsible is asked to check
        whether it is complete now, once until they do. Whether a reply
        completes the petition is their call (it may say "tomorrow")."""
        res = super()._message_post_after_hook(message, msg_vals)
        if self.completion_pending and self.state == "waiting" and message.message_type in ("email", "comment") \
                and not message.subtype_id.internal and self._cq_written_by_filer(message):
            responsible = self.user_id or self.team_id.leader_id
            check = self.env.ref(COMPLETION_CHECK, raise_if_not_found=False)
            if responsible and check and not self.activity_ids.filtered(lambda a: a.activity_type_id == check):
                translated = self.with_context(lang=responsible.lang or self.env.lang)
                self.sudo().activity_schedule(
                    COMPLETION_CHECK,
                    note=translated.env._(
                        "The filer wrote while the petition waits for its completion (%(basis)s). "
                        "If what was missing is there, click Completion Received: the term resumes.",
                        basis=translated._cq_legal_step("completion").legal_basis,
                    ),
                    user_id=responsible.id,
                )
        return res

    def _cq_written_by_filer(self, message):
        self.ensure_one()
        if self.partner_id and message.author_id:
            return message.author_id.commercial_partner_id == self.partner_id.commercial_partner_id
        address = email_normalize(message.email_from or "")
        return bool(address) and address == email_normalize(self.email_from or "")

    # ------------------------------------------------------------------
    # Cron: tacit withdrawal, batched and time-budgeted
    # ------------------------------------------------------------------
    @api.model
    def _cq_tacit_claimable(self):
        """SQL condition of the cases whose completion period ran out now."""
        return SQL(
            "completion_pending AND state = 'waiting' AND completion_expires_at <= %s",
            fields.Datetime.now(),
        )

    @api.model
    def _cq_tacit_queue_size(self):
        self.flush_model(["completion_pending", "state", "completion_expires_at"])
        self.env.cr.execute(SQL("SELECT COUNT(*) FROM cq_pqrs WHERE %s", self._cq_tacit_claimable()))
        return self.env.cr.fetchone()[0]

    @api.model
    def _cron_cq_tacit_withdrawal(self):
        """Close as tacit withdrawal the cases whose completion period ran out,
        TACIT_BATCH per transaction: the cases are locked (FOR UPDATE SKIP
        LOCKED, a second worker takes others), closed with their letter and
        unqueued, and the batch is committed; the call stops when its time
        budget is spent and reports its progress, so that Odoo calls it again."""
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        deadline = monotonic() + self._cq_ack_time_budget()
        queued = self._cq_tacit_queue_size()
        done = 0
        while True:
            cases = claim_and_process(
                self, self._cq_tacit_claimable(), TACIT_BATCH, lambda case: case._cq_tacit_withdraw(), auto_commit
            )
            if not cases:
                break
            done += len(cases)
            if auto_commit:
                self.env["ir.cron"]._notify_progress(done=done, remaining=max(queued - done, 1))
                self.env.cr.commit()  # pylint: disable=invalid-commit
            if monotonic() >= deadline:
                break
        remaining = self._cq_tacit_queue_size()
        if done:
            mail_queue = self.env.ref("mail.ir_cron_mail_scheduler_action", raise_if_not_found=False)
            if mail_queue:
                mail_queue._trigger()
        if done and remaining:
            self.env.ref(TACIT_CRON)._trigger()
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    def _cq_tacit_withdraw(self):
        """Close one case as tacit withdrawal with its reasoned letter. A case
        that cannot be closed is unqueued with a note for its responsible."""
        self.ensure_one()
        as_filer = self.with_context(lang=self._cq_filer_lang())
        filer_env = as_filer.env
        reason = filer_env._(
            "The petition was not completed within the period that ended on %(deadline)s (%(basis)s): the "
            "filer is deemed to have withdrawn it.",
            deadline=format_date(filer_env, self.completion_deadline),
            basis=as_filer._cq_legal_step("completion").legal_basis,
        )
        try:
            with self.env.cr.savepoint():
                self.write({"completion_pending": False})
                self._cq_end("tacit_withdrawal", reason)
        except CONCURRENCY_ERRORS:
            raise  # the cron retries the batch
        except Exception as error:  # noqa: BLE001 - one broken case must not block the queue
            _logger.error("Tacit withdrawal of PQRS case %s failed, unqueued", self.id, exc_info=error)
            self.write({"completion_pending": False})
            self._cq_note_failure(
                self.env._("The case could not be closed as a tacit withdrawal: %(error)s.", error=str(error))
            )
            return
        self._cq_send_letter(TACIT_TEMPLATE)

    # ------------------------------------------------------------------
    # Withdrawal by the filer (step withdrawal)
    # ------------------------------------------------------------------
    def _cq_check_withdrawable(self):
        for case in self:
            case._cq_require_step("withdrawal")
            if case.state not in OPEN_STATES:
                raise UserError(
                    self.env._(
                        "%(case)s is already closed or cancelled: it can no longer be withdrawn.",
                        case=case.name,
                    )
                )

    def _cq_withdraw(self, reason, how):
        """Close the cases as withdrawn by the filer, with the letter. `how`
        says where the filer withdrew (portal, tracking page, phone...)."""
        self._cq_check_withdrawable()
        reason = (reason or "").strip()
        for case in self:
            # kept as the ending's reason, which the filer's letter quotes: in the filer's language
            text = case.with_context(lang=case._cq_filer_lang()).env._("Withdrawn by the filer (%(how)s).", how=how)
            if reason:
                text = f"{text} {reason}"
            case._cq_end("withdrawn", text)
            case._cq_send_letter(WITHDRAWAL_TEMPLATE)
        return True

    def action_open_withdrawal_wizard(self):
        self.ensure_one()
        self._cq_check_withdrawable()
        return self._cq_reason_wizard("withdraw", self.env._("Record Withdrawal"))

    def action_open_continue_wizard(self):
        self.ensure_one()
        self._cq_check_continuable()
        return self._cq_reason_wizard("continue", self.env._("Continue the Case"))

    def _cq_reason_wizard(self, mode, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "cq.pqrs.withdrawal.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_pqrs_id": self.id, "default_mode": mode},
        }

    def _cq_check_continuable(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a PQRS manager may continue a withdrawn case."))
        for case in self:
            if not case._cq_legal_step("withdrawal").allow_continue:
                raise UserError(
                    self.env._(
                        "The procedure of %(type)s does not let a withdrawn case continue.",
                        type=case.type_id.display_name,
                    )
                )
            if case.state != "closed" or case.ended_as != "withdrawn":
                raise UserError(
                    self.env._(
                        "%(case)s was not withdrawn by the filer: only such a case can be continued.",
                        case=case.name,
                    )
                )

    def _cq_continue(self, reason):
        """A manager continues a withdrawn case in the public interest (when
        the withdrawal step allows it): it returns to analysis, the reason in
        the chatter."""
        self._cq_check_continuable()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason why the case continues."))
        self.with_context(cq_stage_action=True).write(
            {"stage_id": self._stage_for("analysis").id, "date_closed": False, "ended_as": False}
        )
        for case in self:
            case.message_post(
                body=self.env._(
                    "The case continues despite the withdrawal (%(basis)s): %(reason)s",
                    basis=case._cq_legal_step("withdrawal").legal_basis,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # ------------------------------------------------------------------
    # Letters
    # ------------------------------------------------------------------
    def _cq_send_letter(self, template_xmlid):
        """Email the filer the letter of `template_xmlid` (in the filer's
        language, queued in the mail queue). A failure is noted for the
        responsible instead of undoing the step."""
        self.ensure_one()
        if not (self.partner_id or self.email_from):
            return
        try:
            with self.env.cr.savepoint():
                self.with_context(mail_notify_force_send=False).message_post_with_source(
                    self.env.ref(template_xmlid), subtype_xmlid="mail.mt_comment"
                )
        except CONCURRENCY_ERRORS:
            raise  # the transaction is retried: the letter goes with the step or not at all
        except Exception as error:  # noqa: BLE001 - the step is done, the letter can be sent by hand
            _logger.error("Letter %s of PQRS case %s failed", template_xmlid, self.id, exc_info=error)
            self._cq_note_failure(self.env._("The letter to the filer could not be sent: %(error)s.", error=str(error)))

    def _cq_note_failure(self, message):
        responsible = self.user_id or self.team_id.leader_id
        self.message_post(body=message, subtype_xmlid="mail.mt_note", partner_ids=responsible.partner_id.ids)
