from odoo import fields, models
from odoo.exceptions import UserError

ACCEPTANCE = [("accepted", "Accepted"), ("not_accepted", "Not Accepted")]


class CqPqrs(models.Model):
    """Closing the loop (ISO 10002:2018 §7.8): the filer says whether they
    accept the decision sent with the answer. Not accepted, the case goes back
    for review as many times as the type's acceptance step says; not accepted then, it closes and the filer is told the
    external recourse of the case's type (the company's legal pack)."""

    _inherit = "cq.pqrs"

    decision_acceptance = fields.Selection(
        ACCEPTANCE, string="Decision Accepted", readonly=True, copy=False, tracking=True,
        help="Whether the filer accepted the decision sent with the answer.",
    )
    decision_reason = fields.Text(
        string="Why Not Accepted", readonly=True, copy=False,
        help="The filer's reason for not accepting the decision.",
    )
    date_decision = fields.Datetime(string="Decision Answered On", readonly=True, copy=False)
    decision_review_count = fields.Integer(
        string="Reviews After Non-Acceptance", readonly=True, copy=False, groups="base.group_user",
    )

    def _cq_can_answer_decision(self):
        self.ensure_one()
        return self.state == "answered" and not self.decision_acceptance and bool(self._cq_legal_step("acceptance"))

    def _cq_decision_final(self):
        """Whether the filer refused the decision after its review: it is final."""
        self.ensure_one()
        # refused for review, the case is back in analysis; refused again, it stays answered (or closes)
        return self.decision_acceptance == "not_accepted" and self.state in ("answered", "closed")

    def _cq_record_decision(self, accepted, reason=None):
        """The filer's acceptance (True) or not (False, with a reason) of the
        decision of an answered case; returns what happened: 'accepted',
        'review', 'closed', or 'final' (refused after the review, the case waits for its root cause
        to close)."""
        self.ensure_one()
        reason = (reason or "").strip()
        self._cq_require_step("acceptance")
        if self.state != "answered":
            raise UserError(
                self.env._("%(case)s has no answer waiting for your acceptance.", case=self.name)
            )
        if self.decision_acceptance:
            raise UserError(self.env._("Your acceptance of this decision is already recorded."))
        if not accepted and not reason:
            raise UserError(self.env._("Tell us why you do not accept the decision."))
        case = self.sudo()
        case.write(
            {
                "decision_acceptance": "accepted" if accepted else "not_accepted",
                "decision_reason": False if accepted else reason,
                "date_decision": fields.Datetime.now(),
            }
        )
        if accepted:
            case.message_post(body=self.env._("The filer accepted the decision."), subtype_xmlid="mail.mt_note")
            return "accepted"
        if case.decision_review_count < self._cq_legal_step("acceptance").review_count:
            case.with_context(cq_stage_action=True).write(
                {"stage_id": self._stage_for("analysis").id, "decision_review_count": case.decision_review_count + 1}
            )
            case.message_post(
                body=self.env._("The filer does not accept the decision: %(reason)s. The case is reviewed.",
                                reason=reason),
                subtype_xmlid="mail.mt_note",
            )
            responsible = case.user_id or case.team_id.leader_id
            if responsible:
                case.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Decision not accepted: review the case"),
                    note=reason,
                    user_id=responsible.id,
                )
            return "review"
        # the decision is final: the filer is told, and the case closes as any other, its root cause
        # recorded first for a complaint or a claim (else its responsible is asked to record it and close)
        case.message_post_with_source(
            "customer_quality.mail_template_cq_pqrs_final_decision", subtype_xmlid="mail.mt_comment"
        )
        if case.requires_root_cause and not (case.root_cause_id and case.root_cause_analysis):
            responsible = case.user_id or case.team_id.leader_id
            if responsible:
                translated = case.with_context(lang=responsible.lang or self.env.lang).env
                case.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=translated._("Decision final: record the root cause and close the case"),
                    note=translated._(
                        "The filer did not accept the reviewed decision either: it is final. Give the root-cause "
                        "category and analysis, then close the case."
                    ),
                    user_id=responsible.id,
                )
            return "final"
        case.action_close()
        return "closed"

    def action_send_answer(self):
        # a reviewed decision is asked again
        reviewed = self.filtered(lambda case: case.decision_acceptance == "not_accepted")
        res = super().action_send_answer()
        reviewed.write({"decision_acceptance": False, "date_decision": False})
        return res

    def action_reopen(self):
        res = super().action_reopen()
        self.write({"decision_acceptance": False, "decision_reason": False, "date_decision": False})
        return res
