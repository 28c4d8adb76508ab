from odoo import fields, models
from odoo.exceptions import UserError


class CqPqrs(models.Model):
    """A case filed in an establishment's complaints book: its sheet gets the
    book's next correlative number for the filing year (cq.establishment),
    drawn at filing, after the case's own filing number."""

    _inherit = "cq.pqrs"

    establishment_id = fields.Many2one(
        "cq.establishment", string="Establishment", check_company=True, index="btree_not_null", tracking=True,
        groups="base.group_user",
        help="The establishment whose complaints book holds this case's sheet.",
    )
    book_number = fields.Char(
        string="Sheet Number", readonly=True, copy=False, index="btree_not_null", groups="base.group_user",
        help="The correlative number of the sheet in the establishment's complaints book, per year.",
    )

    def _cq_number_book_sheets(self, vals_list):
        """A hook of the filing (cq_pqrs.py create), after the filing number:
        each case filed in an establishment's book gets the book's next sheet
        number on its filing date."""
        Establishment = self.env["cq.establishment"].sudo()
        for vals in vals_list:
            if vals.get("establishment_id") and vals.get("date_radicated") and not vals.get("book_number"):
                establishment = Establishment.browse(vals["establishment_id"])
                if not establishment.active:
                    raise UserError(
                        self.env._("The establishment %(name)s is archived: its book takes no new sheets.",
                                   name=establishment.name)
                    )
                vals["book_number"] = establishment._cq_draw_sheet_number(vals["date_radicated"])
