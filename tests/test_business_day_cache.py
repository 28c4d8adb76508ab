"""The business days of a calendar come from a per-calendar, per-company, per-year table kept in
Odoo's cache: a filing does not expand working intervals again, and every change the days depend
on (working hours, leaves, holidays, the company's country or region) is seen by the next filing."""

from datetime import date
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.resource.models.resource_calendar import ResourceCalendar

from ..models.cq_pqrs import STAFF_ORDER
from .common_pqrs import PqrsCommon


@tagged("post_install", "-at_install")
class TestBusinessDayCache(PqrsCommon):
    def _count_expansions(self):
        return patch.object(ResourceCalendar, "_work_intervals_batch", autospec=True,
                            side_effect=ResourceCalendar._work_intervals_batch)

    def test_a_filing_reads_the_cached_year(self):
        self._case("2026-03-18 15:00:00")  # warms 2026 and 2027
        with self._count_expansions() as expand:
            case = self._case("2026-03-19 15:00:00")
        self.assertEqual(expand.call_count, 0, "no working intervals expanded for a cached year")
        self.assertEqual(case.date_due, date(2026, 4, 14))  # 23 March, 2 and 3 April are holidays

    def test_changes_reach_the_next_filing(self):
        calendar = self.company_co.resource_calendar_id
        before = self._case("2026-03-18 15:00:00").date_due
        # a company day off on a business day of the term moves the due date one business day
        self.env["resource.calendar.leaves"].create({
            "name": "Inventario anual", "calendar_id": calendar.id, "company_id": self.company_co.id,
            "date_from": "2026-03-26 12:00:00", "date_to": "2026-03-26 23:00:00", "time_type": "leave",
        })
        after_leave = self._case("2026-03-18 15:00:00").date_due
        self.assertEqual((before, after_leave), (date(2026, 4, 13), date(2026, 4, 14)))
        # no more work on Fridays: the due date moves further
        calendar.attendance_ids.filtered(lambda a: a.dayofweek == "4").unlink()
        after_hours = self._case("2026-03-18 15:00:00").date_due
        self.assertGreater(after_hours, after_leave)
        # a decreed holiday added by hand counts at once
        self.env["cq.public.holiday"].create({
            "country_id": self.company_co.country_id.id, "date": "2026-03-30", "name": "Día cívico",
        })
        self.assertGreater(self._case("2026-03-18 15:00:00").date_due, after_hours)

    def test_company_region_change_reaches_the_next_filing(self):
        # Barcelona's community (CT) rests on 24 June 2026, Madrid's does not
        self.company_es.cq_holiday_region = "MD"
        madrid = self._case("2026-06-23 08:00:00", company=self.company_es).date_due
        self.company_es.cq_holiday_region = "CT"
        barcelona = self._case("2026-06-23 08:00:00", company=self.company_es).date_due
        self.assertEqual((madrid, barcelona), (date(2026, 7, 14), date(2026, 7, 15)))


@tagged("post_install", "-at_install")
class TestPqrsListOrderIndex(PqrsCommon):
    """The kanban (grouped by stage) and the lists read the first cases in the model's order: an
    index in that exact order lets PostgreSQL stop after them instead of sorting every case. The
    test fails when _order and the indexes drift apart."""

    def _plan(self, domain, order):
        Pqrs = self.env["cq.pqrs"]
        query = Pqrs._search(domain, limit=40, order=order)  # as search() and the web client
        self.env.cr.execute("SET LOCAL enable_sort = off")
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute(SQL("EXPLAIN %s", query.select()))
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.env.cr.execute("SET LOCAL enable_sort = on")
        self.env.cr.execute("SET LOCAL enable_seqscan = on")
        return plan

    def test_kanban_group_and_list_read_the_order_index(self):
        # the staff's views sort by STAFF_ORDER (priority first), the model's order leaves priority out
        for view in ("cq_pqrs_view_list", "cq_pqrs_view_kanban"):
            arch = self.env.ref(f"customer_quality.{view}").arch
            self.assertIn(f'default_order="{STAFF_ORDER}"', arch, view)
        stage = self.env["cq.pqrs"]._stage_for("new")
        plan = self._plan([("stage_id", "=", stage.id)], STAFF_ORDER)
        self.assertIn("cq_pqrs_stage_order_idx", plan)
        self.assertNotIn("Sort", plan)
        plan = self._plan([], STAFF_ORDER)
        self.assertIn("cq_pqrs_order_idx", plan)
        self.assertNotIn("Sort", plan)
        plan = self._plan([], self.env["cq.pqrs"]._order)
        self.assertIn("cq_pqrs_default_order_idx", plan)
        self.assertNotIn("Sort", plan)
