from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CqPqrsPart(models.Model):
    """A part or product involved in a technical-service case: diagnosed as
    faulty, consumed in a repair or delivered as a replacement."""

    _name = "cq.pqrs.part"
    _description = "PQRS Part or Product Involved"
    _order = "pqrs_id, sequence, id"

    pqrs_id = fields.Many2one("cq.pqrs", string="Case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="pqrs_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product", string="Product", required=True, check_company=True,
        domain="[('company_id', 'in', (company_id, False))]",
    )
    quantity = fields.Float(string="Quantity", default=1.0, digits="Product Unit of Measure")
    uom_id = fields.Many2one(
        "uom.uom", string="Unit", compute="_compute_uom_id", store=True, readonly=False, precompute=True,
    )
    role = fields.Selection(
        [("faulty", "Faulty"), ("used", "Used in the Repair"), ("replacement", "Replacement")],
        string="Role", required=True, default="used",
    )
    note = fields.Char(string="Note")

    @api.depends("product_id")
    def _compute_uom_id(self):
        for part in self:
            part.uom_id = part.product_id.uom_id

    @api.constrains("quantity")
    def _check_quantity(self):
        if any(part.quantity <= 0 for part in self):
            raise ValidationError(self.env._("The quantity of a part must be positive."))

    @api.ondelete(at_uninstall=False)
    def _unlink_while_open(self):
        self.pqrs_id._cq_check_service_lines_deletable()
