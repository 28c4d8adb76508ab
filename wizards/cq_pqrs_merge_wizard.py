from odoo import api, fields, models

from ..models.cq_pqrs import HANDLED_STATES


class CqPqrsMergeWizard(models.TransientModel):
    """Merge duplicate cases of one filer: one survives, the others end as
    merged into it (cq_pqrs_merge.py)."""

    _name = "cq.pqrs.merge.wizard"
    _description = "Merge PQRS Cases"

    case_ids = fields.Many2many("cq.pqrs", string="Cases", required=True)
    survivor_id = fields.Many2one(
        "cq.pqrs", string="Case Kept", required=True, domain="[('id', 'in', case_ids)]",
        help="The case that keeps its number, its terms and everything of the others.",
    )
    reason = fields.Char(help="Why they are merged; empty: duplicates of the case kept.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        ids = self.env.context.get("active_ids") if self.env.context.get("active_model") == "cq.pqrs" else None
        if ids:
            cases = self.env["cq.pqrs"].browse(ids)
            values["case_ids"] = [(6, 0, cases.ids)]
            survivor_id = self.env.context.get("cq_merge_survivor_id")
            # by default the case filed first, of those still handled
            handled = cases.filtered(lambda c: c.state in HANDLED_STATES) or cases
            values["survivor_id"] = survivor_id or handled.sorted(lambda c: (c.date_received, c.id))[0].id
        return values

    def action_merge(self):
        self.ensure_one()
        (self.case_ids - self.survivor_id)._cq_merge_into(self.survivor_id, self.reason)
        return {
            "type": "ir.actions.act_window",
            "res_model": "cq.pqrs",
            "res_id": self.survivor_id.id,
            "view_mode": "form",
            "target": "current",
        }
