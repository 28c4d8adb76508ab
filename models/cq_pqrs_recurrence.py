from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

DIMENSIONS = {"product": "product_id", "root_cause": "root_cause_id", "customer": "commercial_partner_id"}
# the alert field holding the group of each dimension
DIMENSIONS_ALERT = {"product": "product_id", "root_cause": "root_cause_id", "customer": "partner_id"}
THRESHOLD_PARAM = "customer_quality.recurrence_threshold"
DEFAULT_THRESHOLD = 3
WINDOW_DAYS_PARAM = "customer_quality.recurrence_days"
DEFAULT_WINDOW_DAYS = 90


class CqPqrsRecurrence(models.Model):
    """A recurring complaint: complaints and claims of a rolling window that
    share a product, a root-cause category or a customer, in a number that
    reached the configured threshold."""

    _name = "cq.pqrs.recurrence"
    _description = "Recurring Complaint Alert"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state, case_count desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    dimension = fields.Selection(
        [("product", "Product"), ("root_cause", "Root Cause"), ("customer", "Customer")],
        string="Recurring By",
        required=True,
        readonly=True,
    )
    product_id = fields.Many2one("product.product", string="Product", readonly=True, index="btree_not_null")
    root_cause_id = fields.Many2one("cq.pqrs.root.cause", string="Root Cause", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True, index="btree_not_null")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    pqrs_ids = fields.Many2many("cq.pqrs", string="Cases", readonly=True)
    case_count = fields.Integer(string="Number of Cases", readonly=True, tracking=True)
    threshold = fields.Integer(readonly=True, help="Threshold in force when the alert was raised.")
    window_days = fields.Integer(string="Window (days)", readonly=True)
    date_detected = fields.Date(string="Detected On", readonly=True)
    date_last_case = fields.Date(string="Last Case", readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("planned", "Action Plan Opened"), ("dismissed", "Dismissed")],
        default="open",
        required=True,
        tracking=True,
    )
    action_plan_id = fields.Many2one("cq.action.plan", string="Preventive Action Plan", readonly=True)
    note = fields.Text()

    @api.depends("dimension", "product_id", "root_cause_id", "partner_id", "case_count")
    def _compute_name(self):
        for alert in self:
            subject = (alert.product_id or alert.root_cause_id or alert.partner_id).display_name or ""
            alert.name = f"{subject} ({alert.case_count})"

    # ------------------------------------------------------------------
    # detection
    # ------------------------------------------------------------------
    @api.model
    def _settings(self):
        params = self.env["ir.config_parameter"].sudo()
        threshold = int(params.get_param(THRESHOLD_PARAM, DEFAULT_THRESHOLD))
        days = int(params.get_param(WINDOW_DAYS_PARAM, DEFAULT_WINDOW_DAYS))
        return max(threshold, 2), max(days, 1)

    @api.model
    def _detect(self, today=None):
        """Groups of complaints and claims of the window that reach the
        threshold: one `_read_group` per dimension (HAVING in SQL).
        Returns {(dimension, record, company): case ids}."""
        threshold, days = self._settings()
        today = today or fields.Date.context_today(self)
        base = [
            ("type_id.requires_root_cause", "=", True),
            ("state", "!=", "cancelled"),
            ("date_radicated", ">", today - timedelta(days=days)),
            ("date_radicated", "<=", today),
        ]
        groups = {}
        Pqrs = self.env["cq.pqrs"]
        for dimension, field in DIMENSIONS.items():
            for record, company, ids in Pqrs._read_group(
                base + [(field, "!=", False)],
                [field, "company_id"],
                ["id:array_agg"],
                having=[("__count", ">=", threshold)],
            ):
                groups[dimension, record, company] = ids
        return groups

    @api.model
    def _cron_detect(self):
        """Raise one alert per recurring group, or update the open one of the
        same group: running twice never duplicates an alert."""
        threshold, days = self._settings()
        today = fields.Date.context_today(self)
        groups = self._detect(today)
        open_alerts = {
            (alert.dimension, alert[DIMENSIONS_ALERT[alert.dimension]], alert.company_id): alert
            for alert in self.search([("state", "=", "open")])
        }
        # an alert already turned into a plan or dismissed is not raised again for the same cases:
        # only the closed alerts sharing a case with today's groups matter, all of them per group
        detected = {case_id for ids in groups.values() for case_id in ids}
        seen = defaultdict(set)
        for alert in self.search([("state", "!=", "open"), ("pqrs_ids", "in", list(detected))]):
            seen[alert.dimension, alert[DIMENSIONS_ALERT[alert.dimension]], alert.company_id].update(alert.pqrs_ids.ids)
        vals_list = []
        for (dimension, record, company), ids in groups.items():
            key = (dimension, record, company)
            alert = open_alerts.get(key)
            if alert:
                if set(ids) != set(alert.pqrs_ids.ids):
                    alert.write(self._alert_values(ids, threshold, days, today, update=True))
                continue
            if key in seen and set(ids) <= seen[key]:
                continue
            vals_list.append(
                {
                    "dimension": dimension,
                    DIMENSIONS_ALERT[dimension]: record.id,
                    "company_id": company.id,
                    **self._alert_values(ids, threshold, days, today),
                }
            )
        alerts = self.create(vals_list)
        for alert in alerts:
            alert.message_post(
                body=self.env._(
                    "%(count)s complaints and claims in %(days)s days share this %(dimension)s.",
                    count=alert.case_count,
                    days=days,
                    dimension=dict(self._fields["dimension"]._description_selection(self.env))[alert.dimension],
                )
            )
        return alerts

    @api.model
    def _alert_values(self, ids, threshold, days, today, update=False):
        cases = self.env["cq.pqrs"].browse(ids)
        values = {
            "pqrs_ids": [fields.Command.set(ids)],
            "case_count": len(ids),
            "date_last_case": max(cases.mapped("date_radicated")),
        }
        if not update:
            values.update(threshold=threshold, window_days=days, date_detected=today)
        return values

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_open_action_plan(self):
        """One click: the preventive action plan of the recurrence."""
        self.ensure_one()
        if not self.action_plan_id:
            plan = self.env["cq.action.plan"].create(
                {
                    "title": self.env._("Recurring complaints: %(name)s", name=self.name),
                    "plan_type": "preventive",
                    "origin": "recurrence",
                    "recurrence_id": self.id,
                    "company_id": self.company_id.id,
                    "partner_id": self.partner_id.id,
                    "description": self.env._(
                        "%(count)s complaints and claims in %(days)s days: %(cases)s.",
                        count=self.case_count,
                        days=self.window_days,
                        cases=", ".join(self.pqrs_ids.mapped("name")),
                    ),
                }
            )
            self.write({"action_plan_id": plan.id, "state": "planned"})
        return self.action_plan_id._get_form_action()

    def action_dismiss(self):
        if any(alert.state != "open" for alert in self):
            raise UserError(self.env._("Only open alerts can be dismissed."))
        self.write({"state": "dismissed"})

    def action_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("customer_quality.cq_pqrs_action")
        action["domain"] = [("id", "in", self.pqrs_ids.ids)]
        return action

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Recurrence alerts are quality records: dismiss them instead."))

