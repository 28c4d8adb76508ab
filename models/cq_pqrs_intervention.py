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
