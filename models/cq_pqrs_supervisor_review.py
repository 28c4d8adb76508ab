from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from . import cq_legal_term as legal_term
from .cq_pqrs import HANDLED_STATES

REVIEW_STATES = [("requested", "Review Requested"), ("done", "Reviewed")]
REVIEW_OUTCOMES = [("upheld", "Decision Upheld"), ("changed", "Decision Changed")]


class CqPqrs(models.Model):
    """Review by a supervisor: the customer asks (on the portal case page, the
    tracking page, or through staff) that a claim be reviewed by a
    supervisor; the case gets a supervisor (its team's leader by default), a
    review due date from the type's supervisor-review step (the term engine),
    a letter to the customer, and, once reviewed, the outcome and a second
    letter. A type without the step offers nothing."""

    _inherit = "cq.pqrs"

    supervisor_id = fields.Many2one(
        "res.users", string="Supervisor", tracking=True, copy=False, groups="base.group_user",
        domain="[('share', '=', False)]",
        help="Who reviews the claim at the customer's request: the team leader by default.",
    )
    review_state = fields.Selection(
        REVIEW_STATES, string="Supervisor Review", readonly=True, copy=False, tracking=True, index="btree_not_null",
    )
    review_requested_at = fields.Datetime(string="Review Requested On", readonly=True, copy=False)
    review_due = fields.Date(string="Review Due", readonly=True, copy=False)
    review_reason = fields.Text(string="Why a Review", readonly=True, copy=False, groups="base.group_user")
    review_outcome = fields.Selection(REVIEW_OUTCOMES, string="Review Outcome", readonly=True, copy=False, tracking=True)
    review_answer = fields.Text(string="Supervisor's Answer", readonly=True, copy=False, groups="base.group_user")
    date_reviewed = fields.Datetime(string="Reviewed On", readonly=True, copy=False)
    review_on_time = fields.Boolean(
        string="Reviewed On Time", compute="_compute_review_on_time", store=True, precompute=True,
        groups="base.group_user",
    )
    dispute_referral_date = fields.Date(
        string="Referred to the Dispute Body", copy=False, tracking=True, groups="base.group_user",
        help="When the customer took the claim to an out-of-court dispute resolution body (arbitration, "
        "mediation): counted in the yearly evaluation of the service.",
    )

    @api.depends("date_reviewed", "review_due")
    def _compute_review_on_time(self):
        for case in self:
            case.review_on_time = case._cq_review_on_time()

    def _cq_reviewable(self):
        """Open or answered, or closed within its reopening window."""
        self.ensure_one()
        return self.state in HANDLED_STATES or (self.state == "closed" and self._cq_within_reopening())

    def _cq_can_ask_review(self):
        self.ensure_one()
        return not self.review_state and bool(self._cq_legal_step("supervisor_review")) and self._cq_reviewable()

    def _cq_request_review(self, reason, channel):
        """The customer asks that this case be reviewed by a supervisor
        (`channel`: where they asked, for the chatter)."""
        self.ensure_one()
        step = self._cq_require_step("supervisor_review")
        reason = (reason or "").strip()
        if self.review_state:
            raise UserError(self.env._("A supervisor's review of %(case)s was already asked for.", case=self.name))
        if not self._cq_reviewable():
            raise UserError(self.env._(
                "%(case)s is closed or cancelled and past its reopening window: its review cannot be asked for.",
                case=self.name,
            ))
        if not reason:
            raise UserError(self.env._("Tell us why you ask for a supervisor's review."))
        case = self.sudo()
        now = fields.Datetime.now()
        bcal = case.company_id._cq_business_calendar([now])
        _filed, dates = legal_term.file_term(bcal, now, step.amount, step.unit, 0)
        supervisor = case.supervisor_id or case.team_id.leader_id or case.user_id
        case.write({
            "supervisor_id": supervisor.id,
            "review_state": "requested",
            "review_requested_at": now,
            "review_due": dates.date_due,
            "review_reason": reason,
        })
        case.message_post(
            body=self.env._(
                "The customer asked (%(channel)s) that the case be reviewed by a supervisor (%(basis)s): "
                "%(reason)s. Review due on %(due)s.",
                channel=channel, basis=step.legal_basis, reason=reason, due=dates.date_due,
            ),
            subtype_xmlid="mail.mt_note",
        )
        case.message_post_with_source(
            "customer_quality.mail_template_cq_pqrs_supervisor_review", subtype_xmlid="mail.mt_comment"
        )
        if supervisor:
            translated = case.with_context(lang=supervisor.lang or self.env.lang).env
            case.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=dates.date_due,
                summary=translated._("Supervisor review asked by the customer"),
                note=reason,
                user_id=supervisor.id,
            )
        return True

    def _cq_record_review(self, outcome, answer):
        """The supervisor's outcome: the decision upheld, or changed (the case
        goes back to analysis for its new answer); the customer is written to."""
        self.ensure_one()
        answer = (answer or "").strip()
        if self.review_state != "requested":
            raise UserError(self.env._("%(case)s has no supervisor's review waiting.", case=self.name))
        if self.env.user != self.supervisor_id and not self.env.user.has_group("customer_quality.group_cq_manager"):
            raise AccessError(self.env._("Only the case's supervisor or a manager records the review."))
        if outcome not in dict(REVIEW_OUTCOMES):
            raise UserError(self.env._("Choose the outcome of the review."))
        if not answer:
            raise UserError(self.env._("Write the supervisor's answer: the customer reads it."))
        case = self.sudo()
        vals = {
            "review_state": "done", "review_outcome": outcome, "review_answer": answer,
            "date_reviewed": fields.Datetime.now(),
        }
        if outcome == "changed" and case.state in ("answered", "closed"):
            vals.update(stage_id=self._stage_for("analysis").id, date_closed=False)
        case.with_context(cq_stage_action=True).write(vals)
        case.message_post_with_source(
            "customer_quality.mail_template_cq_pqrs_supervisor_review_done", subtype_xmlid="mail.mt_comment"
        )
        case.activity_ids.filtered(
            lambda a: a.user_id == case.supervisor_id and a.date_deadline == case.review_due
        ).action_feedback(feedback=dict(self._fields["review_outcome"]._description_selection(self.env))[outcome])
        return True

    def _cq_review_on_time(self):
        self.ensure_one()
        return bool(self.date_reviewed and self.review_due and self.date_reviewed.date() <= self.review_due)

    def action_open_review_wizard(self):
        self.ensure_one()
        mode = "outcome" if self.review_state == "requested" else "request"
        return {
            "type": "ir.actions.act_window",
            "res_model": "cq.pqrs.review.wizard",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Record the Review") if mode == "outcome" else self.env._("Supervisor Review"),
            "context": {"default_pqrs_id": self.id, "default_mode": mode},
        }
