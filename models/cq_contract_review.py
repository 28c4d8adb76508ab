from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

CRON_BATCH = 200


class CqContractReview(models.Model):
    """Yearly compliance review of a contract (the seed's "lista de
    verificación de contratos"), created on each anniversary of its start."""

    _name = "cq.contract.review"
    _description = "Contract Yearly Compliance Review"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "anniversary desc, id desc"
    _check_company_auto = True

    contract_id = fields.Many2one("cq.contract", required=True, ondelete="restrict", index=True, check_company=True)
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="contract_id.partner_id", store=True, string="Customer")
    user_id = fields.Many2one("res.users", string="Reviewer", tracking=True, domain="[('share', '=', False)]")
    anniversary = fields.Date(required=True, readonly=True, index=True)
    period_start = fields.Date(readonly=True)
    period_end = fields.Date(readonly=True)
    state = fields.Selection(
        [("draft", "To Review"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="draft", required=True, tracking=True,
    )
    # facts of the period, taken when the review is created
    obligation_count = fields.Integer(string="Obligations Due", readonly=True)
    obligation_fulfilled_count = fields.Integer(string="Obligations Fulfilled", readonly=True)
    complaint_count = fields.Integer(string="Complaints and Claims", readonly=True)
    requirement_agreed_count = fields.Integer(string="Agreed Requirement Count", readonly=True)
    requirement_met_count = fields.Integer(string="Met Requirement Count", readonly=True)
    # the checklist
    requirements_met = fields.Selection(
        [("yes", "Yes"), ("partly", "Partly"), ("no", "No")], string="Requirements Met", tracking=True
    )
    obligations_on_time = fields.Selection(
        [("yes", "Yes"), ("partly", "Partly"), ("no", "No")], string="Obligations on Time", tracking=True
    )
    complaints_handled = fields.Selection(
        [("yes", "Yes"), ("partly", "Partly"), ("no", "No"), ("none", "No Complaints")],
        string="Complaints Handled", tracking=True,
    )
    invoicing_up_to_date = fields.Selection(
        [("yes", "Yes"), ("no", "No")], string="Invoicing up to Date", tracking=True
    )
    customer_satisfied = fields.Selection(
        [("yes", "Yes"), ("partly", "Partly"), ("no", "No")], string="Customer Satisfied", tracking=True
    )
    conclusion = fields.Text()
    action_plan_ids = fields.One2many("cq.action.plan", "contract_review_id", string="Action Plans")
    actions = fields.Text(string="Actions Decided")
    date_done = fields.Date(string="Reviewed on", readonly=True)

    _sql_constraints = [
        ("contract_anniversary_uniq", "unique(contract_id, anniversary)",
         "A contract has one review per anniversary."),
    ]

    def _compute_display_name(self):
        for review in self:
            review.display_name = self.env._(
                "Review %(contract)s %(date)s", contract=review.contract_id.name or "", date=review.anniversary or ""
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Contract reviews are never deleted: cancel them instead."))

    def action_done(self):
        for review in self:
            missing = [
                review._fields[name].get_description(self.env)["string"]
                for name in ("requirements_met", "obligations_on_time", "complaints_handled",
                             "invoicing_up_to_date", "customer_satisfied", "conclusion")
                if not review[name]
            ]
            if missing:
                raise UserError(
                    self.env._("Complete the review before closing it: %(fields)s.", fields=", ".join(missing))
                )
        self.write({"state": "done", "date_done": fields.Date.context_today(self),
                    "user_id": self.env.user.id})

    def action_open_action_plan(self):
        self.ensure_one()
        plan = self.action_plan_ids[:1] or self.env["cq.action.plan"].create(
            {
                "title": self.env._("Contract review %(review)s", review=self.display_name),
                "origin": "contract_review",
                "contract_review_id": self.id,
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "user_id": (self.user_id or self.env.user).id,
                "description": self.conclusion,
            }
        )
        return plan._get_form_action()

    def action_cancel(self):
        self.write({"state": "cancelled"})

    @api.model
    def _last_anniversary(self, start, today):
        years = relativedelta(today, start).years
        return start + relativedelta(years=years) if years >= 1 else False

    @api.model
    def _cron_create_reviews(self):
        """Create the review of every active contract whose anniversary has
        come and has no review yet: idempotent (one review per contract and
        anniversary), batched."""
        today = fields.Date.context_today(self)
        contracts = self.env["cq.contract"].search(
            [("state", "=", "active"), ("date_start", "<=", today - relativedelta(years=1))]
        )
        due = {}
        for contract in contracts:
            anniversary = self._last_anniversary(contract.date_start, today)
            if anniversary and (not contract.date_end or anniversary <= contract.date_end + relativedelta(years=1)):
                due[contract] = anniversary
        existing = set(
            self.search([("contract_id", "in", contracts.ids)]).mapped(lambda r: (r.contract_id.id, r.anniversary))
        )
        todo = [(c, a) for c, a in due.items() if (c.id, a) not in existing][:CRON_BATCH]
        if todo:
            self._create_reviews(todo)
        self.env["ir.cron"]._notify_progress(
            done=len(todo), remaining=CRON_BATCH if len(todo) == CRON_BATCH else 0
        )

    @api.model
    def _create_reviews(self, todo):
        Obligation = self.env["cq.contract.obligation"]
        Pqrs = self.env["cq.pqrs"]
        vals_list = []
        rates = self.env["cq.customer.requirement"]._met_rates(
            "contract_id", self.env["cq.contract"].union(*(contract for contract, _day in todo))
        )
        for contract, anniversary in todo:
            start = anniversary - relativedelta(years=1)
            period = [("date_due", ">=", start), ("date_due", "<", anniversary)]
            due = Obligation.search_count([("contract_id", "=", contract.id), *period])
            fulfilled = Obligation.search_count(
                [("contract_id", "=", contract.id), ("is_fulfilled", "=", True), *period]
            )
            complaints = Pqrs.search_count([
                ("partner_id", "child_of", contract.commercial_partner_id.id),
                ("type_id.requires_root_cause", "=", True),
                ("date_radicated", ">=", start),
                ("date_radicated", "<", anniversary),
            ])
            vals_list.append({
                "contract_id": contract.id,
                "anniversary": anniversary,
                "period_start": start,
                "period_end": anniversary - relativedelta(days=1),
                "user_id": contract.user_id.id,
                "obligation_count": due,
                "obligation_fulfilled_count": fulfilled,
                "complaint_count": complaints,
                "requirement_agreed_count": rates.get(contract, (0, 0, 0))[0],
                "requirement_met_count": rates.get(contract, (0, 0, 0))[1],
            })
        reviews = self.create(vals_list)
        for review in reviews.filtered("user_id"):
            review.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Yearly compliance review of %(contract)s", contract=review.contract_id.name),
                user_id=review.user_id.id,
            )
        return reviews
