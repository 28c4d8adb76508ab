from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    cq_warranty_months = fields.Integer(
        string="Warranty (months)", help="Warranty from the order confirmation (or the invoice date)."
    )
    cq_warranty_conditions = fields.Text(string="Warranty Conditions", translate=True)

    @api.constrains("cq_warranty_months")
    def _check_cq_warranty_months(self):
        if any(template.cq_warranty_months < 0 for template in self):
            raise ValidationError(self.env._("A warranty cannot last a negative number of months."))
