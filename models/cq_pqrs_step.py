from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .cq_legal_term import HOURS, TERM_UNITS

# The legal steps a case may go through besides its answer term (kept on the type: term, unit,
# extension rule, legal basis, recourse). A type offers a step only when its procedure has it.
# The labels are translated through the selection field that uses this list.
STEP_KINDS = [
    ("completion_request", "Request for Completion"),
    ("completion", "Completion Period"),
    ("withdrawal", "Express Withdrawal"),
    ("transfer", "Transfer to the Competent Party"),
    ("reiteration", "Reiteration"),
    ("reopening", "Reopening"),
    ("acceptance", "Acceptance of the Decision"),
    ("extension", "Extension of the Term"),
    ("agreement", "Agreement on the Spot"),
    ("supervisor_review", "Review by a Supervisor"),
]
# what each kind counts from, when it has a term
STEP_EVENTS = {
    "completion_request": "filing",
    "completion": "request",
    "transfer": "filing",
    "reopening": "answer",
    "supervisor_review": "request",
}
# what follows when the filer does not complete the request in time
COMPLETION_OUTCOMES = [
    ("tacit_withdrawal", "Deemed withdrawn"),
    ("suspension", "The term stays suspended"),
]


class CqPqrsStep(models.Model):
    """One legal step of a PQRS type's procedure: its term (amount, unit, the event it counts
    from), how it extends and what follows it, and the legal basis the chatter, the buttons, the
    portal and tracking pages and the letters cite for it. The legal packs seed them with each
    country's law; the shared types with the company's own procedure."""

    _name = "cq.pqrs.step"
    _description = "PQRS Legal Step"
    _order = "type_id, sequence, id"

    type_id = fields.Many2one("cq.pqrs.type", string="PQRS Type", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="type_id.company_id", store=True)
    kind = fields.Selection(STEP_KINDS, string="Step", required=True)
    sequence = fields.Integer(compute="_compute_sequence", store=True)
    amount = fields.Integer(
        string="Term",
        help="How long the step may take, in its unit, counted from its event. 0: the step has no term (a "
        "completion period that only suspends the answer term may have none: the filer has no deadline).",
    )
    unit = fields.Selection(
        TERM_UNITS, string="Unit", default="business_days",
        help="Business days, calendar days or months; hours only in the procedure of a type whose term counts "
        "hours.",
    )
    event = fields.Selection(
        [("filing", "Filing"), ("request", "Request"), ("answer", "Answer")],
        string="Counted From", compute="_compute_event", store=True,
    )
    warning_amount = fields.Integer(
        string="Warn After",
        help="Transfer: the responsible is reminded after this many units of the term, if the case is still open.",
    )
    extension_amount = fields.Integer(
        string="Extension",
        help="Completion period: how much longer the filer may take, once, when they ask before it ends "
        "(in the step's unit, counted from the request). 0: no extension.",
    )
    outcome = fields.Selection(
        COMPLETION_OUTCOMES, string="When Not Completed",
        help="Completion period: what the case becomes when the filer does not complete it in time.",
    )
    review_count = fields.Integer(
        string="Reviews", compute="_compute_review_count", store=True, readonly=False,
        help="Acceptance of the decision: how many times a decision the filer does not accept goes back for "
        "review before it is final (0: it is final at once).",
    )
    allow_continue = fields.Boolean(
        string="Manager May Continue",
        help="Express withdrawal: a manager may continue a withdrawn case (public interest).",
    )
    legal_basis = fields.Char(
        string="Legal Basis", translate=True, required=True,
        help="The rule this step applies, as cited in the chatter, on buttons, on the portal and tracking "
        "pages and in the letters, e.g. the law and article.",
    )
    note = fields.Text(
        translate=True,
        help="What could not be confirmed from the law's text, or how the company applies it.",
    )

    _sql_constraints = [
        ("type_kind_unique", "unique(type_id, kind)", "A PQRS type has each legal step once."),
    ]

    @api.depends("kind")
    def _compute_sequence(self):
        order = [kind for kind, _label in STEP_KINDS]
        for step in self:
            step.sequence = order.index(step.kind) if step.kind in order else len(order)

    @api.depends("kind")
    def _compute_event(self):
        for step in self:
            step.event = STEP_EVENTS.get(step.kind, False)

    @api.depends("kind")
    def _compute_review_count(self):
        # the decision is reviewed once unless the procedure says otherwise
        for step in self:
            step.review_count = 1 if step.kind == "acceptance" else 0

    @api.depends("kind", "type_id")
    def _compute_display_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for step in self:
            step.display_name = f"{step.type_id.display_name} - {labels.get(step.kind, '')}"

    def _cq_term_label(self):
        """The step's term as the filer reads it ("5 business days", "1 month")."""
        self.ensure_one()
        return self.type_id._cq_format_term(self.amount, self.unit)

    @api.constrains("kind", "amount", "unit", "warning_amount", "extension_amount", "outcome", "review_count", "type_id")
    def _check_step(self):
        for step in self:
            label = dict(self._fields["kind"]._description_selection(self.env)).get(step.kind)
            if min(step.amount, step.warning_amount, step.extension_amount, step.review_count) < 0:
                raise ValidationError(self.env._("The terms of the step %(step)s cannot be negative.", step=label))
            # a completion that only suspends the term may leave the filer no deadline (the law sets none)
            open_ended = step.kind == "completion" and step.outcome == "suspension"
            if step.kind in STEP_EVENTS and not step.amount and not open_ended:
                raise ValidationError(self.env._("The step %(step)s needs a term.", step=label))
            if step.kind not in STEP_EVENTS and step.amount:
                raise ValidationError(self.env._("The step %(step)s has no term of its own.", step=label))
            if step.amount and not step.unit:
                raise ValidationError(self.env._("Give the unit of the step %(step)s.", step=label))
            if step.unit == HOURS and step.amount and step.type_id.term_unit != HOURS:
                raise ValidationError(
                    self.env._(
                        "The step %(step)s of %(type)s cannot count hours: the type's term counts days.",
                        step=label, type=step.type_id.display_name,
                    )
                )
            if step.extension_amount and step.kind != "completion":
                raise ValidationError(
                    self.env._("The step %(step)s cannot be extended: only the completion period can.", step=label)
                )
            if step.warning_amount and (step.kind != "transfer" or step.warning_amount >= step.amount):
                raise ValidationError(
                    self.env._("Only a transfer warns, and before its term ends (%(step)s).", step=label)
                )
            if step.review_count and step.kind != "acceptance":
                raise ValidationError(
                    self.env._("Only the acceptance of the decision is reviewed (%(step)s).", step=label)
                )
            if (step.kind == "completion") != bool(step.outcome):
                raise ValidationError(
                    self.env._("Only the completion period, and always it, says what follows when it is not met.")
                )
