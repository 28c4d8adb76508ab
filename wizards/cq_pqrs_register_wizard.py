from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CqPqrsRegisterWizard(models.TransientModel):
    _name = "cq.pqrs.register.wizard"
    _description = "PQRS Register"
    _check_company_auto = True

    def _default_date_from(self):
        return fields.Date.context_today(self) + relativedelta(day=1)

    def _selection_channel(self):
        return self.env["cq.pqrs"]._fields["channel"]._description_selection(self.env)

    date_from = fields.Date(string="From", required=True, default=_default_date_from)
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", string="Company", required=True, default=lambda self: self.env.company
    )
    type_ids = fields.Many2many(
        "cq.pqrs.type", string="Types", check_company=True,
        help="Leave empty to print every type.",
    )
    channel = fields.Selection(
        selection="_selection_channel", help="Leave empty to print every channel."
    )
    team_ids = fields.Many2many(
        "cq.pqrs.team", string="Teams", check_company=True,
        help="Leave empty to print every team.",
    )
    state = fields.Selection(
        [("all", "All"), ("open", "Open"), ("answered", "Answered"), ("closed", "Closed")],
        string="Status", required=True, default="all",
    )
    include_cancelled = fields.Boolean(string="Include Cancelled Cases")

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(self.env._("The start of the period must be before its end."))

    @api.onchange("company_id")
    def _onchange_company_id(self):
        self.type_ids = self.type_ids.filtered(
            lambda t: not t.company_id or t.company_id == self.company_id
        )
        self.team_ids = self.team_ids.filtered(lambda t: t.company_id == self.company_id)

    def _cq_report_data(self):
        """The wizard's values, as the report receives them (JSON)."""
        self.ensure_one()
        return {
            "date_from": fields.Date.to_string(self.date_from),
            "date_to": fields.Date.to_string(self.date_to),
            "company_id": self.company_id.id,
            "type_ids": self.type_ids.ids,
            "channel": self.channel or False,
            "team_ids": self.team_ids.ids,
            "state": self.state,
            "include_cancelled": self.include_cancelled,
        }

    def action_print(self):
        self.ensure_one()
        return self.env.ref("customer_quality.cq_pqrs_register_report_action").report_action(
            self, data=self._cq_report_data()
        )
