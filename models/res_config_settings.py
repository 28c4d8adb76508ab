from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .cq_customer_requirement import EVIDENCE_PARAM
from .cq_legal_pack import LEGAL_PACK_COUNTRIES
from .cq_pqrs_recurrence import DEFAULT_THRESHOLD, DEFAULT_WINDOW_DAYS, THRESHOLD_PARAM, WINDOW_DAYS_PARAM
from .cq_pqrs_submission import DEFAULTS as PUBLIC_DEFAULTS
from .cq_pqrs_submission import PARAM as PUBLIC_PARAM
from .cq_public_holiday import holiday_subdivisions
from .res_partner import (
    COMPLETENESS_PARAM,
    DEFAULT_COMPLETENESS_FIELDS,
    DEFAULT_FIRST_CONTACT_DAYS,
    FIRST_CONTACT_DAYS_PARAM,
)
from .sale_order import REVIEW_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cq_completeness_fields = fields.Char(
        string="Profile Completeness Fields",
        config_parameter=COMPLETENESS_PARAM,
        default=DEFAULT_COMPLETENESS_FIELDS,
        help="Technical names of the contact fields a complete customer profile "
        "must have, separated by commas (e.g. email,phone,vat).",
    )
    cq_first_contact_days = fields.Integer(
        string="First Contact Within (days)",
        config_parameter=FIRST_CONTACT_DAYS_PARAM,
        default=DEFAULT_FIRST_CONTACT_DAYS,
        help="A prospect without first contact after this many days since its "
        "identification shows in the 'No first contact' filter.",
    )

    cq_require_sale_review = fields.Boolean(
        string="Requirements Review before Confirmation",
        config_parameter=REVIEW_PARAM,
        help="Sales orders are confirmed only when every item of their requirements review "
        "is checked (ISO 9001 §8.2.3) or a manager waived it.",
    )
    cq_requirement_evidence_required = fields.Boolean(
        string="Evidence to Mark a Requirement Met",
        config_parameter=EVIDENCE_PARAM,
        help="A customer requirement is marked met only with an evidence file or evidence notes.",
    )
    cq_recurrence_threshold = fields.Integer(
        string="Recurring Complaints Threshold",
        config_parameter=THRESHOLD_PARAM,
        default=DEFAULT_THRESHOLD,
        help="Complaints and claims sharing a product, a root cause or a customer within the window "
        "raise a recurrence alert from this number on.",
    )
    cq_recurrence_days = fields.Integer(
        string="Recurrence Window (days)",
        config_parameter=WINDOW_DAYS_PARAM,
        default=DEFAULT_WINDOW_DAYS,
    )
    cq_pqrs_consent_text = fields.Html(
        related="company_id.cq_pqrs_consent_text", readonly=False, string="Personal Data Consent"
    )
    cq_holiday_region = fields.Selection(
        selection="_selection_cq_holiday_region", string="Public Holiday Region",
        compute="_compute_cq_holiday_region", store=True, readonly=False,
        help="Region whose public holidays count for this company's terms besides the national ones.",
    )
    cq_legal_pack = fields.Selection(
        LEGAL_PACK_COUNTRIES, string="Legal Pack",
        compute="_compute_cq_legal_pack", store=True, readonly=False,
        help="The PQRS types a country's law asks for, with their terms, extension rules, legal basis and "
        "the authority the filer can turn to next, loaded as editable types of this company.",
    )
    cq_book_report_obliged = fields.Boolean(related="company_id.cq_book_report_obliged", readonly=False)
    cq_dispute_body_name = fields.Char(related="company_id.cq_dispute_body_name", readonly=False)
    cq_dispute_body_address = fields.Char(related="company_id.cq_dispute_body_address", readonly=False)
    cq_dispute_body_website = fields.Char(related="company_id.cq_dispute_body_website", readonly=False)
    cq_rnbd_obliged = fields.Boolean(related="company_id.cq_rnbd_obliged", readonly=False)
    cq_dpo_user_id = fields.Many2one(related="company_id.cq_dpo_user_id", readonly=False)
    cq_superseded_type_ids = fields.Many2many(
        related="company_id.cq_superseded_type_ids", readonly=False,
        help="Shared PQRS types the company does not offer for new cases: the types of its legal pack "
        "replace them. Remove one to offer it again.",
    )
    cq_holiday_status = fields.Char(compute="_compute_cq_holiday_status", string="Public Holidays Status")
    cq_pqrs_public_rate_ip = fields.Integer(
        string="Filings per IP and Hour", config_parameter=PUBLIC_PARAM + "rate_ip",
        default=PUBLIC_DEFAULTS["rate_ip"],
    )
    cq_pqrs_public_rate_email = fields.Integer(
        string="Filings per Email and Hour",
        config_parameter=PUBLIC_PARAM + "rate_email",
        default=PUBLIC_DEFAULTS["rate_email"],
    )
    cq_pqrs_public_rate_track_ip = fields.Integer(
        string="Tracking Look-ups per IP and Hour",
        config_parameter=PUBLIC_PARAM + "rate_track_ip",
        default=PUBLIC_DEFAULTS["rate_track_ip"],
    )
    cq_pqrs_public_max_files = fields.Integer(
        string="Files per Request", config_parameter=PUBLIC_PARAM + "max_files",
        default=PUBLIC_DEFAULTS["max_files"],
    )
    cq_pqrs_public_max_file_mb = fields.Integer(
        string="File Size Limit (MB)", config_parameter=PUBLIC_PARAM + "max_file_mb",
        default=PUBLIC_DEFAULTS["max_file_mb"],
    )
    cq_pqrs_public_extensions = fields.Char(
        string="Accepted File Types",
        config_parameter=PUBLIC_PARAM + "extensions",
        default=PUBLIC_DEFAULTS["extensions"],
    )

    @api.constrains(
        "cq_pqrs_public_rate_ip", "cq_pqrs_public_rate_email", "cq_pqrs_public_rate_track_ip",
        "cq_pqrs_public_max_files", "cq_pqrs_public_max_file_mb",
    )
    def _check_cq_pqrs_public_limits(self):
        for settings in self:
            if min(settings.cq_pqrs_public_rate_ip, settings.cq_pqrs_public_rate_email,
                   settings.cq_pqrs_public_rate_track_ip,
                   settings.cq_pqrs_public_max_files, settings.cq_pqrs_public_max_file_mb) < 1:
                raise ValidationError(self.env._("The limits of the public form must be at least 1."))
            forbidden = {"exe", "bat", "cmd", "com", "msi", "sh", "js", "jar", "scr", "vbs", "ps1", "dll"}
            extensions = {
                ext.strip().lower().lstrip(".") for ext in (settings.cq_pqrs_public_extensions or "").split(",")
            }
            if extensions & forbidden:
                raise ValidationError(
                    self.env._("Executable files cannot be accepted: %(types)s.",
                               types=", ".join(sorted(extensions & forbidden)))
                )

    @api.model
    def _selection_cq_holiday_region(self):
        regions = holiday_subdivisions(self.env.company.country_id.code) or {}
        return sorted(regions.items(), key=lambda item: item[1])

    @api.depends("company_id")
    def _compute_cq_holiday_region(self):
        for settings in self:
            company = settings.company_id
            settings.cq_holiday_region = company.cq_holiday_region

    @api.depends("company_id")
    def _compute_cq_holiday_status(self):
        for settings in self:
            company = settings.company_id
            if not company.country_id:
                settings.cq_holiday_status = self.env._(
                    "Set a country on the company: without one, terms count no public holidays.")
            elif holiday_subdivisions(company.country_id.code) is None:
                settings.cq_holiday_status = self.env._(
                    "The holidays package has no public holidays for %(country)s.",
                    country=company.country_id.name)
            else:
                settings.cq_holiday_status = False

    @api.depends("company_id")
    def _compute_cq_legal_pack(self):
        packs = dict(LEGAL_PACK_COUNTRIES)
        for settings in self:
            code = settings.company_id.country_id.code
            settings.cq_legal_pack = code if code in packs else False

    def action_cq_load_legal_pack(self):
        """Create the missing types of the chosen legal pack for the company."""
        self.ensure_one()
        if not self.cq_legal_pack:
            raise UserError(self.env._("Choose the legal pack to load."))
        created = self.env["cq.pqrs.type"]._cq_load_legal_pack(self.cq_legal_pack, self.company_id)
        if created:
            message = self.env._(
                "%(count)s legal PQRS types loaded for %(company)s: %(types)s.",
                count=len(created), company=self.company_id.name, types=", ".join(created.mapped("name")),
            )
        else:
            message = self.env._("%(company)s already has every type of this legal pack.", company=self.company_id.name)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "success" if created else "info", "message": message},
        }

    def action_cq_load_public_holidays(self):
        """Load this year's and next year's public holidays of the company."""
        self.ensure_one()
        if (self.cq_holiday_region or False) != self.company_id.cq_holiday_region:
            self.company_id.cq_holiday_region = self.cq_holiday_region
        return self.env["cq.public.holiday"].sudo()._cq_action_load_current_years(self.company_id)

    @api.constrains("cq_completeness_fields")
    def _check_cq_completeness_fields(self):
        for settings in self:
            self.env["res.partner"]._cq_parse_field_list(settings.cq_completeness_fields)

    def set_values(self):
        param = self.env["ir.config_parameter"].sudo()
        previous = param.get_param(COMPLETENESS_PARAM, DEFAULT_COMPLETENESS_FIELDS)
        res = super().set_values()
        if (self.cq_holiday_region or False) != self.company_id.cq_holiday_region:
            self.company_id.cq_holiday_region = self.cq_holiday_region
        if param.get_param(COMPLETENESS_PARAM, DEFAULT_COMPLETENESS_FIELDS) != previous:
            self.env["res.partner"].sudo().with_context(active_test=False).search(
                [("customer_state", "!=", False)]
            )._cq_update_completeness()
        return res

    @api.constrains("cq_first_contact_days")
    def _check_cq_first_contact_days(self):
        if any(settings.cq_first_contact_days < 0 for settings in self):
            raise ValidationError(self.env._("The first-contact delay cannot be negative."))

    @api.constrains("cq_recurrence_threshold", "cq_recurrence_days")
    def _check_cq_recurrence(self):
        for settings in self:
            if settings.cq_recurrence_threshold <= 1:
                raise ValidationError(
                    self.env._("The recurring complaints threshold must be at least 2 cases.")
                )
            if settings.cq_recurrence_days <= 0:
                raise ValidationError(self.env._("The recurrence window must be at least one day."))

