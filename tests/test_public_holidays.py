import threading
from datetime import date

import holidays
import psycopg2
from freezegun import freeze_time

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger

from .common_pqrs import PqrsCommon


@tagged("post_install", "-at_install")
class TestPublicHolidays(PqrsCommon):
    """Holidays belong to the case's company (country and region), whatever
    calendar it uses."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # one calendar for two companies of two countries (company_id empty)
        cls.shared = cls.env["resource.calendar"].create(
            {"name": "Horario del grupo", "company_id": False, "tz": "America/Bogota"}
        )
        cls.group_co = cls._create_shared_company("Grupo Andino S.A.S.", "base.co")
        cls.group_mx = cls._create_shared_company("Grupo Azteca S.A. de C.V.", "base.mx")
        cls.madrid = cls._create_company("Ibérica Madrid S.L.", "base.es", "Europe/Madrid")
        cls.madrid.state_id = cls.env.ref("base.state_es_m")
        cls.barcelona = cls._create_company("Ibérica Barcelona S.L.", "base.es", "Europe/Madrid")
        cls.barcelona.state_id = cls.env.ref("base.state_es_b")
        companies = cls.group_co | cls.group_mx | cls.madrid | cls.barcelona
        cls.env.user.company_ids |= companies
        cls.user.write({"company_ids": [Command.link(c.id) for c in companies]})
        cls.Holiday = cls.env["cq.public.holiday"]

    @classmethod
    def _create_shared_company(cls, name, country_xmlid):
        return cls.env["res.company"].create({
            "name": name, "country_id": country_xmlid and cls.env.ref(country_xmlid).id,
            "resource_calendar_id": cls.shared.id,
        })

    def _rows(self, country_xmlid, subdivision, year):
        return self.Holiday.search([
            ("country_id", "=", self.env.ref(country_xmlid).id),
            ("subdivision", "=", subdivision),
            ("date", ">=", date(year, 1, 1)), ("date", "<=", date(year, 12, 31)),
        ])

    def _bcal(self, company, day):
        return company._cq_business_calendar([day])

    # ------------------------------------------------------------------
    # Shared calendar: Colombia and Mexico
    # ------------------------------------------------------------------
    @freeze_time("2026-01-30 16:00:00")
    def test_shared_calendar_example_of_the_issue(self):
        # Friday 2026-01-30 11:00 in Bogotá (the calendar's time zone): filed that day.
        # Mexico: Monday 2 February (Constitution Day) is a holiday -> 3-6 (4), 9-13 (9), 16-20 (14), 23 (15).
        case_mx = self._case("2026-01-30 16:00:00", company=self.group_mx, pqrs_type=self.complaint)
        self.assertEqual(case_mx.date_radicated, date(2026, 1, 30))
        self.assertEqual(case_mx.date_due, date(2026, 2, 23))
        # Colombia: no holiday until 23 March -> 2-6 (5), 9-13 (10), 16-20 (15): not shifted by Mexico's 2 February.
        case_co = self._case("2026-01-30 16:00:00", company=self.group_co, pqrs_type=self.complaint)
        self.assertEqual(case_co.date_radicated, date(2026, 1, 30))
        self.assertEqual(case_co.date_due, date(2026, 2, 20))
        # the calendar holds no holiday of either country
        self.assertFalse(self.env["resource.calendar.leaves"].search_count([("calendar_id", "=", self.shared.id)]))

    @freeze_time("2026-03-13 15:00:00")
    def test_shared_calendar_neither_shifted(self):
        # Friday 2026-03-13 10:00 Bogotá, petition of 15 business days.
        # Colombia: 16-20 (5), Monday 23 San José, 24-27 (9), 30, 31, 1 April (12), Maundy Thursday 2 and
        # Good Friday 3 April, 6, 7, 8 (15) -> Wednesday 8 April.
        case_co = self._case("2026-03-13 15:00:00", company=self.group_co)
        self.assertEqual(case_co.date_due, date(2026, 4, 8))
        # Mexico: Monday 16 Benito Juárez, 17-20 (4), 23-27 (9), 30 March - 3 April (14), 6 (15): the Colombian
        # 23 March, 2 and 3 April do not count for it.
        case_mx = self._case("2026-03-13 15:00:00", company=self.group_mx)
        self.assertEqual(case_mx.date_due, date(2026, 4, 6))
        bcal_mx = self._bcal(self.group_mx, date(2026, 3, 13))
        self.assertFalse(bcal_mx.is_business_day(date(2026, 3, 16)))
        self.assertTrue(bcal_mx.is_business_day(date(2026, 3, 23)))
        bcal_co = self._bcal(self.group_co, date(2026, 3, 13))
        self.assertTrue(bcal_co.is_business_day(date(2026, 3, 16)))
        self.assertFalse(bcal_co.is_business_day(date(2026, 3, 23)))

    def test_calendar_leaves_still_count_generated_holidays_do_not(self):
        Leave = self.env["resource.calendar.leaves"]
        # a public holiday written into the calendar by the former loader: ignored
        Leave.create({
            "name": "Día festivo (antiguo)", "calendar_id": self.shared.id, "company_id": self.group_co.id,
            "date_from": "2026-02-05 05:00:00", "date_to": "2026-02-06 04:59:59", "cq_holiday_date": "2026-02-05",
        })
        self.assertTrue(self._bcal(self.group_mx, date(2026, 2, 1)).is_business_day(date(2026, 2, 5)))
        # a day off of the shared calendar itself: counts for every company using it
        Leave.create({
            "name": "Cierre por inventario", "calendar_id": self.shared.id,
            "date_from": "2026-02-10 05:00:00", "date_to": "2026-02-11 04:59:59",
        })
        # a company-wide day off without calendar: only for its company
        day_off = Leave.with_company(self.group_co).create({
            "name": "Jornada de la empresa", "calendar_id": False,
            "date_from": "2026-02-12 05:00:00", "date_to": "2026-02-13 04:59:59",
        })
        self.assertEqual(day_off.company_id, self.group_co)
        bcal_mx = self._bcal(self.group_mx, date(2026, 2, 1))
        bcal_co = self._bcal(self.group_co, date(2026, 2, 1))
        self.assertFalse(bcal_mx.is_business_day(date(2026, 2, 10)))
        self.assertFalse(bcal_co.is_business_day(date(2026, 2, 10)))
        self.assertTrue(bcal_mx.is_business_day(date(2026, 2, 12)))
        self.assertFalse(bcal_co.is_business_day(date(2026, 2, 12)))

    # ------------------------------------------------------------------
    # Regions: Spanish autonomous communities
    # ------------------------------------------------------------------
    def test_region_from_state(self):
        self.assertEqual(self.madrid.cq_holiday_region, "MD")  # province M -> Comunidad de Madrid
        self.assertEqual(self.barcelona.cq_holiday_region, "CT")  # province B -> Cataluña
        self.assertFalse(self.company_es.cq_holiday_region, "no state: national holidays only")
        self.assertFalse(self.group_mx.cq_holiday_region)

    @freeze_time("2026-06-23 08:00:00")
    def test_regional_holiday(self):
        # Saint John the Baptist, Wednesday 24 June 2026: a holiday in Catalonia, not in Madrid
        self.assertIn(date(2026, 6, 24), holidays.country_holidays("ES", subdiv="CT", years=2026))
        self.assertNotIn(date(2026, 6, 24), holidays.country_holidays("ES", subdiv="MD", years=2026))
        self.assertNotIn(date(2026, 6, 24), holidays.country_holidays("ES", years=2026))
        # Tuesday 2026-06-23 10:00 in Madrid, petition of 15 business days:
        # Madrid: 24-26 (3), 29 June - 3 July (8), 6-10 (13), 13, 14 (15) -> Tuesday 14 July
        case_md = self._case("2026-06-23 08:00:00", company=self.madrid)
        self.assertEqual(case_md.date_due, date(2026, 7, 14))
        # Barcelona: 24 is a holiday -> 25, 26 (2), 29 June - 3 July (7), 6-10 (12), 13-15 (15) -> 15 July
        case_ct = self._case("2026-06-23 08:00:00", company=self.barcelona)
        self.assertEqual(case_ct.date_due, date(2026, 7, 15))
        # and the other way round: Maundy Thursday 2 April 2026 is a holiday in Madrid, not in Catalonia
        self.assertFalse(self._bcal(self.madrid, date(2026, 3, 30)).is_business_day(date(2026, 4, 2)))
        self.assertTrue(self._bcal(self.barcelona, date(2026, 3, 30)).is_business_day(date(2026, 4, 2)))
        # a Spanish company without region gets neither
        bcal_es = self._bcal(self.company_es, date(2026, 3, 30))
        self.assertTrue(bcal_es.is_business_day(date(2026, 4, 2)))
        self.assertTrue(bcal_es.is_business_day(date(2026, 6, 24)))
        self.assertFalse(bcal_es.is_business_day(date(2026, 4, 3)))  # Good Friday, national

    def test_region_must_be_known(self):
        with self.assertRaisesRegex(ValidationError, "does not know the region XX of Spain"):
            self.madrid.cq_holiday_region = "XX"
        with self.assertRaisesRegex(ValidationError, "does not know the region CT of Mexico"):
            self.group_mx.cq_holiday_region = "CT"
        self.madrid.cq_holiday_region = "AN"
        self.assertFalse(self._bcal(self.madrid, date(2026, 11, 1)).is_business_day(date(2026, 11, 2)))

    def test_settings_region(self):
        settings = self.env["res.config.settings"].with_company(self.barcelona).create({})
        self.assertEqual(settings.cq_holiday_region, "CT")
        self.assertIn(("MD", "Madrid (MD)"), settings._fields["cq_holiday_region"]._description_selection(
            settings.env))
        settings.cq_holiday_region = "MD"
        settings.execute()
        self.assertEqual(self.barcelona.cq_holiday_region, "MD")

    # ------------------------------------------------------------------
    # Loading
    # ------------------------------------------------------------------
    def test_loading_twice_creates_no_duplicate(self):
        spain = self.env.ref("base.es")
        self.Holiday._cq_load(spain, "CT", [2026])
        self.Holiday._cq_load(spain, "CT", [2026])
        rows = self._rows("base.es", "CT", 2026)
        expected = holidays.country_holidays("ES", subdiv="CT", years=2026)
        self.assertEqual(len(rows), len(expected))
        self.assertEqual(set(rows.mapped("date")), set(expected))
        self.assertIn(date(2026, 9, 11), rows.mapped("date"))  # National Day of Catalonia
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"):
            self.Holiday.create({"name": "Diada", "country_id": spain.id, "subdivision": "CT",
                                 "date": "2026-09-11"})
            self.env.flush_all()
        national = self._rows("base.es", False, 2026)
        self.Holiday._cq_load(spain, False, [2026])
        self.Holiday._cq_load(spain, False, [2026])
        self.assertEqual(len(self._rows("base.es", False, 2026)), len(holidays.country_holidays("ES", years=2026)))
        self.assertTrue(national <= self._rows("base.es", False, 2026))

    def test_loaded_lazily_per_year(self):
        self.assertFalse(self._rows("base.co", False, 2031), "no case needed 2031 yet")
        # a day decreed by hand before the year is loaded does not count as the year loaded
        self.Holiday.create({"name": "Día cívico", "country_id": self.env.ref("base.co").id, "date": "2031-03-04"})
        bcal = self._bcal(self.group_co, date(2031, 3, 3))  # the term reaches September 2031 at most
        self.assertFalse(bcal.is_business_day(date(2031, 3, 4)))
        self.assertFalse(bcal.is_business_day(date(2031, 5, 1)), "Labour Day loaded from the package")
        package = self._rows("base.co", False, 2031).filtered(lambda row: row.origin == "package")
        self.assertEqual(len(package), len(holidays.country_holidays("CO", years=2031)))
        self.assertFalse(self._rows("base.co", False, 2032))
        self.assertFalse(self._rows("base.mx", False, 2031), "never mixed between countries")

    def test_cron_loads_every_company(self):
        with freeze_time("2030-06-01 12:00:00"):
            self.env["resource.calendar"]._cron_cq_load_public_holidays()
        for xmlid, region in (("base.co", False), ("base.mx", False), ("base.es", "MD"), ("base.es", "CT"),
                              ("base.es", False)):
            self.assertTrue(self._rows(xmlid, region, 2030), f"{xmlid} {region} 2030")
            self.assertTrue(self._rows(xmlid, region, 2031), f"{xmlid} {region} 2031")
        self.assertFalse(self._rows("base.es", "AN", 2030), "only the regions of the companies")
        self.assertEqual(self.shared.cq_holiday_years.split(",")[-2:], ["2030", "2031"])

    # ------------------------------------------------------------------
    # Bad input and history
    # ------------------------------------------------------------------
    def test_company_without_country(self):
        nowhere = self._create_shared_company("Sin País S.A.S.", False)
        self.env.user.company_ids |= nowhere
        # a term simply counts no public holidays (2 February is a working day)
        self.assertTrue(self._bcal(nowhere, date(2026, 2, 1)).is_business_day(date(2026, 2, 2)))
        # asking for its holidays is an error that says what to do
        settings = self.env["res.config.settings"].with_company(nowhere).create({})
        self.assertIn("Set a country on the company", settings.cq_holiday_status)
        with self.assertRaisesRegex(UserError, "Set a country on Sin País S.A.S. to load its public holidays"):
            settings.action_cq_load_public_holidays()
        with self.assertRaisesRegex(UserError, "Set a country on Sin País S.A.S."):
            self.shared.action_cq_load_public_holidays()

    def test_country_unknown_to_the_package(self):
        freedonia = self.env["res.country"].create({"name": "Freedonia", "code": "XZ"})
        self.group_mx.country_id = freedonia
        self.assertTrue(self._bcal(self.group_mx, date(2026, 2, 1)).is_business_day(date(2026, 2, 2)))
        settings = self.env["res.config.settings"].with_company(self.group_mx).create({})
        self.assertIn("no public holidays for Freedonia", settings.cq_holiday_status)
        with self.assertRaisesRegex(UserError, "The holidays package has no public holidays for Freedonia"):
            settings.action_cq_load_public_holidays()

    def test_user_error_in_spanish(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["customer_quality"], ["es_ES"], overwrite=True)
        self.group_mx.country_id = False
        with self.assertRaisesRegex(UserError, "Indique un país"):
            self.shared.with_context(lang="es_ES").action_cq_load_public_holidays()

    @freeze_time("2026-01-30 16:00:00")
    def test_frozen_dates_do_not_move(self):
        case = self._case("2026-01-30 16:00:00", company=self.group_mx, pqrs_type=self.complaint)
        self.assertEqual(case.date_due, date(2026, 2, 23))
        # a holiday decreed later, inside the term
        self.Holiday.create({"name": "Duelo nacional", "country_id": self.env.ref("base.mx").id,
                             "date": "2026-02-10"})
        case.invalidate_recordset()
        self.assertEqual(case.date_due, date(2026, 2, 23), "history is not rewritten")
        later = self._case("2026-01-30 16:00:00", company=self.group_mx, pqrs_type=self.complaint)
        self.assertEqual(later.date_due, date(2026, 2, 24), "new cases count the new holiday")


@tagged("post_install", "-at_install")
class TestPublicHolidayConcurrency(TransactionCase):
    """Two workers loading the same year at once, each in its own committed
    transaction: neither fails, no row is duplicated."""

    YEAR = 2097

    def _cleanup(self):
        with self.registry.cursor() as cr:
            cr.execute(SQL("DELETE FROM cq_public_holiday WHERE date BETWEEN %s AND %s",
                           date(self.YEAR, 1, 1), date(self.YEAR, 12, 31)))

    def test_parallel_loads(self):
        self.addCleanup(self._cleanup)
        country_id = self.env.ref("base.co").id
        errors, barrier = [], threading.Barrier(4, timeout=60)

        def worker():
            try:
                with self.registry.cursor() as cr:
                    # the registry is locked while the tests run: hand it over, as Odoo's workers hold it
                    cr.transaction = api.Transaction(self.registry)
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    barrier.wait()
                    env["cq.public.holiday"]._cq_load(env["res.country"].browse(country_id), False, [self.YEAR])
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(error)

        threads = [threading.Thread(target=worker) for _i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        self.assertFalse(errors)
        with self.registry.cursor() as cr:
            cr.execute(SQL(
                "SELECT count(*), count(DISTINCT date) FROM cq_public_holiday "
                "WHERE country_id = %s AND subdivision IS NULL AND date BETWEEN %s AND %s",
                country_id, date(self.YEAR, 1, 1), date(self.YEAR, 12, 31),
            ))
            count, distinct = cr.fetchone()
        expected = len(holidays.country_holidays("CO", years=self.YEAR))
        self.assertEqual((count, distinct), (expected, expected))
