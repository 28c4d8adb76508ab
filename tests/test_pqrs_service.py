from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged

from .common import form_type
from .common_pqrs import PqrsCommon
from .common_tour import EnglishAdminTour


class ServiceCommon(PqrsCommon):
    """A customer's confirmed and invoiced order of a product with a warranty."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company  # the company with a chart of accounts
        cls.warranty = form_type(cls.env, "customer_quality.cq_pqrs_type_warranty")
        cls.support = cls.env.ref("customer_quality.cq_pqrs_type_support")
        cls.regulator = cls.env["product.product"].create(
            {"name": "Regulador de presión", "list_price": 100.0, "cq_warranty_months": 12,
             "invoice_policy": "order", "taxes_id": [Command.clear()]}
        )
        cls.hose = cls.env["product.product"].create(
            {"name": "Manguera", "list_price": 30.0, "invoice_policy": "order", "taxes_id": [Command.clear()]}
        )
        with freeze_time("2026-01-15 15:00:00"):
            cls.order = cls.env["sale.order"].create({
                "partner_id": cls.customer.id,
                "order_line": [
                    Command.create({"product_id": cls.regulator.id, "product_uom_qty": 2, "price_unit": 100.0}),
                    Command.create({"product_id": cls.hose.id, "product_uom_qty": 1, "price_unit": 30.0}),
                ],
            })
            cls.order.cq_review_line_ids.write({"checked": True})
            cls.order.action_confirm()
            cls.invoice = cls.order._create_invoices()
            cls.invoice.action_post()
        cls.line = cls.order.order_line.filtered(lambda line: line.product_id == cls.regulator)

    def _claim(self, pqrs_type=None, **values):
        values.setdefault("sale_line_id", self.line.id)
        return self._case("2026-03-02 15:00:00", company=self.company, pqrs_type=pqrs_type or self.warranty, **values)


@tagged("post_install", "-at_install")
class TestPqrsService(ServiceCommon):
    """Technical service: diagnosis, interventions, parts, outcome, and the
    credit note or replacement order of a refund or replacement."""

    def test_interventions_and_time_spent(self):
        claim = self._claim()
        Intervention = self.env["cq.pqrs.intervention"]
        with self.assertRaisesRegex(ValidationError, "before the case was filed"):
            Intervention.create({"pqrs_id": claim.id, "date": "2026-03-02 14:59:00", "duration": 1.0})
        Intervention.create([
            {"pqrs_id": claim.id, "date": "2026-03-02 15:00:00", "duration": 1.5, "technician_id": self.user.id},
            {"pqrs_id": claim.id, "date": "2026-03-04 13:00:00", "duration": 1.0},
        ])
        self.assertEqual(claim.intervention_hours, 2.5)
        with self.assertRaises(ValidationError):
            claim.intervention_ids[0].date = "2026-03-01 10:00:00"
        with self.assertRaises(ValidationError):
            claim.intervention_ids[0].duration = -1
        part = self.env["cq.pqrs.part"].create(
            {"pqrs_id": claim.id, "product_id": self.hose.id, "quantity": 1, "role": "used"}
        )
        self.assertEqual(part.uom_id, self.hose.uom_id)
        with self.assertRaises(ValidationError):
            part.quantity = 0

    def test_outcome_before_answer_and_rejection_reason(self):
        claim = self._claim(answer="<p>Revisado.</p>")
        with self.assertRaisesRegex(UserError, "outcome"):
            claim.action_send_answer()
        with self.assertRaisesRegex(ValidationError, "reason"):
            claim.outcome = "rejected"
        claim.write({"outcome": "rejected", "outcome_reason": "Uso con gases corrosivos, excluido por la garantía."})
        claim.action_send_answer()
        self.assertEqual(claim.state, "answered")
        # the record of the answered case is kept
        intervention = self.env["cq.pqrs.intervention"].create({"pqrs_id": claim.id, "duration": 0.5})
        with self.assertRaises(UserError):
            intervention.unlink()
        # a petition needs no outcome
        petition = self._case("2026-03-02 15:00:00", answer="<p>Listo.</p>")
        petition.action_send_answer()
        self.assertEqual(petition.state, "answered")

    def test_refund_opens_a_credit_note_of_the_line(self):
        claim = self._claim(outcome="refunded", outcome_quantity=1)
        action = claim.action_create_credit_note()
        refund = claim.refund_move_ids
        self.assertEqual(len(refund), 1)
        self.assertEqual((action["res_model"], action["res_id"]), ("account.move", refund.id))
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.state, "draft")
        self.assertEqual(refund.reversed_entry_id, self.invoice)
        self.assertEqual(refund.partner_id, self.customer)
        self.assertIn(claim.name, refund.ref)
        self.assertEqual(refund.invoice_line_ids.mapped("product_id"), self.regulator, "only the refunded line")
        self.assertEqual(refund.invoice_line_ids.quantity, 1)
        self.assertEqual(refund.amount_total, 100.0)
        self.assertEqual(self.line.qty_invoiced, 1, "the credit note is linked to the order line")
        self.assertEqual(claim.refund_count, 1)
        # a second click opens the same credit note
        again = claim.action_create_credit_note()
        self.assertEqual(again["res_id"], refund.id)
        self.assertEqual(len(claim.refund_move_ids), 1)
        self.assertIn(f'data-oe-id="{refund.id}"', claim.message_ids[0].body)

    def test_refund_bad_input(self):
        claim = self._claim(outcome="repaired")
        with self.assertRaisesRegex(UserError, "Refunded"):
            claim.action_create_credit_note()
        claim.write({"outcome": "refunded", "outcome_quantity": 3})
        with self.assertRaisesRegex(UserError, "at most"):
            claim.action_create_credit_note()
        uninvoiced = self.env["sale.order"].create({
            "partner_id": self.customer.id,
            "order_line": [Command.create({"product_id": self.regulator.id, "product_uom_qty": 1})],
        })
        uninvoiced.cq_review_line_ids.write({"checked": True})
        uninvoiced.action_confirm()
        claim = self._claim(sale_line_id=uninvoiced.order_line.id, outcome="refunded")
        with self.assertRaisesRegex(UserError, "no posted customer invoice"):
            claim.action_create_credit_note()
        self.assertFalse(self.env["account.move"].search([("cq_pqrs_id", "!=", False)]))
        # a quality user without billing rights is told to ask accounting
        self.assertFalse(self.user.has_group("account.group_account_invoice"))
        with self.assertRaisesRegex(UserError, "billing"):
            self._claim(outcome="refunded").with_user(self.user).action_create_credit_note()

    def test_refund_of_a_whole_invoice(self):
        case = self._case(
            "2026-03-02 15:00:00", company=self.company, pqrs_type=self.support,
            invoice_id=self.invoice.id, outcome="refunded",
        )
        case.action_create_credit_note()
        refund = case.refund_move_ids
        self.assertEqual(refund.reversed_entry_id, self.invoice)
        self.assertEqual(refund.amount_total, self.invoice.amount_total)
        self.assertEqual(refund.state, "draft")

    def test_replacement_opens_a_no_charge_order(self):
        claim = self._claim(outcome="replaced", outcome_quantity=2)
        action = claim.action_create_replacement()
        order = claim.replacement_order_ids
        self.assertEqual(len(order), 1)
        self.assertEqual((action["res_model"], action["res_id"]), ("sale.order", order.id))
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.origin, claim.name)
        self.assertEqual(order.order_line.product_id, self.regulator)
        self.assertEqual(order.order_line.product_uom_qty, 2)
        self.assertEqual(order.amount_total, 0.0, "a replacement is not charged")
        self.assertEqual(claim.replacement_count, 1)
        self.assertEqual(claim.action_create_replacement()["res_id"], order.id, "no second order")
        claim.outcome_quantity = 3
        order.action_cancel()
        with self.assertRaisesRegex(UserError, "at most"):
            claim.action_create_replacement()

    def test_form_records_the_service(self):
        claim = self._claim()
        self.flush_tracking()  # created in an earlier transaction, as in real life
        with Form(claim) as form:
            form.diagnosis = "<p>Diafragma roto.</p>"
            with form.intervention_ids.new() as intervention:
                intervention.date = "2026-03-03 10:00:00"
                intervention.duration = 1.25
            with form.intervention_ids.new() as intervention:
                intervention.date = "2026-03-04 10:00:00"
                intervention.duration = 0.75
            self.assertEqual(form.intervention_hours, 2.0, "the total follows the lines while editing")
            with form.part_ids.new() as part:
                part.product_id = self.hose
                part.role = "replacement"
            form.outcome = "repaired"
        self.assertEqual(claim.intervention_hours, 2.0)
        self.assertEqual(claim.intervention_ids.technician_id, self.env.user)
        self.assertEqual(claim.part_ids.uom_id, self.hose.uom_id)
        self.flush_tracking()
        self.assertIn("outcome", claim.message_ids.tracking_value_ids.field_id.mapped("name"))

    def test_form_fills_the_documents_of_a_line(self):
        with Form(self.env["cq.pqrs"].with_company(self.company)) as form:
            form.subject = "Regulador con fuga"
            form.type_id = self.warranty
            form.sale_line_id = self.line
            self.assertEqual(form.partner_id, self.customer, "the customer of the order")
            self.assertEqual(form.sale_order_id, self.order)
            self.assertEqual(form.product_id, self.regulator)
            form.invoice_line_id = self.invoice.invoice_line_ids.filtered(lambda line: line.product_id == self.hose)
            self.assertEqual(form.invoice_id, self.invoice)
            self.assertEqual(form.product_id, self.regulator, "the order line names the product, as the warranty")
        self.assertTrue(form.record.under_warranty)

    def test_planned_visit_is_an_activity_of_the_technician(self):
        claim = self._claim()
        with freeze_time("2026-03-03 12:00:00"):
            self.env["cq.pqrs.intervention"].create([
                {"pqrs_id": claim.id, "date": "2026-03-05 19:00:00", "technician_id": self.user.id,
                 "description": "Llevar diafragma de repuesto"},
                # done already, or planned by the technician for themself: no reminder
                {"pqrs_id": claim.id, "date": "2026-03-03 11:00:00", "technician_id": self.manager.id},
                {"pqrs_id": claim.id, "date": "2026-03-06 14:00:00", "technician_id": self.env.user.id},
            ])
        activity = claim.activity_ids
        self.assertEqual(activity.user_id, self.user)
        self.assertEqual(activity.date_deadline.isoformat(), "2026-03-05", "the visit's day in the user's time zone")
        self.assertIn("Llevar diafragma de repuesto", activity.note)
        action = self.env["ir.actions.act_window"]._for_xml_id("customer_quality.cq_pqrs_intervention_action")
        visits = self.env["cq.pqrs.intervention"].search([("technician_id", "=", self.user.id)])
        self.assertEqual(visits.partner_id, self.customer)
        self.assertTrue(action["view_mode"].startswith("calendar"))


    def test_assert_raises_regex_rolls_back(self):
        """The suite's assertRaisesRegex undoes what the failed call wrote (the
        intervention created before its date is refused)."""
        claim = self._claim()
        with self.assertRaisesRegex(ValidationError, "before the case was filed"):
            self.env["cq.pqrs.intervention"].create({"pqrs_id": claim.id, "date": "2026-03-01 10:00:00"})
        self.assertFalse(self.env["cq.pqrs.intervention"].search([("pqrs_id", "=", claim.id)]))

@tagged("post_install", "-at_install")
class TestPqrsServiceTour(EnglishAdminTour, ServiceCommon, HttpCase):
    def test_refund_tour(self):
        """In the browser: a visit is recorded, the outcome set to Refunded, and
        one click opens the draft credit note."""
        claim = self._claim(outcome_quantity=1)
        self.start_tour(f"/odoo/action-customer_quality.cq_pqrs_action/{claim.id}", "cq_pqrs_refund_tour",
                        login="admin")
        self.assertEqual(claim.intervention_ids.duration, 1.5)
        self.assertEqual(claim.outcome, "refunded")
        refund = claim.refund_move_ids
        self.assertEqual((refund.move_type, refund.state, refund.reversed_entry_id), ("out_refund", "draft", self.invoice))
        self.assertEqual(refund.invoice_line_ids.product_id, self.regulator)

