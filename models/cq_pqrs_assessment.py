from odoo import api, fields, models

SEVERITIES = [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("critical", "Critical")]
IMPACTS = [
    ("customer", "This Customer"),
    ("several", "Several Customers"),
    ("widespread", "Many Customers or the Public"),
]
# the priority an assessment asks for (cq.pqrs priority: 0 normal, 1 high, 2 urgent)
URGENT, HIGH, NORMAL = "2", "1", "0"
ASSESSMENT_FIELDS = ("severity", "safety_implication", "impact", "immediate_action_required")


class CqPqrs(models.Model):
    """ISO 10002 receipt and initial assessment: the remedy the filer seeks, and the initial assessment of a complaint (ISO 10002:2018 §7.5): severity,
    safety, health or environment implication, impact and whether immediate
    action is needed. It sets the priority, and a critical or safety case
    reaches the team leader at once."""

    _inherit = "cq.pqrs"

    severity = fields.Selection(
        SEVERITIES, string="Severity", tracking=True, groups="base.group_user",
        help="Initial assessment (ISO 10002 §7.5). High raises the priority to high; critical to urgent "
        "and alerts the team leader at once.",
    )
    safety_implication = fields.Boolean(
        string="Safety, Health or Environment", tracking=True, groups="base.group_user",
        help="The case involves a risk to safety, health or the environment: urgent priority and an "
        "immediate alert to the team leader.",
    )
    impact = fields.Selection(
        IMPACTS, string="Impact", tracking=True, groups="base.group_user",
        help="Whom the problem affects. Widespread impact raises the priority to high.",
    )
    remedy_sought = fields.Text(
        string="Remedy Sought", tracking=True,
        help="What the filer asks the company to do (ISO 10002 §7.2): repair, replacement, refund, "
        "an explanation... Given on the public form, the portal or by staff.",
    )
    immediate_action_required = fields.Boolean(
        string="Immediate Action Needed", tracking=True, groups="base.group_user",
        help="Something must be done at once, before the answer (contain the problem).",
    )
    immediate_action = fields.Text(
        string="Immediate Action", groups="base.group_user",
        help="What was done at once to contain the problem.",
    )
    date_assessed = fields.Datetime(string="Assessed On", readonly=True, copy=False, groups="base.group_user")
    assessed_by_id = fields.Many2one(
        "res.users", string="Assessed By", readonly=True, copy=False, groups="base.group_user"
    )
    assessment_alerted = fields.Boolean(readonly=True, copy=False, groups="base.group_user")

    @api.model
    def _cq_assessment_priority(self, values):
        """The priority an assessment asks for."""
        if values.get("severity") == "critical" or values.get("safety_implication"):
            return URGENT
        if values.get("severity") == "high" or values.get("impact") == "widespread" or values.get(
            "immediate_action_required"
        ):
            return HIGH
        return NORMAL

    # hooks of the life cycle (cq_pqrs.py: create and write)
    @api.model
    def _cq_assess_filing(self, vals_list):
        """An assessment given at filing sets its moment, author and priority."""
        for vals in vals_list:
            if any(vals.get(name) for name in ASSESSMENT_FIELDS):
                self._cq_assessment_values(vals, vals)

    def _cq_alert_filed_assessments(self, vals_list):
        self.browse(
            case.id for case, vals in zip(self, vals_list)
            if vals.get("severity") == "critical" or vals.get("safety_implication")
        )._cq_alert_assessment()

    @api.model
    def _cq_assessment_in(self, vals):
        return any(name in vals for name in ASSESSMENT_FIELDS)

    def _cq_assessed_write_vals(self, vals):
        """`vals` for this case with the moment, author and priority of its changed assessment."""
        self.ensure_one()
        current = {name: self[name] for name in ASSESSMENT_FIELDS}
        current.update({name: vals[name] for name in ASSESSMENT_FIELDS if name in vals})
        case_vals = dict(vals)
        self._cq_assessment_values(case_vals, current, self.priority)
        return case_vals

    @api.model
    def _cq_assessment_values(self, vals, assessment, priority=NORMAL):
        """Complete `vals` with the assessment's moment, author and priority:
        the assessment raises the priority, never lowers what staff set."""
        vals.setdefault("date_assessed", fields.Datetime.now())
        vals.setdefault("assessed_by_id", self.env.user.id)
        wanted = self._cq_assessment_priority(assessment)
        vals["priority"] = max(vals.get("priority") or priority or NORMAL, wanted)

    def _cq_alert_assessment(self):
        """A critical or safety case reaches the team leader at once (once per
        case): a notified message and an activity."""
        for case in self.sudo().filtered(
            lambda c: (c.severity == "critical" or c.safety_implication) and not c.assessment_alerted
        ):
            leader = case.team_id.leader_id or case.user_id
            case.assessment_alerted = True
            if not leader:
                continue
            reason = (
                self.env._("safety, health or environment implication")
                if case.safety_implication
                else self.env._("critical severity")
            )
            case.message_notify(
                partner_ids=leader.partner_id.ids,
                subject=self.env._("Critical case %(case)s: %(subject)s", case=case.name, subject=case.subject),
                body=self.env._(
                    "%(case)s was assessed with %(reason)s: attend it now.", case=case.name, reason=reason
                ),
            )
            case.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=fields.Date.context_today(case),
                summary=self.env._("Critical case: attend now"),
                user_id=leader.id,
            )
