"""Storage limitation: the personal data of an ended case is removed once
its type's retention period after closing runs out (or earlier at the data
subject's request), while every figure of the indicators and the register
stays the same; a legal hold keeps a case out of it."""

import base64
import uuid
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import load_spanish
from .common_pqrs import PqrsCommon
from .common_workers import TwoWorkersCase

FIGURES = ["__count", "response_days:sum", "response_days:max", "rating_last_value:sum"]


@tagged("post_install", "-at_install")
class TestPqrsRetention(PqrsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env)
        cls.company_co.partner_id.lang = "es_CO"
        cls.complaint.write({"retention_active": True, "retention_years": 2})
        cls.filer = cls.env["res.partner"].create(
            {"name": "Marta Quejosa", "email": "marta.quejosa@example.com", "phone": "+57 300 555 0101",
             "lang": "es_CO"}
        )
        cls.portal_user = cls.env["res.users"].create({
            "name": "Marta Quejosa", "login": f"marta-{uuid.uuid4().hex[:6]}", "partner_id": cls.filer.id,
            "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])],
        })

    def _ended_case(self, closed_on, **values):
        """A complaint of Marta answered on time, rated and closed on `closed_on`,
        with her messages, an attachment and tracked changes."""
        with freeze_time("2023-03-01 15:00:00"):
            case = self._case(
                "2023-03-01 15:00:00", pqrs_type=self.complaint, partner_id=self.filer.id,
                filer_name="Marta Quejosa", email_from="marta.quejosa@example.com",
                filer_phone="+57 300 555 0101", filer_document="52123456",
                description="<p>Marta Quejosa, calle 10 # 5-20: el televisor llegó roto.</p>",
                **values,
            )
            case.message_subscribe(partner_ids=self.filer.ids)
            case.message_post(
                author_id=self.filer.id, body="Adjunto la foto del televisor, Marta", message_type="comment",
                attachments=[("foto.jpg", b"\xff\xd8 foto de Marta")],
            )
            case.filer_phone = "+57 300 555 0199"
            case.answer = "<p>Señora Marta, cambiamos el televisor.</p>"
            case.root_cause_id = self.env["cq.pqrs.root.cause"].search([], limit=1)
            case.root_cause_analysis = "Golpe en el transporte a la casa de Marta"
        with freeze_time("2023-03-08 15:00:00"):
            case.with_user(self.user).action_send_answer()
            self.env["cq.pqrs"]._cron_send_answers()
        case.rating_ids.write({"rating": 4, "feedback": "Marta: buen servicio", "consumed": True})
        case.with_context(cq_stage_action=True).write(
            {"stage_id": case._stage_for("closed").id, "date_closed": closed_on}
        )
        self.env["ir.attachment"].create({
            "name": "carta de Marta.pdf", "res_model": "cq.pqrs", "res_id": case.id,
            "datas": base64.b64encode(b"%PDF carta"),
        })
        self.flush_tracking()
        return case

    def test_cron_anonymises_only_the_cases_past_their_retention(self):
        old = self._ended_case(datetime(2023, 3, 20, 10, 0))
        recent = self._ended_case(datetime(2025, 6, 20, 10, 0))
        held = self._ended_case(datetime(2023, 3, 20, 10, 0))
        held.with_user(self.manager).write({"legal_hold": True, "legal_hold_reason": "Demanda 2026-77"})
        open_case = self._case("2023-03-01 15:00:00", pqrs_type=self.complaint, filer_name="Abierta")
        facts = {
            case: (case.name, case.date_radicated, case.date_due, case.date_answered, case.date_closed,
                   case.type_id, case.channel, case.ending, case.response_days, case.answered_on_time,
                   case.rating_last_value, case.lookup_code)
            for case in old | recent | held
        }
        figures = self.env["cq.pqrs"]._read_group(
            [("id", "in", (old | recent | held).ids)], ["type_id", "ending", "answered_on_time"], FIGURES
        )
        self.assertEqual(old.retention_until.isoformat(), "2025-03-20")
        with freeze_time("2025-12-01 03:00:00"):
            self.env["cq.pqrs"]._cron_cq_anonymize()
        self.env.invalidate_all()

        # the filer's data, the free texts and the links to the person are gone
        for field in ("filer_name", "email_from", "filer_phone", "filer_document", "description", "answer",
                      "root_cause_analysis", "partner_id", "matched_partner_id"):
            self.assertFalse(old[field], field)
        self.assertEqual(old.subject, "Caso anonimizado", "in the company's language")
        self.assertTrue(old.customer_key.startswith("anon "), "a pseudonym counts the customer once")
        self.assertNotIn(str(self.filer.id), old.customer_key)
        self.assertTrue(old.date_anonymized)
        self.assertFalse(old.retention_until)
        # what the figures and the register count stays
        for case, kept in facts.items():
            self.assertEqual(
                (case.name, case.date_radicated, case.date_due, case.date_answered, case.date_closed,
                 case.type_id, case.channel, case.ending, case.response_days, case.answered_on_time,
                 case.rating_last_value, case.lookup_code),
                kept,
            )
        self.assertEqual(
            self.env["cq.pqrs"]._read_group(
                [("id", "in", (old | recent | held).ids)], ["type_id", "ending", "answered_on_time"], FIGURES
            ),
            figures,
        )
        # the messages are emptied, the tracked personal values and the attachments removed
        texts = " ".join(
            (message.body or "") + (message.subject or "") + (message.email_from or "") + (message.record_name or "")
            for message in old.message_ids[1:]
        )
        self.assertNotIn("Marta", texts)
        self.assertNotIn("555", " ".join(
            str(value) for value in old.message_ids.tracking_value_ids.mapped(
                lambda t: (t.old_value_char, t.new_value_char)
            )
        ))
        self.assertFalse(self.env["ir.attachment"].search([("res_model", "=", "cq.pqrs"), ("res_id", "=", old.id)]))
        self.assertFalse(old.rating_ids.feedback)
        self.assertEqual(old.rating_ids.rating, 4)
        self.assertNotIn(self.filer, old.message_partner_ids)
        # the portal customer no longer sees it
        self.assertFalse(self.env["cq.pqrs"].with_user(self.portal_user).search([("id", "=", old.id)]))
        # the log and the note, in the company's language
        log = self.env["cq.pqrs.anonymization"].search([("case_id", "=", old.id)])
        self.assertEqual(len(log), 1)
        self.assertEqual((log.reason, log.retention_years, log.case_number), ("retention", 2, old.name))
        self.assertGreaterEqual(log.attachment_count, 2)
        self.assertIn("Correo electrónico del peticionario", log.cleared_fields)
        note = old.message_ids[0]
        self.assertIn("Datos personales eliminados (Plazo de conservación vencido)", note.body)
        # the others keep everything
        for case in (recent, held, open_case):
            self.assertFalse(case.date_anonymized)
        self.assertEqual(recent.filer_name, "Marta Quejosa")
        self.assertEqual(held.email_from, "marta.quejosa@example.com")
        self.assertEqual(open_case.filer_name, "Abierta")
        self.assertFalse(self.env["cq.pqrs.anonymization"].search([("case_id", "in", (recent | held).ids)]))
        # a second run finds nothing more
        with freeze_time("2025-12-01 03:00:00"):
            self.env["cq.pqrs"]._cron_cq_anonymize()
        self.assertEqual(self.env["cq.pqrs.anonymization"].search_count([("case_id", "=", old.id)]), 1)

    def test_demo_indicators_stay_the_same(self):
        """Every closed or cancelled case of the demo company anonymised: every
        indicator's facts of the last two years are the same before and after."""
        company = self.env.ref("base.main_company")
        Indicator = self.env["cq.indicator"]
        today = date.today()
        periods = [(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)), (date(today.year, 1, 1), today)]
        periods += [(date(today.year, month, 1), date(today.year, month, 1) + relativedelta(months=1, days=-1))
                    for month in range(1, today.month)]
        before = [Indicator._compute_period_facts(start, end, company) for start, end in periods]
        ended = self.env["cq.pqrs"].search([("company_id", "=", company.id), ("state", "in", ("closed", "cancelled"))])
        self.assertGreater(len(ended), 10, "the demo has ended cases")
        for case in ended:
            case._cq_anonymize("retention")
        self.env.invalidate_all()
        self.assertFalse(ended.filtered("filer_name") or ended.filtered("description"))
        after = [Indicator._compute_period_facts(start, end, company) for start, end in periods]
        self.assertEqual(after, before)

    def test_a_company_customer_stays_linked(self):
        company = self.env["res.partner"].create({"name": "Almacenes Norte S.A.S.", "is_company": True})
        self.filer.parent_id = company
        case = self._ended_case(datetime(2023, 3, 20, 10, 0))
        with freeze_time("2025-12-01 03:00:00"):
            self.env["cq.pqrs"]._cron_cq_anonymize()
        self.assertTrue(case.date_anonymized)
        self.assertEqual(case.partner_id, company, "the customer company, not the person")
        self.assertFalse(case.filer_name)

    def test_erasure_request_by_a_manager(self):
        case = self._ended_case(datetime(2026, 11, 2, 10, 0))
        open_case = self._case("2026-11-02 15:00:00", pqrs_type=self.complaint)
        with self.assertRaises(AccessError):
            case.with_user(self.user).action_cq_anonymize()
        with self.assertRaisesRegex(UserError, "still open"):
            open_case.with_user(self.manager).action_cq_anonymize()
        case.with_user(self.manager).legal_hold = True
        with self.assertRaisesRegex(UserError, "legal hold"):
            case.with_user(self.manager).action_cq_anonymize()
        case.with_user(self.manager).legal_hold = False
        case.with_user(self.manager).action_cq_anonymize()
        self.assertTrue(case.date_anonymized)
        log = self.env["cq.pqrs.anonymization"].search([("case_id", "=", case.id)])
        self.assertEqual((log.reason, log.user_id), ("request", self.manager))
        # once is enough: a second click logs nothing more
        case.with_user(self.manager).action_cq_anonymize()
        self.assertEqual(self.env["cq.pqrs.anonymization"].search_count([("case_id", "=", case.id)]), 1)

    def test_legal_hold_is_a_managers_flag(self):
        case = self._ended_case(datetime(2026, 11, 2, 10, 0))
        with self.assertRaises(AccessError):
            case.with_user(self.user).write({"legal_hold": True})
        with self.assertRaises(AccessError):
            case.with_user(self.user).write({"legal_hold_reason": "x"})
        case.with_user(self.manager).write({"legal_hold": True})
        self.assertTrue(case.legal_hold)

    def test_log_is_kept(self):
        case = self._ended_case(datetime(2026, 11, 2, 10, 0))
        case.with_user(self.manager).action_cq_anonymize()
        log = self.env["cq.pqrs.anonymization"].search([("case_id", "=", case.id)])
        with self.assertRaises(UserError):
            log.unlink()
        with self.assertRaises(UserError):
            log.write({"reason": "retention"})
        with self.assertRaises(AccessError):
            log.with_user(self.user).read(["case_number"])

    def test_retention_years_are_checked(self):
        for years in (0, -1, 101):
            with self.subTest(years=years), self.assertRaises(ValidationError):
                self.complaint.retention_years = years
        self.complaint.write({"retention_active": False, "retention_years": 0})
        with self.assertRaises(ValidationError):
            self.complaint.retention_years = -3

    def test_book_sheet_is_anonymised(self):
        """A closed sheet of a complaints book loses the consumer's data
        without breaking the sheet's minimum-data rule."""
        sheet = self.env.ref("customer_quality.cq_pe_sheet_agreed")
        self.assertEqual(sheet.state, "closed")
        sheet.type_id.write({"retention_active": True, "retention_years": 1})
        sheet.with_context(cq_stage_action=True).date_closed = datetime(2024, 1, 10)
        with freeze_time("2026-12-01 03:00:00"):
            self.env["cq.pqrs"]._cron_cq_anonymize()
        self.assertTrue(sheet.date_anonymized)
        self.assertFalse(sheet.filer_address or sheet.filer_document or sheet.book_agreement)
        self.assertTrue(sheet.book_number, "the sheet keeps its number in the book")


