from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .cq_pqrs_service_continuity import service_claim_field

COMPLETENESS_PARAM = "customer_quality.completeness_fields"
DEFAULT_COMPLETENESS_FIELDS = "email,phone,street,city,country_id,vat,industry_id,user_id"
FIRST_CONTACT_DAYS_PARAM = "customer_quality.first_contact_days"
DEFAULT_FIRST_CONTACT_DAYS = 7

# Fields of the lifecycle itself: editing them is not a "profile update" (I5).
LIFECYCLE_FIELDS = {
    "customer_state",
    "cq_lost_reason_id",
    "cq_first_contact_date",
    "cq_conversion_date",
    "cq_conversion_document",
}


class ResPartner(models.Model):
    _inherit = "res.partner"
    # Of the fields this addon adds, those a portal user reads (RPC included); the others are
    # groups="base.group_user". tests/test_portal_fields.py holds the model to it.
    _cq_portal_fields = frozenset()

    # more profile fields tracked, so that their edits count as profile updates
    mobile = fields.Char(tracking=6)
    website = fields.Char(tracking=7)
    industry_id = fields.Many2one(tracking=8)

    customer_state = fields.Selection(
        [
            ("prospect", "Prospect"),
            ("captive", "Captive Customer"),
            ("lost", "Lost"),
        ],
        string="Customer Stage",
        tracking=True,
        index=True,
        copy=False,
        group_expand="_read_group_customer_state",
        help="Customer lifecycle (ISO 9001): every customer is first a prospect "
        "and becomes a captive customer when a contract, an agreement or a first "
        "purchase formalises the relationship.",
        groups="base.group_user",
    )

    cq_service_claim_open = service_claim_field()
    cq_lost_reason_id = fields.Many2one(
        "cq.lost.reason", string="Lost Reason", tracking=True, copy=False, ondelete="restrict",
        groups="base.group_user",
    )
    cq_source_id = fields.Many2one(
        "utm.source",
        string="Prospect Source",
        tracking=True,
        help="Where the prospect was identified (trade fair, digital marketing, "
        "social networks, referral...).",
        groups="base.group_user",
    )
    cq_medium_id = fields.Many2one(
        "utm.medium", string="Prospect Medium", tracking=True, groups="base.group_user"
    )
    cq_identification_date = fields.Date(
        string="Identification Date", copy=False, index=True,
        groups="base.group_user",
    )
    cq_first_contact_date = fields.Date(
        string="First Contact Date",
        copy=False,
        tracking=True,
        help="Set automatically by the first outgoing message, call or meeting "
        "logged on the contact. Only managers can change it.",
        groups="base.group_user",
    )
    cq_days_to_first_contact = fields.Integer(
        string="Days to First Contact",
        compute="_compute_cq_days_to_first_contact",
        store=True,
        aggregator="avg",
        groups="base.group_user",
    )
    cq_conversion_date = fields.Date(
        string="Conversion Date", copy=False, tracking=True, readonly=True, index=True,
        groups="base.group_user",
    )
    cq_conversion_document = fields.Reference(
        selection=[("sale.order", "Sales Order"), ("cq.contract", "Contract")],
        string="Conversion Document",
        copy=False,
        readonly=True,
        help="The document that formalised the relationship.",
        groups="base.group_user",
    )
    cq_profile_completeness = fields.Float(
        string="Profile Completeness (%)",
        copy=False,
        readonly=True,
        default=0.0,
        aggregator="avg",
        digits=(5, 1),
        groups="base.group_user",
    )
    cq_missing_profile_fields = fields.Char(
        string="Missing Profile Data", compute="_compute_cq_missing_profile_fields",
        groups="base.group_user",
    )
    cq_last_profile_update = fields.Datetime(
        string="Last Profile Update", copy=False, readonly=True,
        groups="base.group_user",
    )
    cq_pqrs_count = fields.Integer(string="PQRS", compute="_compute_cq_pqrs_count", groups="base.group_user")
    cq_requirement_ids = fields.One2many(
        "cq.customer.requirement", "partner_id", string="Requirements",
        groups="base.group_user",
    )
    cq_requirement_count = fields.Integer(
        string="Requirement Count", compute="_compute_cq_requirement_count",
        groups="base.group_user",
    )
    cq_first_contact_overdue = fields.Boolean(
        string="No First Contact Yet",
        compute="_compute_cq_first_contact_overdue",
        search="_search_cq_first_contact_overdue",
        groups="base.group_user",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.model
    def _read_group_customer_state(self, states, domain):
        """Kanban columns in lifecycle order, empty ones included."""
        return [state for state, _label in self._fields["customer_state"].selection]

    @api.depends("cq_identification_date", "cq_first_contact_date")
    def _compute_cq_days_to_first_contact(self):
        for partner in self:
            if partner.cq_identification_date and partner.cq_first_contact_date:
                partner.cq_days_to_first_contact = (
                    partner.cq_first_contact_date - partner.cq_identification_date
                ).days
            else:
                partner.cq_days_to_first_contact = False

    def _compute_cq_requirement_count(self):
        """Requirements of the customer company and its contact persons: one query."""
        counts = dict(
            self.env["cq.customer.requirement"]._read_group(
                [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.cq_requirement_count = counts.get(partner.commercial_partner_id, 0)

    def action_cq_view_requirements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("customer_quality.cq_customer_requirement_action")
        action["domain"] = [("commercial_partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def _compute_cq_pqrs_count(self):
        """Cases of the contact and of its contact persons, rolled up like
        crm's opportunity count."""
        all_partners = self.with_context(active_test=False).search_fetch(
            [("id", "child_of", self.ids)], ["parent_id"]
        )
        counts = dict(
            self.env["cq.pqrs"]._read_group(
                [("partner_id", "in", all_partners.ids)], ["partner_id"], ["__count"]
            )
        )
        self.cq_pqrs_count = 0
        for partner, count in counts.items():
            while partner:
                if partner in self:
                    partner.cq_pqrs_count += count
                partner = partner.parent_id

    def action_cq_open_pqrs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("customer_quality.cq_pqrs_action")
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_cq_open_service_claims(self):
        """The customer's open claims that keep their service on."""
        self.ensure_one()
        action = self.action_cq_open_pqrs()
        action["domain"] = [
            ("commercial_partner_id", "=", self.commercial_partner_id.id),
            *self.env["cq.pqrs"]._cq_service_claim_domain(),
        ]
        return action

    def _compute_cq_missing_profile_fields(self):
        names = self._cq_completeness_field_names()
        for partner in self:
            missing = [name for name in names if not partner[name]]
            partner.cq_missing_profile_fields = ", ".join(
                self._fields[name].get_description(self.env)["string"] for name in missing
            )

    @api.model
    def _cq_first_contact_limit(self):
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(FIRST_CONTACT_DAYS_PARAM, DEFAULT_FIRST_CONTACT_DAYS)
        )
        return fields.Date.context_today(self) - timedelta(days=days)

    def _compute_cq_first_contact_overdue(self):
        limit = self._cq_first_contact_limit()
        for partner in self:
            partner.cq_first_contact_overdue = bool(
                partner.customer_state == "prospect"
                and not partner.cq_first_contact_date
                and partner.cq_identification_date
                and partner.cq_identification_date <= limit
            )

    def _search_cq_first_contact_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'No First Contact Yet'."))
        domain = [
            ("customer_state", "=", "prospect"),
            ("cq_first_contact_date", "=", False),
            ("cq_identification_date", "<=", self._cq_first_contact_limit()),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", "&", *domain]

    # ------------------------------------------------------------------
    # Profile completeness
    # ------------------------------------------------------------------
    @api.model
    def _cq_parse_field_list(self, value):
        """Return the field names of a comma-separated list, raising a
        ValidationError for names that are not fields of res.partner."""
        names = [name.strip() for name in (value or "").split(",") if name.strip()]
        unknown = [name for name in names if name not in self._fields]
        if unknown:
            raise ValidationError(
                self.env._(
                    "The profile completeness list names fields that do not exist on "
                    "contacts: %(fields)s.",
                    fields=", ".join(unknown),
                )
            )
        return names

    @api.model
    def _cq_completeness_field_names(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(COMPLETENESS_PARAM, DEFAULT_COMPLETENESS_FIELDS)
        )
        # a parameter edited by hand in technical settings must not break contacts
        names = (name.strip() for name in value.split(","))
        return [name for name in names if name in self._fields]

    def _cq_update_completeness(self):
        names = self._cq_completeness_field_names()
        by_value = {}
        for partner in self:
            if names:
                filled = sum(1 for name in names if partner[name])
                value = round(100.0 * filled / len(names), 1)
            else:
                value = 100.0
            if partner.cq_profile_completeness != value:
                by_value.setdefault(value, []).append(partner.id)
        for value, ids in by_value.items():
            super(ResPartner, self.browse(ids)).write({"cq_profile_completeness": value})
        self.invalidate_recordset(["cq_missing_profile_fields"])
        return True

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def _cq_is_manager(self):
        return self.env.su or self.env.user.has_group("customer_quality.group_cq_manager")

    def _cq_check_first_contact_edit(self, vals):
        """Only managers set the first-contact date by hand (on create, self is empty)."""
        if (
            "cq_first_contact_date" not in vals
            or self.env.context.get("cq_auto_first_contact")
            or self._cq_is_manager()
        ):
            return
        new_date = fields.Date.to_date(vals["cq_first_contact_date"])
        changed = any(p.cq_first_contact_date != new_date for p in self) if self else bool(new_date)
        if changed:
            raise AccessError(
                self.env._("Only Customer Quality managers can change the first-contact date.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if vals.get("customer_state") and not vals.get("cq_identification_date"):
                vals["cq_identification_date"] = today
            self.browse()._cq_check_first_contact_edit(vals)
        partners = super().create(vals_list)
        partners._cq_update_completeness()
        return partners

    def write(self, vals):
        self._cq_check_first_contact_edit(vals)
        if vals.get("customer_state") and "cq_identification_date" not in vals:
            missing = self.filtered(lambda p: not p.cq_identification_date)
            if missing:
                super(ResPartner, missing).write(
                    {"cq_identification_date": fields.Date.context_today(self)}
                )
        res = super().write(vals)
        if set(vals) & set(self._cq_completeness_field_names()):
            self._cq_update_completeness()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_customer_history(self):
        with_history = self.filtered(lambda p: p.customer_state in ("captive", "lost"))
        if with_history:
            raise UserError(
                self.env._(
                    "These contacts have a customer history and cannot be deleted; "
                    "archive them instead: %(names)s",
                    names=", ".join(with_history.mapped("display_name")),
                )
            )

    @api.constrains("cq_identification_date", "cq_first_contact_date")
    def _check_cq_first_contact_date(self):
        for partner in self:
            if (
                partner.cq_first_contact_date
                and partner.cq_identification_date
                and partner.cq_first_contact_date < partner.cq_identification_date
            ):
                raise ValidationError(
                    self.env._(
                        "The first contact with %(name)s (%(contact)s) cannot be before "
                        "the prospect was identified (%(identified)s).",
                        name=partner.display_name,
                        contact=partner.cq_first_contact_date,
                        identified=partner.cq_identification_date,
                    )
                )

    # ------------------------------------------------------------------
    # Tracking: profile updates (I5) and first contact
    # ------------------------------------------------------------------
    def _message_track(self, fields_iter, initial_values_dict):
        tracking = super()._message_track(fields_iter, initial_values_dict)
        updated_ids = [
            partner_id
            for partner_id, (changes, _values) in tracking.items()
            if set(changes or ()) - LIFECYCLE_FIELDS
        ]
        if updated_ids:
            self.env.cr.execute(
                SQL(
                    "UPDATE res_partner SET cq_last_profile_update = %s WHERE id IN %s",
                    fields.Datetime.now(),
                    tuple(updated_ids),
                )
            )
            self.browse(updated_ids).invalidate_recordset(["cq_last_profile_update"])
        return tracking

    def _message_create(self, values_list):
        messages = super()._message_create(values_list)
        self._cq_register_first_contact(messages)
        return messages

    @api.model
    def _cq_register_first_contact(self, messages):
        """Set the first-contact date of prospects from outgoing messages and
        from done activities whose type counts as a contact (call, meeting...)."""
        messages = messages.sudo().filtered(lambda m: m.model == "res.partner" and m.res_id)
        if not messages:
            return
        comment = self.env.ref("mail.mt_comment")
        dates = {}
        for message in messages:
            activity_type = message.mail_activity_type_id
            outgoing = (
                message.message_type in ("comment", "email_outgoing")
                and message.subtype_id == comment
                and message.author_id.id != message.res_id
            )
            if not (outgoing or (activity_type and activity_type.cq_counts_as_contact)):
                continue
            day = fields.Date.context_today(self, message.date)
            dates[message.res_id] = min(day, dates.get(message.res_id, day))
        if not dates:
            return
        partners = self.sudo().browse(list(dates))
        for partner in partners:
            day = dates[partner.id]
            for target in partner | partner.commercial_partner_id:
                if (
                    target.customer_state
                    and not target.cq_first_contact_date
                    and (not target.cq_identification_date or target.cq_identification_date <= day)
                ):
                    target.with_context(cq_auto_first_contact=True).write(
                        {"cq_first_contact_date": day}
                    )

    # ------------------------------------------------------------------
    # Lifecycle
    # ------------------------------------------------------------------
    def _cq_convert_to_captive(self, document, date=None):
        """Convert prospects into captive customers, formalised by `document`
        (a sales order, later a contract)."""
        if not document:
            raise ValidationError(
                self.env._(
                    "A prospect becomes a captive customer only with the document that "
                    "formalises the relationship (a sales order or a contract)."
                )
            )
        document.ensure_one()
        date = date or fields.Date.context_today(self)
        to_convert = self.filtered(lambda p: p.customer_state != "captive")
        for partner in to_convert:
            partner.write(
                {
                    "customer_state": "captive",
                    "cq_lost_reason_id": False,
                    "cq_conversion_date": date,
                    "cq_conversion_document": f"{document._name},{document.id}",
                    "cq_identification_date": partner.cq_identification_date or date,
                }
            )
            partner.message_post(
                body=self.env._(
                    "Converted into a captive customer by %(document)s.",
                    document=document.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return to_convert

    def action_cq_mark_prospect(self):
        self.filtered(lambda p: not p.customer_state).write({"customer_state": "prospect"})

    def action_cq_convert(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Convert into Captive Customer"),
            "res_model": "cq.partner.convert.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.id},
        }

    def action_cq_mark_lost(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Mark as Lost"),
            "res_model": "cq.partner.lost.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.id},
        }

    def action_cq_revert_to_prospect(self):
        """Managers only: a captive or lost customer goes back to prospect."""
        if not self._cq_is_manager():
            raise AccessError(
                self.env._("Only Customer Quality managers can turn a customer back into a prospect.")
            )
        for partner in self.filtered(lambda p: p.customer_state in ("captive", "lost")):
            previous = dict(partner._fields["customer_state"]._description_selection(self.env))[
                partner.customer_state
            ]
            document = partner.cq_conversion_document
            document_name = f", {document.sudo().display_name}" if document else ""
            partner.write(
                {
                    "customer_state": "prospect",
                    "cq_lost_reason_id": False,
                    "cq_conversion_date": False,
                    "cq_conversion_document": False,
                }
            )
            partner.message_post(
                body=self.env._(
                    "Turned back into a prospect by %(user)s (was: %(state)s%(document)s).",
                    user=self.env.user.name,
                    state=previous,
                    document=document_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_cq_open_conversion_document(self):
        self.ensure_one()
        document = self.cq_conversion_document
        if not document:
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": document._name,
            "res_id": document.id,
            "view_mode": "form",
        }

    def _compute_cq_service_claim_open(self):
        self.env["cq.pqrs"]._cq_compute_service_claim(self, "commercial_partner_id")

    def _search_cq_service_claim_open(self, operator, value):
        return self.env["cq.pqrs"]._cq_search_service_claim("commercial_partner_id", operator, value)
