from odoo import api, fields, models
from odoo.exceptions import UserError


class CqActionPlanLine(models.Model):
    """One action of a plan: what, who, when, done."""

    _name = "cq.action.plan.line"
    _description = "Action Plan Action"
    _order = "plan_id, cycle, sequence, id"

    plan_id = fields.Many2one("cq.action.plan", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    cycle = fields.Integer(
        default=lambda self: self.env["cq.action.plan"].browse(self.env.context.get("default_plan_id")).cycle or 1,
        readonly=True,
    )
    name = fields.Char(string="Action", required=True)
    user_id = fields.Many2one("res.users", string="Who", domain="[('share', '=', False)]")
    date_deadline = fields.Date(string="When")
    done = fields.Boolean()
    date_done = fields.Date(string="Done On", readonly=True)
    reminded = fields.Boolean(readonly=True, copy=False)
    is_overdue = fields.Boolean(compute="_compute_is_overdue")

    @api.depends("done", "date_deadline")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for line in self:
            line.is_overdue = bool(not line.done and line.date_deadline and line.date_deadline < today)

    @api.model_create_multi
    def create(self, vals_list):
        Plan = self.env["cq.action.plan"]
        for vals in vals_list:
            if "cycle" not in vals and vals.get("plan_id"):
                vals["cycle"] = Plan.browse(vals["plan_id"]).cycle or 1
            if vals.get("done"):
                vals.setdefault("date_done", fields.Date.context_today(self))
        lines = super().create(vals_list)
        lines.plan_id._check_lines_editable()
        return lines

    def write(self, vals):
        self.plan_id._check_lines_editable()
        if "done" in vals:
            vals["date_done"] = fields.Date.context_today(self) if vals["done"] else False
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        for line in self:
            if line.plan_id.state not in ("draft", "analysis"):
                raise UserError(
                    self.env._(
                        "Actions of %(plan)s cannot be deleted once it has started: mark them done or "
                        "cancel the plan.",
                        plan=line.plan_id.name,
                    )
                )

    @api.model
    def _remind_overdue(self, today, limit):
        """An activity for the owner of each overdue action, once."""
        lines = self.search(
            [
                ("done", "=", False),
                ("reminded", "=", False),
                ("date_deadline", "<", today),
                ("plan_id.state", "in", ("in_progress", "analysis", "draft")),
            ],
            limit=limit,
        )
        for line in lines:
            line.plan_id.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Overdue action: %(action)s", action=line.name),
                user_id=(line.user_id or line.plan_id.user_id).id or self.env.uid,
            )
        lines.write({"reminded": True})
        return lines
