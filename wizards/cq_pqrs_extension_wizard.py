from odoo import api, fields, models


class CqPqrsExtensionWizard(models.TransientModel):
    _name = "cq.pqrs.extension.wizard"
    _description = "Extend a PQRS Term"

    pqrs_id = fields.Many2one("cq.pqrs", required=True, readonly=True, ondelete="cascade")
    date_due = fields.Date(related="pqrs_id.date_due", string="Current Due Date")
    days = fields.Integer(
        string="Extension (business days)",
        required=True,
        help="At most the type's legal term (Ley 1755 de 2015, art. 14 parágrafo).",
    )
    new_date_due = fields.Date(string="New Due Date", compute="_compute_new_date_due")
    reason = fields.Text(required=True, help="Told to the filer in the extension notice.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        pqrs = self.env["cq.pqrs"].browse(values.get("pqrs_id"))
        if pqrs and "days" in fields_list:
            values["days"] = pqrs.term_days
        return values

    @api.depends("days", "pqrs_id")
    def _compute_new_date_due(self):
        for wizard in self:
            case = wizard.pqrs_id
            if case.date_due and 0 < wizard.days <= case.term_days:
                bcal = case._cq_business_calendar(case.company_id, [case.date_due])
                wizard.new_date_due = bcal.add_business_days(case.date_due, wizard.days)
            else:
                wizard.new_date_due = False

    def action_extend(self):
        self.ensure_one()
        self.pqrs_id._cq_extend(self.days, self.reason)
        return {"type": "ir.actions.act_window_close"}
