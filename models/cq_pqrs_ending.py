from odoo import api, fields, models
from odoo.exceptions import UserError

from .cq_pqrs import OPEN_STATES

# How a case ended. Answered and cancelled follow the stage; the others are
# legal endings without an answer on the merits (the type's legal steps): the filer
# withdrew (art. 18), did not complete the petition in time (art. 17, tacit
# withdrawal) or the case went to the competent party (art. 21).
ENDINGS = [
    ("answered", "Answered"),
    ("withdrawn", "Withdrawn by the Filer"),
    ("tacit_withdrawal", "Tacit Withdrawal"),
    ("transferred", "Transferred"),
    ("agreed", "Agreed on the Spot"),
    ("merged", "Merged into Another Case"),
    ("cancelled", "Cancelled"),
]
# endings counted apart in RRT and response time: neither on time nor late
ENDINGS_APART = ("withdrawn", "tacit_withdrawal", "transferred", "merged")


class CqPqrs(models.Model):
    """The ending of a case: what the register, the indicators and the portal
    show, and the one step (`_cq_end`) that closes a case without an answer."""

    _inherit = "cq.pqrs"

    ended_as = fields.Selection(
        [ending for ending in ENDINGS if ending[0] in (*ENDINGS_APART, "agreed")],
        string="Ended Without Answer", readonly=True, copy=False, groups="base.group_user",
        help="Set when the case closes without an answer on the merits (withdrawal, tacit withdrawal, "
        "transfer to the competent party) or with an agreement reached on the spot with the consumer.",
    )
    ending = fields.Selection(
        ENDINGS, compute="_compute_ending", store=True, precompute=True, index=True, tracking=True,
        help="How the case ended: answered, withdrawn by the filer, tacit withdrawal (the petition was "
        "not completed in time), transferred to the competent party, or cancelled. Empty while open.",
    )
    ending_reason = fields.Text(
        string="Ending Reason", readonly=True, copy=False, groups="base.group_user",
        help="Why the case ended without an answer, as recorded when it ended.",
    )

    @api.depends("state", "ended_as", "date_answered")
    def _compute_ending(self):
        for case in self:
            if case.ended_as and case.state == "closed":
                case.ending = case.ended_as
            elif case.state == "cancelled":
                case.ending = "cancelled"
            elif case.state in ("answered", "closed") and case.sudo().date_answered:
                case.ending = "answered"
            else:
                case.ending = False

    def _cq_end(self, ending, reason):
        """Close open cases with a legal ending without an answer (one of
        ENDINGS_APART); the reason is kept and noted in the chatter. The
        letter to the filer is the caller's (each ending has its own)."""
        if ending not in ENDINGS_APART:
            raise UserError(self.env._("This is not an ending without an answer."))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason why the case ends."))
        for case in self:
            if case.state not in OPEN_STATES:
                raise UserError(
                    self.env._("%(case)s is no longer open: it cannot end this way.", case=case.name)
                )
        label = dict(self._fields["ending"]._description_selection(self.env))[ending]
        self.with_context(cq_stage_action=True).write(
            {
                "stage_id": self._stage_for("closed").id,
                "date_closed": fields.Datetime.now(),
                "ended_as": ending,
                "ending_reason": reason.strip(),
            }
        )
        for case in self:
            case.message_post(
                body=self.env._("Case ended: %(ending)s. %(reason)s", ending=label, reason=reason.strip()),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _cq_can_reopen(self):
        # a withdrawn or transferred case is not reopened: the filer files again
        return super()._cq_can_reopen() and not self.ended_as

    def action_reopen(self):
        if any(self.mapped("ended_as")):
            raise UserError(
                self.env._("A withdrawn or transferred case cannot be reopened: file a new case instead.")
            )
        return super().action_reopen()
