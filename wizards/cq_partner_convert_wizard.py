from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CqPartnerConvertWizard(models.TransientModel):
    _name = "cq.partner.convert.wizard"
    _description = "Convert a Prospect into a Captive Customer"

    partner_id = fields.Many2one("res.partner", required=True, readonly=True)
    document = fields.Reference(
        selection="_selection_document",
        string="Formalising Document",
        help="The sales order, agreement or contract that formalises the relationship.",
    )
    conversion_date = fields.Date(default=fields.Date.context_today, required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        partner = self.env["res.partner"].browse(values.get("partner_id"))
        if "document" in fields_list and partner and not values.get("document"):
            order = self.env["sale.order"].search(
                [
                    ("partner_id", "child_of", partner.commercial_partner_id.id),
                    ("state", "!=", "cancel"),
                ],
                order="date_order desc, id desc",
                limit=1,
            )
            if order:
                values["document"] = f"sale.order,{order.id}"
        return values

    @api.model
    def _selection_document(self):
        return self.env["res.partner"]._fields["cq_conversion_document"].selection

    def action_convert(self):
        self.ensure_one()
        if not self.document:
            raise ValidationError(
                self.env._("Choose the document that formalises the relationship before converting.")
            )
        commercial = self.partner_id.commercial_partner_id
        if self.document.partner_id.commercial_partner_id != commercial:
            raise ValidationError(
                self.env._(
                    "%(document)s belongs to another customer than %(partner)s.",
                    document=self.document.display_name,
                    partner=self.partner_id.display_name,
                )
            )
        self.partner_id._cq_convert_to_captive(self.document, date=self.conversion_date)
        return {"type": "ir.actions.act_window_close"}
