from odoo import api, fields, models
from odoo.exceptions import ValidationError

CRON_BATCH = 200


class CqContractObligation(models.Model):
    _name = "cq.contract.obligation"
    _description = "Contract Obligation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_due, id"
    _check_company_auto = True

    contract_id = fields.Many2one("cq.contract", required=True, ondelete="cascade", index=True, check_company=True)
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="contract_id.partner_id", store=True, string="Customer")
    user_id = fields.Many2one(related="contract_id.user_id", store=True, string="Responsible")
    name = fields.Char(string="Deliverable", required=True, tracking=True)
    description = fields.Text()
    date_due = fields.Date(string="Due Date", required=True, tracking=True, index=True)
    date_delivered = fields.Date(string="Delivered on", tracking=True, copy=False)
    in_form = fields.Selection(
        [("yes", "Yes"), ("no", "No")], string="In the Agreed Form", tracking=True, copy=False,
        help="Was it delivered as agreed (quantity, quality, specifications)?",
    )
    deviation = fields.Text(string="Deviation", copy=False)
    evidence = fields.Binary(attachment=True, copy=False)
    evidence_name = fields.Char(copy=False)
    is_on_time = fields.Boolean(string="On Time", compute="_compute_fulfilment", store=True)
    is_fulfilled = fields.Boolean(string="Fulfilled", compute="_compute_fulfilment", store=True, index=True)
    state = fields.Selection(
        [
            ("pending", "Pending"),
            ("late", "Late"),
            ("delivered", "Delivered"),
            ("fulfilled", "Fulfilled"),
        ],
        compute="_compute_fulfilment", store=True, index=True,
        help="Pending until delivered; late when its due date passed without delivery; "
        "delivered when delivered late or not in the agreed form; fulfilled when on time and in form.",
    )
    overdue_notified = fields.Boolean(readonly=True, copy=False)

    @api.depends("date_due", "date_delivered", "in_form", "overdue_notified")
    def _compute_fulfilment(self):
        today = fields.Date.context_today(self)
        for obligation in self:
            delivered = obligation.date_delivered
            obligation.is_on_time = bool(delivered and delivered <= obligation.date_due)
            obligation.is_fulfilled = obligation.is_on_time and obligation.in_form == "yes"
            if obligation.is_fulfilled:
                obligation.state = "fulfilled"
            elif delivered:
                obligation.state = "delivered"
            elif obligation.date_due and obligation.date_due < today:
                obligation.state = "late"
            else:
                obligation.state = "pending"

    @api.constrains("date_delivered", "in_form", "deviation")
    def _check_delivery(self):
        today = fields.Date.context_today(self)
        for obligation in self:
            if obligation.date_delivered and obligation.date_delivered > today:
                raise ValidationError(
                    self.env._("%(name)s cannot be delivered in the future.", name=obligation.name)
                )
            if obligation.in_form == "no" and not (obligation.deviation or "").strip():
                raise ValidationError(
                    self.env._("Describe how %(name)s deviates from what was agreed.", name=obligation.name)
                )

    @api.model
    def _cron_notify_overdue(self):
        """Late obligations (due date passed, not delivered) get an activity
        for the contract's responsible, once; batched and safe to rerun."""
        today = fields.Date.context_today(self)
        late = self.search(
            [("date_delivered", "=", False), ("date_due", "<", today), ("overdue_notified", "=", False),
             ("contract_id.state", "=", "active")],
            limit=CRON_BATCH, order="date_due",
        )
        # Odoo runs one cron job in one worker at a time (the job row is locked):
        # flagging the obligations before notifying makes a rerun skip them
        late.write({"overdue_notified": True})
        for obligation in late:
            obligation.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=today,
                summary=self.env._("Late obligation: %(name)s", name=obligation.name),
                user_id=(obligation.user_id or self.env.user).id,
            )
        self.env["ir.cron"]._notify_progress(
            done=len(late), remaining=CRON_BATCH if len(late) == CRON_BATCH else 0
        )
