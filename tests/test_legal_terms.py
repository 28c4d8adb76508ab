from datetime import date, datetime

from freezegun import freeze_time
from pytz import UTC, timezone

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.customer_quality.models import cq_legal_term as legal_term

from .common_pqrs import PqrsCommon


@tagged("post_install", "-at_install")
class TestLegalTerms(PqrsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Type = cls.env["cq.pqrs.type"]
        # GDPR art. 12.3: one month, extendable by two months with notice
        cls.gdpr = Type.create({
            "name": "Derechos RGPD", "code": "DP", "term": 1, "term_unit": "months", "escalation_days": 5,
            "extension_max": 2, "extension_unit": "months",
        })
        cls.calendar_days = Type.create({
            "name": "Reclamo en días calendario", "code": "CD", "term": 10, "term_unit": "calendar_days",
            "escalation_days": 2,
        })
        # Ley 1581 de 2012, art. 14: consultas 10 business days, extendable by 5 once
        cls.habeas_consulta = Type.create({
            "name": "Consulta habeas data", "code": "HC", "term": 10, "escalation_days": 2,
            "extension_max": 5,
        })

    def _file(self, received, pqrs_type, company=None):
        with freeze_time(received):
            return self._case(received, company=company, pqrs_type=pqrs_type)

    def _day_off(self, company, day, name="Día sin servicio"):
        """A day off for the whole company calendar (no resource): what a public holiday is."""
        local = timezone(company.resource_calendar_id.tz)
        start = datetime.combine(day, datetime.min.time())
        self.env["resource.calendar.leaves"].create({
            "name": name,
            "calendar_id": company.resource_calendar_id.id,
            "company_id": company.id,
            "resource_id": False,
            "date_from": local.localize(start).astimezone(UTC).replace(tzinfo=None),
            "date_to": local.localize(start.replace(hour=23, minute=59, second=59)).astimezone(UTC).replace(
                tzinfo=None),
        })

    # ------------------------------------------------------------------
    # Each unit
    # ------------------------------------------------------------------
    def test_madrid_gdpr_request_in_months(self):
        # Friday 2026-01-30 10:00 in Madrid (09:00 UTC): filed that day; 2026-02-30 does not exist ->
        # 28 February, a Saturday -> Monday 2 March, due at 17:00 in Madrid (16:00 UTC)
        case = self._file("2026-01-30 09:00:00", self.gdpr, company=self.company_es)
        self.assertEqual(case.date_radicated, date(2026, 1, 30))
        self.assertEqual((case.term, case.term_unit), (1, "months"))
        self.assertEqual((case.term_days, case.term_hours), (0, 0))
        self.assertEqual(case.date_due, date(2026, 3, 2))
        self.assertEqual(case.date_deadline, datetime(2026, 3, 2, 16, 0))
        self.assertEqual(case.date_escalation, date(2026, 2, 23), "5 business days before the due date")
        self.assertEqual(case._cq_term_label(), "1 month")

    def test_months_at_month_ends(self):
        # Friday 2025-01-31 in Bogotá: 1 month later is 28 February 2025, a Friday
        case = self._file("2025-01-31 14:00:00", self.gdpr)
        self.assertEqual((case.date_radicated, case.date_due), (date(2025, 1, 31), date(2025, 2, 28)))
        # leap year: Monday 2028-01-31 -> Tuesday 29 February 2028
        case = self._file("2028-01-31 14:00:00", self.gdpr)
        self.assertEqual((case.date_radicated, case.date_due), (date(2028, 1, 31), date(2028, 2, 29)))
        # the engine itself: 31 January 2026 + 1 month is 28 February, a Saturday -> Monday 2 March;
        # 31 March + 1 month -> 30 April
        bcal = self.company_co._cq_business_calendar([date(2026, 1, 31)])
        self.assertEqual(legal_term.add_term(bcal, date(2026, 1, 31), 1, "months"), date(2026, 3, 2))
        self.assertEqual(legal_term.add_term(bcal, date(2026, 3, 31), 1, "months"), date(2026, 4, 30))
        self.assertEqual(legal_term.add_term(bcal, date(2026, 1, 31), 3, "months"), date(2026, 4, 30))

    def test_the_calendar_reaches_as_far_as_a_term_needs(self):
        """Callers give the dates they have; the business calendar reads further years when a term
        or a count back reaches them: no horizon to size."""
        bcal = self.company_co._cq_business_calendar([date(2026, 12, 20)])
        self.assertEqual((bcal.first_year, bcal.last_year), (2026, 2026))
        # 24 months from 20 December 2026: Wednesday 20 December 2028
        self.assertEqual(legal_term.add_term(bcal, date(2026, 12, 20), 24, "months"), date(2028, 12, 20))
        self.assertEqual(bcal.last_year, 2028)
        # 30 business days from 20 December 2026 cross the new year and its holidays
        later = bcal.add_business_days(date(2026, 12, 20), 30)
        self.assertEqual(bcal.business_days_between(date(2026, 12, 20), later), 30)
        self.assertFalse(bcal.is_business_day(date(2027, 1, 1)))
        # back across a year it has not read: 10 business days before 8 January 2026
        bcal = self.company_co._cq_business_calendar([date(2026, 1, 8)])
        self.assertEqual(bcal.first_year, 2026)
        self.assertEqual(bcal.subtract_business_days(date(2026, 1, 8), 10), date(2025, 12, 23))
        self.assertEqual(bcal.first_year, 2025)

    def test_calendar_days(self):
        # Wednesday 2026-03-04 09:00 in Bogotá: + 10 calendar days = Saturday 14 -> Monday 16
        case = self._file("2026-03-04 14:00:00", self.calendar_days)
        self.assertEqual(case.date_radicated, date(2026, 3, 4))
        self.assertEqual(case.date_due, date(2026, 3, 16))
        self.assertEqual(case.date_deadline, datetime(2026, 3, 16, 22, 0))
        self.assertEqual(case.date_escalation, date(2026, 3, 12))
        # received after working hours: filed the next business day, counted from there
        case = self._file("2026-03-04 22:30:00", self.calendar_days)
        self.assertEqual((case.date_radicated, case.date_due), (date(2026, 3, 5), date(2026, 3, 16)))
        # a due day on a business day stays
        self.calendar_days.term = 8
        case = self._file("2026-03-04 14:00:00", self.calendar_days)
        self.assertEqual(case.date_due, date(2026, 3, 12))

    def test_due_day_on_a_holiday_moves_to_the_next_business_day(self):
        self._day_off(self.company_co, date(2026, 3, 16))
        case = self._file("2026-03-04 14:00:00", self.calendar_days)
        self.assertEqual(case.date_due, date(2026, 3, 17), "Saturday 14, Sunday 15, day off 16")
        # months: 2026-03-04 + 1 month = Saturday 4 April... a day off on Monday 6 too
        self._day_off(self.company_co, date(2026, 4, 6))
        case = self._file("2026-03-04 14:00:00", self.gdpr)
        self.assertEqual(case.date_due, date(2026, 4, 7))

    def test_business_days_as_before(self):
        # Friday 2026-03-20 18:30 in Bogotá: filed Tuesday 24 (23 is a holiday), due the 15th business day
        case = self._file("2026-03-20 23:30:00", self.petition)
        self.assertEqual((case.term, case.term_unit, case.term_days), (15, "business_days", 15))
        self.assertEqual((case.date_radicated, case.date_due), (date(2026, 3, 24), date(2026, 4, 16)))

    def test_hours(self):
        emergency = self.env.ref("customer_quality.cq_pqrs_type_emergency")
        self.assertEqual((emergency.term, emergency.term_unit, emergency.term_hours), (4, "hours", 4))
        # Saturday 2026-03-07 23:30 in Bogotá: filed at once, due 4 hours later
        case = self._file("2026-03-08 04:30:00", emergency)
        self.assertEqual((case.term, case.term_unit), (4, "hours"))
        self.assertEqual(case.date_radicated, date(2026, 3, 7))
        self.assertEqual(case.date_deadline, datetime(2026, 3, 8, 8, 30))
        self.assertEqual(case.date_due, date(2026, 3, 8))
        # suspended for an hour and a half: the deadline moves by that time, day and night
        with freeze_time("2026-03-08 05:00:00"):
            case.action_wait_filer()
        with freeze_time("2026-03-08 06:30:00"):
            case.action_start_analysis()
        self.assertEqual(case.date_deadline, datetime(2026, 3, 8, 10, 0))
        self.assertEqual(case.date_due, date(2026, 3, 8))

    def test_suspension_in_calendar_days(self):
        case = self._file("2026-03-04 14:00:00", self.calendar_days)  # due Monday 16
        with freeze_time("2026-03-05 15:00:00"):
            case.action_wait_filer()
        with freeze_time("2026-03-08 15:00:00"):
            case.action_start_analysis()
        # 3 calendar days suspended: Monday 16 + 3 = Thursday 19
        self.assertEqual(case.suspended_days, 3)
        self.assertEqual(case.date_due, date(2026, 3, 19))
        self.assertEqual(case.date_deadline, datetime(2026, 3, 19, 22, 0))

    # ------------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------------
    def test_bad_terms(self):
        Type = self.env["cq.pqrs.type"]
        for values in (
            {"term": 0, "term_unit": "months"},
            {"term": -3, "term_unit": "calendar_days"},
            # hours are for emergencies, 24/7
            {"term": 48, "term_unit": "hours"},
            # an hour extension of a term in months
            {"term": 1, "term_unit": "months", "extension_max": 12, "extension_unit": "hours"},
            # a day extension of a term in hours
            {"term": 4, "term_unit": "hours", "is_emergency": True, "extension_max": 1,
             "extension_unit": "business_days"},
            {"term": 1, "term_unit": "months", "extension_max": -1},
            {"term": 1, "term_unit": "months", "extension_max_count": 0},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                Type.create({"name": "Mal plazo", "code": "ZZ", **values})
        # no extension at all: no count needed
        Type.create({"name": "Sin prórroga", "code": "NX", "term": 1, "term_unit": "months",
                     "extension_allowed": False, "extension_max_count": 0})
        with self.assertRaises(ValidationError):
            self.gdpr.term = 0

    def test_bad_input_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["customer_quality"], ["es_ES"], overwrite=True)
        Type = self.env["cq.pqrs.type"].with_context(lang="es_ES")
        with self.assertRaisesRegex(ValidationError, "mayor que cero"):
            Type.create({"name": "Mal plazo", "code": "ZZ", "term": 0, "term_unit": "months"})
        self.assertEqual(Type._cq_format_term(15, "business_days"), "15 días hábiles")
        self.assertEqual(Type._cq_format_term(1, "months"), "1 mes")
        with self.assertRaisesRegex(ValidationError, "no puede prorrogarse en horas"):
            Type.create({"name": "Mal plazo", "code": "ZZ", "term": 1, "term_unit": "months",
                         "extension_max": 12, "extension_unit": "hours"})

    # ------------------------------------------------------------------
    # Extensions
    # ------------------------------------------------------------------
    def test_extension_up_to_the_term_again_once(self):
        seeded = self.petition
        self.assertEqual(
            (seeded.extension_allowed, seeded.extension_max_count, seeded.extension_max), (True, 1, 0)
        )
        self.assertFalse(self.env.ref("customer_quality.cq_pqrs_type_emergency").extension_allowed)
        case = self._file("2026-03-02 14:00:00", self.petition)  # due 2026-03-24
        self.assertTrue(case.extension_available)
        with freeze_time("2026-03-20 15:00:00"):
            self.assertEqual(case._cq_extension_limit(), (15, "business_days"))
            case._cq_extend(15, "Análisis de laboratorio")
        self.assertEqual(case.date_due, date(2026, 4, 16))  # 15 business days after 24 March
        self.assertEqual((case.extension_term, case.extension_unit, case.extension_days), (15, "business_days", 15))
        self.assertFalse(case.extension_available)

    def test_extension_in_business_days_limited(self):
        # Ley 1581: consulta 10 business days + 5, once
        case = self._file("2026-03-02 14:00:00", self.habeas_consulta)
        self.assertEqual(case.date_due, date(2026, 3, 16))
        with freeze_time("2026-03-12 15:00:00"):
            with self.assertRaisesRegex(UserError, "5 business days"):
                case._cq_extend(6, "Verificación de la base de datos")
            case._cq_extend(5, "Verificación de la base de datos")
        self.assertEqual(case.date_due, date(2026, 3, 24), "Monday 23 March is a holiday")
        self.assertEqual(case.date_due_original, date(2026, 3, 16))
        with freeze_time("2026-03-13 15:00:00"), self.assertRaisesRegex(UserError, "already"):
            case._cq_extend(1, "Otra vez")

    def test_extension_in_months_from_the_wizard(self):
        case = self._file("2026-01-30 09:00:00", self.gdpr, company=self.company_es)  # due 2026-03-02
        with freeze_time("2026-02-25 10:00:00"):
            wizard = self.env["cq.pqrs.extension.wizard"].with_context(default_pqrs_id=case.id).create(
                {"reason": "Solicitud compleja (RGPD art. 12.3)"}
            )
            self.assertEqual((wizard.days, wizard.unit, wizard.max_days), (2, "months", 2))
            # 2 March + 2 months = Saturday 2 May -> Monday 4 May
            self.assertEqual(wizard.new_date_due, date(2026, 5, 4))
            wizard.days = 3
            self.assertFalse(wizard.new_date_due, "more than the rule allows")
            wizard.days = 2
            wizard.action_extend()
        self.assertEqual(case.date_due, date(2026, 5, 4))
        self.assertEqual(case.date_deadline, datetime(2026, 5, 4, 15, 0), "17:00 in Madrid, summer time")
        self.assertEqual((case.extension_term, case.extension_unit, case.extension_days), (2, "months", 0))
        notice = case.message_ids.filtered(lambda m: "RGPD art. 12.3" in (m.body or ""))
        self.assertEqual(len(notice), 1, "the filer is told")
        self.assertIn("2 months", str(notice.body))

    def test_extension_count_and_maximum_in_another_unit(self):
        # 15 business days, extended at most twice, by 20 calendar days together
        self.petition.write({"extension_max_count": 2, "extension_max": 20, "extension_unit": "calendar_days"})
        case = self._file("2026-03-02 14:00:00", self.petition)  # due Tuesday 2026-03-24
        with freeze_time("2026-03-20 15:00:00"):
            self.assertEqual(case._cq_extension_limit(), (20, "calendar_days"))
            case._cq_extend(12, "Primera prórroga")
        self.assertEqual(case.date_due, date(2026, 4, 6), "24 March + 12 days = Sunday 5 April -> Monday 6")
        self.assertTrue(case.extension_available)
        with freeze_time("2026-04-01 15:00:00"):
            with self.assertRaisesRegex(UserError, "8 calendar days"):
                case._cq_extend(9, "Segunda prórroga")
            case._cq_extend(8, "Segunda prórroga")
        self.assertEqual(case.date_due, date(2026, 4, 14))
        self.assertEqual((case.extension_count, case.extension_term), (2, 20))
        self.assertFalse(case.extension_available)
        with freeze_time("2026-04-02 15:00:00"), self.assertRaisesRegex(UserError, "already"):
            case._cq_extend(1, "Tercera")

    def test_extension_not_allowed(self):
        self.calendar_days.extension_allowed = False
        case = self._file("2026-03-04 14:00:00", self.calendar_days)
        self.assertFalse(case.extension_available)
        with freeze_time("2026-03-05 15:00:00"), self.assertRaises(UserError):
            case._cq_extend(1, "No se puede")

    # ------------------------------------------------------------------
    # History never moves
    # ------------------------------------------------------------------
    def test_history_never_moves(self):
        case = self._file("2026-01-30 09:00:00", self.gdpr, company=self.company_es)
        frozen = (case.date_radicated, case.term, case.term_unit, case.date_due, case.date_deadline,
                  case.date_escalation)
        self.gdpr.write({"term": 20, "term_unit": "business_days", "extension_max": 0, "extension_unit": False})
        self.petition.term_days = 10  # the terms of before units still write
        self.assertEqual((self.petition.term, self.petition.term_unit), (10, "business_days"))
        case.invalidate_recordset()
        self.assertEqual(
            (case.date_radicated, case.term, case.term_unit, case.date_due, case.date_deadline,
             case.date_escalation),
            frozen,
        )
        later = self._file("2026-01-30 09:00:00", self.gdpr, company=self.company_es)
        self.assertEqual((later.term, later.term_unit), (20, "business_days"))
        self.assertEqual(later.date_due, date(2026, 2, 27))
