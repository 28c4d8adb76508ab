import re

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .cq_pqrs import OPEN_STATES

# the identity documents a consumer writes on a complaints book sheet, and their shape
DOCUMENT_TYPES = [
    ("dni", "DNI"),
    ("ce", "Foreigner's Card"),
    ("passport", "Passport"),
    ("ruc", "RUC"),
    ("other", "Other"),
]
DOCUMENT_SHAPES = {
    "dni": re.compile(r"[0-9]{8}"),
    "ruc": re.compile(r"(10|15|17|20)[0-9]{9}"),
    "ce": re.compile(r"[0-9A-Z]{8,12}"),
    "passport": re.compile(r"[0-9A-Z]{6,12}"),
    "other": re.compile(r"[0-9A-Z\-]{4,20}"),
}
ITEM_KINDS = [("product", "Product"), ("service", "Service")]
# the largest amount a sheet takes (a typo guard: the column holds far more)
MAX_AMOUNT_CLAIMED = 10**12


class CqPqrs(models.Model):
    """The sheet of a complaints book (Peru's Hoja de Reclamación): what the
    consumer writes on it besides the case's own fields (the detail is the
    description, the consumer's request the remedy sought, the supplier's
    observations and actions the answer), and the agreement reached on the
    spot that ends it (the type's agreement step)."""

    _inherit = "cq.pqrs"

    is_book_sheet = fields.Boolean(related="type_id.is_book_sheet")
    filer_document_type = fields.Selection(
        DOCUMENT_TYPES, string="Document Type", groups="base.group_user",
        help="The filer's identity document, whose number is the filer's ID document.",
    )
    filer_address = fields.Char(string="Filer Address", groups="base.group_user")
    filer_is_minor = fields.Boolean(string="Filer Is a Minor", groups="base.group_user")
    guardian_name = fields.Char(
        string="Parent or Guardian", groups="base.group_user",
        help="Who files for the consumer when the consumer is a minor.",
    )
    claimed_item_kind = fields.Selection(
        ITEM_KINDS, string="Product or Service", groups="base.group_user",
        help="What the consumer contracted: a product or a service.",
    )
    claimed_item = fields.Char(
        string="Contracted Good", groups="base.group_user",
        help="The product or service the sheet is about, as the consumer describes it.",
    )
    amount_claimed = fields.Monetary(
        string="Amount Claimed", currency_field="amount_currency_id", groups="base.group_user",
    )
    amount_currency_id = fields.Many2one(
        "res.currency", string="Currency of the Amount", groups="base.group_user",
        default=lambda self: self.env.company.currency_id,
    )
    book_agreement = fields.Text(
        string="Agreement on the Spot", readonly=True, copy=False, groups="base.group_user",
        help="The agreement the consumer accepted to settle the sheet when it was filed: it ends the case.",
    )
    date_agreement = fields.Datetime(string="Agreed On", readonly=True, copy=False, groups="base.group_user")

    @api.constrains("filer_document_type", "filer_document", "amount_claimed", "filer_is_minor", "guardian_name")
    def _check_book_sheet(self):
        for case in self.filtered(lambda c: not c.date_anonymized):
            case._cq_check_document(case.filer_document_type, case.filer_document)
            if case.amount_claimed < 0 or case.amount_claimed > MAX_AMOUNT_CLAIMED:
                raise ValidationError(self.env._("The amount claimed must be zero or more."))
            if case.filer_is_minor and not (case.guardian_name or "").strip():
                raise ValidationError(
                    self.env._("Write the name of the parent or guardian who files for the minor.")
                )

    @api.constrains("establishment_id", "type_id", "filer_name", "filer_document", "filer_document_type",
                    "filer_address", "email_from", "partner_id", "description")
    def _check_book_sheet_minimum(self):
        """A sheet of a complaints book without the consumer's name, identity
        document, address or email, or the detail is not a sheet: refused,
        whoever files it (the public page refuses it field by field)."""
        for case in self.filtered(lambda c: c.establishment_id and c.type_id.is_book_sheet and not c.date_anonymized):
            missing = case._cq_book_missing()
            if missing:
                raise ValidationError(self.env._(
                    "A complaint sheet needs %(missing)s.", missing=", ".join(missing)
                ))

    def _cq_book_missing(self):
        """What this sheet lacks of the minimum data of the book, as the reader names it."""
        self.ensure_one()
        case = self.sudo()
        missing = []
        if not (case.filer_name or case.partner_id.name or "").strip():
            missing.append(self.env._("the consumer's name"))
        if not ((case.filer_document or "").strip() and case.filer_document_type):
            missing.append(self.env._("the identity document and its type"))
        if not ((case.filer_address or "").strip() or case.email_from or case.partner_id.email):
            missing.append(self.env._("an address or an email"))
        if not (case.description and case.description.striptags().strip()):
            missing.append(self.env._("the detail"))
        return missing

    @api.model
    def _cq_check_document(self, document_type, number):
        """Refuse an identity document number whose shape does not fit its type."""
        if not document_type or not number:
            return
        if not DOCUMENT_SHAPES[document_type].fullmatch(number.strip().upper()):
            raise ValidationError(self._cq_document_message(document_type))

    @api.model
    def _cq_document_message(self, document_type):
        return {
            "dni": self.env._("A DNI has 8 digits."),
            "ruc": self.env._("A RUC has 11 digits and begins with 10, 15, 17 or 20."),
            "ce": self.env._("A foreigner's card number has 8 to 12 letters or digits."),
            "passport": self.env._("A passport number has 6 to 12 letters or digits."),
            "other": self.env._("A document number has 4 to 20 letters, digits or hyphens."),
        }[document_type]

    # ------------------------------------------------------------------
    # The agreement on the spot (the type's agreement step)
    # ------------------------------------------------------------------
    def _cq_can_agree(self):
        self.ensure_one()
        return self.state in OPEN_STATES and bool(self._cq_legal_step("agreement"))

    def _cq_record_agreement(self, agreement, root_cause=None, analysis=None):
        """End this open sheet with the agreement the consumer accepted on the
        spot: it is the case's answer, given now, and the case closes as
        agreed (its root cause recorded first when the type asks for one)."""
        self.ensure_one()
        self._cq_require_step("agreement")
        agreement = (agreement or "").strip()
        if self.state not in OPEN_STATES:
            raise UserError(self.env._("%(case)s is no longer open: it cannot end by an agreement.", case=self.name))
        if not agreement:
            raise UserError(self.env._("Write the agreement the consumer accepted."))
        values = {}
        if root_cause:
            values.update(root_cause_id=root_cause.id, root_cause_analysis=(analysis or "").strip() or False)
        case = self.sudo()
        if case.requires_root_cause and not (values.get("root_cause_id") or case.root_cause_id) or (
            case.requires_root_cause and not (values.get("root_cause_analysis") or case.root_cause_analysis)
        ):
            raise UserError(self.env._("Give the root-cause category and analysis before ending the case."))
        now = fields.Datetime.now()
        self.with_context(cq_stage_action=True).write(
            dict(
                values,
                answer=Markup("<p>%s</p>") % Markup("<br/>").join(escape(line) for line in agreement.splitlines()),
                date_answered=now,
                book_agreement=agreement,
                date_agreement=now,
                stage_id=self._stage_for("closed").id,
                date_closed=now,
                ended_as="agreed",
                ending_reason=agreement,
            )
        )
        self.message_post(
            body=self.env._(
                "Agreement accepted to settle the case on the spot (%(basis)s): %(agreement)s",
                basis=self._cq_step_basis("agreement"), agreement=agreement,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def action_open_agreement_wizard(self):
        self.ensure_one()
        self._cq_require_step("agreement")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Agreement on the Spot"),
            "res_model": "cq.pqrs.agreement.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_pqrs_id": self.id},
        }
