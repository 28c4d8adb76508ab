"""The legal term engine: filing date, due date, deadline and escalation
date of a term of N business days, N calendar days, N calendar months or N
hours, and how suspensions and extensions move them.

Pure functions over a `BusinessCalendar` (models/resource_calendar.py): no
ORM state, no queries.  Every caller (filing, resuming after a suspension,
extending, the extension wizard) goes through `file_term`, `term_dates`,
`resume_term` and `extend_term`; nothing else adds terms to dates.

Rules, in the time zone of the company's working calendar:
- filing: received on a business day before the end of its working hours,
  that day, else the next business day; hours: filed at once, 24/7;
- business days: day 1 is the business day after filing, due the Nth;
- calendar days: due the Nth calendar day after filing, or the next business
  day when that day is not one;
- months: due the same day number N months after filing (the month's last
  day when that day does not exist), or the next business day when that day
  is not one;
- hours: deadline = received + N hours, day and night.
Day units are due at the end of the working hours of the due date.
"""

from collections import namedtuple
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from pytz import UTC

BUSINESS_DAYS = "business_days"
CALENDAR_DAYS = "calendar_days"
MONTHS = "months"
HOURS = "hours"

# the labels are translated through the selection fields that use this list
TERM_UNITS = [
    (BUSINESS_DAYS, "Business Days"),
    (CALENDAR_DAYS, "Calendar Days"),
    (MONTHS, "Months"),
    (HOURS, "Hours"),
]
DAY_UNITS = frozenset({BUSINESS_DAYS, CALENDAR_DAYS, MONTHS})

# The dates a term can move: the due date, the moment it ends, and the day
# the responsible is alerted.
TermDates = namedtuple("TermDates", "date_due date_deadline date_escalation")


def compatible_units(unit, other):
    """Whether a term in `unit` can be extended by an amount in `other`: day
    units (business days, calendar days, months) mix, hours only with hours."""
    return (unit == HOURS) == (other == HOURS)


def business_day_on_or_after(bcal, day):
    return day if bcal.is_business_day(day) else bcal.next_business_day(day)


def add_term(bcal, day, amount, unit):
    """The due date of a term of `amount` `unit` counted from `day` (a local
    date: the filing date, or the due date being extended)."""
    if unit == BUSINESS_DAYS:
        return bcal.add_business_days(day, amount)
    if unit == CALENDAR_DAYS:
        return business_day_on_or_after(bcal, day + timedelta(days=amount))
    if unit == MONTHS:
        # relativedelta keeps the day number, or the month's last day
        return business_day_on_or_after(bcal, day + relativedelta(months=amount))
    raise ValueError(f"{unit} is not a day unit")


def month_window(bcal, year, month, amount, unit):
    """(first business day, last day) of a window of `amount` `unit` that
    opens with the month `month` of `year`: "the first 15 business days of
    February" is month_window(bcal, year, 2, 15, BUSINESS_DAYS)."""
    eve = date(year, month, 1) - timedelta(days=1)
    return add_term(bcal, eve, 1, BUSINESS_DAYS), add_term(bcal, eve, amount, unit)


def filing_date(bcal, received, unit):
    """The filing date of a case received at `received` (UTC, naive)."""
    if unit == HOURS:
        return bcal.local_date(received)
    return bcal.radication_date(received)


def term_dates(bcal, start, amount, unit, escalation_days, filed=None):
    """The TermDates of a term of `amount` `unit` that starts at `start`: the
    filing date (or a due date being extended) for day units, the reception
    moment (or a deadline being extended) for hours.  `filed` is the filing
    date, the escalation date of an hour term."""
    if unit == HOURS:
        deadline = start + timedelta(hours=amount)
        return TermDates(bcal.local_date(deadline), deadline, filed or bcal.local_date(start))
    due = add_term(bcal, start, amount, unit)
    return TermDates(due, bcal.end_of_day(due), bcal.subtract_business_days(due, escalation_days))


def file_term(bcal, received, amount, unit, escalation_days):
    """(filing date, TermDates) of a case received at `received`."""
    filed = filing_date(bcal, received, unit)
    start = received if unit == HOURS else filed
    return filed, term_dates(bcal, start, amount, unit, escalation_days, filed=filed)


def suspended_days(bcal, unit, since, until):
    """Days a suspension from `since` to `until` (UTC, naive) lasted, counted
    like the term: business days for business days (and hours, for the
    record), calendar days for calendar days and months."""
    first, last = bcal.local_date(since), bcal.local_date(until)
    if unit in (CALENDAR_DAYS, MONTHS):
        return max((last - first).days, 0)
    return bcal.business_days_between(first, last)


def resume_term(bcal, dates, unit, since, until, escalation_days, filed=None):
    """(suspended days, new TermDates) of a term suspended from `since` to
    `until`: the due date moves by the time the term was suspended (hours:
    the deadline moves by the suspended time itself)."""
    days = suspended_days(bcal, unit, since, until)
    if unit == HOURS:
        deadline = dates.date_deadline + (until - since)
        return days, TermDates(bcal.local_date(deadline), deadline, dates.date_escalation)
    # months: the days elapsed move the due date as calendar days
    step_unit = BUSINESS_DAYS if unit == BUSINESS_DAYS else CALENDAR_DAYS
    return days, term_dates(bcal, dates.date_due, days, step_unit, escalation_days, filed=filed)


def extend_term(bcal, dates, amount, unit, escalation_days):
    """New TermDates of a term extended by `amount` `unit`, counted from its
    current due date (hours: from its deadline)."""
    start = dates.date_deadline if unit == HOURS else dates.date_due
    return term_dates(bcal, start, amount, unit, escalation_days, filed=dates.date_escalation)


def business_hours(bcal, day_intervals, start, end):
    """Working hours between `start` and `end` (UTC, naive): on the business
    days of `bcal` (holidays left out), the hours of `day_intervals`
    ({weekday: [(hour_from, hour_to)]}, the working calendar's attendances)
    in the calendar's time zone."""
    if not start or not end or end <= start:
        return 0.0
    local_start = UTC.localize(start).astimezone(bcal.tz).replace(tzinfo=None)
    local_end = UTC.localize(end).astimezone(bcal.tz).replace(tzinfo=None)
    total = 0.0
    day = local_start.date()
    while day <= local_end.date():
        if bcal.is_business_day(day):
            for hour_from, hour_to in day_intervals.get(day.weekday(), ()):
                opens = datetime.combine(day, datetime.min.time()) + timedelta(hours=hour_from)
                closes = datetime.combine(day, datetime.min.time()) + timedelta(hours=hour_to)
                overlap = (min(closes, local_end) - max(opens, local_start)).total_seconds()
                if overlap > 0:
                    total += overlap / 3600.0
        day += timedelta(days=1)
    return round(total, 2)
