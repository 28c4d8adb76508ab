from collections import defaultdict

from odoo import api, fields, models

from odoo.addons.rating.models.rating_data import RATING_LIMIT_MIN, RATING_LIMIT_SATISFIED

from .cq_pqrs import OPEN_STATES

# what _cq_response_stats() adds up per group; the rates are derived from them
COUNTERS = (
    "count", "cancelled", "withdrawn", "transferred", "merged", "on_time", "pending", "answered", "days_sum",
    "rated", "rated_satisfied",
)
# endings without an answer of their own, counted apart (neither on time nor late): the legal endings,
# and a duplicate merged into the case that is answered
APART = {
    "withdrawn": "withdrawn", "tacit_withdrawal": "withdrawn", "transferred": "transferred", "merged": "merged",
}


def _counters():
    return dict.fromkeys(COUNTERS, 0)


def _add(into, values):
    for counter in COUNTERS:
        into[counter] += values[counter]
    return into


def _with_rates(values):
    """The one RRT and mean response time formula, not rounded: callers round
    for display or storage. The pending cases (open, not answered, within
    their term) are neither on time nor late yet: left out of the rate."""
    measured = values["count"] - values["pending"]
    values["late"] = measured - values["on_time"]
    values["rrt"] = 100.0 * values["on_time"] / measured if measured else None
    values["response_days"] = values["days_sum"] / values["answered"] if values["answered"] else None
    # ISO 10002 §8.3: satisfaction with the handling, from the customers' ratings of the answers
    values["handling_satisfaction"] = (
        100.0 * values["rated_satisfied"] / values["rated"] if values["rated"] else None
    )
    return values


class CqPqrs(models.Model):
    _inherit = "cq.pqrs"

    # ------------------------------------------------------------------
    # Response statistics: RRT and mean response time
    # ------------------------------------------------------------------
    @api.model
    def _cq_period_domain(self, date_from, date_to, companies=None):
        """Cases filed in [date_from, date_to] by `companies` (every company
        when not given)."""
        domain = [("date_radicated", ">=", date_from), ("date_radicated", "<=", date_to)]
        if companies:
            domain.append(("company_id", "in", companies.ids))
        return domain

    @api.model
    def _cq_pending_domain(self, now=None):
        """The cases still within their term at `now` (default: now): open,
        never answered (a reopened case keeps its first answer) and not past
        their due time, or waiting for the filer (the term is suspended: its
        due date moves when the wait ends). They are neither on time nor late
        yet."""
        now = now or fields.Datetime.now()
        return [
            ("state", "in", OPEN_STATES),
            ("date_answered", "=", False),
            "|", "|", ("date_deadline", "=", False), ("date_deadline", ">=", now), ("state", "=", "waiting"),
        ]

    @api.model
    def _cq_response_stats(self, domain, groupby=(), with_ratings=False, now=None):
        """RRT (timely response rate: share of the cases answered within their
        term) and mean response time in business days of the cases of
        `domain`, per group of `groupby` and in total, from two queries
        whatever the volume. The indicator, the PQRS register and the bench
        use it.

        A case is late when it was answered after its due time, or is still
        open past it at `now` (default: now); an open case within its term is
        pending: counted, shown apart and left out of the rate, so that a
        period measured at its end is not understated by the cases that may
        still be answered on time.

        Returns {key: stats} where key is the tuple of the group's `groupby`
        values (`()` without groupby) and the key `None` holds the total,
        always present. stats is a dict of
          count          cases, the cancelled ones apart
          cancelled      cancelled cases, in no other figure
          withdrawn      cases withdrawn by the filer, expressly or tacitly,
                         in no other figure
          transferred    cases transferred to the competent party, in no
                         other figure
          merged         duplicates merged into another case, in no other
                         figure
          on_time        cases answered within their term
          pending        open cases not answered and within their term at
                         `now` (waiting for the filer included): in count,
                         neither on time nor late
          late           count - pending - on_time: answered after their
                         term, or open past it
          answered       cases with an answer date
          days_sum       business days those answers took
          rrt            100 * on_time / (count - pending), None without a
                         case answered or past its term
          response_days  days_sum / answered, None without answers
          rated, rated_satisfied, handling_satisfaction
                         with `with_ratings` (one more query): the cases
                         the customer rated, those rated satisfied (4 of 5
                         and up, as Odoo's rating) and their share: the
                         satisfaction with the complaint handling (ISO 10002
                         §8.3), apart from product satisfaction
        rrt and response_days are not rounded.
        """
        groupby = list(groupby)
        size = len(groupby)
        groups = defaultdict(_counters)
        rows = self._read_group(
            domain,
            groupby + ["state", "ending", "answered_on_time"],
            ["__count", "date_answered:count", "response_days:sum"],
        )
        for row in rows:
            state, ending, on_time, count, answered, days_sum = row[size:]
            values = groups[tuple(row[:size])]
            if state == "cancelled":
                values["cancelled"] += count
                continue
            if ending in APART:
                values[APART[ending]] += count
                continue
            values["count"] += count
            values["answered"] += answered
            values["days_sum"] += days_sum or 0
            if on_time:
                values["on_time"] += count
        # open cases have no ending: cancelled cases and the endings apart are never pending
        for row in self._read_group(domain + self._cq_pending_domain(now), groupby, ["__count"]):
            if row[size]:  # without groupby, no pending case is one row of 0
                groups[tuple(row[:size])]["pending"] += row[size]
        if with_ratings:
            for key, counts in self._cq_rating_counts(domain, groupby).items():
                groups[key].update(counts)
        stats = {key: _with_rates(values) for key, values in groups.items()}
        total = _counters()
        for values in groups.values():
            _add(total, values)
        stats[None] = _with_rates(total)
        return stats

    @api.model
    def _cq_rating_counts(self, domain, groupby=()):
        """{group key: {'rated', 'rated_satisfied'}}: the cases of `domain`
        their customer rated, and those rated satisfied, in one query."""
        groupby = list(groupby)
        size = len(groupby)
        counts = defaultdict(lambda: {"rated": 0, "rated_satisfied": 0})
        rows = self.sudo()._read_group(
            domain + [("rating_last_value", ">=", RATING_LIMIT_MIN)], groupby + ["rating_last_value"], ["__count"]
        )
        for row in rows:
            value, count = row[size:]
            values = counts[tuple(row[:size])]
            values["rated"] += count
            if value >= RATING_LIMIT_SATISFIED:
                values["rated_satisfied"] += count
        return counts

    @api.model
    def _cq_response_stats_rollup(self, stats, position):
        """The groups of a _cq_response_stats() result summed by the value at
        `position` of their key: {value: stats}, in the same shape."""
        rolled = defaultdict(_counters)
        for key, values in stats.items():
            if key is not None:
                _add(rolled[key[position]], values)
        return {value: _with_rates(values) for value, values in rolled.items()}
