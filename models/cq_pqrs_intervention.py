from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CqPqrsIntervention(models.Model):
    """A technician's visit or remote session on a technical-service case."""

    _name = "cq.pqrs.intervention"
    _description = "PQRS Technical Intervention"
    _order = "pqrs_id, date, id"

    pqrs_id = fields.Many2one("cq.pqrs", string="Case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="pqrs_id.company_id", store=True)
    date = fields.Datetime(string="Date", required=True, default=fields.Datetime.now)
    technician_id = fields.Many2one(
        "res.users", string="Technician", required=True, default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    duration = fields.Float(string="Time Spent (hours)", help="Hours the technician spent on the intervention.")
    description = fields.Text(string="Work Done")
    partner_id = fields.Many2one(related="pqrs_id.partner_id", string="Customer")
    product_id = fields.Many2one(related="pqrs_id.product_id", string="Product")
    pqrs_state = fields.Selection(related="pqrs_id.state", string="Case Status")

    @api.model_create_multi
    def create(self, vals_list):
        interventions = super().create(vals_list)
        interventions._cq_schedule_visit_activity()
        return interventions

    def _cq_schedule_visit_activity(self):
        """A visit planned for another technician lands in their activities,
        due on the day of the visit."""
        now = fields.Datetime.now()
        for intervention in self:
            if intervention.date > now and intervention.technician_id != self.env.user:
                intervention.pqrs_id.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=fields.Date.context_today(intervention, intervention.date),
                    summary=self.env._("Technical visit"),
                    note=intervention.description or False,
                    user_id=intervention.technician_id.id,
                )

    @api.constrains("date", "pqrs_id")
    def _check_date(self):
        for intervention in self:
            received = intervention.pqrs_id.date_received
            if received and intervention.date < received:
                raise ValidationError(
                    self.env._(
                        "An intervention on %(case)s cannot be dated before the case was filed (%(received)s).",
                        case=intervention.pqrs_id.name,
                        received=fields.Datetime.context_timestamp(self, received).strftime("%Y-%m-%d %H:%M"),
                    )
                )

    @api.constrains("duration")
    def _check_duration(self):
        if any(intervention.duration < 0 for intervention in self):
            raise ValidationError(self.env._("The time spent on an intervention cannot be negative."))

    @api.ondelete(at_uninstall=False)
    def _unlink_while_open(self):
        self.pqrs_id._cq_check_service_lines_deletable()
