from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .cron_claim import claim

FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "semester": 6, "yearly": 12}
CRON_BATCH = 200


class CqInterestedParty(models.Model):
    """An interested party of the quality system (ISO 9001 4.2): its needs
    and expectations, the requirements that become obligations and how and
    how often it is monitored."""

    _name = "cq.interested.party"
    _description = "Interested Party"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    party_type = fields.Selection(
        [
            ("customers", "Customers"),
            ("suppliers", "Suppliers"),
            ("employees", "Employees"),
            ("regulators", "Regulators"),
            ("community", "Community"),
            ("shareholders", "Shareholders"),
            ("other", "Other"),
        ],
        string="Type",
        required=True,
        default="customers",
        tracking=True,
    )
    partner_id = fields.Many2one("res.partner", string="Contact", check_company=True)
    category_id = fields.Many2one("res.partner.category", string="Contact Tag")
    needs = fields.Text(string="Needs and Expectations", tracking=True)
    obligations = fields.Text(string="Requirements that Become Obligations", tracking=True)
    requirement_ids = fields.Many2many("cq.customer.requirement", string="Requirements")
    monitoring = fields.Selection(
        [
            ("survey", "Survey Campaign"),
            ("meeting", "Meeting"),
            ("report", "Report"),
            ("indicator", "Indicator"),
            ("other", "Other"),
        ],
        string="Monitoring Mechanism",
        required=True,
        default="meeting",
        tracking=True,
    )
    monitoring_note = fields.Char(string="How")
    campaign_id = fields.Many2one("cq.survey.campaign", string="Survey Campaign", check_company=True)
    indicator_id = fields.Many2one("cq.indicator", string="Indicator", check_company=True)
    frequency = fields.Selection(
        [("monthly", "Monthly"), ("quarterly", "Quarterly"), ("semester", "Semester"), ("yearly", "Yearly")],
        required=True,
        default="yearly",
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user, tracking=True,
        domain="[('share', '=', False)]",
    )
    date_last_review = fields.Date(string="Last Review", tracking=True)
    date_next_review = fields.Date(string="Next Review", tracking=True, index=True)
    reminded_date = fields.Date(readonly=True, copy=False)
    review_note = fields.Text(string="Review Notes")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    active = fields.Boolean(default=True)
    is_review_due = fields.Boolean(compute="_compute_is_review_due", search="_search_is_review_due")

    @api.depends("date_next_review")
    def _compute_is_review_due(self):
        today = fields.Date.context_today(self)
        for party in self:
            party.is_review_due = bool(party.date_next_review and party.date_next_review <= today)

    def _search_is_review_due(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on due reviews."))
        domain = [("date_next_review", "<=", fields.Date.context_today(self))]
        return domain if (operator == "=") == value else ["|", ("date_next_review", "=", False), "!", *domain]

    @api.constrains("date_last_review", "date_next_review")
    def _check_review_dates(self):
        for party in self:
            if party.date_last_review and party.date_next_review and party.date_next_review <= party.date_last_review:
                raise ValidationError(
                    self.env._("The next review of %(party)s must come after its last review.", party=party.name)
                )

    @api.onchange("date_next_review")
    def _onchange_date_next_review(self):
        if self.date_next_review and self.date_next_review < fields.Date.context_today(self):
            raise UserError(self.env._("The next review cannot be planned in the past."))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_next_review_not_past(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_next_review_not_past([vals])
        return super().write(vals)

    def _check_next_review_not_past(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if vals.get("date_next_review") and fields.Date.to_date(vals["date_next_review"]) < today:
                raise ValidationError(self.env._("The next review cannot be planned in the past."))

    def action_mark_reviewed(self):
        """The review took place today: the next one follows the frequency."""
        today = fields.Date.context_today(self)
        is_manager = self.env.user.has_group("customer_quality.group_cq_manager")
        for party in self:
            if not is_manager and party.user_id != self.env.user:
                raise AccessError(
                    self.env._("Only the responsible of %(party)s or a manager records its review.", party=party.name)
                )
            party.sudo().write(
                {
                    "date_last_review": today,
                    "date_next_review": today + relativedelta(months=FREQUENCY_MONTHS[party.frequency]),
                }
            )
            party.sudo().activity_feedback(["mail.mail_activity_data_todo"], feedback=self.env._("Reviewed"))

    @api.model
    def _cron_remind_reviews(self):
        """One activity per party and planned review date (idempotent; rows
        claimed with SKIP LOCKED so two workers never remind twice)."""
        today = fields.Date.context_today(self)
        parties = claim(
            self,
            SQL(
                "active AND user_id IS NOT NULL AND date_next_review <= %s "
                "AND reminded_date IS DISTINCT FROM date_next_review",
                today,
            ),
            CRON_BATCH,
        )
        for party in parties:
            party.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=party.date_next_review,
                summary=self.env._("Review the interested party %(party)s", party=party.name),
                user_id=party.user_id.id,
            )
            party.reminded_date = party.date_next_review
        self.env["ir.cron"]._notify_progress(done=len(parties), remaining=0)
        return parties

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Interested parties are quality records: archive them instead."))
