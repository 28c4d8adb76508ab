"""Public holidays per country, region and year, from the `holidays` package.

A company's business days are its calendar's working time minus the public
holidays of the company's own country and region (`res.company.cq_holiday_region`),
whatever calendar it uses.  The holidays live here, once per country/region and
date, not in the calendars: two companies sharing a calendar never see each
other's holidays.  A year is loaded the first time a term needs it and by the
monthly cron; concurrent loads of the same year insert with ON CONFLICT DO
NOTHING, so two workers never duplicate a row nor fail on each other.
"""

import logging
from datetime import date

import holidays
from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, create_unique_index, ormcache

_logger = logging.getLogger(__name__)

# Odoo's Spanish states are provinces; the package counts by autonomous community.
ES_PROVINCE_COMMUNITY = {
    "C": "GA", "LU": "GA", "OR": "GA", "PO": "GA",
    "VI": "PV", "SS": "PV", "BI": "PV",
    "AB": "CM", "CR": "CM", "CU": "CM", "GU": "CM", "TO": "CM",
    "A": "VC", "CS": "VC", "V": "VC",
    "AL": "AN", "CA": "AN", "CO": "AN", "GR": "AN", "H": "AN", "J": "AN", "MA": "AN", "SE": "AN",
    "O": "AS",
    "AV": "CL", "BU": "CL", "LE": "CL", "P": "CL", "SA": "CL", "SG": "CL", "SO": "CL", "VA": "CL",
    "ZA": "CL",
    "BA": "EX", "CC": "EX",
    "PM": "IB",
    "B": "CT", "GI": "CT", "L": "CT", "T": "CT",
    "S": "CB",
    "CE": "CE",
    "ME": "ML",
    "LO": "RI",
    "GC": "CN", "TF": "CN",
    "M": "MD",
    "MU": "MC",
    "NA": "NC",
    "HU": "AR", "TE": "AR", "Z": "AR",
}
STATE_SUBDIVISION = {"ES": ES_PROVINCE_COMMUNITY}


def holiday_subdivisions(country_code):
    """{code: label} of the regions the package knows for `country_code`
    (empty when it knows none), or None when it does not know the country."""
    if not country_code:
        return None
    try:
        entity = holidays.country_holidays(country_code)
    except NotImplementedError:
        return None
    names = {}
    for name, code in (getattr(entity, "subdivisions_aliases", None) or {}).items():
        names.setdefault(code, name)
    return {
        code: f"{names[code]} ({code})" if code in names else code
        for code in entity.subdivisions
    }


def state_subdivision(country_code, state_code):
    """The package's region for an Odoo state, when there is one."""
    subdivisions = holiday_subdivisions(country_code) or {}
    code = STATE_SUBDIVISION.get(country_code, {}).get(state_code, state_code)
    return code if code in subdivisions else False


