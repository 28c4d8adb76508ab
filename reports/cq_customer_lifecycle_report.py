from odoo import fields, models, tools
from odoo.tools import SQL


class CqCustomerLifecycleReport(models.Model):
    """One row per contact in the customer lifecycle, for the pivot and graph
    analysis of the prospect indicators (I1-I5) over any date range."""

    _name = "cq.customer.lifecycle.report"
    _description = "Customer Lifecycle Analysis"
    _auto = False
    _rec_name = "partner_id"
    _order = "identification_date desc"

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    customer_state = fields.Selection(
        selection=lambda self: self.env["res.partner"]._fields["customer_state"].selection,
        string="Customer Stage",
        readonly=True,
    )
    source_id = fields.Many2one("utm.source", string="Source", readonly=True)
    medium_id = fields.Many2one("utm.medium", string="Medium", readonly=True)
    identification_date = fields.Date(readonly=True)
    first_contact_date = fields.Date(readonly=True)
    conversion_date = fields.Date(readonly=True)
    days_to_first_contact = fields.Float(
        string="Days to First Contact (I2)", readonly=True, aggregator="avg"
    )
    profile_completeness = fields.Float(
        string="Profile Completeness % (I3)", readonly=True, aggregator="avg"
    )
    conversion_rate = fields.Float(
        string="Conversion Rate % (I4)", readonly=True, aggregator="avg"
    )
    contacted = fields.Integer(string="Contacted", readonly=True, aggregator="sum")
    converted = fields.Integer(string="Converted", readonly=True, aggregator="sum")

    def _query(self):
        return SQL(
            """
            SELECT p.id AS id,
                   p.id AS partner_id,
                   p.company_id,
                   p.user_id,
                   p.customer_state,
                   p.cq_source_id AS source_id,
                   p.cq_medium_id AS medium_id,
                   p.cq_identification_date AS identification_date,
                   p.cq_first_contact_date AS first_contact_date,
                   p.cq_conversion_date AS conversion_date,
                   CASE WHEN p.cq_first_contact_date IS NOT NULL
                        THEN (p.cq_first_contact_date - p.cq_identification_date)::float
                   END AS days_to_first_contact,
                   COALESCE(p.cq_profile_completeness, 0) AS profile_completeness,
                   CASE WHEN p.cq_conversion_date IS NOT NULL THEN 100.0 ELSE 0.0 END
                       AS conversion_rate,
                   CASE WHEN p.cq_first_contact_date IS NOT NULL THEN 1 ELSE 0 END AS contacted,
                   CASE WHEN p.cq_conversion_date IS NOT NULL THEN 1 ELSE 0 END AS converted
              FROM res_partner p
             WHERE p.customer_state IS NOT NULL
               AND p.active
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
