"""An establishment keeps its own complaints book: its sheets are numbered per establishment and year,
without gaps, and nothing with sheets is deleted or renumbered."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_pqrs import PqrsCommon


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
                              establishment_id=establishment.id, user_id=False)

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
