from odoo import fields, models


class CqPartnerLostWizard(models.TransientModel):
    _name = "cq.partner.lost.wizard"
    _description = "Mark a Customer as Lost"

    partner_id = fields.Many2one("res.partner", required=True, readonly=True)
    lost_reason_id = fields.Many2one("cq.lost.reason", string="Reason", required=True)
    note = fields.Text()
    archive = fields.Boolean(
        string="Archive the Contact",
        help="Archived contacts disappear from lists but keep their whole history.",
    )

    def action_mark_lost(self):
        self.ensure_one()
        partner = self.partner_id
        partner.write({"customer_state": "lost", "cq_lost_reason_id": self.lost_reason_id.id})
        partner.message_post(
            body=self.env._(
                "Marked as lost: %(reason)s. %(note)s",
                reason=self.lost_reason_id.name,
                note=self.note or "",
            ),
            subtype_xmlid="mail.mt_note",
        )
        if self.archive:
            partner.action_archive()
        return {"type": "ir.actions.act_window_close"}
