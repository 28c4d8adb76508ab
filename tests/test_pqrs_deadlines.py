from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common_pqrs import PqrsCommon

# filing a batch of cases of one type on one day, whatever its size (2 of them read the type's legal
# steps: the transfer limit)
FILING_QUERIES = 19


@tagged("post_install", "-at_install")
class TestPqrsDeadlines(PqrsCommon):
    def test_example_of_the_issue(self):
        # Friday 2026-03-20 18:30 in Bogotá (UTC-5): after working hours;
        # Monday 23 is a holiday, 2 and 3 April too.
        case = self._case("2026-03-20 23:30:00")
        self.assertEqual(case.date_radicated, date(2026, 3, 24))
        self.assertEqual(case.date_due, date(2026, 4, 16))
        self.assertEqual(case.date_deadline, datetime(2026, 4, 16, 22, 0))  # 17:00 in Bogotá
        self.assertEqual(case.term_days, 15)
        self.assertEqual(case.date_due_original, case.date_due)
        self.assertEqual(case.date_escalation, date(2026, 4, 13))  # 3 business days before

    def test_end_of_working_hours(self):
        # 16:59 in Bogotá on a business day: filed that day
        case = self._case("2026-03-18 21:59:00")
        self.assertEqual(case.date_radicated, date(2026, 3, 18))
        # exactly 17:00: the working day is over
        case = self._case("2026-03-18 22:00:00")
        self.assertEqual(case.date_radicated, date(2026, 3, 19))
        # 07:00 before opening on a business day: still that day
        case = self._case("2026-03-18 12:00:00")
        self.assertEqual(case.date_radicated, date(2026, 3, 18))

    def test_weekend_and_holiday(self):
        # Saturday 2026-01-10: Monday 12 is the Epiphany holiday -> Tuesday 13
        case = self._case("2026-01-10 15:00:00")
        self.assertEqual(case.date_radicated, date(2026, 1, 13))

    def test_year_end(self):
        # Wednesday 2026-12-30 10:00 Bogotá, information request (10 days):
        # 1 January and Monday 11 January 2027 (Epiphany) are holidays
        case = self._case("2026-12-30 15:00:00", pqrs_type=self.information)
        self.assertEqual(case.date_radicated, date(2026, 12, 30))
        self.assertEqual(case.date_due, date(2027, 1, 15))
        self.assertIn("2027", case.company_id.resource_calendar_id.cq_holiday_years)

    def test_mexico(self):
        # Friday 2026-03-13 18:00 in Mexico City; Monday 16 is Benito Juárez's day
        case = self._case("2026-03-14 00:00:00", company=self.company_mx, pqrs_type=self.information)
        self.assertEqual(case.date_radicated, date(2026, 3, 17))
        self.assertEqual(case.date_due, date(2026, 3, 31))

    def test_spain(self):
        # Monday 2026-12-07 16:00 in Madrid (UTC+1); 8 and 25 December are holidays
        case = self._case("2026-12-07 15:00:00", company=self.company_es)
        self.assertEqual(case.date_radicated, date(2026, 12, 7))
        self.assertEqual(case.date_due, date(2026, 12, 30))
        self.assertEqual(case.date_deadline, datetime(2026, 12, 30, 16, 0))  # 17:00 in Madrid

    def test_holidays_loaded_once(self):
        Holiday = self.env["cq.public.holiday"]
        Holiday._cq_load(self.company_co.country_id, False, [2026])
        Holiday._cq_load(self.company_co.country_id, False, [2026])
        holidays = Holiday.search(
            [("country_id", "=", self.company_co.country_id.id), ("subdivision", "=", False),
             ("date", ">=", "2026-01-01"), ("date", "<=", "2026-12-31")]
        )
        self.assertEqual(len(holidays), 19, "Colombia has 19 public holidays in 2026")
        self.assertEqual(len(set(holidays.mapped("date"))), 19)
        self.assertIn(date(2026, 3, 23), holidays.mapped("date"))  # San José, moved to Monday
        self.assertIn(date(2026, 4, 3), holidays.mapped("date"))  # Good Friday (Easter based)

    def test_button_and_cron_load_holidays(self):
        calendar = self.company_mx.resource_calendar_id
        with freeze_time("2026-06-01 12:00:00"):
            calendar.action_cq_load_public_holidays()
            self.env["resource.calendar"]._cron_cq_load_public_holidays()
        self.assertEqual(calendar.cq_holiday_years, "2026,2027")
        self.assertTrue(self.env["cq.public.holiday"].search_count(
            [("country_id", "=", self.company_mx.country_id.id), ("date", "=", "2027-01-01")]))

    def test_frozen_after_calendar_change(self):
        case = self._case("2026-03-20 23:30:00")
        calendar = self.company_co.resource_calendar_id
        # the company declares a day off inside the term, after filing
        self.env["resource.calendar.leaves"].create({
            "name": "Cierre por inventario",
            "calendar_id": calendar.id,
            "company_id": self.company_co.id,
            "date_from": "2026-04-08 05:00:00",
            "date_to": "2026-04-09 04:59:59",
        })
        case.invalidate_recordset()
        self.assertEqual(case.date_due, date(2026, 4, 16), "history is not rewritten")
        later = self._case("2026-03-20 23:30:00")
        self.assertEqual(later.date_due, date(2026, 4, 17), "new cases count the day off")

    def test_type_term_must_be_positive(self):
        with self.assertRaises(ValidationError):
            self.env["cq.pqrs.type"].create({"name": "Sin plazo", "code": "X", "term_days": 0})
        with self.assertRaises(ValidationError):
            self.petition.term_days = -1

    def test_query_count_does_not_grow(self):
        Pqrs = self.env["cq.pqrs"]

        def vals_list(count):
            return [
                {"type_id": self.petition.id, "company_id": self.company_co.id,
                 "date_received": datetime(2026, 3, 2 + i % 20, 14, 0)}
                for i in range(count)
            ]
        Pqrs._prepare_filing_values(vals_list(5))  # holidays loaded, caches warm
        self.env.invalidate_all()
        with self.assertQueryCount(2):
            small = vals_list(10)
            Pqrs._prepare_filing_values(small)
        self.env.invalidate_all()
        with self.assertQueryCount(2):
            large = vals_list(1000)
            Pqrs._prepare_filing_values(large)
        self.assertEqual(large[0]["date_due"], small[0]["date_due"])
        self.assertTrue(all(vals["date_due"] for vals in large))

    def test_filing_query_count_constant(self):
        """Filing 1 or 100 cases costs the same queries: filing facts, numbers
        and stored computations are all known before the INSERT."""
        Pqrs = self.env["cq.pqrs"]

        def vals_list(count):
            return [
                {"subject": f"Caso {i}", "type_id": self.petition.id, "company_id": self.company_co.id,
                 "email_from": "cliente@example.com", "date_received": datetime(2026, 3, 2, 14, 0)}
                for i in range(count)
            ]
        Pqrs.create(vals_list(1))  # holidays loaded, caches warm
        # the pending chatter tracking written now, and the same empty cache before each count
        self.env.cr.flush()
        self.env.invalidate_all()
        with self.assertQueryCount(FILING_QUERIES):
            one = Pqrs.create(vals_list(1))
            self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()
        with self.assertQueryCount(FILING_QUERIES):
            hundred = Pqrs.create(vals_list(100))
            self.env.flush_all()
        # the numbers follow each other in the order of filing, after the single case's
        numbers = [int(name.rsplit("-", 1)[1]) for name in (one | hundred).mapped("name")]
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 101)))
        self.assertTrue(all(name.startswith("P-2026-") for name in hundred.mapped("name")))
        self.assertEqual(set(hundred.mapped("state")), {"new"})
        self.assertEqual(set(hundred.mapped("date_due")), {one.date_due})

    def test_numbers_drawn_as_odoo_draws_them(self):
        """The batch draw gives what next_by_id() would have given: the
        range of the filing year, no-gap sequences and sequences without
        ranges alike."""
        Pqrs = self.env["cq.pqrs"]
        Sequence = self.env["ir.sequence"]
        ranged = Sequence.create({"name": "R", "prefix": "R-%(range_year)s-", "padding": 3, "use_date_range": True})
        self.assertEqual(Pqrs._cq_draw_numbers(ranged, date(2025, 6, 1), 3), ["R-2025-001", "R-2025-002", "R-2025-003"])
        self.assertEqual(Pqrs._cq_draw_numbers(ranged, date(2026, 1, 2), 2), ["R-2026-001", "R-2026-002"])
        self.assertEqual(ranged.next_by_id(sequence_date=date(2025, 12, 31)), "R-2025-004")
        plain = Sequence.create({"name": "P", "prefix": "P", "padding": 2, "number_increment": 5})
        self.assertEqual(Pqrs._cq_draw_numbers(plain, date(2026, 1, 2), 3), ["P01", "P06", "P11"])
        self.assertEqual(plain.next_by_id(), "P16")
        no_gap = Sequence.create({"name": "N", "prefix": "N", "padding": 1, "implementation": "no_gap"})
        self.assertEqual(Pqrs._cq_draw_numbers(no_gap, date(2026, 1, 2), 3), ["N1", "N2", "N3"])
        self.assertEqual(no_gap.next_by_id(), "N4")
