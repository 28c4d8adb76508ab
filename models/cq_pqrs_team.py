import ast

from odoo import api, fields, models


class CqPqrsTeam(models.Model):
    _name = "cq.pqrs.team"
    _description = "PQRS Team"
    _inherit = ["mail.alias.mixin", "mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    leader_id = fields.Many2one(
        "res.users", string="Team Leader", tracking=True, check_company=True,
        help="Notified when a case of the team enters its escalation window and when it is overdue.",
    )
    member_ids = fields.Many2many("res.users", string="Members", check_company=True)
    first_response_target = fields.Float(
        string="First Response Target (hours)", digits=(16, 1),
        help="How many business hours of the company's calendar a filer may wait for a first word from the team "
        "after filing (the acknowledgement does not count). 0: no target.",
    )
    on_duty_phone = fields.Char(
        string="On-Duty Phone", help="Phone of the on-duty team for emergencies, recorded on each emergency case."
    )
    default_type_id = fields.Many2one(
        "cq.pqrs.type", string="Default Type",
        help="Type of the cases created from emails sent to the team's alias.",
    )
    pqrs_ids = fields.One2many("cq.pqrs", "team_id", string="Cases")
    open_count = fields.Integer(compute="_compute_open_count", string="Open Cases")

    _check_company_auto = True

    def _compute_open_count(self):
        counts = dict(
            self.env["cq.pqrs"]._read_group(
                [("team_id", "in", self.ids), ("state", "not in", ("answered", "closed", "cancelled"))],
                ["team_id"],
                ["__count"],
            )
        )
        for team in self:
            team.open_count = counts.get(team, 0)

    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get("cq.pqrs").id
        if self.id:
            values["alias_defaults"] = defaults = ast.literal_eval(self.alias_defaults or "{}")
            defaults["team_id"] = self.id
            defaults["company_id"] = self.company_id.id
            if self.default_type_id:
                defaults["type_id"] = self.default_type_id.id
        return values

    @api.model_create_multi
    def create(self, vals_list):
        teams = super().create(vals_list)
        # the alias defaults need the team's id
        for team in teams:
            team.alias_id.sudo().write(team._alias_get_creation_values())
        return teams

    def write(self, vals):
        res = super().write(vals)
        if "default_type_id" in vals or "company_id" in vals:
            for team in self:
                team.alias_id.sudo().write(team._alias_get_creation_values())
        return res

    def action_open_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("customer_quality.cq_pqrs_action")
        action["domain"] = [("team_id", "=", self.id)]
        action["context"] = {"default_team_id": self.id}
        return action
