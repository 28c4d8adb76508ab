from odoo import api, fields, models

from ..models.cq_legal_term import TERM_UNITS


class CqPqrsExtensionWizard(models.TransientModel):
    _name = "cq.pqrs.extension.wizard"
    _description = "Extend a PQRS Term"

    pqrs_id = fields.Many2one("cq.pqrs", required=True, readonly=True, ondelete="cascade")
    date_due = fields.Date(related="pqrs_id.date_due", string="Current Due Date")
    days = fields.Integer(
        string="Extension",
        required=True,
        help="In the extension unit; at most what the type's extension rule leaves.",
    )
    unit = fields.Selection(TERM_UNITS, string="Extension Unit", compute="_compute_limit")
    max_days = fields.Integer(string="Maximum Extension", compute="_compute_limit")
    new_date_due = fields.Date(string="New Due Date", compute="_compute_new_date_due")
    reason = fields.Text(required=True, help="Told to the filer in the extension notice.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        pqrs = self.env["cq.pqrs"].browse(values.get("pqrs_id"))
        if pqrs and "days" in fields_list:
            values["days"] = pqrs._cq_extension_limit()[0]
        return values

    @api.depends("pqrs_id")
    def _compute_limit(self):
        for wizard in self:
            if wizard.pqrs_id:
                wizard.max_days, wizard.unit = wizard.pqrs_id._cq_extension_limit()
            else:
                wizard.max_days, wizard.unit = 0, False

    @api.depends("days", "pqrs_id")
    def _compute_new_date_due(self):
        for wizard in self:
            case = wizard.pqrs_id
            if case.date_due and 0 < wizard.days <= wizard.max_days:
                wizard.new_date_due = case._cq_extension_dates(wizard.days, wizard.unit).date_due
            else:
                wizard.new_date_due = False

    def action_extend(self):
        self.ensure_one()
        self.pqrs_id._cq_extend(self.days, self.reason)
        return {"type": "ir.actions.act_window_close"}
