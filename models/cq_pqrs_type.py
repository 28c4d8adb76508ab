from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .cq_legal_term import BUSINESS_DAYS, CALENDAR_DAYS, HOURS, TERM_UNITS, compatible_units

# a century: anything longer is a typing error
MAX_RETENTION_YEARS = 100


class CqPqrsType(models.Model):
    _name = "cq.pqrs.type"
    _description = "PQRS Type"
    _order = "sequence, id"
    # The fields a portal user reads (RPC included): what the portal and public forms, pages and the
    # acknowledgement show of a type, and what searches and sorting use; every other field is
    # groups="base.group_user". tests/test_portal_fields.py holds the model to it.
    _cq_portal_fields = frozenset({
        "id", "display_name", "create_date", "create_uid", "write_date", "write_uid",
        "name", "description", "sequence", "active", "company_id", "term_days", "term", "term_unit",
        "legal_basis", "recourse",
        # printed beside the type on the public page of an establishment's complaints book
        "book_definition",
        "requires_warranty_link", "allow_anonymous",
        # read through the related fields of the case, which take their groups
        "is_emergency", "technical_service",
    })

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        size=4,
        help="Prefix of the filing numbers of this type, e.g. Q for Q-2026-00042.",
        groups="base.group_user",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    term_unit = fields.Selection(
        TERM_UNITS, string="Term Unit", required=True, default=BUSINESS_DAYS,
        help="Business days: day 1 is the business day after filing. Calendar days and months: due "
        "that many calendar days or months after filing (the month's last day when the day does not "
        "exist), or the next business day. Hours: emergencies only, counted from reception, 24/7.",
    )
    term = fields.Integer(
        string="Legal Term", required=True, default=15,
        help="Time to answer, in the term unit. Cases keep the term they were filed with.",
    )
    # the term as it was before units existed: read them, or write them (a term in business days or
    # in hours); the type stores term and term_unit
    term_days = fields.Integer(
        string="Legal Term (business days)", compute="_compute_legacy_terms",
        help="The term when it counts business days, else 0.",
    )
    escalation_days = fields.Integer(
        string="Escalation Lead (business days)",
        default=3,
        help="The responsible and the team leader are alerted this many business days "
        "before the due date.",
        groups="base.group_user",
    )
    requires_warranty_link = fields.Boolean(
        string="Order or Invoice Line Required",
        help="Warranty claims: cases of this type name the order or invoice line they are about.",
    )
    is_post_sale = fields.Boolean(
        string="Post-Sale",
        help="Warranty claims and technical support: the customer's rating of these cases counts in the "
        "post-sale satisfaction indicator (ISC) with the post-sale survey.",
        groups="base.group_user",
    )
    technical_service = fields.Boolean(
        string="Technical Service",
        help="Cases of this type record a diagnosis, the interventions of technicians, the parts involved "
        "and an outcome (repaired, replaced, refunded or rejected) before they are answered.",
    )
    is_emergency = fields.Boolean(
        string="Emergency",
        help="Safety, health and environment emergencies: filed at once day and night, the on-duty "
        "team is notified immediately and the term counts in hours.",
    )
    term_hours = fields.Integer(
        string="Term (hours)", compute="_compute_legacy_terms",
        help="Hours to answer an emergency, counted from its reception, 24/7.",
        groups="base.group_user",
    )
    # extension rule: how many times, how much in all and in which unit (each legal pack sets its own)
    extension_allowed = fields.Boolean(
        string="Extension Allowed", default=True,
        help="The term of a case can be extended before it expires, with a reason told to the filer.",
        groups="base.group_user",
    )
    extension_max_count = fields.Integer(
        string="Extensions per Case", default=1, groups="base.group_user",
        help="How many times the term of one case can be extended.",
    )
    extension_max = fields.Integer(
        string="Maximum Extension", default=0, groups="base.group_user",
        help="The most the term of a case can be extended, all extensions together, in the extension "
        "unit. 0: up to the legal term again, in its own unit.",
    )
    extension_unit = fields.Selection(
        TERM_UNITS, string="Extension Unit", groups="base.group_user",
        help="Unit of the maximum extension; empty: the unit of the term. Business days, calendar days "
        "and months mix; hours only extend terms in hours.",
    )
    legal_basis = fields.Text(
        translate=True, help="Legal basis of the term, quoted in acknowledgements and answers."
    )
    recourse = fields.Text(
        string="External Recourse", translate=True,
        help="The authority the filer can turn to next and how to reach it, printed in acknowledgements "
        "and answers.",
    )
    is_book_sheet = fields.Boolean(
        string="Complaints Book Sheet", groups="base.group_user",
        help="Cases of this type are the sheets of a complaints book kept per establishment (a claim or a "
        "complaint of the book): filed on the establishment's public book page, numbered in its book and "
        "acknowledged with the sheet itself.",
    )
    book_definition = fields.Text(
        string="Definition in the Book", translate=True,
        help="What a consumer files as this type, printed beside it on the complaints book's page and sheet.",
    )
    keeps_service = fields.Boolean(
        string="Service Kept While Open", groups="base.group_user",
        help="While a case of this type is open the customer's service must not be suspended: the customer, "
        "their sales orders and invoices show a warning, and the Open Service Claim filter lists them.",
    )
    shows_dispute_body = fields.Boolean(
        string="Letters Name the Dispute Body", groups="base.group_user",
        help="The acknowledgement and the answer of cases of this type name the company's out-of-court dispute "
        "resolution body (Settings) beside the external recourse.",
    )
    rnbd_reported = fields.Boolean(
        string="Reported to the Data Registry", groups="base.group_user",
        help="Claims of this type are data protection claims the company reports each half-year to the data "
        "protection registry (Data Claims Reports): each case carries its claim type, detail and database.",
    )
    retention_active = fields.Boolean(
        string="Anonymise After Closing", groups="base.group_user",
        help="The personal data of the closed cases of this type is removed once their retention period runs "
        "out. Off: it is kept until a manager removes it.",
    )
    retention_years = fields.Integer(
        string="Retention (years)", default=0, groups="base.group_user",
        help="How many years after a case of this type is closed its personal data is kept. Then the "
        "monthly retention job removes the filer's data, the free texts and the attachments, and keeps the "
        "number, dates, type, channel, ending, times and ratings for the indicators.",
    )
    step_ids = fields.One2many(
        "cq.pqrs.step", "type_id", string="Legal Steps", copy=True, groups="base.group_user",
        help="The procedure of the cases of this type besides the answer term: completion, withdrawal, "
        "transfer, reiteration, reopening, extension, each with its term and legal basis.",
    )
    team_id = fields.Many2one(
        "cq.pqrs.team", string="Default Team", check_company=True, groups="base.group_user",
        help="Cases of this type filed without a team (web form, portal, email) go to this team, and to "
        "its leader when nobody is responsible. Empty: the team whose email alias files this type.",
    )
    requires_root_cause = fields.Boolean(
        string="Root Cause Required",
        help="Cases of this type need a root-cause category and analysis to be closed "
        "(complaints and claims).",
        groups="base.group_user",
    )
    public_filing = fields.Boolean(
        string="Offered Online", default=True,
        help="Customers can choose this type in the portal and in the public form.",
        groups="base.group_user",
    )
    allow_anonymous = fields.Boolean(
        string="Anonymous Filing Allowed", default=True,
        help="Visitors may file a case of this type without giving their name.",
    )
    sequence_id = fields.Many2one(
        "ir.sequence", string="Numbering", readonly=True, copy=False, ondelete="restrict",
        groups="base.group_user",
    )
    company_id = fields.Many2one("res.company", string="Company")
    description = fields.Text(translate=True)
    color = fields.Integer(groups="base.group_user")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The type code must be unique."),
    ]

    @api.depends("term", "term_unit")
    def _compute_legacy_terms(self):
        for pqrs_type in self:
            pqrs_type.term_days = pqrs_type.term if pqrs_type.term_unit == BUSINESS_DAYS else 0
            pqrs_type.term_hours = pqrs_type.term if pqrs_type.term_unit == HOURS else 0

    @api.model
    def _cq_term_values(self, vals, is_emergency=False):
        """Translate the terms of before units (term_days, term_hours) into
        term and term_unit: a term in hours wins, as it did for emergencies."""
        term_days, term_hours = vals.pop("term_days", None), vals.pop("term_hours", None)
        if "term" in vals or "term_unit" in vals:
            return vals
        if term_hours:
            vals.update(term=term_hours, term_unit=HOURS)
        elif term_days is not None:
            vals.update(term=term_days, term_unit=BUSINESS_DAYS)
        elif term_hours is not None and is_emergency:
            vals.update(term=0, term_unit=HOURS)
        return vals

    @api.onchange("is_emergency")
    def _onchange_is_emergency(self):
        if self.is_emergency and self.term_unit != HOURS:
            self.term_unit = HOURS
        elif not self.is_emergency and self.term_unit == HOURS:
            self.term_unit = BUSINESS_DAYS

    @api.model
    def _cq_term_text(self):
        """'15 business days', '4 hours': the type's answer term for the public."""
        self.ensure_one()
        return self._cq_format_term(self.term, self.term_unit)

    def _cq_extension_text(self):
        """How far the term can be extended, for the public, or ''."""
        self.ensure_one()
        if not self.extension_allowed:
            return ""
        if self.extension_max:
            return self._cq_format_term(self.extension_max, self.extension_unit or self.term_unit)
        return self._cq_term_text()

    def _cq_format_term(self, amount, unit):
        """'15 business days', '1 month': a term for the people who read it."""
        if amount == 1:
            singular = {
                BUSINESS_DAYS: self.env._("business day"),
                CALENDAR_DAYS: self.env._("calendar day"),
                "months": self.env._("month"),
                HOURS: self.env._("hour"),
            }
            label = singular.get(unit, "")
        else:
            label = dict(self._fields["term_unit"]._description_selection(self.env)).get(unit, "").lower()
        return self.env._("%(amount)s %(unit)s", amount=amount, unit=label)

    def _cq_step(self, kind):
        """The step `kind` of this type's procedure, or an empty recordset when the type does not
        offer it."""
        self.ensure_one()
        return self.sudo().step_ids.filtered(lambda step: step.kind == kind)[:1]

    def _cq_term_label(self):
        self.ensure_one()
        return self._cq_format_term(self.term, self.term_unit)

    def _cq_extension_rule(self, term, term_unit):
        """(maximum amount, unit) the term of a case filed with `term`
        `term_unit` can be extended by, all extensions together."""
        self.ensure_one()
        if not self.extension_max:
            return term, term_unit
        return self.extension_max, self.extension_unit or term_unit

    @api.constrains("term", "term_unit", "extension_allowed", "extension_max_count", "extension_max",
                    "extension_unit")
    def _check_extension_rule(self):
        for pqrs_type in self:
            if not pqrs_type.extension_allowed:
                continue
            if pqrs_type.extension_max_count <= 0:
                raise ValidationError(self.env._(
                    "%(type)s allows extensions: give how many times a case can be extended (at least once).",
                    type=pqrs_type.name,
                ))
            if pqrs_type.extension_max < 0:
                raise ValidationError(self.env._(
                    "The maximum extension of %(type)s cannot be negative (0: up to the term again).",
                    type=pqrs_type.name,
                ))
            if pqrs_type.extension_unit and not compatible_units(pqrs_type.term_unit, pqrs_type.extension_unit):
                units = dict(self._fields["term_unit"]._description_selection(self.env))
                raise ValidationError(self.env._(
                    "%(type)s counts its term in %(unit)s: it cannot be extended in %(extension_unit)s "
                    "(hours extend only terms in hours).",
                    type=pqrs_type.name,
                    unit=units[pqrs_type.term_unit].lower(),
                    extension_unit=units[pqrs_type.extension_unit].lower(),
                ))

    @api.constrains("is_emergency", "term_unit")
    def _check_emergency_term(self):
        for pqrs_type in self:
            if pqrs_type.is_emergency and pqrs_type.term_unit != HOURS:
                raise ValidationError(
                    self.env._(
                        "%(type)s is an emergency: give its term in hours, not in business days.",
                        type=pqrs_type.name,
                    )
                )
            if not pqrs_type.is_emergency and pqrs_type.term_unit == HOURS:
                raise ValidationError(
                    self.env._("Only emergency types count their term in hours (%(type)s).", type=pqrs_type.name)
                )

    @api.constrains("retention_active", "retention_years")
    def _check_retention_years(self):
        for pqrs_type in self:
            low = 1 if pqrs_type.retention_active else 0
            if not low <= pqrs_type.retention_years <= MAX_RETENTION_YEARS:
                raise ValidationError(self.env._(
                    "The retention period of %(type)s must be between 1 and %(max)s years.",
                    type=pqrs_type.name, max=MAX_RETENTION_YEARS,
                ))

    @api.constrains("term", "term_unit", "escalation_days")
    def _check_terms(self):
        for pqrs_type in self:
            if pqrs_type.term <= 0:
                raise ValidationError(
                    self.env._(
                        "The legal term of %(type)s must be greater than zero.",
                        type=pqrs_type.name,
                    )
                )
            # the lead counts business days: it must fit in a term counted in days
            too_long = pqrs_type.term_unit in (BUSINESS_DAYS, CALENDAR_DAYS) and (
                pqrs_type.escalation_days >= pqrs_type.term
            )
            if pqrs_type.escalation_days < 0 or too_long:
                raise ValidationError(
                    self.env._(
                        "The escalation lead of %(type)s must be between 0 and its legal term.",
                        type=pqrs_type.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._cq_term_values(vals, vals.get("is_emergency"))
        types = super().create(vals_list)
        for pqrs_type in types.filtered(lambda t: not t.sequence_id):
            pqrs_type.sequence_id = self.env["ir.sequence"].sudo().create(
                pqrs_type._prepare_sequence_values()
            )
        return types

    def write(self, vals):
        if "term_days" in vals or "term_hours" in vals:
            self._cq_term_values(vals, vals.get("is_emergency", any(self.mapped("is_emergency"))))
        res = super().write(vals)
        if "code" in vals:
            for pqrs_type in self.filtered("sequence_id"):
                pqrs_type.sequence_id.sudo().prefix = pqrs_type._prepare_sequence_values()["prefix"]
        return res

    def _prepare_sequence_values(self):
        self.ensure_one()
        # named in the language of the company that numbers with it (the type's own, when it has one)
        named = self.with_context(lang=self.company_id.partner_id.lang or self.env.lang)
        return {
            "name": named.env._("PQRS %(type)s", type=named.name),
            "code": f"cq.pqrs.{self.code}",
            "prefix": f"{self.code}-%(range_year)s-",
            "padding": 5,
            "use_date_range": True,
            "implementation": "standard",
            "company_id": self.company_id.id,
        }

    @api.model
    def _search(self, domain, *args, **kwargs):
        # the type field of a case form: the shared types its company's legal pack replaced are not offered
        company_id = self.env.context.get("cq_offered_to_company_id")
        if company_id and isinstance(company_id, int):
            # read without the key: the relation's own search would come back here
            company = self.env["res.company"].browse(company_id).sudo().with_context(cq_offered_to_company_id=False)
            superseded = company.cq_superseded_type_ids
            if superseded:
                domain = [*domain, ("id", "not in", superseded.ids)]
        return super()._search(domain, *args, **kwargs)

    @api.model
    def _cq_offered_online(self, company, portal=False):
        """The types the public form (portal=False) or the portal form offers
        to `company`: its own and the shared ones its legal pack did not
        replace (res.company cq_superseded_type_ids). Types that name an order
        or invoice line (warranty claims) are offered only in the portal: a
        visitor has no orders to point at."""
        domain = [
            ("public_filing", "=", True),
            ("company_id", "in", [False, company.id]),
            ("id", "not in", company.sudo().cq_superseded_type_ids.ids),
        ]
        if not portal:
            domain.append(("requires_warranty_link", "=", False))
        return self.sudo().search(domain)
