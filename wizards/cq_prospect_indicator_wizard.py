from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class CqProspectIndicatorWizard(models.TransientModel):
    _name = "cq.prospect.indicator.wizard"
    _description = "Prospect Indicators for a Period"

    def _default_date_from(self):
        return fields.Date.context_today(self) + relativedelta(month=1, day=1)

    date_from = fields.Date(string="From", required=True, default=_default_date_from)
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    company_ids = fields.Many2many(
        "res.company", string="Companies", default=lambda self: self.env.companies
    )
    i1_new_prospects = fields.Integer(
        string="I1 New Prospects", compute="_compute_indicators"
    )
    i2_days_to_contact = fields.Float(
        string="I2 Mean Days to First Contact", compute="_compute_indicators"
    )
    i3_completeness = fields.Float(
        string="I3 Mean Profile Completeness (%)", compute="_compute_indicators"
    )
    i4_conversion_rate = fields.Float(
        string="I4 Conversion Rate (%)", compute="_compute_indicators"
    )
    i5_update_rate = fields.Float(
        string="I5 Profiles Updated (%)", compute="_compute_indicators"
    )
    i6_satisfaction = fields.Float(
        string="I6 Captive Customer Satisfaction (%)", compute="_compute_indicators"
    )
    no_data = fields.Char(
        string="Indicators without Data", compute="_compute_indicators"
    )

    @api.depends("date_from", "date_to", "company_ids")
    def _compute_indicators(self):
        Indicator = self.env["cq.prospect.indicator"]
        for wizard in self:
            values = {}
            if wizard.date_from and wizard.date_to and wizard.date_from <= wizard.date_to:
                values = Indicator.compute_indicators(
                    wizard.date_from, wizard.date_to, wizard.company_ids
                )
            wizard.i1_new_prospects = values.get("i1") or 0
            wizard.i2_days_to_contact = values.get("i2") or 0.0
            wizard.i3_completeness = values.get("i3") or 0.0
            wizard.i4_conversion_rate = values.get("i4") or 0.0
            wizard.i5_update_rate = values.get("i5") or 0.0
            wizard.i6_satisfaction = values.get("i6") or 0.0
            wizard.no_data = ", ".join(
                code.upper() for code in ("i2", "i3", "i4", "i5", "i6") if values.get(code) is None
            )

    def action_open_analysis(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_quality.cq_customer_lifecycle_report_action"
        )
        action["domain"] = [
            ("identification_date", ">=", self.date_from),
            ("identification_date", "<=", self.date_to),
        ]
        return action
