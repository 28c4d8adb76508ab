from odoo import api, fields, models

from ..models.cq_pqrs import OPEN_STATES

# what one line of the register shows, read for all lines at once
LINE_FIELDS = [
    "name", "subject", "type_id", "channel", "date_received", "date_due", "date_answered",
    "response_days", "answered_on_time", "stage_id", "state", "ending", "date_first_response",
    "first_response_hours",
]
OVERDUE_FIELDS = ["name", "subject", "type_id", "user_id", "date_due"]
# the term of a case waiting for the filer is suspended: it cannot be overdue
RUNNING_STATES = ("new", "analysis")
STATE_DOMAINS = {
    "all": [],
    "open": [("state", "in", OPEN_STATES)],
    "answered": [("state", "=", "answered")],
    "closed": [("state", "=", "closed")],
}


class CqPqrsRegisterReport(models.AbstractModel):
    """Register of the PQRS cases filed in a period (registro de PQRS).

    The lines come from one search_read, the totals from the grouped queries
    of cq.pqrs._cq_response_stats() and the overdue cases from one more
    search_read: the number of queries does not depend on the number of
    cases. The pending cases (open within their term) are reckoned at the
    time of printing, as the overdue ones.
    """

    _name = "report.customer_quality.cq_pqrs_register_report"
    _description = "PQRS Register Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["cq.pqrs.register.wizard"].browse(docids or [])
        if not (data and data.get("date_from")):
            # printed from the wizard record itself (no data given)
            data = wizards[:1]._cq_report_data()
        company = self.env["res.company"].browse(data["company_id"])
        Pqrs = self.env["cq.pqrs"].with_company(company)
        domain = self._cq_domain(data)
        lines = self._cq_lines(Pqrs, domain)
        by_type, by_channel, total = self._cq_totals(Pqrs, domain)
        now = fields.Datetime.now()
        return {
            "doc_ids": wizards.ids,
            "doc_model": "cq.pqrs.register.wizard",
            "docs": wizards,
            "company": company,
            "tz": company.resource_calendar_id.tz or company.partner_id.tz or self.env.user.tz or "UTC",
            "date_from": fields.Date.to_date(data["date_from"]),
            "date_to": fields.Date.to_date(data["date_to"]),
            "filters": self._cq_filter_labels(data),
            "lines": lines,
            "by_type": by_type,
            "by_channel": by_channel,
            "total": total,
            "overdue": self._cq_overdue(Pqrs, data, company, now),
            "printed_at": now,
        }

    # ------------------------------------------------------------------
    # Domain
    # ------------------------------------------------------------------
    @api.model
    def _cq_base_domain(self, data):
        """Period, company, type, channel and team: what every part of the
        register shares."""
        company = self.env["res.company"].browse(data["company_id"])
        domain = self.env["cq.pqrs"]._cq_period_domain(data["date_from"], data["date_to"], company)
        if data.get("type_ids"):
            domain.append(("type_id", "in", data["type_ids"]))
        if data.get("channel"):
            domain.append(("channel", "=", data["channel"]))
        if data.get("team_ids"):
            domain.append(("team_id", "in", data["team_ids"]))
        return domain

    @api.model
    def _cq_domain(self, data):
        domain = self._cq_base_domain(data) + STATE_DOMAINS[data.get("state") or "all"]
        if not data.get("include_cancelled"):
            domain.append(("state", "!=", "cancelled"))
        return domain

    @api.model
    def _cq_filter_labels(self, data):
        """(label, value) of the filters in use, in the user's language."""
        labels = []
        if data.get("type_ids"):
            types = self.env["cq.pqrs.type"].with_context(active_test=False).browse(data["type_ids"])
            labels.append((self.env._("Types"), ", ".join(types.mapped("display_name"))))
        if data.get("channel"):
            channels = dict(self._cq_channel_labels())
            labels.append((self.env._("Channel"), channels.get(data["channel"], "")))
        if data.get("team_ids"):
            teams = self.env["cq.pqrs.team"].with_context(active_test=False).browse(data["team_ids"])
            labels.append((self.env._("Teams"), ", ".join(teams.mapped("display_name"))))
        if (data.get("state") or "all") != "all":
            states = dict(self.env["cq.pqrs.register.wizard"]._fields["state"]._description_selection(self.env))
            labels.append((self.env._("Status"), states.get(data["state"], "")))
        if data.get("include_cancelled"):
            labels.append((self.env._("Cancelled cases"), self.env._("included")))
        return labels

    @api.model
    def _cq_channel_labels(self):
        return self.env["cq.pqrs"]._fields["channel"]._description_selection(self.env)

    # ------------------------------------------------------------------
    # Lines, totals, overdue cases
    # ------------------------------------------------------------------
    @api.model
    def _cq_lines(self, Pqrs, domain):
        channels = dict(self._cq_channel_labels())
        endings = dict(Pqrs._fields["ending"]._description_selection(self.env))
        lines = []
        for row in Pqrs.search_read(domain, LINE_FIELDS, order="date_radicated, date_received, id"):
            answered = bool(row["date_answered"])
            lines.append({
                "name": row["name"] or "",
                "subject": row["subject"] or "",
                "type": row["type_id"][1] if row["type_id"] else "",
                "channel": channels.get(row["channel"], ""),
                "date_received": row["date_received"],
                "date_due": row["date_due"],
                "date_answered": row["date_answered"],
                "response_days": row["response_days"] if answered else None,
                "first_response_hours": row["first_response_hours"] if row["date_first_response"] else None,
                "on_time": row["answered_on_time"] if answered else None,
                "stage": row["stage_id"][1] if row["stage_id"] else "",
                "cancelled": row["state"] == "cancelled",
                "ending": endings.get(row["ending"], ""),
            })
        return lines

    @api.model
    def _cq_totals(self, Pqrs, domain):
        """Counts, on time, pending, RRT and mean response time by type, by
        channel and in total, from cq.pqrs._cq_response_stats() (cancelled
        cases counted apart, pending ones left out of the RRT)."""
        stats = Pqrs._cq_response_stats(domain, ["type_id", "channel"], with_ratings=True)
        total = stats.pop(None)
        by_type = Pqrs._cq_response_stats_rollup(stats, 0)
        by_channel = Pqrs._cq_response_stats_rollup(stats, 1)
        type_rows = [
            dict(values, label=pqrs_type.display_name or "")
            for pqrs_type, values in sorted(by_type.items(), key=lambda item: (item[0].sequence, item[0].id))
        ]
        channel_rows = [
            dict(by_channel[channel], label=label)
            for channel, label in self._cq_channel_labels()
            if channel in by_channel
        ]
        return type_rows, channel_rows, total

    @api.model
    def _cq_overdue(self, Pqrs, data, company, now):
        """Open cases of the register (whatever the status filter) whose
        term ended before the time of printing, with the business days
        elapsed since their due date."""
        domain = self._cq_base_domain(data) + [
            ("state", "in", RUNNING_STATES),
            ("date_deadline", "<", now),
        ]
        rows = Pqrs.search_read(domain, OVERDUE_FIELDS, order="date_due, id")
        if not rows:
            return []
        bcal = company._cq_business_calendar([now] + [row["date_due"] for row in rows])
        today = bcal.local_date(now)
        return [
            {
                "name": row["name"] or "",
                "subject": row["subject"] or "",
                "type": row["type_id"][1] if row["type_id"] else "",
                "user": row["user_id"][1] if row["user_id"] else "",
                "date_due": row["date_due"],
                "days_late": bcal.business_days_between(row["date_due"], today),
            }
            for row in rows
        ]
