"""Business days for legal terms (PQRS, contract obligations, reviews).

One place computes them: the working time of the calendar a company uses (its
own, a shared one or another company's) and that calendar's leaves, minus the
public holidays of the company's country and region (`cq.public.holiday`).
`res.company._cq_business_calendar(moments)` is the one way to get them: the
returned object answers in memory, reads the years of `moments` at once and
any further year a computation reaches (a long term, a suspension, a date
before filing) when it reaches it, and lives only as long as the call that
made it. Callers never size a horizon.
"""

import bisect
from datetime import date, datetime, time, timedelta

from pytz import UTC, timezone

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import ormcache

# consecutive years without a single business day after which a computation gives up
EMPTY_YEARS = 2


class BusinessCalendar:
    """The business days of one calendar for one company, in memory.

    `days` is the sorted list of local dates with working time left after
    leaves, `day_end` maps each of them to the UTC datetime its working time
    ends. Both cover the years `first_year` .. `last_year`, and grow by whole
    years (`load_year(year)`, cached per worker) whenever a date or a count
    of business days goes past them.
    """

    def __init__(self, calendar, tz, load_year, first_year, last_year):
        self.calendar = calendar
        self.tz = tz
        self._load_year = load_year
        self.day_end = {}
        self.days = []
        self.first_year = self.last_year = None
        self._add_years(first_year, last_year)

    def _add_years(self, first, last):
        for year in range(first, last + 1):
            self.day_end.update(self._load_year(year))
        self.first_year = first if self.first_year is None else min(first, self.first_year)
        self.last_year = last if self.last_year is None else max(last, self.last_year)
        self.days = sorted(self.day_end)

    def _cover(self, day):
        """Read the years up to `day` (either way) when it is not covered yet."""
        if day.year > self.last_year:
            self._add_years(self.last_year + 1, day.year)
        elif day.year < self.first_year:
            self._add_years(day.year, self.first_year - 1)

    def _no_working_days(self):
        return UserError(
            self.calendar.env._(
                "The working calendar %(calendar)s has no working days in the period needed for this term.",
                calendar=self.calendar.display_name,
            )
        )

    def _read_one_more_year(self, forward, empty):
        """Read the year after the last one read (`forward`) or before the
        first; return how many years in a row were read without a business
        day (`empty` before this one)."""
        known = len(self.days)
        year = self.last_year + 1 if forward else self.first_year - 1
        self._add_years(year, year)
        return empty + 1 if len(self.days) == known else 0

    def _day_at(self, index):
        """The business day at `index`, reading the next years as needed."""
        empty = 0
        while index >= len(self.days):
            empty = self._read_one_more_year(True, empty)
            if empty > EMPTY_YEARS:
                raise self._no_working_days()
        return self.days[index]

    def is_business_day(self, day):
        self._cover(day)
        return day in self.day_end

    def radication_date(self, received):
        """The day a document received at `received` (UTC, naive) is
        registered: that day when it is a business day and working hours are
        not over yet, otherwise the next business day."""
        local_day = self.local_date(received)
        self._cover(local_day)
        end = self.day_end.get(local_day)
        if end and received < end:
            return local_day
        return self.next_business_day(local_day)

    def next_business_day(self, day):
        self._cover(day)
        return self._day_at(bisect.bisect_right(self.days, day))

    def add_business_days(self, day, count):
        """The `count`-th business day after `day` (day 1 is the first
        business day after `day`)."""
        if count <= 0:
            return day
        self._cover(day)
        return self._day_at(bisect.bisect_right(self.days, day) + count - 1)

    def subtract_business_days(self, day, count):
        """The business day `count` business days before `day`."""
        self._cover(day)
        empty = 0
        while bisect.bisect_left(self.days, day) < count and empty <= EMPTY_YEARS:
            empty = self._read_one_more_year(False, empty)
        index = bisect.bisect_left(self.days, day) - count
        if not self.days:
            raise self._no_working_days()
        return self.days[max(index, 0)]

    def business_days_between(self, start, stop):
        """Business days after `start` up to and including `stop`."""
        if stop <= start:
            return 0
        self._cover(start)
        self._cover(stop)
        return bisect.bisect_right(self.days, stop) - bisect.bisect_right(self.days, start)

    def end_of_day(self, day):
        """UTC datetime (naive) at which the working hours of `day` end."""
        self._cover(day)
        return self.day_end[day]

    def local_date(self, moment):
        return UTC.localize(moment).astimezone(self.tz).date()


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    cq_holiday_years = fields.Char(
        string="Public Holiday Years Loaded",
        compute="_compute_cq_holiday_years",
        help="Years whose public holidays are loaded for the countries and regions of the companies "
        "using this calendar.",
    )

    def _cq_companies(self):
        """The companies whose terms count on this calendar."""
        self.ensure_one()
        companies = self.env["res.company"].sudo().search([("resource_calendar_id", "=", self.id)])
        return companies or self.company_id or self.env.company

    def _compute_cq_holiday_years(self):
        Holiday = self.env["cq.public.holiday"].sudo()
        for calendar in self:
            calendar.cq_holiday_years = ",".join(
                str(year) for year in Holiday._cq_loaded_years(calendar._origin._cq_companies())
            ) if calendar._origin else False

    def _cq_tz(self):
        self.ensure_one()
        return timezone(self._cq_tz_name())

    @ormcache("self.id")
    def _cq_tz_name(self):
        """The calendar's time zone, kept in Odoo's cache as its business days
        (cleared when a calendar changes): a filing reads no calendar."""
        return self.tz or self.company_id.partner_id.tz or "UTC"

    # ------------------------------------------------------------------
    # Public holidays (kept per country and region in cq.public.holiday)
    # ------------------------------------------------------------------
    def action_cq_load_public_holidays(self):
        """Load this year's and next year's public holidays of the companies
        using these calendars (their countries and regions)."""
        companies = self.env["res.company"].sudo()
        for calendar in self:
            companies |= calendar._cq_companies()
        action = self.env["cq.public.holiday"].sudo()._cq_action_load_current_years(companies)
        action["params"]["next"] = {"type": "ir.actions.act_window_close"}
        return action

    @api.model
    def _cron_cq_load_public_holidays(self):
        """Keep the public holidays of this year and the next loaded for the
        country and region of every company (idempotent)."""
        companies = self.env["res.company"].sudo().search([]).filtered("country_id")
        self.env["cq.public.holiday"].sudo()._cq_load_current_years(companies, raise_if_unknown=False)

    # ------------------------------------------------------------------
    # Business days
    # ------------------------------------------------------------------
    def _cq_leave_domain(self, company):
        """Leaves that count for `company` on this calendar: the calendar's
        own and the company's global ones, never the public holidays the
        former loader wrote into calendars (cq_holiday_date set)."""
        return [
            ("time_type", "=", "leave"),
            ("cq_holiday_date", "=", False),
            "|", ("calendar_id", "=", self.id), ("company_id", "=", company.id),
        ]

    def _cq_business_days(self, date_from, date_to, company=None):
        """The BusinessCalendar of `company` on this calendar, reading the
        years of the local dates date_from .. date_to at once (and any other
        year when a computation reaches it): the calendar's working time and
        leaves minus the public holidays of the company's country and region
        (none without a country). Called by `res.company._cq_business_calendar`.

        The business days come from a per-calendar, per-company, per-year
        table kept in Odoo's cache (`_cq_business_year`), cleared on every
        worker when the calendar, its attendances, its leaves, the holidays or
        the company's country or region change: a filing no longer expands a
        year of working intervals."""
        self.ensure_one()
        company = company or self.company_id or self.env.company
        return BusinessCalendar(
            self, self._cq_tz(), lambda year: self._cq_business_year(company.id, year),
            (date_from - timedelta(days=1)).year, date_to.year,
        )

    @ormcache("self.id", "company_id", "year")
    def _cq_business_year(self, company_id, year):
        """((local date, UTC end of its working time), ...) of the business
        days of `year` for the company on this calendar."""
        company = self.env["res.company"].browse(company_id)
        tz = self._cq_tz()
        start = tz.localize(datetime.combine(date(year, 1, 1), time.min))
        stop = tz.localize(datetime.combine(date(year, 12, 31), time.max))
        intervals = self.sudo()._work_intervals_batch(
            start, stop, tz=tz, domain=self._cq_leave_domain(company)
        )[False]
        day_end = {}
        for _start, interval_end, _record in intervals:
            day = interval_end.date() if interval_end.time() != time.min else (
                interval_end - timedelta(seconds=1)).date()
            end_utc = interval_end.astimezone(UTC).replace(tzinfo=None)
            if day.year == year and (day not in day_end or end_utc > day_end[day]):
                day_end[day] = end_utc
        for day in self.env["cq.public.holiday"].sudo()._cq_company_holidays(company, [year]):
            day_end.pop(day, None)
        return tuple(sorted(day_end.items()))

    # ------------------------------------------------------------------
    # The cached business days follow the calendar
    # ------------------------------------------------------------------
    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)
