from datetime import datetime, time

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

REMINDER_BATCH = 500


class CqSurveyCampaign(models.Model):
    """A round of satisfaction survey invitations for a period."""

    _name = "cq.survey.campaign"
    _description = "Satisfaction Survey Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_to desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    survey_id = fields.Many2one(
        "survey.survey", string="Survey", required=True, tracking=True, domain="[('cq_kind', '!=', False)]"
    )
    kind = fields.Selection(related="survey_id.cq_kind", store=True, string="Survey Kind")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user, tracking=True,
        domain="[('share', '=', False)]",
    )
    date_from = fields.Date(string="Period Start", required=True, tracking=True)
    date_to = fields.Date(string="Period End", required=True, tracking=True)
    date_deadline = fields.Date(string="Answer By", tracking=True, help="Invitations expire after this day.")
    target = fields.Selection(
        [
            ("captive_contract", "Captive customers with an active contract"),
            ("pqrs_closed", "Customers whose PQRS closed in the period"),
            ("manual", "Chosen customers"),
        ],
        string="Recipients",
        required=True,
        default="captive_contract",
    )
    partner_ids = fields.Many2many("res.partner", string="Customers")
    pqrs_ids = fields.Many2many("cq.pqrs", string="Closed PQRS", check_company=True)
    reminder_days = fields.Integer(string="Remind After (days)", default=7)
    reminder_max = fields.Integer(string="Reminders", default=1)
    state = fields.Selection(
        [("draft", "Draft"), ("sent", "In Progress"), ("closed", "Closed"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
    )
    user_input_ids = fields.One2many("survey.user_input", "cq_campaign_id", string="Answers")
    recipient_count = fields.Integer(compute="_compute_recipient_count", string="Recipients Selected")
    invited_count = fields.Integer(compute="_compute_results", string="Invited")
    answered_count = fields.Integer(compute="_compute_results", string="Answered")
    response_rate = fields.Float(compute="_compute_results", string="Response Rate (%)")
    csat = fields.Float(compute="_compute_results", string="CSAT (1-5)")
    nps = fields.Float(compute="_compute_results", string="NPS")
    satisfied_rate = fields.Float(
        compute="_compute_results", string="Satisfied (%)",
        help="Satisfied customers over the customers who answered, one vote per customer (the latest answer "
        "decides), as the indicators SC (satisfaction surveys) and ISC (post-sale) count them.",
    )
    satisfied_customer_count = fields.Integer(compute="_compute_results", string="Satisfied Customers")
    surveyed_customer_count = fields.Integer(compute="_compute_results", string="Customers Who Answered")
    has_results = fields.Boolean(compute="_compute_results")
    action_plan_ids = fields.One2many("cq.action.plan", "campaign_id", string="Action Plans")
    action_plan_count = fields.Integer(compute="_compute_action_plan_count")

    @api.constrains("date_from", "date_to", "date_deadline", "reminder_days", "reminder_max")
    def _check_dates(self):
        for campaign in self:
            if campaign.date_from > campaign.date_to:
                raise UserError(self.env._("The period of %(name)s ends before it starts.", name=campaign.name))
            if campaign.date_deadline and campaign.date_deadline < campaign.date_from:
                raise UserError(
                    self.env._("The answer deadline of %(name)s is before its period.", name=campaign.name)
                )
            if campaign.reminder_days < 1 or campaign.reminder_max < 0:
                raise UserError(
                    self.env._(
                        "Reminders of %(name)s need at least one day between them and a count of zero or more.",
                        name=campaign.name,
                    )
                )

    @api.depends("partner_ids", "pqrs_ids", "target")
    def _compute_recipient_count(self):
        for campaign in self:
            campaign.recipient_count = len(campaign.pqrs_ids if campaign.target == "pqrs_closed" else campaign.partner_ids)

    def _compute_results(self):
        Input = self.env["survey.user_input"].sudo()
        domain = [("cq_campaign_id", "in", self.ids), ("test_entry", "=", False)]
        invited = dict(Input._read_group(domain, ["cq_campaign_id"], ["__count"]))
        done = domain + [("state", "=", "done")]
        answered = dict(Input._read_group(done, ["cq_campaign_id"], ["__count"]))
        # one vote per customer, the latest answer deciding: the rule of SC and ISC
        satisfied = Input._cq_satisfied_customers_by(done, "cq_campaign_id")
        csat = dict(Input._read_group(done + [("cq_csat", ">", 0)], ["cq_campaign_id"], ["cq_csat:avg"]))
        nps = {
            (campaign, category): count
            for campaign, category, count in Input._read_group(
                done + [("cq_nps_category", "!=", False)], ["cq_campaign_id", "cq_nps_category"], ["__count"]
            )
        }
        for campaign in self:
            campaign.invited_count = invited.get(campaign, 0)
            campaign.answered_count = answered.get(campaign, 0)
            campaign.response_rate = (
                100.0 * campaign.answered_count / campaign.invited_count if campaign.invited_count else 0.0
            )
            yes, customers, rate = satisfied.get(campaign.id, (0, 0, None))
            campaign.satisfied_customer_count = yes
            campaign.surveyed_customer_count = customers
            campaign.satisfied_rate = rate or 0.0
            campaign.has_results = bool(customers)
            campaign.csat = csat.get(campaign) or 0.0
            promoters = nps.get((campaign, "promoter"), 0)
            detractors = nps.get((campaign, "detractor"), 0)
            nps_total = promoters + detractors + nps.get((campaign, "passive"), 0)
            campaign.nps = 100.0 * (promoters - detractors) / nps_total if nps_total else 0.0

    def _compute_action_plan_count(self):
        counts = dict(
            self.env["cq.action.plan"]._read_group([("campaign_id", "in", self.ids)], ["campaign_id"], ["__count"])
        )
        for campaign in self:
            campaign.action_plan_count = counts.get(campaign, 0)

    # ------------------------------------------------------------------
    # recipients
    # ------------------------------------------------------------------
    def action_select_recipients(self):
        """Fill the recipients from the campaign's rule (captive customers with
        an active contract, or the PQRS closed in the period)."""
        for campaign in self:
            if campaign.state != "draft":
                raise UserError(self.env._("Recipients can only be selected on a draft campaign."))
            if campaign.target == "captive_contract":
                partners = self.env["res.partner"].browse(
                    partner.id
                    for [partner] in self.env["cq.contract"]._read_group(
                        [
                            ("state", "=", "active"),
                            ("company_id", "=", campaign.company_id.id),
                            ("partner_id.commercial_partner_id.customer_state", "=", "captive"),
                        ],
                        ["partner_id"],
                    )
                )
                campaign.partner_ids = partners
            elif campaign.target == "pqrs_closed":
                campaign.pqrs_ids = self.env["cq.pqrs"].search(
                    [
                        ("company_id", "=", campaign.company_id.id),
                        ("state", "=", "closed"),
                        ("partner_id", "!=", False),
                        ("date_closed", ">=", datetime.combine(campaign.date_from, time.min)),
                        ("date_closed", "<=", datetime.combine(campaign.date_to, time.max)),
                    ]
                )
        return True

    def _recipients(self):
        """[(partner, pqrs)] still to invite."""
        self.ensure_one()
        invited = self.user_input_ids
        if self.target == "pqrs_closed":
            done = set(invited.cq_pqrs_id.ids)
            return [(case.partner_id, case) for case in self.pqrs_ids if case.id not in done]
        done = set(invited.partner_id.ids)
        return [(partner, self.env["cq.pqrs"]) for partner in self.partner_ids if partner.id not in done]

    # ------------------------------------------------------------------
    # sending
    # ------------------------------------------------------------------
    def action_send(self):
        """Invite every recipient not invited yet: one answer token each,
        tied to the campaign (and PQRS), and an email in their language."""
        template = self.env.ref("customer_quality.mail_template_cq_survey_invite")
        for campaign in self:
            if campaign.state not in ("draft", "sent"):
                raise UserError(self.env._("Campaign %(name)s is closed.", name=campaign.name))
            recipients = campaign._recipients()
            no_email = [partner for partner, _case in recipients if not partner.email]
            recipients = [(partner, case) for partner, case in recipients if partner.email]
            if not recipients:
                raise UserError(
                    self.env._(
                        "Campaign %(name)s has no recipients with an email address to invite.", name=campaign.name
                    )
                )
            deadline = campaign.date_deadline and datetime.combine(campaign.date_deadline, time.max)
            now = fields.Datetime.now()
            survey = campaign.survey_id.sudo()
            user_inputs = self.env["survey.user_input"].sudo()
            for partner, case in recipients:
                user_inputs |= survey._create_answer(
                    partner=partner,
                    check_attempts=False,
                    cq_campaign_id=campaign.id,
                    cq_pqrs_id=case.id,
                    cq_invited_on=now,
                    deadline=deadline,
                )
            template.sudo().send_mail_batch(user_inputs.ids)
            campaign.state = "sent"
            campaign.message_post(
                body=self.env._("%(count)s invitations sent.", count=len(user_inputs))
            )
            if no_email:
                campaign.message_post(
                    body=self.env._(
                        "Not invited, no email address: %(partners)s.",
                        partners=", ".join(partner.display_name for partner in no_email),
                    )
                )
        return True

    def action_close(self):
        self.filtered(lambda c: c.state in ("draft", "sent")).write({"state": "closed"})

    def action_cancel(self):
        for campaign in self:
            if campaign.user_input_ids:
                raise UserError(
                    self.env._("Campaign %(name)s has sent invitations: close it instead.", name=campaign.name)
                )
        self.write({"state": "cancelled"})

    def action_draft(self):
        self.filtered(lambda c: c.state == "cancelled").write({"state": "draft"})

    @api.model
    def _cron_send_reminders(self):
        """Remind the invited who have not answered, once per period of
        reminder_days and up to reminder_max times; close campaigns whose
        deadline passed. The claim is one UPDATE ... RETURNING with SKIP LOCKED,
        so two workers never remind the same person twice."""
        today = fields.Date.context_today(self)
        expired = self.search([("state", "=", "sent"), ("date_deadline", "<", today)])
        expired.write({"state": "closed"})
        self.env["survey.user_input"].flush_model()
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """
                UPDATE survey_user_input ui
                   SET cq_reminder_count = COALESCE(ui.cq_reminder_count, 0) + 1,
                       cq_invited_on = %(now)s
                 WHERE ui.id IN (
                        SELECT i.id
                          FROM survey_user_input i
                          JOIN cq_survey_campaign c ON c.id = i.cq_campaign_id
                         WHERE c.state = 'sent'
                           AND i.state != 'done'
                           AND COALESCE(i.cq_reminder_count, 0) < c.reminder_max
                           AND i.cq_invited_on <= %(now)s - make_interval(days => c.reminder_days)
                         ORDER BY i.id
                         LIMIT %(limit)s
                           FOR UPDATE OF i SKIP LOCKED)
             RETURNING ui.id
                """,
                limit=REMINDER_BATCH,
                now=fields.Datetime.now(),
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.env["survey.user_input"].invalidate_model(["cq_reminder_count", "cq_invited_on"])
        if ids:
            self.env.ref("customer_quality.mail_template_cq_survey_reminder").sudo().send_mail_batch(ids)
        self.env["ir.cron"]._notify_progress(done=len(ids), remaining=0)
        return ids

    # ------------------------------------------------------------------
    # navigation
    # ------------------------------------------------------------------
    def action_view_answers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("customer_quality.cq_survey_answer_action")
        action["domain"] = [("cq_campaign_id", "=", self.id)]
        return action

    def action_open_action_plan(self):
        self.ensure_one()
        plan = self.action_plan_ids[:1] or self.env["cq.action.plan"].create(
            {
                "title": self.env._("Satisfaction campaign %(name)s", name=self.name),
                "origin": "campaign",
                "campaign_id": self.id,
                "plan_type": "improvement",
                "company_id": self.company_id.id,
                "user_id": self.user_id.id,
            }
        )
        return plan._get_form_action()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if any(campaign.user_input_ids for campaign in self):
            raise UserError(self.env._("A campaign with invitations cannot be deleted: close it instead."))
