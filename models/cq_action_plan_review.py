from odoo import api, fields, models
from odoo.exceptions import UserError


class CqActionPlanReview(models.Model):
    """Effectiveness review of one cycle of an action plan (ISO 9001 10.2.1 d)."""

    _name = "cq.action.plan.review"
    _description = "Action Plan Effectiveness Review"
    _order = "plan_id, id"
    _rec_name = "plan_id"

    plan_id = fields.Many2one("cq.action.plan", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    cycle = fields.Integer(readonly=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    user_id = fields.Many2one(
        "res.users", string="Verified By", required=True, default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    effective = fields.Selection([("yes", "Effective"), ("no", "Not Effective")], required=True)
    evidence = fields.Html(required=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Evidence Files")

    @api.model_create_multi
    def create(self, vals_list):
        Plan = self.env["cq.action.plan"]
        for vals in vals_list:
            plan = Plan.browse(vals.get("plan_id"))
            if plan.state != "review":
                raise UserError(
                    self.env._(
                        "Action plan %(plan)s is not waiting for an effectiveness review.", plan=plan.name
                    )
                )
            vals["cycle"] = plan.cycle
        reviews = super().create(vals_list)
        for review in reviews:
            evidence = review.evidence.striptags().strip() if review.evidence else ""
            if not evidence:
                raise UserError(self.env._("Describe the evidence of the effectiveness review."))
            review.plan_id.message_post(
                body=self.env._(
                    "Effectiveness review of cycle %(cycle)s by %(user)s: %(result)s.",
                    cycle=review.cycle,
                    user=review.user_id.name,
                    result=dict(self._fields["effective"]._description_selection(self.env))[review.effective],
                ),
                attachment_ids=review.attachment_ids.ids,
            )
            review.plan_id._apply_review(review)
        return reviews

    def write(self, vals):
        if set(vals) - {"attachment_ids"}:
            raise UserError(self.env._("An effectiveness review is a record: it cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Effectiveness reviews are quality records: they cannot be deleted."))