@tagged("post_install", "-at_install")
class TestRetentionTwoWorkers(TwoWorkersCase):
    CASES = 4

    @mute_logger("odoo.sql_db")
    def test_parallel_crons_anonymise_each_case_once(self):
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            Pqrs = env["cq.pqrs"]
            # nothing else is due: only this test's cases are claimable
            Pqrs.flush_model()
            cr.execute(SQL("SELECT COUNT(*) FROM cq_pqrs WHERE %s", Pqrs._cq_retention_claimable()))
            self.assertEqual(cr.fetchone()[0], 0)
            pqrs_type = env["cq.pqrs.type"].create({"name": f"Retención {uuid.uuid4().hex[:6]}", "code": "RT",
                                                    "term": 15, "retention_active": True,
                                                    "retention_years": 1})
            cases = Pqrs.create([
                {"subject": f"Caso viejo {n}", "type_id": pqrs_type.id, "filer_name": "Persona Vieja",
                 "email_from": "vieja@example.com"}
                for n in range(self.CASES)
            ])
            cases.with_context(cq_stage_action=True).write(
                {"stage_id": Pqrs._stage_for("cancelled").id, "cancel_reason": "Duplicado de Persona Vieja"}
            )
            cases.flush_recordset()
            cr.execute(SQL("UPDATE cq_pqrs SET write_date = '2020-01-01' WHERE id IN %s", tuple(cases.ids)))
            ids = (tuple(cases.ids), pqrs_type.id, pqrs_type.sequence_id.id)
        self.addCleanup(self._cleanup, *ids)
        errors = self._run_at_once(lambda env: env["cq.pqrs"]._cron_cq_anonymize())
        self.assertFalse(errors)
        with self._cursor() as cr:
            cr.execute(SQL(
                """SELECT c.id, c.date_anonymized IS NOT NULL, c.filer_name, c.cancel_reason,
                          (SELECT COUNT(*) FROM cq_pqrs_anonymization a WHERE a.case_id = c.id)
                     FROM cq_pqrs c WHERE c.id IN %s""", ids[0],
            ))
            rows = cr.fetchall()
        self.assertEqual(len(rows), self.CASES)
        self.assertEqual({row[1:] for row in rows}, {(True, None, None, 1)}, "each case once, one log each")

    def _cleanup(self, case_ids, type_id, sequence_id):
        with self._cursor() as cr:
            cr.execute(SQL("DELETE FROM cq_pqrs_anonymization WHERE case_id IN %s", case_ids))
            self._delete_cases(cr, case_ids)
            cr.execute(SQL("DELETE FROM cq_pqrs_type WHERE id = %s", type_id))
            cr.execute(SQL("DELETE FROM ir_sequence WHERE id = %s", sequence_id))
