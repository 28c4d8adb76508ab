"""Business days for legal terms (PQRS, contract obligations, reviews).

One place computes them: a company's working calendar minus its leaves, among
them the public holidays of the company's country loaded from the `holidays`
package.  `_cq_business_calendar()` reads the calendar once for a whole batch
of records; the returned object answers in memory and lives only as long as
the call that made it.
"""

import bisect
from datetime import datetime, time, timedelta

import holidays
from pytz import UTC, timezone

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# calendar days read ahead of the last date asked for; extended when too short
HORIZON_DAYS = 200


class BusinessCalendar:
    """The business days of one calendar over a period, in memory.

    `days` is the sorted list of local dates with working time left after
    leaves, `day_end` maps each of them to the UTC datetime its working time
    ends.
    """

    def __init__(self, calendar, tz, day_end):
        self.calendar = calendar
        self.tz = tz
        self.day_end = day_end
        self.days = sorted(day_end)

    def is_business_day(self, day):
        return day in self.day_end

    def _check_range(self, index):
        if index >= len(self.days):
            raise UserError(
                self.calendar.env._(
                    "The working calendar %(calendar)s has no working days in the period "
                    "needed for this term.",
                    calendar=self.calendar.display_name,
                )
            )
        return self.days[index]

    def radication_date(self, received):
        """The day a document received at `received` (UTC, naive) is
        registered: that day when it is a business day and working hours are
        not over yet, otherwise the next business day."""
        local_day = UTC.localize(received).astimezone(self.tz).date()
        end = self.day_end.get(local_day)
        if end and received < end:
            return local_day
        return self.next_business_day(local_day)

    def next_business_day(self, day):
        return self._check_range(bisect.bisect_right(self.days, day))

    def add_business_days(self, day, count):
        """The `count`-th business day after `day` (day 1 is the first
        business day after `day`)."""
        if count <= 0:
            return day
        return self._check_range(bisect.bisect_right(self.days, day) + count - 1)

    def subtract_business_days(self, day, count):
        """The business day `count` business days before `day`."""
        index = bisect.bisect_left(self.days, day) - count
        return self.days[max(index, 0)]

    def business_days_between(self, start, stop):
        """Business days after `start` up to and including `stop`."""
        if stop <= start:
            return 0
        return bisect.bisect_right(self.days, stop) - bisect.bisect_right(self.days, start)

    def end_of_day(self, day):
        """UTC datetime (naive) at which the working hours of `day` end."""
        return self.day_end[day]

    def local_date(self, moment):
        return UTC.localize(moment).astimezone(self.tz).date()


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    cq_holiday_years = fields.Char(
        string="Public Holiday Years Loaded",
        copy=False,
        readonly=True,
        help="Years whose public holidays were loaded from the holidays package.",
    )

    def _cq_country(self):
        self.ensure_one()
        return (self.company_id or self.env.company).country_id

    def _cq_tz(self):
        self.ensure_one()
        return timezone(self.tz or self.company_id.partner_id.tz or "UTC")

    # ------------------------------------------------------------------
    # Public holidays
    # ------------------------------------------------------------------
    def _cq_load_public_holidays(self, years):
        """Load the public holidays of each calendar's country for `years`
        into its leaves, once: safe to call again and from several workers."""
        years = sorted({int(year) for year in years})
        Leave = self.env["resource.calendar.leaves"].sudo()
        for calendar in self:
            country = calendar._cq_country()
            if not country:
                continue
            # serialise concurrent loads of the same calendar
            self.env.cr.execute(
                SQL("SELECT id FROM resource_calendar WHERE id = %s FOR UPDATE", calendar.id)
            )
            calendar.invalidate_recordset(["cq_holiday_years"])
            lang = (calendar.company_id.partner_id.lang or self.env.lang or "en_US")
            try:
                country_holidays = holidays.country_holidays(
                    country.code, years=years, language=lang if lang.startswith("en") else lang[:2]
                )
            except NotImplementedError:
                continue
            existing = set(
                Leave.search(
                    [
                        ("calendar_id", "=", calendar.id),
                        ("cq_holiday_date", ">=", f"{years[0]}-01-01"),
                        ("cq_holiday_date", "<=", f"{years[-1]}-12-31"),
                    ]
                ).mapped("cq_holiday_date")
            )
            tz = calendar._cq_tz()
            vals_list = []
            for day, name in sorted(country_holidays.items()):
                if day in existing:
                    continue
                start = tz.localize(datetime.combine(day, time.min)).astimezone(UTC)
                stop = tz.localize(datetime.combine(day, time.max)).astimezone(UTC)
                vals_list.append(
                    {
                        "name": name,
                        "calendar_id": calendar.id,
                        "company_id": calendar.company_id.id,
                        "resource_id": False,
                        "time_type": "leave",
                        "date_from": start.replace(tzinfo=None, microsecond=0),
                        "date_to": stop.replace(tzinfo=None, microsecond=0),
                        "cq_holiday_date": day,
                        "cq_holiday_country_id": country.id,
                    }
                )
            Leave.create(vals_list)
            loaded = {int(y) for y in (calendar.cq_holiday_years or "").split(",") if y}
            calendar.sudo().cq_holiday_years = ",".join(str(y) for y in sorted(loaded | set(years)))
        return True

    def _cq_ensure_public_holidays(self, years):
        for calendar in self:
            loaded = {int(y) for y in (calendar.cq_holiday_years or "").split(",") if y}
            missing = set(years) - loaded
            if missing:
                calendar._cq_load_public_holidays(missing)

    def action_cq_load_public_holidays(self):
        today = fields.Date.context_today(self)
        self._cq_load_public_holidays([today.year, today.year + 1])
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Public holidays loaded for %(first)s and %(second)s.",
                    first=today.year,
                    second=today.year + 1,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _cron_cq_load_public_holidays(self):
        """Keep the public holidays of this year and the next loaded on the
        calendars of all companies (idempotent)."""
        today = fields.Date.context_today(self)
        calendars = self.env["res.company"].sudo().search([]).resource_calendar_id
        calendars._cq_load_public_holidays([today.year, today.year + 1])

    # ------------------------------------------------------------------
    # Business days
    # ------------------------------------------------------------------
    def _cq_business_calendar(self, date_from, date_to):
        """Return the BusinessCalendar of this calendar covering the local
        dates date_from .. date_to plus a horizon for terms."""
        self.ensure_one()
        years = set(range(date_from.year, date_to.year + 2))
        self._cq_ensure_public_holidays(years)
        tz = self._cq_tz()
        start = tz.localize(datetime.combine(date_from - timedelta(days=1), time.min))
        stop = tz.localize(datetime.combine(date_to + timedelta(days=HORIZON_DAYS), time.max))
        intervals = self._work_intervals_batch(start, stop, tz=tz)[False]
        day_end = {}
        for _start, interval_end, _record in intervals:
            day = interval_end.date() if interval_end.time() != time.min else (
                interval_end - timedelta(seconds=1)).date()
            end_utc = interval_end.astimezone(UTC).replace(tzinfo=None)
            if day not in day_end or end_utc > day_end[day]:
                day_end[day] = end_utc
        return BusinessCalendar(self, tz, day_end)
