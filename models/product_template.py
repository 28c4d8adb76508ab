from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    cq_warranty_months = fields.Integer(
        string="Warranty (months)", help="Warranty from the order confirmation (or the invoice date)."
    )
    cq_warranty_conditions = fields.Text(string="Warranty Conditions", translate=True)
    cq_pqrs_count = fields.Integer(
        string="PQRS Cases", compute="_compute_cq_pqrs_count", groups="customer_quality.group_cq_user"
    )

    def _compute_cq_pqrs_count(self):
        counts = dict(
            self.env["cq.pqrs"]._read_group(
                [("product_id.product_tmpl_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["product_id"],
                ["__count"],
            )
        )
        for template in self:
            template.cq_pqrs_count = sum(
                count for product, count in counts.items() if product.product_tmpl_id == template
            )

    def action_cq_open_pqrs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("customer_quality.cq_pqrs_action")
        action["domain"] = [("product_id.product_tmpl_id", "=", self.id)]
        action["context"] = {"search_default_group_type": 1}
        return action

    @api.constrains("cq_warranty_months")
    def _check_cq_warranty_months(self):
        if any(template.cq_warranty_months < 0 for template in self):
            raise ValidationError(self.env._("A warranty cannot last a negative number of months."))
