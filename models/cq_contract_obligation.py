from odoo import api, fields, models
from odoo.exceptions import ValidationError

CRON_BATCH = 200


class CqContractObligation(models.Model):
    _name = "cq.contract.obligation"
    _description = "Contract Obligation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_due, id"
    _check_company_auto = True
    # The fields a portal user reads (RPC included): what the contract page shows of an obligation and
    # what core's mail mixins expose; every other field is groups="base.group_user".
    # tests/test_portal_fields.py holds the model to it.
    _cq_portal_fields = frozenset({
        "id", "display_name", "create_date", "create_uid", "write_date", "write_uid",
        "name", "contract_id", "partner_id", "company_id", "date_due", "date_delivered", "state",
        # mail.thread
        "has_message", "message_ids", "website_message_ids", "message_is_follower", "message_needaction",
        "message_needaction_counter", "message_has_error", "message_has_error_counter", "message_has_sms_error",
    })

    contract_id = fields.Many2one("cq.contract", required=True, ondelete="cascade", index=True, check_company=True)
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="contract_id.partner_id", store=True, string="Customer")
    user_id = fields.Many2one(
        related="contract_id.user_id", store=True, string="Responsible", groups="base.group_user"
    )
    name = fields.Char(string="Deliverable", required=True, tracking=True)
    description = fields.Text(groups="base.group_user")
    date_due = fields.Date(string="Due Date", required=True, tracking=True, index=True)
    date_delivered = fields.Date(string="Delivered on", tracking=True, copy=False)
    in_form = fields.Selection(
        [("yes", "Yes"), ("no", "No")], string="In the Agreed Form", tracking=True, copy=False,
        help="Was it delivered as agreed (quantity, quality, specifications)?",
        groups="base.group_user",
    )
    deviation = fields.Text(string="Deviation", copy=False, groups="base.group_user")
    evidence = fields.Binary(attachment=True, copy=False, groups="base.group_user")
    evidence_name = fields.Char(copy=False, groups="base.group_user")
    is_on_time = fields.Boolean(
        string="On Time", compute="_compute_fulfilment", store=True, groups="base.group_user"
    )
    is_fulfilled = fields.Boolean(
        string="Fulfilled", compute="_compute_fulfilment", store=True, index=True,
        groups="base.group_user",
    )
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
    overdue_notified = fields.Boolean(readonly=True, copy=False, groups="base.group_user")
    # mail.activity.mixin computes these from the activities, which are for employees only
    activity_exception_decoration = fields.Selection(groups="base.group_user")
    activity_exception_icon = fields.Char(groups="base.group_user")
    activity_type_icon = fields.Char(groups="base.group_user")

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
