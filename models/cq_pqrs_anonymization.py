from odoo import api, fields, models
from odoo.exceptions import UserError


class CqPqrsAnonymization(models.Model):
    """The log of the personal data removed from a closed case: what, when,
    by whom and why. Written by the retention job or a manager's erasure
    (cq_pqrs_retention.py), never edited or deleted."""

    _name = "cq.pqrs.anonymization"
    _description = "PQRS Anonymisation Log"
    _order = "date desc, id desc"
    _rec_name = "case_number"

    case_id = fields.Many2one("cq.pqrs", string="Case", required=True, readonly=True, index=True, ondelete="restrict")
    case_number = fields.Char(string="Case Number", required=True, readonly=True)
    company_id = fields.Many2one("res.company", string="Company", required=True, readonly=True, index=True)
    type_id = fields.Many2one("cq.pqrs.type", string="Type", readonly=True)
    date = fields.Datetime(string="Anonymised On", required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", string="By", required=True, readonly=True, default=lambda self: self.env.user
    )
    reason = fields.Selection(
        [("retention", "Retention Period Over"), ("request", "Erasure Request")],
        required=True, readonly=True,
        help="Retention Period Over: the retention job, once the type's retention period after closing ran "
        "out. Erasure Request: a manager, at the data subject's request, once the case was closed.",
    )
    date_closed = fields.Datetime(string="Closed On", readonly=True)
    retention_years = fields.Integer(string="Retention (years)", readonly=True)
    cleared_fields = fields.Text(string="Data Removed", readonly=True)
    message_count = fields.Integer(string="Messages Emptied", readonly=True)
    attachment_count = fields.Integer(string="Attachments Removed", readonly=True)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept(self):
        raise UserError(self.env._("The anonymisation log is kept: its entries cannot be deleted."))

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.env._("The anonymisation log is kept: its entries cannot be changed."))
