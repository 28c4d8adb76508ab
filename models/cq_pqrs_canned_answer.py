from odoo import api, fields, models


class CqPqrs(models.Model):
    """Answer templates on the case: picking one fills the answer, in the
    filer's language, with the case's facts; staff edit it, then send it."""

    _inherit = "cq.pqrs"

    answer_template_id = fields.Many2one(
        "cq.pqrs.answer.template", string="Answer Template", store=False, groups="base.group_user",
        domain="['|', ('type_ids', '=', False), ('type_ids', 'in', [type_id]),"
        " ('company_id', 'in', [company_id, False])]",
        help="Fills the answer with the template, in the filer's language; edit it before sending.",
    )

    @api.onchange("answer_template_id")
    def _onchange_answer_template_id(self):
        if self.answer_template_id:
            self.answer = self.answer_template_id._cq_render(self)
