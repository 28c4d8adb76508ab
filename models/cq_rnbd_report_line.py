from odoo import fields, models


class CqRnbdReportLine(models.Model):
    """How many claims of a report's period have one claim type, detail and
    database (counted by cq.rnbd.report.action_count)."""

    _name = "cq.rnbd.report.line"
    _description = "Data Protection Claims Report Line"
    _order = "report_id, claim_type_id, claim_detail_id, database_id, id"

    report_id = fields.Many2one("cq.rnbd.report", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="report_id.company_id", store=True)
    claim_type_id = fields.Many2one("cq.rnbd.claim.type", string="Claim Type", readonly=True)
    claim_detail_id = fields.Many2one("cq.rnbd.claim.type", string="Detail", readonly=True)
    database_id = fields.Many2one("cq.rnbd.database", string="Database", readonly=True)
    count = fields.Integer(string="Claims", readonly=True)
