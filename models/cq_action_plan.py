from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .cron_claim import claim

STATES = [
    ("draft", "Draft"),
    ("analysis", "Analysis"),
    ("in_progress", "In Progress"),
    ("review", "Effectiveness Review"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("draft", "analysis", "in_progress", "review")
CRON_BATCH = 200


class CqActionPlan(models.Model):
    """Corrective, preventive or improvement action plan (ISO 9001 10.2):
    problem, root cause, actions and a review of their effectiveness."""

    _name = "cq.action.plan"
    _description = "Action Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "priority desc, date_deadline, id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, default="/", index="trigram")
    title = fields.Char(required=True, tracking=True)
    plan_type = fields.Selection(
        [("corrective", "Corrective"), ("preventive", "Preventive"), ("improvement", "Improvement")],
        string="Type",
        required=True,
        default="corrective",
        tracking=True,
    )
    origin = fields.Selection(
        [
            ("pqrs", "PQRS"),
            ("measure", "Indicator Measure"),
            ("campaign", "Survey Campaign"),
            ("contract_review", "Contract Review"),
            ("audit", "Audit Finding"),
            ("recurrence", "Recurring Complaints"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
        tracking=True,
    )
    pqrs_id = fields.Many2one("cq.pqrs", string="PQRS", check_company=True, index="btree_not_null")
    measure_id = fields.Many2one("cq.indicator.measure", string="Indicator Measure", index="btree_not_null")
    campaign_id = fields.Many2one("cq.survey.campaign", string="Survey Campaign", index="btree_not_null")
    contract_review_id = fields.Many2one(
        "cq.contract.review", string="Contract Review", check_company=True, index="btree_not_null"
    )
    recurrence_id = fields.Many2one(
        "cq.pqrs.recurrence", string="Recurring Complaints", check_company=True, index="btree_not_null"
    )
    audit_reference = fields.Char(string="Audit Finding", help="Audit report and finding number.")
    partner_id = fields.Many2one("res.partner", string="Customer", tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    priority = fields.Selection([("0", "Normal"), ("1", "High")], default="0")
    state = fields.Selection(
        STATES, default="draft", required=True, tracking=True, index=True, group_expand="_expand_states"
    )
    date_deadline = fields.Date(string="Deadline", tracking=True)
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False)
    description = fields.Html(string="Problem")
    # root cause analysis
    analysis_method = fields.Selection(
        [("five_whys", "5 Whys"), ("categories", "Cause Categories (6M)")],
        default="five_whys",
    )
    why_1 = fields.Char(string="Why 1")
    why_2 = fields.Char(string="Why 2")
    why_3 = fields.Char(string="Why 3")
    why_4 = fields.Char(string="Why 4")
    why_5 = fields.Char(string="Why 5")
    cause_category = fields.Selection(
        [
            ("method", "Method"),
            ("machine", "Machine"),
            ("material", "Material"),
            ("people", "People"),
            ("measurement", "Measurement"),
            ("environment", "Environment"),
        ],
        tracking=True,
    )
    root_cause = fields.Text(string="Root Cause", tracking=True)
    # actions and effectiveness
    cycle = fields.Integer(default=1, readonly=True, copy=False)
    line_ids = fields.One2many("cq.action.plan.line", "plan_id", string="Actions", copy=True)
    review_ids = fields.One2many("cq.action.plan.review", "plan_id", string="Effectiveness Reviews", copy=False)
    date_review_planned = fields.Date(string="Effectiveness Review Planned", tracking=True)
    last_review_id = fields.Many2one("cq.action.plan.review", compute="_compute_progress", string="Last Review")
    line_count = fields.Integer(compute="_compute_progress")
    line_done_count = fields.Integer(compute="_compute_progress")
    progress = fields.Float(compute="_compute_progress", string="Progress (%)")
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    reminded_deadline = fields.Date(readonly=True, copy=False)
    cancel_reason = fields.Text(tracking=True, copy=False)
    color = fields.Integer()

    _sql_constraints = [
        ("measure_uniq", "unique(measure_id)", "An indicator measure has one action plan."),
    ]

    @api.model
    def _expand_states(self, states, domain):
        return [key for key, _label in STATES]

    def _compute_progress(self):
        Line = self.env["cq.action.plan.line"]
        totals = {plan: count for plan, count in Line._read_group([("plan_id", "in", self.ids)], ["plan_id"], ["__count"])}
        done = {
            plan: count
            for plan, count in Line._read_group(
                [("plan_id", "in", self.ids), ("done", "=", True)], ["plan_id"], ["__count"]
            )
        }
        last_reviews = {
            plan: review_id
            for plan, review_id in self.env["cq.action.plan.review"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["id:max"]
            )
        }
        for plan in self:
            plan.line_count = totals.get(plan, 0)
            plan.line_done_count = done.get(plan, 0)
            plan.progress = 100.0 * plan.line_done_count / plan.line_count if plan.line_count else 0.0
            plan.last_review_id = last_reviews.get(plan, False)

    @api.depends("date_deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for plan in self:
            plan.is_overdue = bool(plan.state in OPEN_STATES and plan.date_deadline and plan.date_deadline < today)

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue action plans."))
        domain = [
            ("state", "in", OPEN_STATES),
            ("date_deadline", "<", fields.Date.context_today(self)),
        ]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("cq.action.plan") or "/"
            if vals.get("pqrs_id") and not vals.get("partner_id"):
                vals["partner_id"] = self.env["cq.pqrs"].browse(vals["pqrs_id"]).partner_id.id
        plans = super().create(vals_list)
        for plan in plans.filtered("user_id"):
            plan.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=plan.date_deadline or fields.Date.context_today(plan),
                summary=self.env._("Analyse the root cause and plan the actions"),
                user_id=plan.user_id.id,
            )
        return plans

    def write(self, vals):
        if vals.get("state") == "closed":
            self._check_can_close()
        return super().write(vals)

    def _check_can_close(self):
        for plan in self:
            review = plan.review_ids.filtered(lambda r, c=plan.cycle: r.cycle == c)[-1:]
            if not review or review.effective != "yes":
                raise UserError(
                    self.env._(
                        "Action plan %(plan)s cannot be closed before an effectiveness review finds its "
                        "actions effective.",
                        plan=plan.name,
                    )
                )

    def _get_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "cq.action.plan",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _check_lines_editable(self):
        for plan in self:
            if plan.state in ("closed", "cancelled"):
                raise UserError(
                    self.env._("Action plan %(plan)s is closed: its actions cannot change.", plan=plan.name)
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Action plans are quality records: cancel them instead of deleting them."))

    # ------------------------------------------------------------------
    # workflow
    # ------------------------------------------------------------------
    def _check_state(self, allowed):
        for plan in self:
            if plan.state not in allowed:
                raise UserError(
                    self.env._(
                        "Action plan %(plan)s is %(state)s: this step is not possible now.",
                        plan=plan.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[plan.state],
                    )
                )

    def action_start_analysis(self):
        self._check_state(("draft",))
        self.state = "analysis"

    def action_start(self):
        self._check_state(("draft", "analysis"))
        for plan in self:
            if not (plan.root_cause or "").strip():
                raise UserError(
                    self.env._("Record the root cause of %(plan)s before starting its actions.", plan=plan.name)
                )
            if not plan.line_ids.filtered(lambda line, c=plan.cycle: line.cycle == c):
                raise UserError(self.env._("Plan at least one action in %(plan)s.", plan=plan.name))
        self.state = "in_progress"

    def action_request_review(self):
        self._check_state(("in_progress",))
        for plan in self:
            pending = plan.line_ids.filtered(lambda line, c=plan.cycle: line.cycle == c and not line.done)
            if pending:
                raise UserError(
                    self.env._(
                        "Actions of %(plan)s are still pending: %(actions)s.",
                        plan=plan.name,
                        actions=", ".join(pending.mapped("name")),
                    )
                )
        self.state = "review"

    def action_open_review(self):
        """Open the form of the effectiveness review of the current cycle."""
        self.ensure_one()
        self._check_state(("review",))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Effectiveness Review"),
            "res_model": "cq.action.plan.review",
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_id": self.id},
        }

    def _apply_review(self, review):
        """An effective review closes the plan; an ineffective one opens a new cycle."""
        self.ensure_one()
        if review.effective == "yes":
            self.write({"state": "closed", "date_closed": review.date})
            self.activity_feedback(["mail.mail_activity_data_todo"])
        else:
            self.write({"state": "in_progress", "cycle": self.cycle + 1})
            self.message_post(
                body=self.env._(
                    "The actions were not effective: cycle %(cycle)s starts. Plan new actions.",
                    cycle=self.cycle,
                )
            )
            if self.user_id:
                self.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Plan new actions: the previous ones were not effective"),
                    user_id=self.user_id.id,
                )

    def action_close(self):
        self._check_state(("review",))
        self.write({"state": "closed", "date_closed": fields.Date.context_today(self)})

    def action_cancel(self):
        self._check_state(OPEN_STATES)
        for plan in self:
            if not (plan.cancel_reason or "").strip():
                raise UserError(self.env._("Write why %(plan)s is cancelled before cancelling it.", plan=plan.name))
        self.write({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])

    def action_reset_draft(self):
        self._check_state(("cancelled",))
        self.write({"state": "draft", "cancel_reason": False})

    # ------------------------------------------------------------------
    # cron
    # ------------------------------------------------------------------
    @api.model
    def _cron_remind_overdue(self):
        """One activity per plan and missed deadline (idempotent: the deadline
        reminded is remembered) and per overdue action line."""
        today = fields.Date.context_today(self)
        plans = claim(
            self,
            SQL(
                "state IN %s AND date_deadline < %s AND user_id IS NOT NULL "
                "AND reminded_deadline IS DISTINCT FROM date_deadline",
                OPEN_STATES,
                today,
            ),
            CRON_BATCH,
        )
        for plan in plans:
            plan.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Action plan overdue"),
                note=self.env._("The deadline of %(plan)s was %(date)s.", plan=plan.name, date=plan.date_deadline),
                user_id=plan.user_id.id,
            )
            plan.reminded_deadline = plan.date_deadline
        lines = self.env["cq.action.plan.line"]._remind_overdue(today, CRON_BATCH)
        self.env["ir.cron"]._notify_progress(done=len(plans) + len(lines), remaining=0)
