from odoo import api, fields, models


class CqPqrs(models.Model):
    """Emergencies: a case of an emergency type (its term in hours, cq_pqrs.py)
    goes to the on-duty team when filed without one, and reaches that team at
    once with the on-duty phone."""

    _inherit = "cq.pqrs"

    emergency_phone = fields.Char(string="On-Duty Phone", readonly=True, copy=False)

    @api.model
    def _cq_route_emergencies(self, vals_list):
        """An emergency filed without a team (public form, portal) goes to the
        on-duty team: the team whose alias files this type, else a team with
        an on-duty phone; its leader answers it when nobody is responsible."""
        Team = self.env["cq.pqrs.team"].sudo()
        for vals in vals_list:
            pqrs_type = self.env["cq.pqrs.type"].browse(vals.get("type_id"))
            if vals.get("team_id") or not pqrs_type.is_emergency:
                continue
            # the company is set (cq_pqrs.py create, before its hooks)
            companies = [vals.get("company_id", self.env.company.id), False]
            team = Team.search(
                [("default_type_id", "=", pqrs_type.id), ("company_id", "in", companies)], order="company_id, sequence", limit=1
            ) or Team.search(
                [("on_duty_phone", "!=", False), ("company_id", "in", companies)], order="company_id, sequence", limit=1
            )
            if team:
                vals["team_id"] = team.id
                vals["user_id"] = vals.get("user_id") or team.leader_id.id

    def _cq_notify_emergency(self):
        """An emergency reaches the on-duty team at once: a notified message to
        the team leader, the members and the responsible, and an activity."""
        for case in self:
            users = case.team_id.leader_id | case.team_id.member_ids | case.user_id
            case.emergency_phone = case.team_id.on_duty_phone
            case.message_notify(
                partner_ids=users.partner_id.ids,
                subject=self.env._("EMERGENCY %(case)s: %(subject)s", case=case.name, subject=case.subject),
                body=self.env._(
                    "Emergency %(case)s received: answer within %(hours)s hours (by %(deadline)s UTC). "
                    "On-duty phone: %(phone)s.",
                    case=case.name,
                    hours=case.term_hours,
                    deadline=fields.Datetime.to_string(case.date_deadline),
                    phone=case.emergency_phone or "-",
                ),
            )
            responsible = case.user_id or case.team_id.leader_id
            if responsible:
                case.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=case.date_due,
                    summary=self.env._("Emergency: attend now"),
                    user_id=responsible.id,
                )
