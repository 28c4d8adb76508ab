from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

EVIDENCE_PARAM = "customer_quality.requirement_evidence_required"

STATES = [
    ("identified", "Identified"),
    ("agreed", "Agreed"),
    ("met", "Met"),
    ("not_met", "Not Met"),
    ("withdrawn", "Withdrawn"),
]
# a change of these fields on an agreed requirement is notified to its responsible
AGREED_FIELDS = ("name", "description", "requirement_class", "priority", "sale_order_id", "contract_id")


class CqCustomerRequirement(models.Model):
    """A customer requirement (ISO 9001 8.2.2): documented, classified as
    required / expected / potential quality, prioritised and followed from
    identification to agreement and fulfilment."""

    _name = "cq.customer.requirement"
    _description = "Customer Requirement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "priority_rank, date_identified desc, id desc"
    _check_company_auto = True
    # The fields a portal user reads (RPC included): what the portal list and requirement page show,
    # what the portal rule, searches and sorting use and what core's mail mixins expose; every other
    # field is groups="base.group_user". tests/test_portal_fields.py holds the model to it.
    _cq_portal_fields = frozenset({
        "id", "display_name", "create_date", "create_uid", "write_date", "write_uid",
        "name", "description", "partner_id", "commercial_partner_id", "company_id", "sale_order_id",
        "contract_id", "requirement_class", "priority", "priority_rank", "state", "date_identified",
        "date_agreed", "date_closed", "is_published", "active",
        # mail.thread
        "has_message", "message_ids", "website_message_ids", "message_is_follower", "message_needaction",
        "message_needaction_counter", "message_has_error", "message_has_error_counter", "message_has_sms_error",
    })

    name = fields.Char(string="Requirement", required=True, tracking=True)
    description = fields.Text(tracking=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True, check_company=True
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True, string="Customer Company"
    )
    sale_order_id = fields.Many2one(
        "sale.order", string="Quotation / Order", index="btree_not_null", tracking=True, check_company=True
    )
    contract_id = fields.Many2one(
        "cq.contract", string="Contract", index="btree_not_null", tracking=True, check_company=True
    )
    requirement_class = fields.Selection(
        [
            ("required", "Required Quality"),
            ("expected", "Expected Quality"),
            ("potential", "Potential Quality"),
        ],
        string="Class",
        required=True,
        default="required",
        tracking=True,
        help="Required: what the customer states and must get. Expected: what the customer expects "
        "without saying it. Potential: what the customer does not know yet but will value.",
    )
    priority = fields.Selection(
        [("must", "Must Have"), ("should", "Should Have"), ("could", "Could Have"), ("wont", "Won't Have Now")],
        required=True,
        default="must",
        tracking=True,
    )
    priority_rank = fields.Integer(compute="_compute_priority_rank", store=True)
    source = fields.Selection(
        [
            ("meeting", "Meeting"),
            ("rfq", "Request for Quotation"),
            ("contract", "Contract Clause"),
            ("complaint", "Complaint"),
            ("survey", "Survey Answer"),
            ("regulation", "Regulation"),
            ("other", "Other"),
        ],
        required=True,
        default="meeting",
        groups="base.group_user",
    )
    state = fields.Selection(STATES, default="identified", required=True, tracking=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user, tracking=True,
        domain="[('share', '=', False)]",
        groups="base.group_user",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    date_identified = fields.Date(
        string="Identified On", required=True, default=fields.Date.context_today, tracking=True
    )
    date_agreed = fields.Date(string="Agreed On", readonly=True, copy=False)
    agreed_by_id = fields.Many2one(
        "res.users", string="Agreed By", readonly=True, copy=False, groups="base.group_user"
    )
    date_closed = fields.Date(string="Met / Not Met On", readonly=True, copy=False)
    closed_by_id = fields.Many2one(
        "res.users", string="Checked By", readonly=True, copy=False, groups="base.group_user"
    )
    evidence = fields.Binary(attachment=True, copy=False, groups="base.group_user")
    evidence_name = fields.Char(copy=False, groups="base.group_user")
    evidence_note = fields.Text(string="Evidence Notes", copy=False, groups="base.group_user")
    pqrs_ids = fields.Many2many("cq.pqrs", string="PQRS", groups="base.group_user")
    survey_answer_ids = fields.Many2many("survey.user_input", string="Survey Answers", groups="base.group_user")
    is_published = fields.Boolean(
        string="Shown to the Customer", help="Portal users of the customer see published requirements."
    )
    active = fields.Boolean(default=True)
    color = fields.Integer(groups="base.group_user")
    # mail.activity.mixin computes these from the activities, which are for employees only
    activity_exception_decoration = fields.Selection(groups="base.group_user")
    activity_exception_icon = fields.Char(groups="base.group_user")
    activity_type_icon = fields.Char(groups="base.group_user")

    @api.depends("priority")
    def _compute_priority_rank(self):
        ranks = {"must": 1, "should": 2, "could": 3, "wont": 4}
        for requirement in self:
            requirement.priority_rank = ranks.get(requirement.priority, 5)

    @api.constrains("partner_id", "sale_order_id", "contract_id")
    def _check_same_customer(self):
        for requirement in self:
            customer = requirement.partner_id.commercial_partner_id
            for document in (requirement.sale_order_id, requirement.contract_id):
                if document and document.partner_id.commercial_partner_id != customer:
                    raise ValidationError(
                        self.env._(
                            "%(document)s belongs to %(other)s, not to %(customer)s.",
                            document=document.display_name,
                            other=document.partner_id.commercial_partner_id.display_name,
                            customer=customer.display_name,
                        )
                    )

    @api.onchange("sale_order_id")
    def _onchange_sale_order_id(self):
        if self.sale_order_id and not self.partner_id:
            self.partner_id = self.sale_order_id.partner_id

    @api.onchange("contract_id")
    def _onchange_contract_id(self):
        if self.contract_id and not self.partner_id:
            self.partner_id = self.contract_id.partner_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("partner_id"):
                document = (
                    self.env["sale.order"].browse(vals["sale_order_id"]) if vals.get("sale_order_id")
                    else self.env["cq.contract"].browse(vals.get("contract_id"))
                )
                if document:
                    vals["partner_id"] = document.partner_id.id
        return super().create(vals_list)

    def write(self, vals):
        changed = set(vals) & set(AGREED_FIELDS)
        agreed = self.filtered(lambda r: r.state == "agreed") if changed else self.browse()
        res = super().write(vals)
        for requirement in agreed:
            requirement._notify_agreed_change(changed)
        return res

    def _notify_agreed_change(self, fnames):
        """An agreed requirement changed: its responsible is told at once."""
        self.ensure_one()
        labels = ", ".join(self._fields[fname].get_description(self.env)["string"] for fname in sorted(fnames))
        if self.user_id and self.user_id != self.env.user:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Agreed requirement changed"),
                note=self.env._("Changed: %(fields)s.", fields=labels),
                user_id=self.user_id.id,
            )
        self.message_post(
            body=self.env._("The agreed requirement was changed (%(fields)s).", fields=labels),
            partner_ids=self.user_id.partner_id.ids,
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Requirements are quality records: withdraw or archive them instead."))

    # ------------------------------------------------------------------
    # workflow
    # ------------------------------------------------------------------
    def _check_state(self, allowed):
        for requirement in self:
            if requirement.state not in allowed:
                raise UserError(
                    self.env._(
                        "Requirement %(name)s is %(state)s: this step is not possible now.",
                        name=requirement.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[requirement.state],
                    )
                )

    def action_agree(self):
        self._check_state(("identified",))
        self.write(
            {"state": "agreed", "date_agreed": fields.Date.context_today(self), "agreed_by_id": self.env.user.id}
        )

    def _evidence_required(self):
        return self.env["ir.config_parameter"].sudo().get_param(EVIDENCE_PARAM)

    def action_mark_met(self):
        self._check_state(("agreed", "not_met"))
        if self._evidence_required():
            missing = self.filtered(lambda r: not r.evidence and not (r.evidence_note or "").strip())
            if missing:
                raise UserError(
                    self.env._(
                        "Attach or describe the evidence that %(names)s is met before marking it met.",
                        names=", ".join(missing.mapped("name")),
                    )
                )
        self._close("met")

    def action_mark_not_met(self):
        self._check_state(("agreed", "met"))
        self._close("not_met")

    def _close(self, state):
        self.write(
            {"state": state, "date_closed": fields.Date.context_today(self), "closed_by_id": self.env.user.id}
        )

    def action_withdraw(self):
        self._check_state(("identified", "agreed"))
        self.write({"state": "withdrawn"})

    def action_reset(self):
        self._check_state(("withdrawn", "met", "not_met"))
        self.write({"state": "agreed" if self.date_agreed else "identified", "date_closed": False,
                    "closed_by_id": False})

    # ------------------------------------------------------------------
    # counters (one query per call, whatever the number of records)
    # ------------------------------------------------------------------
    @api.model
    def _met_rates(self, field, records):
        """{record: (agreed, met, rate)} for the requirements linked to
        `records` through `field`: agreed = agreed, met or not met."""
        rows = self._read_group(
            [(field, "in", records.ids), ("state", "in", ("agreed", "met", "not_met"))],
            [field, "state"],
            ["__count"],
        )
        totals = {}
        for record, state, count in rows:
            agreed, met = totals.get(record, (0, 0))
            totals[record] = (agreed + count, met + (count if state == "met" else 0))
        return {
            record: (agreed, met, round(100.0 * met / agreed, 2) if agreed else 0.0)
            for record, (agreed, met) in totals.items()
        }
