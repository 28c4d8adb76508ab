from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CqPqrs(models.Model):
    """A data protection claim carries what the registry's report counts it
    by: the claim type and its detail, and the registered database it is
    about (cq.rnbd.report)."""

    _inherit = "cq.pqrs"

    rnbd_reported = fields.Boolean(related="type_id.rnbd_reported")
    rnbd_claim_type_id = fields.Many2one(
        "cq.rnbd.claim.type", string="Data Claim Type", domain="[('parent_id', '=', False)]",
        groups="base.group_user", tracking=True,
        help="How the report of data protection claims to the registry classifies this claim.",
    )
    rnbd_claim_detail_id = fields.Many2one(
        "cq.rnbd.claim.type", string="Data Claim Detail",
        domain="[('parent_id', '=', rnbd_claim_type_id)]", groups="base.group_user",
    )
    rnbd_database_id = fields.Many2one(
        "cq.rnbd.database", string="Database Concerned", groups="base.group_user",
        domain="[('company_id', '=', company_id)]",
        help="The registered database of personal data the claim is about.",
    )

    @api.constrains("rnbd_claim_type_id", "rnbd_claim_detail_id", "rnbd_database_id", "company_id")
    def _check_rnbd_classification(self):
        for case in self:
            if case.rnbd_claim_detail_id and case.rnbd_claim_detail_id.parent_id != case.rnbd_claim_type_id:
                raise ValidationError(self.env._(
                    "%(detail)s is not a detail of the claim type %(type)s.",
                    detail=case.rnbd_claim_detail_id.name, type=case.rnbd_claim_type_id.name or "-",
                ))
            if case.rnbd_database_id and case.rnbd_database_id.company_id != case.company_id:
                raise ValidationError(self.env._("The database concerned must be one of the case's company."))

    @api.onchange("rnbd_claim_type_id")
    def _onchange_rnbd_claim_type_id(self):
        if self.rnbd_claim_detail_id.parent_id != self.rnbd_claim_type_id:
            self.rnbd_claim_detail_id = False
