from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_confirm(self):
        res = super()._action_confirm()
        self._cq_convert_customers()
        return res

    def _cq_convert_customers(self):
        """The first confirmed order of a prospect formalises the relationship:
        the customer becomes a captive customer."""
        first_order = {}
        for order in self.sorted(lambda o: (o.date_order, o.id)):
            partner = order.partner_id.commercial_partner_id
            if partner.customer_state != "captive":
                first_order.setdefault(partner, order)
        for partner, order in first_order.items():
            partner.sudo()._cq_convert_to_captive(order, date=order.date_order.date())
