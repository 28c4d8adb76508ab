from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

INVOICE_TYPES = ("out_invoice", "out_refund")


class CqContract(models.Model):
    _name = "cq.contract"
    _description = "Customer Contract"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    # The fields a portal user reads (RPC included): what the portal list and contract page show and
    # what core's portal and mail mixins expose, as on sale.order; every other field is
    # groups="base.group_user" (the page lists the invoices from the sudo record).
    # tests/test_portal_fields.py holds the model to it.
    _cq_portal_fields = frozenset({
        "id", "display_name", "create_date", "create_uid", "write_date", "write_uid",
        "name", "title", "partner_id", "commercial_partner_id", "company_id", "state", "date_signed",
        "date_start", "date_end", "obligation_ids", "cq_requirement_ids",
        # portal.mixin
        "access_url", "access_token", "access_warning",
        # mail.thread
        "has_message", "message_ids", "website_message_ids", "message_is_follower", "message_needaction",
        "message_needaction_counter", "message_has_error", "message_has_error_counter", "message_has_sms_error",
    })

    name = fields.Char(string="Number", readonly=True, copy=False, default="/", index="trigram")
    title = fields.Char(string="Object", required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, tracking=True, check_company=True, index=True
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True, string="Customer Company"
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    user_id = fields.Many2one(
        "res.users", string="Responsible", tracking=True, default=lambda self: self.env.user,
        check_company=True, domain="[('share', '=', False)]",
        groups="base.group_user",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("suspended", "Suspended"),
            # labels of their own: a contract is "terminado", "anulado" (a case is "cerrada", "anulada")
            ("closed", "Terminated"),
            ("cancelled", "Voided"),
        ],
        default="draft", required=True, tracking=True, index=True, copy=False,
    )
    date_signed = fields.Date(string="Signature Date", tracking=True, copy=False)
    date_start = fields.Date(string="Start Date", required=True, tracking=True, default=fields.Date.context_today)
    date_end = fields.Date(string="End Date", tracking=True)
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.company.currency_id,
        groups="base.group_user",
    )
    amount = fields.Monetary(
        string="Contract Value", currency_field="currency_id", tracking=True, groups="base.group_user"
    )
    requirements = fields.Html(string="Agreed Requirements", groups="base.group_user")
    signed_document = fields.Binary(
        string="Signed Document", attachment=True, copy=False, groups="base.group_user"
    )
    signed_document_name = fields.Char(copy=False, groups="base.group_user")
    sale_order_ids = fields.One2many(
        "sale.order", "cq_contract_id", string="Sales Orders", groups="base.group_user"
    )
    invoice_ids = fields.One2many(
        "account.move", "cq_contract_id", string="Invoices", groups="base.group_user"
    )
    obligation_ids = fields.One2many("cq.contract.obligation", "contract_id", string="Obligations", copy=True)
    obligation_count = fields.Integer(compute="_compute_obligation_stats", groups="base.group_user")
    obligation_late_count = fields.Integer(
        compute="_compute_obligation_stats", string="Late Obligations",
        groups="base.group_user",
    )
    is_fulfilled = fields.Boolean(
        string="Fulfilled", compute="_compute_obligation_stats",
        help="Every obligation due so far was delivered on time and in the agreed form.",
        groups="base.group_user",
    )
    invoice_count = fields.Integer(compute="_compute_amounts", groups="base.group_user")
    amount_invoiced = fields.Monetary(
        compute="_compute_amounts", currency_field="currency_id", string="Invoiced",
        groups="base.group_user",
    )
    amount_paid = fields.Monetary(
        compute="_compute_amounts", currency_field="currency_id", string="Paid",
        groups="base.group_user",
    )
    warranty_months = fields.Integer(
        string="Warranty (months)",
        help="Overrides the products' warranty for what is sold under this contract (0: the product's).",
        groups="base.group_user",
    )
    cq_requirement_ids = fields.One2many("cq.customer.requirement", "contract_id", string="Customer Requirements")
    requirement_agreed_count = fields.Integer(
        string="Agreed Requirement Count", compute="_compute_requirement_met",
        groups="base.group_user",
    )
    requirement_met_count = fields.Integer(
        string="Met Requirement Count", compute="_compute_requirement_met",
        groups="base.group_user",
    )
    requirement_met_rate = fields.Float(
        string="Requirements Met (%)", compute="_compute_requirement_met",
        help="Requirements met over the agreed ones (agreed, met or not met).",
        groups="base.group_user",
    )
    amount_to_invoice = fields.Monetary(
        compute="_compute_amounts", currency_field="currency_id", string="Left to Invoice",
        groups="base.group_user",
    )
    color = fields.Integer(groups="base.group_user")
    # mail.activity.mixin computes these from the activities, which are for employees only
    activity_exception_decoration = fields.Selection(groups="base.group_user")
    activity_exception_icon = fields.Char(groups="base.group_user")
    activity_type_icon = fields.Char(groups="base.group_user")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "The contract number must be unique."),
    ]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if contract.date_end and contract.date_start and contract.date_end < contract.date_start:
                raise ValidationError(
                    self.env._("The contract %(contract)s cannot end before it starts.", contract=contract.display_name)
                )

    def _compute_display_name(self):
        for contract in self:
            contract.display_name = (
                f"{contract.name} {contract.title}" if contract.name and contract.name != "/" else contract.title
            )

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for contract in self:
            contract.access_url = f"/my/contracts/{contract.id}"
        return res

    @api.model_create_multi
    def create(self, vals_list):
        Sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = Sequence.with_company(company).next_by_code(
                    "cq.contract", sequence_date=vals.get("date_start") or fields.Date.context_today(self)
                )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Contracts are never deleted: cancel them instead."))

    # ------------------------------------------------------------------
    # Obligations
    # ------------------------------------------------------------------
    @api.depends("obligation_ids.state", "obligation_ids.date_due")
    def _compute_obligation_stats(self):
        today = fields.Date.context_today(self)
        stats = defaultdict(lambda: {"count": 0, "due": 0, "fulfilled_due": 0, "late": 0})
        for contract, state, count in self.env["cq.contract.obligation"]._read_group(
            [("contract_id", "in", self.ids)], ["contract_id", "state"], ["__count"]
        ):
            stats[contract]["count"] += count
            if state == "late":
                stats[contract]["late"] += count
        for contract, fulfilled, count in self.env["cq.contract.obligation"]._read_group(
            [("contract_id", "in", self.ids), ("date_due", "<=", today)], ["contract_id", "is_fulfilled"], ["__count"]
        ):
            stats[contract]["due"] += count
            if fulfilled:
                stats[contract]["fulfilled_due"] += count
        for contract in self:
            values = stats[contract]
            contract.obligation_count = values["count"]
            contract.obligation_late_count = values["late"]
            contract.is_fulfilled = values["due"] == values["fulfilled_due"]

    # ------------------------------------------------------------------
    # Amounts, from the database, in the contract's currency
    # ------------------------------------------------------------------
    def _compute_requirement_met(self):
        rates = self.env["cq.customer.requirement"]._met_rates("contract_id", self)
        for contract in self:
            agreed, met, rate = rates.get(contract, (0, 0, 0.0))
            contract.requirement_agreed_count = agreed
            contract.requirement_met_count = met
            contract.requirement_met_rate = rate

    def _compute_amounts(self):
        totals = defaultdict(lambda: {"count": 0, "invoiced": 0.0, "residual": 0.0})
        rows = self.env["account.move"].sudo()._read_group(
            [
                ("cq_contract_id", "in", self.ids),
                ("move_type", "in", INVOICE_TYPES),
                ("state", "=", "posted"),
            ],
            ["cq_contract_id", "currency_id", "move_type"],
            ["__count", "amount_total:sum", "amount_residual:sum"],
        )
        today = fields.Date.context_today(self)
        for contract, currency, move_type, count, total, residual in rows:
            sign = 1 if move_type == "out_invoice" else -1
            if currency != contract.currency_id:
                total = currency._convert(total, contract.currency_id, contract.company_id, today)
                residual = currency._convert(residual, contract.currency_id, contract.company_id, today)
            values = totals[contract]
            values["count"] += count
            values["invoiced"] += sign * total
            values["residual"] += sign * residual
        for contract in self:
            values = totals[contract]
            contract.invoice_count = values["count"]
            contract.amount_invoiced = values["invoiced"]
            contract.amount_paid = values["invoiced"] - values["residual"]
            contract.amount_to_invoice = max(contract.amount - values["invoiced"], 0.0)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_sign(self):
        """The contract is signed: it becomes active and formalises the
        relationship with the customer, who becomes a captive customer."""
        for contract in self:
            if contract.state != "draft":
                raise UserError(self.env._("Only a draft contract can be signed."))
            contract.write(
                {"state": "active", "date_signed": contract.date_signed or fields.Date.context_today(self)}
            )
            contract.partner_id.commercial_partner_id.sudo()._cq_convert_to_captive(
                contract, date=contract.date_signed
            )
        return True

    def action_suspend(self):
        self.filtered(lambda c: c.state == "active").write({"state": "suspended"})

    def action_resume(self):
        self.filtered(lambda c: c.state == "suspended").write({"state": "active"})

    def action_close(self):
        self.filtered(lambda c: c.state in ("active", "suspended")).write({"state": "closed"})

    def action_cancel(self):
        self.filtered(lambda c: c.state != "closed").write({"state": "cancelled"})

    def action_open_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_invoice_type")
        action["domain"] = [("cq_contract_id", "=", self.id), ("move_type", "in", INVOICE_TYPES)]
        action["context"] = {"default_cq_contract_id": self.id, "default_partner_id": self.partner_id.id,
                             "default_move_type": "out_invoice"}
        return action

    def action_open_obligations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("customer_quality.cq_contract_obligation_action")
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"default_contract_id": self.id}
        return action

    # ------------------------------------------------------------------
    # CCT (PSC 004): contracts fulfilled on time and in form
    # ------------------------------------------------------------------
    @api.model
    def _cq_cct(self, date_from, date_to, companies=None):
        """CCT of the period: contracts with obligations due in the period
        whose obligations due then were all fulfilled, over all such
        contracts, x 100. Two queries whatever the volume. Returns
        {'contracts', 'fulfilled', 'cct'} (cct None without data)."""
        domain = [
            ("date_due", ">=", date_from),
            ("date_due", "<=", date_to),
            ("contract_id.state", "!=", "cancelled"),
        ]
        if companies:
            domain.append(("company_id", "in", companies.ids))
        Obligation = self.env["cq.contract.obligation"]
        [(contracts,)] = Obligation._read_group(domain, [], ["contract_id:count_distinct"])
        [(failing,)] = Obligation._read_group(
            domain + [("is_fulfilled", "=", False)], [], ["contract_id:count_distinct"]
        )
        fulfilled = contracts - failing
        return {
            "contracts": contracts,
            "fulfilled": fulfilled,
            "cct": round(100.0 * fulfilled / contracts, 2) if contracts else None,
        }
