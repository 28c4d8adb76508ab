from collections import defaultdict

from odoo import api, fields, models

from . import cq_legal_term as legal_term
from .cq_pqrs import OPEN_STATES

# open cases checked for a first response past its target per run of the job
FIRST_RESPONSE_BATCH = 500


class CqPqrs(models.Model):
    """First response: the time from filing to the first word to the filer —
    a message sent to them by staff, or the answer, whichever comes first;
    the acknowledgement does not count — in business hours of the company's
    calendar (its holidays left out), against the target of the case's team.
    Breached, it shows on the case, as a kanban badge and in a filter, and
    counts in the FRT indicator."""

    _inherit = "cq.pqrs"

    date_first_message = fields.Datetime(
        string="First Message to the Filer", readonly=True, copy=False, groups="base.group_user",
    )
    date_first_response = fields.Datetime(
        string="First Response", compute="_compute_first_response", store=True, precompute=True,
        groups="base.group_user",
        help="The first word to the filer after filing: a message from staff or the answer, whichever came "
        "first (the acknowledgement of receipt does not count).",
    )
    first_response_hours = fields.Float(
        string="First Response (business hours)", compute="_compute_first_response", store=True, precompute=True,
        digits=(16, 1), groups="base.group_user",
    )
    first_response_target = fields.Float(
        string="First Response Target (hours)", related="team_id.first_response_target", groups="base.group_user",
    )
    first_response_breached = fields.Boolean(
        string="First Response Late", compute="_compute_first_response", store=True, precompute=True,
        readonly=False, copy=False, groups="base.group_user",
        help="The first response came, or has not come, after the team's target in business hours (set on the "
        "open cases by the hourly job).",
    )

    @api.depends("date_first_message", "date_answered", "date_received")
    def _compute_first_response(self):
        responded = self.filtered(lambda c: c.date_first_message or c.date_answered)
        for case in self - responded:
            case.date_first_response = False
            case.first_response_hours = 0.0
            case.first_response_breached = case.first_response_breached or False
        firsts = {case: min(filter(None, (case.date_first_message, case.date_answered))) for case in responded}
        hours = responded._cq_business_hours_since_filing(firsts)
        for case in responded:
            case.date_first_response = firsts[case]
            case.first_response_hours = hours[case]
            target = case.team_id.first_response_target
            case.first_response_breached = bool(target and case.first_response_hours > target)

    def _cq_business_hours_since_filing(self, ends):
        """{case: business hours from its reception to ends[case]}, one
        business calendar per company."""
        by_company = defaultdict(list)
        for case in self:
            by_company[case.company_id].append(case)
        result = {}
        for company, cases in by_company.items():
            moments = [c.date_received for c in cases] + [ends[c] for c in cases]
            bcal = company._cq_business_calendar(moments)
            intervals = company._cq_working_intervals()
            for case in cases:
                result[case] = legal_term.business_hours(bcal, intervals, case.date_received, ends[case])
        return result

    def _message_post_after_hook(self, message, msg_vals):
        res = super()._message_post_after_hook(message, msg_vals)
        if not self.env.context.get("cq_acknowledgement"):
            self._cq_record_first_message(message)
        return res

    def _cq_record_first_message(self, message):
        """A message sent to the filer by a person of the staff is the first
        response of the cases that had none."""
        author_user = message.author_id.user_ids[:1]
        to_filer = not message.subtype_id.internal and message.message_type in ("comment", "email_outgoing")
        staff = author_user and not author_user.share and message.author_id != self.env.ref("base.partner_root")
        if to_filer and staff:
            self.sudo().filtered(lambda c: not c.date_first_message).write({"date_first_message": message.date})

    @api.model
    def _cq_first_response_facts(self, date_from, date_to, company):
        """FRT: of the cases filed in the period whose team has a target, the
        share whose first response came within it, over those answered or
        past it (the others are pending); one query."""
        domain = [
            *self._cq_period_domain(date_from, date_to, company),
            ("state", "!=", "cancelled"), ("team_id.first_response_target", ">", 0),
            "|", ("date_first_response", "!=", False), ("first_response_breached", "=", True),
        ]
        rows = self.sudo()._read_group(domain, ["first_response_breached"], ["__count"])
        total = sum(count for _breached, count in rows)
        on_time = total - sum(count for breached, count in rows if breached)
        return on_time, total, round(100.0 * on_time / total, 2) if total else None

    @api.model
    def _cron_cq_first_response(self):
        """Flag the open cases still without a first response whose team's
        target in business hours has passed: a batch of the oldest per run."""
        now = fields.Datetime.now()
        candidates = self.search([
            ("state", "in", OPEN_STATES), ("date_first_response", "=", False),
            ("first_response_breached", "=", False), ("team_id.first_response_target", ">", 0),
        ], order="date_received", limit=FIRST_RESPONSE_BATCH)
        if not candidates:
            return
        hours = candidates._cq_business_hours_since_filing(dict.fromkeys(candidates, now))
        candidates.filtered(lambda c: hours[c] > c.team_id.first_response_target).write(
            {"first_response_breached": True}
        )
