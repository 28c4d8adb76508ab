from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize

from .cq_pqrs import HANDLED_STATES


class CqPqrs(models.Model):
    """Merging duplicates: cases of one filer (one customer, or one email)
    become one. The survivor keeps its own number and terms; each other case
    ends as merged into it (an ending counted apart, like a withdrawal), its
    messages, attachments and followers move to the survivor, and its filer
    is told in their language. Nothing is deleted."""

    _inherit = "cq.pqrs"

    merged_into_id = fields.Many2one(
        "cq.pqrs", string="Merged Into", readonly=True, copy=False, index="btree_not_null",
        help="The case this one was merged into: its messages, attachments and followers are there.",
    )
    merged_ids = fields.One2many("cq.pqrs", "merged_into_id", string="Merged Cases", groups="base.group_user")
    merged_count = fields.Integer(compute="_compute_merged_count", groups="base.group_user")

    def _compute_merged_count(self):
        counts = dict(self._read_group([("merged_into_id", "in", self.ids)], ["merged_into_id"], ["__count"]))
        for case in self:
            case.merged_count = counts.get(case, 0)

    def _cq_filer_identity(self):
        """Who filed the case, for merging: its customer company, else its email."""
        self.ensure_one()
        return self.commercial_partner_id or email_normalize(self.email_from or "") or False

    def _cq_check_merge(self, survivor):
        """Refuse a merge of these cases into `survivor` that would mix two
        filers or companies, merge a case into itself, or take a case that is
        cancelled, or closed past its reopening window."""
        if survivor in self:
            raise UserError(self.env._("A case cannot be merged into itself: choose another case to keep."))
        if not self:
            raise UserError(self.env._("Choose at least one case to merge into %(case)s.", case=survivor.name))
        if survivor.state not in HANDLED_STATES:
            raise UserError(self.env._(
                "%(case)s is closed or cancelled: merge into a case that is still handled.", case=survivor.name
            ))
        identity = survivor._cq_filer_identity()
        for case in self:
            if case.company_id != survivor.company_id:
                raise UserError(self.env._(
                    "%(case)s belongs to another company than %(survivor)s: they cannot be merged.",
                    case=case.name, survivor=survivor.name,
                ))
            if not identity or case._cq_filer_identity() != identity:
                raise UserError(self.env._(
                    "%(case)s and %(survivor)s were not filed by the same customer: they cannot be merged.",
                    case=case.name, survivor=survivor.name,
                ))
            if case.state == "cancelled" or case.merged_into_id:
                raise UserError(self.env._("%(case)s is cancelled or already merged.", case=case.name))
            if case.state == "closed" and not case._cq_within_reopening():
                raise UserError(self.env._(
                    "%(case)s is closed and past its reopening window: it can no longer be merged.", case=case.name
                ))

    def _cq_merge_into(self, survivor, reason=None):
        """Merge these cases into `survivor` (see the class)."""
        self._cq_check_merge(survivor)
        Message = self.env["mail.message"].sudo()
        Attachment = self.env["ir.attachment"].sudo()
        for case in self:
            case = case.sudo()
            reason_text = (reason or "").strip() or self.env._("Duplicate of %(case)s.", case=survivor.name)
            # messages and attachments move with their history; followers follow the survivor too
            Message.search([("model", "=", self._name), ("res_id", "=", case.id)]).write(
                {"res_id": survivor.id, "record_name": survivor.display_name}
            )
            Attachment.search([("res_model", "=", self._name), ("res_id", "=", case.id)]).write({"res_id": survivor.id})
            survivor.sudo().message_subscribe(partner_ids=case.message_partner_ids.ids)
            if case.state == "closed":
                # closed within its reopening window: reopened to end again as merged
                case.with_context(cq_stage_action=True).write(
                    {"stage_id": self._stage_for("analysis").id, "date_closed": False}
                )
            elif case.state == "answered":
                case.with_context(cq_stage_action=True).write({"stage_id": self._stage_for("analysis").id})
            case.merged_into_id = survivor
            case._cq_end("merged", reason_text)
            case.message_post_with_source(
                "customer_quality.mail_template_cq_pqrs_merged", subtype_xmlid="mail.mt_comment"
            )
            survivor.sudo().message_post(
                body=self.env._(
                    "%(case)s was merged into this case: its messages, attachments and followers are here. %(reason)s",
                    case=case.name, reason=reason_text,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_view_merged(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("customer_quality.cq_pqrs_action")
        action.update({"domain": [("merged_into_id", "=", self.id)], "context": {}})
        return action

    def action_open_merge_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "cq.pqrs.merge.wizard",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Merge Cases"),
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def action_merge_with_reiteration(self):
        """Merge this case and the earlier one the reiteration search found:
        the earlier one is kept when it is still handled."""
        self.ensure_one()
        earlier = self.reiteration_of_id
        survivor = earlier if earlier.state in HANDLED_STATES else self
        action = (self | earlier).action_open_merge_wizard()
        action["context"] = dict(action["context"], cq_merge_survivor_id=survivor.id)
        return action
