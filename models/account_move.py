from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .cq_pqrs_service_continuity import service_claim_field


class AccountMove(models.Model):
    _inherit = "account.move"
    # Of the fields this addon adds, those a portal user reads (RPC included); the others are
    # groups="base.group_user". tests/test_portal_fields.py holds the model to it.
    _cq_portal_fields = frozenset()

    cq_service_claim_open = service_claim_field()
    cq_contract_id = fields.Many2one(
        "cq.contract",
        string="Contract",
        index="btree_not_null",
        copy=False,
        tracking=True,
        domain="[('commercial_partner_id', '=', commercial_partner_id), ('company_id', '=', company_id)]",
        help="The customer contract this invoice bills (set from the sales order).",
        groups="base.group_user",
    )

    cq_pqrs_id = fields.Many2one(
        "cq.pqrs",
        string="PQRS Case",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The warranty claim or support case this credit note refunds.",
        groups="base.group_user",
    )

    @api.constrains("cq_contract_id", "partner_id")
    def _check_cq_contract_partner(self):
        for move in self.filtered("cq_contract_id"):
            if move.cq_contract_id.commercial_partner_id != move.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "%(invoice)s is billed to another customer than contract %(contract)s.",
                        invoice=move.display_name,
                        contract=move.cq_contract_id.display_name,
                    )
                )

    def _compute_cq_service_claim_open(self):
        self.env["cq.pqrs"]._cq_compute_service_claim(self, "commercial_partner_id")

    def _search_cq_service_claim_open(self, operator, value):
        return self.env["cq.pqrs"]._cq_search_service_claim("commercial_partner_id", operator, value)
