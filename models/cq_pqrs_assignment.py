from collections import defaultdict

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
        unassigned = []
        for vals in vals_list:
            pqrs_type = types.browse(vals.get("type_id"))
            if vals.get("team_id"):
                # routed already: an emergency keeps its on-duty routing (cq_pqrs_emergency.py); an
                # email to a team's alias, or a case filed for a team, still needs a responsible
                team = Team.browse(vals["team_id"]) if not pqrs_type.is_emergency else Team
            else:
                team = pqrs_type.team_id or alias_teams.get(pqrs_type, Team)
                if not team or team.company_id.id not in (False, vals["company_id"]):
                    continue
                vals["team_id"] = team.id
            if team and not vals.get("user_id") and (filed_by_filer or vals.get("channel") in UNATTENDED_CHANNELS):
                unassigned.append((vals, team))
        self._cq_pick_responsibles(unassigned)

    @api.model
    def _cq_pick_responsibles(self, unassigned):
        """The responsible of each (vals, team) of `unassigned`: by the team's
        assignment method (cq.pqrs.team._cq_take_turns), one turn-taking per
        team for the batch; the team leader when the method is manual or no
        member is available."""
        by_team = defaultdict(list)
        for vals, team in unassigned:
            by_team[team].append(vals)
        for team, team_vals in by_team.items():
            picks = team._cq_take_turns(len(team_vals)) if team.assignment_method != "manual" else []
            for index, vals in enumerate(team_vals):
                vals["user_id"] = picks[index].id if picks else team.leader_id.id
