from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common_pqrs import PqrsCommon


@tagged("post_install", "-at_install")
class TestPqrsWarranty(PqrsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.regulator = cls.env["product.product"].create(
            {"name": "Regulador de presión", "list_price": 100.0, "cq_warranty_months": 12,
             "cq_warranty_conditions": "Uso con gases no corrosivos."}
        )
        with freeze_time("2026-01-15 15:00:00"):
            cls.order = cls.env["sale.order"].with_company(cls.company_co).create({
                "partner_id": cls.customer.id, "company_id": cls.company_co.id,
                "order_line": [(0, 0, {"product_id": cls.regulator.id, "product_uom_qty": 1})],
            })
            cls.order.cq_review_line_ids.write({"checked": True})
            cls.order.action_confirm()
        cls.line = cls.order.order_line
        cls.warranty_type = cls.env.ref("customer_quality.cq_pqrs_type_warranty")

    def _claim(self, received, **values):
        return self._case(received, pqrs_type=self.warranty_type, sale_line_id=self.line.id, **values)

    def test_validity_on_boundary_dates(self):
        # ordered 2026-01-15 (Bogotá): 12 months cover up to 2027-01-14 included
        last_day = self._claim("2027-01-14 22:00:00")  # 17:00 in Bogotá
        self.assertEqual((last_day.warranty_start, last_day.warranty_expiry), (date(2026, 1, 15), date(2027, 1, 14)))
        self.assertTrue(last_day.under_warranty)
        # 2027-01-15 03:00 UTC is still the 14th in Bogotá: the local day counts
        self.assertTrue(self._claim("2027-01-15 03:00:00").under_warranty)
        self.assertFalse(self._claim("2027-01-15 14:00:00").under_warranty, "the day after the last day")

    def test_contract_overrides_the_product(self):
        contract = self.env["cq.contract"].create({
            "title": "Suministro con garantía extendida", "partner_id": self.customer.id,
            "company_id": self.company_co.id, "date_start": "2026-01-01", "amount": 100.0,
            "warranty_months": 24,
        })
        self.order.cq_contract_id = contract
        claim = self._claim("2027-06-01 15:00:00")
        self.assertEqual(claim.warranty_expiry, date(2028, 1, 14))
        self.assertTrue(claim.under_warranty)

    def test_warranty_starts_on_the_local_day_of_the_order(self):
        # 2026-03-01 02:30 UTC is still February 28 in Bogotá, where the company works
        self.order.date_order = "2026-03-01 02:30:00"
        claim = self._claim("2026-06-01 15:00:00")
        self.assertEqual((claim.warranty_start, claim.warranty_expiry), (date(2026, 2, 28), date(2027, 2, 27)))

    def test_corrected_terms_follow(self):
        """A corrected order date or contract warranty updates the cases that name the line."""
        claim = self._claim("2027-02-01 15:00:00")
        self.assertFalse(claim.under_warranty)
        self.order.date_order = "2026-03-01 15:00:00"
        self.assertEqual(claim.warranty_expiry, date(2027, 2, 28))
        self.assertTrue(claim.under_warranty)
        contract = self.env["cq.contract"].create({
            "title": "Garantía corta", "partner_id": self.customer.id, "company_id": self.company_co.id,
            "date_start": "2026-01-01", "amount": 100.0, "warranty_months": 6,
        })
        self.order.cq_contract_id = contract
        self.assertEqual(claim.warranty_expiry, date(2026, 8, 31))
        contract.warranty_months = 24
        self.assertEqual(claim.warranty_expiry, date(2028, 2, 29))

    def test_product_shows_its_cases(self):
        template = self.regulator.product_tmpl_id
        self.assertEqual(template.cq_pqrs_count, 0)
        claims = self._claim("2026-03-02 15:00:00") | self._claim("2026-03-03 15:00:00")
        self.assertEqual(claims.product_id, self.regulator, "the product of the order line")
        template.invalidate_recordset(["cq_pqrs_count"])
        self.assertEqual(template.cq_pqrs_count, 2)
        claims[0]._cq_cancel("Duplicado")
        template.invalidate_recordset(["cq_pqrs_count"])
        self.assertEqual(template.cq_pqrs_count, 1, "cancelled cases are not counted")
        action = template.action_cq_open_pqrs()
        self.assertEqual(self.env["cq.pqrs"].search(action["domain"]), claims)

    def test_other_customer_lines_and_required_link(self):
        stranger = self.env["res.partner"].create({"name": "Cliente Ajeno", "email": "ajeno@example.com"})
        with self.assertRaises(ValidationError):
            self._claim("2026-03-02 15:00:00", partner_id=stranger.id)
        with self.assertRaises(ValidationError):
            self._case("2026-03-02 15:00:00", pqrs_type=self.warranty_type)  # no line
        # a type without the requirement files without a line and shows no warranty
        case = self._case("2026-03-02 15:00:00")
        self.assertFalse(case.warranty_expiry or case.under_warranty)
