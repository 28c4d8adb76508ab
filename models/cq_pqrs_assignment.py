from odoo import api, models

# channels where nobody in the company filed the case: it is routed to a team and a responsible
UNATTENDED_CHANNELS = ("web_form", "portal", "email")


class CqPqrs(models.Model):
    """Assignment: a case filed without a team goes to its type's default team
    (else the team whose email alias files that type); a case the filer filed
    themselves (web form, portal, email) also gets the team leader as
    responsible when nobody is. Emergencies are routed first, to the on-duty
    team (cq_pqrs_emergency.py)."""

    _inherit = "cq.pqrs"

    @api.model
    def _cq_assign_team(self, vals_list):
        """Hook of create(): the team and responsible of the new cases."""
        Team = self.env["cq.pqrs.team"].sudo()
        types = self.env["cq.pqrs.type"].sudo().browse({vals.get("type_id") for vals in vals_list} - {None, False})
        alias_teams = {}
        for pqrs_type in types.filtered(lambda t: not t.team_id):
            alias_teams[pqrs_type] = Team.search(
                [("default_type_id", "=", pqrs_type.id)], order="sequence, id", limit=1
            )
        filed_by_filer = self.env.user.share
        for vals in vals_list:
            if vals.get("team_id"):
                continue
            pqrs_type = types.browse(vals.get("type_id"))
            team = pqrs_type.team_id or alias_teams.get(pqrs_type, Team)
            if not team or team.company_id.id not in (False, vals["company_id"]):
                continue
            vals["team_id"] = team.id
            if not vals.get("user_id") and (filed_by_filer or vals.get("channel") in UNATTENDED_CHANNELS):
                vals["user_id"] = team.leader_id.id
