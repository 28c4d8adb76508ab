"""An establishment keeps its own complaints book: its sheets are numbered per establishment and year,
without gaps, and nothing with sheets is deleted or renumbered."""

import uuid
from datetime import date

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import retrying
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common_pqrs import PqrsCommon
from .common_workers import TwoWorkersCase


@tagged("post_install", "-at_install")
class TestEstablishment(PqrsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_pe = cls._create_company("Calidad Inca S.A.C.", "base.pe", "America/Lima")
        for user in (cls.env.user, cls.user, cls.manager):
            user.company_ids |= cls.company_pe
        cls.claim = cls.env["cq.pqrs.type"]._cq_load_legal_pack("PE", cls.company_pe).filtered(
            lambda t: t.code == "RLR")
        Establishment = cls.env["cq.establishment"].with_company(cls.company_pe)
        cls.miraflores = Establishment.create({"name": "Tienda Miraflores", "book_code": "LIM-01",
                                               "company_id": cls.company_pe.id})
        cls.arequipa = Establishment.create({"name": "Tienda Arequipa", "book_code": "AQP-01",
                                             "company_id": cls.company_pe.id})

    def _sheet(self, received, establishment):
        with freeze_time(received):
            return self._case(received, company=self.company_pe, pqrs_type=self.claim,
                              establishment_id=establishment.id, user_id=False, filer_name="Rosa Quispe",
                              filer_document_type="dni", filer_document="45871236",
                              description="<p>La licuadora no enciende.</p>")

    def test_sheets_numbered_per_establishment_and_year(self):
        first = self._sheet("2026-07-20 14:00:00", self.miraflores)
        second = self._sheet("2026-07-21 14:00:00", self.miraflores)
        other = self._sheet("2026-07-21 15:00:00", self.arequipa)
        self.assertEqual((first.book_number, second.book_number), ("LIM-01-2026-000001", "LIM-01-2026-000002"))
        self.assertEqual(other.book_number, "AQP-01-2026-000001", "each book its own correlative")
        self.assertTrue(first.name.startswith("RLR-2026-"), "the case keeps its own filing number too")
        # received on 31 December after hours: filed, and numbered, in the next year
        late = self._sheet("2026-12-31 23:30:00", self.miraflores)
        self.assertEqual(late.date_radicated, date(2027, 1, 4))
        self.assertEqual(late.book_number, "LIM-01-2027-000001")
        self.assertEqual(self.miraflores.book_sequence_id.implementation, "no_gap")
        self.assertEqual(self.miraflores.pqrs_count, 3)
        self.assertEqual(self.miraflores.action_view_pqrs()["domain"], [("establishment_id", "=", self.miraflores.id)])
        # a case filed outside any book has no sheet number
        plain = self._case("2026-07-22 14:00:00", company=self.company_pe, pqrs_type=self.claim, user_id=False)
        self.assertFalse(plain.book_number)

    def test_history_is_kept(self):
        self._sheet("2026-07-20 14:00:00", self.miraflores)
        with self.assertRaisesRegex(UserError, "archive it instead"):
            self.miraflores.unlink()
        with self.assertRaisesRegex(UserError, "cannot change"):
            self.miraflores.book_code = "LIM-99"
        self.miraflores.action_archive()
        with self.assertRaisesRegex(UserError, "archived"):
            self._sheet("2026-07-21 14:00:00", self.miraflores)
        # an establishment without sheets may be renamed, recoded and deleted
        self.arequipa.book_code = "AQP-02"
        self.assertEqual(self.arequipa.book_sequence_id.prefix, "AQP-02-%(range_year)s-")
        self.arequipa.unlink()

    def test_bad_codes_are_refused(self):
        Establishment = self.env["cq.establishment"].with_company(self.company_pe)
        for code in (" ", "LIM 01", "LIM/01"):
            with self.subTest(code=code), self.assertRaises(ValidationError), self.cr.savepoint():
                Establishment.create({"name": "Otra", "book_code": code, "company_id": self.company_pe.id})
        with mute_logger("odoo.sql_db"), self.assertRaises(Exception), self.cr.savepoint():
            Establishment.create({"name": "Repetida", "book_code": "LIM-01", "company_id": self.company_pe.id})
        # another company may use the same code
        other = Establishment.with_company(self.company_co).create(
            {"name": "Sede Bogotá", "book_code": "LIM-01", "company_id": self.company_co.id})
        self.assertTrue(other.book_sequence_id)


@tagged("post_install", "-at_install")
class TestEstablishmentTwoWorkers(TwoWorkersCase):
    """Two workers file sheets in the same book at once: each gets its own number, none is skipped."""

    def _committed_book(self):
        code = f"T{uuid.uuid4().hex[:6].upper()}"
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            establishment = env["cq.establishment"].create({"name": "Tienda concurrente", "book_code": code})
            ids = (establishment.id, establishment.book_sequence_id.id)
        self.addCleanup(self._cleanup, *ids)
        return ids[0]

    def _cleanup(self, establishment_id, sequence_id):
        with self._cursor() as cr:
            cr.execute(SQL("SELECT id FROM cq_pqrs WHERE establishment_id = %s", establishment_id))
            case_ids = tuple(row[0] for row in cr.fetchall()) or (0,)
            self._delete_cases(cr, case_ids)
            cr.execute(SQL("DELETE FROM mail_message WHERE model = 'cq.establishment' AND res_id = %s",
                           establishment_id))
            cr.execute(SQL("DELETE FROM cq_establishment WHERE id = %s", establishment_id))
            # the stored flag the establishment set on its company (deleted by SQL, not recomputed)
            cr.execute("UPDATE res_company c SET cq_has_book = EXISTS("
                       "SELECT 1 FROM cq_establishment e WHERE e.company_id = c.id AND e.active)")
            cr.execute(SQL("DELETE FROM ir_sequence_date_range WHERE sequence_id = %s", sequence_id))
            cr.execute(SQL("DELETE FROM ir_sequence WHERE id = %s", sequence_id))

    def test_two_workers_never_share_nor_skip_a_sheet_number(self):
        establishment_id = self._committed_book()

        def file_a_sheet(env):
            # as Odoo runs a request: retried after a lock or serialization error
            def create():
                env["cq.pqrs"].create({
                    "subject": "Reclamo concurrente", "channel": "web_form", "filer_name": "Consumidor",
                    "email_from": "consumidor@example.com", "establishment_id": establishment_id,
                    "type_id": env.ref("customer_quality.cq_pqrs_type_claim").id,
                })
            retrying(create, env)

        errors = self._run_at_once(file_a_sheet)
        self.assertFalse(errors)
        with self._cursor() as cr:
            cr.execute(SQL("SELECT book_number FROM cq_pqrs WHERE establishment_id = %s ORDER BY book_number",
                           establishment_id))
            numbers = [row[0].rsplit("-", 1)[1] for row in cr.fetchall()]
        self.assertEqual(numbers, ["000001", "000002"])
