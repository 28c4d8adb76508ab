from odoo import models


class RatingRating(models.Model):
    _inherit = "rating.rating"

    def _cq_pqrs_case(self):
        """The PQRS case this rating is about (sudo), or None."""
        self.ensure_one()
        if self.res_model != "cq.pqrs" or not self.res_id:
            return None
        case = self.env["cq.pqrs"].sudo().browse(self.res_id).exists()
        return case or None