class CqPublicHoliday(models.Model):
    _name = "cq.public.holiday"
    _inherit = ["cq.cache.source"]  # the holiday dates and the business days are cached
    _description = "Public Holiday"
    _order = "date, country_id, subdivision"

    name = fields.Char(required=True)
    date = fields.Date(required=True, index=True)
    country_id = fields.Many2one("res.country", string="Country", required=True,
                                 ondelete="cascade")
    subdivision = fields.Char(
        string="Region",
        help="Region code of the holidays package (e.g. MD for Madrid); empty for the national holidays. "
        "The holidays of a region include the national ones.",
    )
    origin = fields.Selection(
        [("package", "Holidays Package"), ("manual", "Added by Hand")],
        required=True, default="manual", readonly=True,
        help="A year counts as loaded once the holidays package's days of that year are in; days added by hand "
        "(a holiday decreed later) come on top.",
    )

    def init(self):
        # one row per country, region (or none) and date: the loaders rely on it
        create_unique_index(
            self.env.cr, "cq_public_holiday_country_subdivision_date_uniq", self._table,
            ["country_id", "COALESCE(subdivision, '')", "date"],
        )

    @api.model
    def _cq_load(self, country, subdivision, years):
        """Insert the public holidays of `country` (and `subdivision`) for
        `years`; rows already there are left alone. Returns the package's
        dates. Raises UserError when the package does not know the country or
        region.

        Another worker may load the same year at the same moment: the rows it
        commits first are skipped (ON CONFLICT DO NOTHING) or, when they are
        not visible to this transaction's snapshot (repeatable read), the
        insert is given up in its savepoint: they are there all the same."""
        subdivision = subdivision or None
        subdivisions = holiday_subdivisions(country.code)
        if subdivisions is None:
            raise UserError(self.env._(
                "The holidays package has no public holidays for %(country)s.", country=country.name))
        if subdivision and subdivision not in subdivisions:
            raise UserError(self.env._(
                "The holidays package does not know the region %(region)s of %(country)s.",
                region=subdivision, country=country.name))
        entity = holidays.country_holidays(country.code, subdiv=subdivision, years=sorted(years))
        # names in the country's own language, as on its official calendar
        entity = holidays.country_holidays(
            country.code, subdiv=subdivision, years=sorted(years),
            language=entity.default_language or None,
        )
        rows = [
            SQL("(%s, %s, %s, %s, 'package', %s, %s, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC')",
                country.id, subdivision, day, name, self.env.uid, self.env.uid)
            for day, name in sorted(entity.items())
        ]
        if rows:
            try:
                with self.env.cr.savepoint(flush=False):
                    self.env.cr.execute(SQL(
                        """INSERT INTO cq_public_holiday (country_id, subdivision, date, name, origin,
                                                          create_uid, write_uid, create_date, write_date)
                           VALUES %s
                           ON CONFLICT DO NOTHING""",
                        SQL(", ").join(rows),
                    ), log_exceptions=False)
            except pg_errors.SerializationFailure:
                _logger.info("Public holidays of %s %s %s loaded by another transaction",
                             country.code, subdivision or "", sorted(years))
        self.env.registry.clear_cache()
        return frozenset(entity)

    @ormcache("country_id", "subdivision", "year")
    def _cq_holiday_dates(self, country_id, subdivision, year):
        """The public holiday dates of a country (and region) in `year`,
        loaded from the package the first time a year is asked for."""
        self.flush_model()
        self.env.cr.execute(SQL(
            """SELECT date, origin FROM cq_public_holiday
                WHERE country_id = %s AND COALESCE(subdivision, '') = %s AND date BETWEEN %s AND %s""",
            country_id, subdivision or "", date(year, 1, 1), date(year, 12, 31),
        ))
        rows = self.env.cr.fetchall()
        dates = frozenset(row[0] for row in rows)
        if not any(origin == "package" for _day, origin in rows):
            country = self.env["res.country"].browse(country_id)
            subdivisions = holiday_subdivisions(country.code)
            if subdivisions is None:
                return dates  # a country the package does not know: only what was added by hand
            if subdivision and subdivision not in subdivisions:
                # the company's region was checked when set: only a package change gets here
                _logger.warning("Unknown holiday region %s of %s: national holidays only", subdivision, country.code)
                return self._cq_holiday_dates(country_id, "", year)
            dates |= self.sudo()._cq_load(country, subdivision, [year])
        return dates

    @api.model
    def _cq_company_holidays(self, company, years):
        """The public holiday dates of `company` (its country and region) in
        `years`; none for a company without a country."""
        company = company.sudo()  # portal and public filings count terms too
        if not company.country_id:
            return frozenset()
        dates = set()
        for year in sorted(years):
            dates |= self._cq_holiday_dates(company.country_id.id, company.cq_holiday_region or "", year)
        return frozenset(dates)

    @api.model
    def _cq_loaded_years(self, companies):
        """Years loaded for every country/region of `companies`."""
        keys = {(c.country_id.id, c.cq_holiday_region or "") for c in companies if c.country_id}
        if not keys:
            return []
        years = None
        for country_id, subdivision in keys:
            self.env.cr.execute(SQL(
                """SELECT DISTINCT EXTRACT(YEAR FROM date)::int FROM cq_public_holiday
                    WHERE country_id = %s AND COALESCE(subdivision, '') = %s AND origin = 'package'""",
                country_id, subdivision,
            ))
            found = {row[0] for row in self.env.cr.fetchall()}
            years = found if years is None else years & found
        return sorted(years)

    @api.model
    def _cq_load_companies(self, companies, years, raise_if_unknown=True):
        """Load `years` for the country/region of each company. The cron
        skips what the package does not know; a user asking gets an error."""
        for company in companies:
            if not raise_if_unknown and holiday_subdivisions(company.country_id.code) is None:
                if company.country_id:
                    _logger.info("No public holidays in the holidays package for %s", company.country_id.code)
                continue
            if not company.country_id:
                raise UserError(self.env._(
                    "Set a country on %(company)s to load its public holidays.", company=company.name))
            self._cq_load(company.country_id, company.cq_holiday_region, years)
        return True

    @api.model
    def _cq_load_current_years(self, companies, raise_if_unknown=True):
        """Load this year's and next year's public holidays of `companies`
        (the buttons and the monthly cron); return the two years."""
        today = fields.Date.context_today(self)
        years = [today.year, today.year + 1]
        self._cq_load_companies(companies, years, raise_if_unknown=raise_if_unknown)
        return years

    @api.model
    def _cq_action_load_current_years(self, companies):
        """The buttons: load this year's and next year's public holidays of
        `companies` and tell the user."""
        first, second = self._cq_load_current_years(companies)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Public holidays loaded for %(first)s and %(second)s.", first=first, second=second,
                ),
            },
        }
