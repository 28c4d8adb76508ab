import hashlib
import hmac

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, email_normalize

from .cron_claim import run_queue

RETENTION_CRON = "customer_quality.ir_cron_cq_pqrs_retention"
# text fields of a case that are not the filer's data nor free text: they stay
KEPT_TEXTS = frozenset({
    "name", "lookup_code", "book_number", "legal_step_kinds", "emergency_phone", "access_token",
    "activity_exception_icon", "activity_type_icon", "customer_key",
})
# the case's links to contacts, cleared or reduced to the customer company
PARTNER_FIELDS = ("partner_id", "matched_partner_id")


class CqPqrs(models.Model):
    """Storage limitation: the personal data of a closed case is kept only
    for its type's retention period after closing; then the retention job
    (or, earlier, a manager at the data subject's request) removes the
    filer's data, the free texts and the attachments, and keeps the number,
    the dates, the type, the channel, the ending, the times and the ratings,
    so that every indicator and register stays the same. A manager's legal
    hold keeps a case out of it."""

    _inherit = "cq.pqrs"

    legal_hold = fields.Boolean(
        string="Legal Hold", copy=False, tracking=True, groups="base.group_user",
        help="Set by a manager while the case may be needed as evidence (a lawsuit, an inspection): its "
        "personal data is not anonymised, whatever its retention period.",
    )
    legal_hold_reason = fields.Char(string="Legal Hold Reason", copy=False, groups="base.group_user")
    date_anonymized = fields.Datetime(
        string="Anonymised On", readonly=True, copy=False, groups="base.group_user",
        help="When the filer's data, the free texts and the attachments of the case were removed.",
    )
    customer_key = fields.Char(
        string="Customer Pseudonym", readonly=True, copy=False, groups="base.group_user",
        help="Set when the case is anonymised: a keyed hash of its customer (contact or email), the same for "
        "every anonymised case of one customer, so that indicators counting customers count them once.",
    )
    retention_until = fields.Date(
        string="Personal Data Kept Until", compute="_compute_retention_until", groups="base.group_user",
        help="The closing date plus the type's retention period: the retention job anonymises the case "
        "after it, unless it is on legal hold.",
    )

    @api.depends("state", "date_closed", "write_date", "type_id.retention_active", "type_id.retention_years",
                 "date_anonymized")
    def _compute_retention_until(self):
        for case in self:
            years = case.type_id.retention_active and case.type_id.retention_years
            ended = case._cq_retention_start()
            case.retention_until = (
                (ended + relativedelta(years=years)).date() if years and ended and not case.date_anonymized
                else False
            )

    def _cq_retention_start(self):
        """When the retention period of this case starts: its closing, or the
        last change of a cancelled case (the SQL of the job says the same)."""
        self.ensure_one()
        if self.state == "closed":
            return self.date_closed or self.write_date
        if self.state == "cancelled":
            return self.write_date
        return False

    def _cq_index_retention(self):
        """An index of this feature, created by init() (cq_pqrs.py): the
        ended cases not yet anonymised, by closing."""
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS cq_pqrs_retention_idx ON cq_pqrs (COALESCE(date_closed, write_date)) "
            "WHERE date_anonymized IS NULL AND state IN ('closed', 'cancelled')"
        )

    def _cq_check_retention_write(self, vals):
        """Before a write (cq_pqrs.py): only a manager sets or lifts a legal hold."""
        if {"legal_hold", "legal_hold_reason"} & set(vals) and not self.env.is_superuser() and not (
            self.env.user.has_group("customer_quality.group_cq_manager")
        ):
            raise AccessError(self.env._("Only a Customer Quality manager can set or lift a legal hold."))

    # ------------------------------------------------------------------
    # Cron: batched, time-budgeted, one case per transaction
    # ------------------------------------------------------------------
    @api.model
    def _cq_retention_claimable(self):
        """SQL condition of the ended cases whose retention period ran out."""
        return SQL(
            """cq_pqrs.state IN ('closed', 'cancelled') AND cq_pqrs.date_anonymized IS NULL
               AND cq_pqrs.legal_hold IS NOT TRUE
               AND EXISTS (SELECT 1 FROM cq_pqrs_type t
                            WHERE t.id = cq_pqrs.type_id AND t.retention_active AND t.retention_years > 0
                              AND COALESCE(cq_pqrs.date_closed, cq_pqrs.write_date)
                                  + make_interval(years => t.retention_years) <= %s)""",
            fields.Datetime.now(),
        )

    @api.model
    def _cq_retention_queue_size(self):
        self.flush_model(["state", "date_anonymized", "legal_hold", "date_closed", "type_id"])
        self.env["cq.pqrs.type"].flush_model(["retention_active", "retention_years"])
        self.env.cr.execute(SQL("SELECT COUNT(*) FROM cq_pqrs WHERE %s", self._cq_retention_claimable()))
        return self.env.cr.fetchone()[0]

    @api.model
    def _cron_cq_anonymize(self):
        """Anonymise the ended cases past their retention period, one case per
        transaction: the case is locked (FOR UPDATE SKIP LOCKED, so a second
        worker takes the next one), anonymised, logged and committed; the call
        stops when its time budget is spent and reports its progress, so that
        Odoo calls it again."""
        run_queue(
            self, self._cq_retention_queue_size, self._cq_retention_claimable,
            lambda case: case._cq_anonymize("retention"), RETENTION_CRON, self._cq_ack_time_budget(),
        )

    # ------------------------------------------------------------------
    # Anonymisation
    # ------------------------------------------------------------------
    def action_cq_anonymize(self):
        """A manager erases the personal data of ended cases at the data
        subject's request, before their retention period runs out."""
        if not self.env.user.has_group("customer_quality.group_cq_manager"):
            raise AccessError(self.env._("Only a Customer Quality manager can anonymise a case."))
        for case in self:
            if case.state not in ("closed", "cancelled"):
                raise UserError(self.env._(
                    "%(case)s is still open: close or cancel it before removing its personal data.", case=case.name
                ))
            if case.legal_hold:
                raise UserError(self.env._(
                    "%(case)s is on legal hold: lift the hold before removing its personal data.", case=case.name
                ))
        for case in self.filtered(lambda c: not c.date_anonymized):
            case._cq_anonymize("request")
        return True

    def _cq_personal_fields(self):
        """The stored text fields of the case that hold the filer's data or
        free text, whichever feature added them (KEPT_TEXTS stay)."""
        return [
            name for name, field in self._fields.items()
            if field.type in ("char", "text", "html") and field.store and not field.compute
            and not field.related and name not in KEPT_TEXTS
        ]

    def _cq_kept_partner(self):
        """The contact the case keeps: the customer company, or a person the
        company sells to or invoices (its accounting keeps the contact); none
        otherwise."""
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        if customer.is_company:
            return customer
        if customer and (self.sale_order_id or self.invoice_id or self._cq_keeps_customer_link()):
            return self.partner_id
        if customer and (
            self.env["sale.order"].sudo().search_count([("partner_id", "child_of", customer.id)], limit=1)
            or self.env["account.move"].sudo().search_count([("commercial_partner_id", "=", customer.id)], limit=1)
        ):
            return self.partner_id
        return self.env["res.partner"]

    def _cq_keeps_customer_link(self):
        """Whether a feature's link of the case needs its customer (the
        warranty's order and invoice lines)."""
        self.ensure_one()
        return bool(self.sale_line_id or self.invoice_line_id)

    def _cq_customer_pseudonym(self):
        """A keyed hash of the case's customer, as the indicators name it
        (cq_indicator.customer_key_sql: the commercial partner, else the
        email), or False without either."""
        self.ensure_one()
        if self.commercial_partner_id:
            source = f"partner {self.commercial_partner_id.id}"
        elif email_normalize(self.email_from or ""):
            source = f"email {email_normalize(self.email_from)}"
        else:
            return False
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        return "anon " + hmac.new(secret.encode(), source.encode(), hashlib.sha256).hexdigest()[:32]

    def _cq_anonymize(self, reason):
        """Remove the personal data of this ended case and log it: the
        filer's data and free texts, the messages' contents and tracked
        values, the attachments, the rating's comment and the interventions'
        notes; the followers that are not staff leave."""
        self.ensure_one()
        case = self.sudo()
        company_lang = self._cq_company_lang(case.company_id)
        lang_env = case.with_context(lang=company_lang).env
        cleared = [name for name in self._cq_personal_fields() if case[name]]
        kept_partner = case._cq_kept_partner()
        labels = [case._fields[name].get_description(lang_env)["string"] for name in cleared]
        vals = {name: False for name in cleared}
        vals["subject"] = lang_env._("Anonymised case")
        for name in PARTNER_FIELDS:
            if case[name] and case[name] != kept_partner:
                vals[name] = kept_partner.id if name == "partner_id" else False
                labels.append(case._fields[name].get_description(lang_env)["string"])
        vals["date_anonymized"] = fields.Datetime.now()
        if not kept_partner:
            vals["customer_key"] = case._cq_customer_pseudonym()
        removed_partners = (case.partner_id | case.matched_partner_id) - kept_partner
        messages = self.env["mail.message"].sudo().search([("model", "=", self._name), ("res_id", "=", case.id)])
        attachments = self.env["ir.attachment"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "=", case.id)]
        ) | messages.attachment_ids
        record = case.with_context(tracking_disable=True, mail_notrack=True, cq_stage_action=True)
        record.write(vals)
        self._cq_anonymize_messages(messages, cleared + list(PARTNER_FIELDS))
        attachments.unlink()
        case.rating_ids.write({"feedback": False, "partner_id": kept_partner.id})
        case.intervention_ids.write({"description": False})
        followers = case.message_follower_ids.filtered(
            lambda f: f.partner_id in removed_partners or (f.partner_id and not f.partner_id.user_ids)
        )
        followers.unlink()
        log = self.env["cq.pqrs.anonymization"].sudo().create({
            "case_id": case.id,
            "case_number": case.name,
            "company_id": case.company_id.id,
            "type_id": case.type_id.id,
            "reason": reason,
            "date_closed": case.date_closed,
            "retention_years": case.type_id.retention_years,
            "cleared_fields": ", ".join(labels),
            "message_count": len(messages),
            "attachment_count": len(attachments),
        })
        case.message_post(
            body=Markup("%s") % lang_env._(
                "Personal data removed (%(reason)s): %(fields)s; %(messages)s messages emptied, "
                "%(attachments)s attachments removed.",
                reason=dict(log._fields["reason"]._description_selection(lang_env))[reason],
                fields=log.cleared_fields or "-",
                messages=log.message_count,
                attachments=log.attachment_count,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return log

    @api.model
    def _cq_anonymize_messages(self, messages, field_names):
        """Empty the messages of a case: their body, subject, sender and
        recipients, and the old and new values of its personal fields that
        the tracking kept."""
        if not messages:
            return
        internal = messages.author_id.filtered(lambda p: p.user_ids and not all(p.user_ids.mapped("share")))
        self.env.cr.execute(SQL(
            """UPDATE mail_message
                  SET body = '', subject = NULL, email_from = NULL, reply_to = NULL, record_name = NULL,
                      author_id = CASE WHEN author_id IN %s THEN author_id END
                WHERE id IN %s""",
            tuple(internal.ids) or (0,), tuple(messages.ids),
        ))
        self.env.cr.execute(SQL(
            "DELETE FROM mail_message_res_partner_rel WHERE mail_message_id IN %s", tuple(messages.ids)
        ))
        self.env.cr.execute(SQL(
            """UPDATE mail_tracking_value
                  SET old_value_char = NULL, new_value_char = NULL, old_value_text = NULL,
                      new_value_text = NULL, old_value_integer = NULL, new_value_integer = NULL
                WHERE mail_message_id IN %s
                  AND field_id IN (SELECT id FROM ir_model_fields WHERE model = %s AND name IN %s)""",
            tuple(messages.ids), self._name, tuple(field_names),
        ))
        messages.invalidate_recordset()
        self.env["mail.tracking.value"].invalidate_model()
