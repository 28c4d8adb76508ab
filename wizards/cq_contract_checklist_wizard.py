from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CqContractChecklistWizard(models.TransientModel):
    _name = "cq.contract.checklist.wizard"
    _description = "Contract Checklist of a Year"

    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    company_id = fields.Many2one(
        "res.company", string="Company", required=True, default=lambda self: self.env.company,
        domain="[('id', 'in', allowed_company_ids)]",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", help="Leave empty to list the contracts of every customer."
    )

    @api.constrains("year")
    def _check_year(self):
        for wizard in self:
            if not 1900 <= wizard.year <= 9999:
                raise ValidationError(self.env._("Enter a year between 1900 and 9999."))

    def action_print(self):
        self.ensure_one()
        return self.env.ref("customer_quality.cq_contract_checklist_year_report_action").report_action(self)
