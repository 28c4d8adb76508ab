import ast

from odoo import api, fields, models
from odoo.tools import SQL

ASSIGNMENT_METHODS = [
    ("manual", "Manual (the team leader)"),
    ("round_robin", "Round-Robin"),
    ("workload", "Fewest Open Cases"),
]


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
    assignment_method = fields.Selection(
        ASSIGNMENT_METHODS, string="Assignment", default="manual", required=True, tracking=True,
        help="Who becomes responsible for a case the filer filed (web form, portal, email): the team leader; "
        "each available member in turn; or the available member with the fewest open cases.",
    )
    away_user_ids = fields.Many2many(
        "res.users", "cq_pqrs_team_away_user_rel", "team_id", "user_id", string="Members Away",
        check_company=True, help="Members who get no new case while they are away (holidays, sick leave).",
    )
    last_assigned_user_id = fields.Many2one(
        "res.users", string="Last Assigned", readonly=True, copy=False,
        help="Round-robin: the member who got the last case; the next one goes to the member after.",
    )
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

    def _cq_take_turns(self, count):
        """`count` responsibles for new cases of this team, by its assignment
        method, among its members that are active, internal and not away.
        The team's row is locked for the transaction (SELECT ... FOR UPDATE):
        a second worker assigning for the same team waits, then meets this
        one's committed turn (a serialization failure Odoo retries), so no two
        cases get one turn and no member's turn is skipped. At most two
        queries. An empty list when no member is available."""
        self.ensure_one()
        self.env.cr.execute(SQL(
            """SELECT t.last_assigned_user_id,
                      ARRAY(SELECT m.res_users_id FROM cq_pqrs_team_res_users_rel m
                              JOIN res_users u ON u.id = m.res_users_id
                             WHERE m.cq_pqrs_team_id = t.id AND u.active AND NOT u.share
                               AND m.res_users_id NOT IN (SELECT a.user_id FROM cq_pqrs_team_away_user_rel a
                                                          WHERE a.team_id = t.id)
                          ORDER BY m.res_users_id)
                 FROM cq_pqrs_team t WHERE t.id = %s FOR UPDATE OF t""",
            self.id,
        ))
        last_id, member_ids = self.env.cr.fetchone()
        if not member_ids:
            return []
        if self.assignment_method == "workload":
            open_cases = dict(self.env["cq.pqrs"].sudo()._read_group(
                [("team_id", "=", self.id), ("user_id", "in", member_ids),
                 ("state", "in", ("new", "analysis", "waiting"))],
                ["user_id"], ["__count"],
            ))
            load = {user_id: 0 for user_id in member_ids}
            load.update({user.id: count for user, count in open_cases.items()})
            picks = []
            for _i in range(count):
                user_id = min(member_ids, key=lambda uid: (load[uid], uid))
                load[user_id] += 1
                picks.append(user_id)
            return self.env["res.users"].browse(picks)
        # round-robin: the members after the last one assigned, in a circle
        if last_id in member_ids:
            start = member_ids.index(last_id) + 1
        else:  # the last one assigned left the team or is away: the next member after them
            start = next((index for index, uid in enumerate(member_ids) if uid > (last_id or 0)), 0)
        picks = [member_ids[(start + index) % len(member_ids)] for index in range(count)]
        self.env.cr.execute(SQL(
            "UPDATE cq_pqrs_team SET last_assigned_user_id = %s WHERE id = %s", picks[-1], self.id
        ))
        self.invalidate_recordset(["last_assigned_user_id"])
        return self.env["res.users"].browse(picks)

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
