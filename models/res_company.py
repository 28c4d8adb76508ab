from datetime import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .cq_public_holiday import holiday_subdivisions, state_subdivision


class ResCompany(models.Model):
    _inherit = "res.company"
    # Of the fields this addon adds, those a portal user or a visitor reads: the consent text of the
    # public form. tests/test_portal_fields.py holds the model to it.
    _cq_portal_fields = frozenset({"cq_pqrs_consent_text"})

    cq_pqrs_consent_text = fields.Html(
        string="Personal Data Consent Text",
        translate=True,
        sanitize=True,
        default=lambda self: self._cq_default_consent_text(),
    )

    cq_holiday_region = fields.Char(
        string="Public Holiday Region",
        compute="_compute_cq_holiday_region", store=True, readonly=False, precompute=True,
        groups="base.group_user",
        help="Region whose public holidays count for this company's terms, as the holidays package names it "
        "(a Spanish autonomous community such as MD or CT, a state...). Empty: national holidays only.",
    )

    cq_establishment_ids = fields.One2many(
        "cq.establishment", "company_id", string="Establishments", groups="base.group_user"
    )
    cq_has_book = fields.Boolean(
        string="Keeps Complaints Books", compute="_compute_cq_has_book", store=True, groups="base.group_user",
        help="The company has an active establishment whose complaints book is public: its public pages link to it.",
    )
    cq_book_report_obliged = fields.Boolean(
        string="Reports Its Complaint Sheets", groups="base.group_user",
        help="The company must report the sheets of its complaints books to the consumer authority's "
        "reporting system: each establishment's keeper is reminded every month to export the sheets of "
        "the month before (Complaints Book Report).",
    )
    cq_dispute_body_name = fields.Char(
        string="Out-of-Court Dispute Body", groups="base.group_user",
        help="The out-of-court dispute resolution body the company adheres to (an arbitration board, an "
        "alternative dispute resolution entity): printed on the letters of the types that show it and on the "
        "public channels and terms page.",
    )
    cq_dispute_body_address = fields.Char(string="Dispute Body Address", groups="base.group_user")
    cq_dispute_body_website = fields.Char(string="Dispute Body Website", groups="base.group_user")
    cq_rnbd_obliged = fields.Boolean(
        string="Reports Its Data Protection Claims", groups="base.group_user",
        help="The company must report to the data protection registry, each half-year, the claims the data "
        "subjects filed (the legal pack of its country says when): when the reporting window opens, the "
        "period's Data Claims Report is created and the data protection officer reminded, once.",
    )
    cq_dpo_user_id = fields.Many2one(
        "res.users", string="Data Protection Officer", groups="base.group_user",
        domain="[('share', '=', False)]",
        help="Who reports the data protection claims to the registry and is reminded to. Empty: the administrator.",
    )
    cq_superseded_type_ids = fields.Many2many(
        "cq.pqrs.type", "cq_company_superseded_type_rel", "company_id", "type_id",
        string="Shared PQRS Types Not Offered",
        domain=[("company_id", "=", False)],
        groups="base.group_user",
        help="Shared PQRS types this company does not offer for new cases, on its forms nor in the backend: "
        "the types of its legal pack replace them. Cases filed with them keep them.",
    )

    @api.depends("cq_establishment_ids.active")
    def _compute_cq_has_book(self):
        for company in self:
            company.cq_has_book = bool(company.cq_establishment_ids.filtered("active"))

    def _cq_dispute_body(self):
        """'Name, address, web' of the company's out-of-court dispute body, or ''."""
        self.ensure_one()
        company = self.sudo()
        return ", ".join(filter(None, (
            company.cq_dispute_body_name, company.cq_dispute_body_address, company.cq_dispute_body_website
        ))) if company.cq_dispute_body_name else ""

    # ------------------------------------------------------------------
    # The public channels and terms page (controllers/channels.py)
    # ------------------------------------------------------------------
    def _cq_channels_values(self):
        """What the company tells its customers before they contract: where to
        file a request (the channels), the longest answer time of each kind of
        request with its legal basis and external recourse, the out-of-court
        dispute body, the hours of the service and how to follow a request."""
        self.ensure_one()
        company = self.sudo()
        types = self.env["cq.pqrs.type"]._cq_offered_online(company, portal=True)
        teams = self.env["cq.pqrs.team"].sudo().search([("company_id", "in", [company.id, False])])
        base_url = company.get_base_url()
        return {
            "company": company,
            "base_url": base_url,
            "types": [
                {
                    "type": pqrs_type,
                    "term": pqrs_type._cq_term_text(),
                    "extension": pqrs_type._cq_extension_text(),
                }
                for pqrs_type in types.sorted(lambda t: (t.sequence, t.id))
            ],
            # an alias without a domain is not an address the public can write to
            "emails": sorted({email for email in teams.mapped("alias_id.alias_full_name") if email and "@" in email}),
            "establishments": company._cq_public_books(),
            "hours": company._cq_service_hours(),
            "dispute_body": company._cq_dispute_body(),
        }

    def _cq_working_intervals(self):
        """{weekday (0 = Monday): [(hour_from, hour_to)]} of the company's
        working calendar, in order, lunch breaks left out (a calendar of one
        week: alternating weeks are not read)."""
        self.ensure_one()
        attendances = self.sudo().resource_calendar_id.attendance_ids.filtered(
            lambda a: a.day_period != "lunch" and not a.week_type
        )
        intervals = {}
        for attendance in attendances.sorted(lambda a: (int(a.dayofweek), a.hour_from)):
            intervals.setdefault(int(attendance.dayofweek), []).append((attendance.hour_from, attendance.hour_to))
        return intervals

    def _cq_service_hours(self):
        """[(days, hours)] of the company's working calendar, consecutive days
        with the same hours together: [("Monday – Friday", "08:00–12:00, 13:00–17:00")]."""
        self.ensure_one()
        labels = dict(self.env["resource.calendar.attendance"]._fields["dayofweek"]._description_selection(self.env))

        def hhmm(value):
            hours, minutes = divmod(round(value * 60), 60)
            return f"{hours:02d}:{minutes:02d}"

        per_day = self._cq_working_intervals()
        rows = []
        for day in sorted(per_day):
            hours = ", ".join(f"{hhmm(start)}–{hhmm(stop)}" for start, stop in per_day[day])
            if rows and rows[-1][2] == hours and rows[-1][1] == day - 1:
                rows[-1][1] = day
            else:
                rows.append([day, day, hours])
        return [
            (labels[str(first)] if first == last else f"{labels[str(first)]} – {labels[str(last)]}", hours)
            for first, last, hours in rows
        ]

    def _cq_public_books(self):
        """The establishments whose complaints book the company's public pages link to."""
        self.ensure_one()
        establishments = self.env["cq.establishment"].sudo().search([("company_id", "=", self.id)], order="sequence, id")
        return establishments if establishments and establishments[0]._cq_book_types() else establishments.browse()

    # what the business days cached per calendar and year depend on (resource_calendar.py)
    _CQ_BUSINESS_DAY_FIELDS = frozenset({"country_id", "state_id", "cq_holiday_region", "resource_calendar_id"})

    def write(self, vals):
        if self._CQ_BUSINESS_DAY_FIELDS.intersection(vals):
            self.env.registry.clear_cache()
        return super().write(vals)

    def _cq_business_calendar(self, moments):
        """The company's business days (resource_calendar.py: BusinessCalendar)
        around `moments` (UTC datetimes or local dates): the one way to count
        a legal term. It reads further years by itself when a term reaches
        them: callers never size a horizon."""
        self.ensure_one()
        calendar = self.resource_calendar_id
        if not calendar:
            raise UserError(
                self.env._("Set a working calendar on %(company)s to count business days.", company=self.name)
            )
        days = [moment.date() if isinstance(moment, datetime) else moment for moment in moments if moment]
        if not days:
            days = [fields.Date.context_today(self)]
        # the calendar gives working hours (shared or another company's), the company its holidays
        return calendar._cq_business_days(min(days), max(days), company=self)

    @api.depends("country_id", "state_id")
    def _compute_cq_holiday_region(self):
        for company in self:
            company.cq_holiday_region = state_subdivision(company.country_id.code, company.state_id.code)

    @api.constrains("cq_holiday_region", "country_id")
    def _check_cq_holiday_region(self):
        for company in self.filtered("cq_holiday_region"):
            subdivisions = holiday_subdivisions(company.country_id.code)
            if not company.country_id:
                raise ValidationError(self.env._(
                    "Set a country on %(company)s before its public holiday region.", company=company.name))
            if company.cq_holiday_region not in (subdivisions or {}):
                raise ValidationError(self.env._(
                    "The holidays package does not know the region %(region)s of %(country)s. Known regions: "
                    "%(regions)s.",
                    region=company.cq_holiday_region, country=company.country_id.name,
                    regions=", ".join(subdivisions or {}) or self.env._("none"),
                ))

    @api.model
    def _cq_default_consent_text(self):
        return self.env._(
            "<p>I authorise the company to process my personal data to handle this request, "
            "in accordance with the personal data protection law and the company's personal data policy.</p>"
        )

    def _cq_translate_default_texts(self, langs):
        """The default consent text in each of `langs`, for the companies that
        kept it (a text a company wrote is left as it is): Odoo stores a
        default in one language, the one of the installation."""
        active = {code for code, _name in self.env["res.lang"].get_installed()}
        langs = [lang for lang in langs if lang != "en_US" and lang in active]
        field = self._fields["cq_pqrs_consent_text"]
        default = self.with_context(lang="en_US")._cq_default_consent_text()
        wording = {lang: self.with_context(lang=lang)._cq_default_consent_text() for lang in langs}
        for company in self:
            if company.with_context(lang="en_US").cq_pqrs_consent_text != default:
                continue
            translations = {}
            for lang, text in wording.items():
                if text == default or company.with_context(lang=lang).cq_pqrs_consent_text != default:
                    continue
                # an HTML field translates term by term: the default's terms, each to its translation
                translations[lang] = (
                    dict(zip(field.get_trans_terms(default), field.get_trans_terms(text)))
                    if callable(field.translate) else text
                )
            if translations:
                company.update_field_translations("cq_pqrs_consent_text", translations)
