from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from .cq_pqrs_service_continuity import service_claim_field

REVIEW_PARAM = "customer_quality.require_sale_review"


class SaleOrder(models.Model):
    _inherit = "sale.order"
    # Of the fields this addon adds, those a portal user reads (RPC included); the others are
    # groups="base.group_user". tests/test_portal_fields.py holds the model to it.
    _cq_portal_fields = frozenset()

    cq_service_claim_open = service_claim_field()
    cq_contract_id = fields.Many2one(
        "cq.contract",
        string="Contract",
        copy=False,
        tracking=True,
        index="btree_not_null",
        domain="[('commercial_partner_id', '=', cq_commercial_partner_id), ('state', 'in', ('draft', 'active'))]",
        groups="base.group_user",
    )
    cq_pqrs_id = fields.Many2one(
        "cq.pqrs",
        string="PQRS Case",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The warranty claim or support case this order replaces a product for.",
        groups="base.group_user",
    )
    cq_commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", string="Customer Company",
        groups="base.group_user",
    )
    cq_decision = fields.Selection(
        [("approved", "Approved"), ("rejected", "Rejected")],
        string="Customer Decision",
        tracking=True,
        copy=False,
        index=True,
        help="What the customer decided on the quotation.",
        groups="base.group_user",
    )
    cq_decision_date = fields.Date(string="Decision Date", tracking=True, copy=False, groups="base.group_user")
    cq_rejection_reason_id = fields.Many2one(
        "cq.rejection.reason", string="Rejection Reason", tracking=True, copy=False, ondelete="restrict",
        groups="base.group_user",
    )
    cq_rejection_note = fields.Text(string="Rejection Note", copy=False, groups="base.group_user")
    cq_requirement_ids = fields.One2many(
        "cq.customer.requirement", "sale_order_id", string="Customer Requirements",
        groups="base.group_user",
    )
    cq_review_line_ids = fields.One2many(
        "cq.sale.review.line", "order_id", string="Requirements Review", copy=False,
        groups="base.group_user",
    )
    cq_review_complete = fields.Boolean(
        string="Review Complete", compute="_compute_cq_review_complete", store=True,
        groups="base.group_user",
    )
    cq_review_waived = fields.Boolean(
        string="Review Waived", readonly=True, copy=False, tracking=True,
        groups="base.group_user",
    )
    cq_review_waiver_reason = fields.Text(
        string="Waiver Reason", readonly=True, copy=False, groups="base.group_user"
    )
    cq_review_required = fields.Boolean(
        string="Review Required", compute="_compute_cq_review_required",
        groups="base.group_user",
    )

    @api.depends("cq_review_line_ids.checked")
    def _compute_cq_review_complete(self):
        for order in self:
            lines = order.cq_review_line_ids
            order.cq_review_complete = bool(lines) and all(lines.mapped("checked"))

    def _compute_cq_review_required(self):
        required = self._cq_review_required()
        for order in self:
            order.cq_review_required = required

    @api.model
    def _cq_review_required(self):
        # the parameter is set at installation; unticking the setting removes it
        return self.env["ir.config_parameter"].sudo().get_param(REVIEW_PARAM) == "True"

    @api.model_create_multi
    def create(self, vals_list):
        items = self.env["cq.review.item"].search([])
        for vals in vals_list:
            if "cq_review_line_ids" not in vals:
                company_id = vals.get("company_id") or self.env.company.id
                vals["cq_review_line_ids"] = [
                    Command.create({"item_id": item.id})
                    for item in items
                    if not item.company_id or item.company_id.id == company_id
                ]
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Requirements review gate (ISO 9001 §8.2.3)
    # ------------------------------------------------------------------
    def _confirmation_error_message(self):
        message = super()._confirmation_error_message()
        if message:
            return message
        pending = self.sudo().cq_requirement_ids.filtered(
            lambda r: r.requirement_class == "required" and r.state == "identified"
        )
        if pending:
            return self.env._(
                "Agree the customer's required-quality requirements of %(order)s before confirming it, or "
                "withdraw them: %(requirements)s.",
                order=self.name,
                requirements=", ".join(pending.mapped("name")),
            )
        if not self._cq_review_required():
            return message
        if not (self.cq_review_complete or self.cq_review_waived):
            return self.env._(
                "Review the customer's requirements of %(order)s (ISO 9001 §8.2.3) before "
                "confirming it: every item of the review must be checked, or a manager must "
                "waive the review.",
                order=self.name,
            )
        return False

    def action_cq_load_review_items(self):
        """Add the review items missing on older quotations."""
        items = self.env["cq.review.item"].search([])
        for order in self:
            missing = items - order.cq_review_line_ids.item_id
            order.cq_review_line_ids = [
                Command.create({"item_id": item.id})
                for item in missing
                if not item.company_id or item.company_id == order.company_id
            ]

    def action_cq_open_waiver_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Waive the Requirements Review"),
            "res_model": "cq.sale.review.waiver.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def _cq_waive_review(self, reason):
        if not self.env.user.has_group("customer_quality.group_cq_manager"):
            raise AccessError(self.env._("Only Customer Quality managers can waive the requirements review."))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason to waive the requirements review."))
        # the quality manager may waive the review of any salesperson's order
        for order in self.sudo():
            order.write({"cq_review_waived": True, "cq_review_waiver_reason": reason})
            order.message_post(
                body=self.env._(
                    "Requirements review waived by %(user)s: %(reason)s", user=self.env.user.name, reason=reason
                ),
                author_id=self.env.user.partner_id.id,
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------------
    # Customer decision on the quotation
    # ------------------------------------------------------------------
    def _cq_check_decidable(self):
        for order in self:
            if order.state != "sent":
                raise UserError(
                    self.env._("Only a sent quotation can be marked approved or rejected (%(order)s).",
                               order=order.name)
                )

    def action_cq_mark_approved(self):
        self._cq_check_decidable()
        self.write({"cq_decision": "approved", "cq_decision_date": fields.Date.context_today(self)})
        return True

    def action_cq_open_rejection_wizard(self):
        self._cq_check_decidable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Mark the Quotation Rejected"),
            "res_model": "cq.sale.rejection.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_ids": self.ids},
        }

    def _cq_mark_rejected(self, reason, note=False):
        self._cq_check_decidable()
        if not reason:
            raise UserError(self.env._("Choose why the customer rejected the quotation."))
        self.write(
            {
                "cq_decision": "rejected",
                "cq_decision_date": fields.Date.context_today(self),
                "cq_rejection_reason_id": reason.id,
                "cq_rejection_note": note,
            }
        )
        self._action_cancel()

    def _prepare_invoice(self):
        values = super()._prepare_invoice()
        if self.cq_contract_id:
            values["cq_contract_id"] = self.cq_contract_id.id
        return values

    def action_cq_create_contract(self):
        """Create the contract of a confirmed order, with its requirements."""
        self.ensure_one()
        contract = self.env["cq.contract"].create(
            {
                "title": self.client_order_ref or self.name,
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "currency_id": self.currency_id.id,
                "amount": self.amount_total,
                "user_id": self.user_id.id or self.env.user.id,
                "requirements": self.note,
            }
        )
        self.cq_contract_id = contract
        return {
            "type": "ir.actions.act_window",
            "res_model": "cq.contract",
            "res_id": contract.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Customer lifecycle
    # ------------------------------------------------------------------
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

    def _compute_cq_service_claim_open(self):
        self.env["cq.pqrs"]._cq_compute_service_claim(self, "partner_id.commercial_partner_id")

    def _search_cq_service_claim_open(self, operator, value):
        return self.env["cq.pqrs"]._cq_search_service_claim("partner_id.commercial_partner_id", operator, value)
