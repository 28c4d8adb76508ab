from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CustomerQualityCommon


@tagged("post_install", "-at_install")
class TestContract(CustomerQualityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Contract = cls.env["cq.contract"]

    def _contract(self, partner=None, **values):
        return self.Contract.create({
            "title": "Mantenimiento anual",
            "partner_id": (partner or self.prospect).id,
            "date_start": "2026-01-01",
            "date_end": "2026-12-31",
            "amount": 12000.0,
            **values,
        })

    def test_number_dates_and_signature(self):
        contract = self._contract()
        self.assertRegex(contract.name, r"^CT-2026-\d{4}$")
        with self.assertRaises(ValidationError):
            self._contract(date_end="2025-12-31")
        with freeze_time("2026-02-03 15:00:00"):
            contract.action_sign()
        self.assertEqual(contract.state, "active")
        self.assertEqual(contract.date_signed, date(2026, 2, 3))
        self.assertEqual(self.prospect.customer_state, "captive", "signing converts the prospect")
        self.assertEqual(self.prospect.cq_conversion_document, contract)
        with self.assertRaises(UserError):
            contract.action_sign()
        with self.assertRaises(UserError):
            contract.unlink()
        contract.action_cancel()
        self.assertEqual(contract.state, "cancelled")

    def test_obligation_on_time_and_in_form(self):
        contract = self._contract()
        Obligation = self.env["cq.contract.obligation"]
        with freeze_time("2026-03-31 12:00:00"):
            on_time = Obligation.create({"contract_id": contract.id, "name": "Informe Q1", "date_due": "2026-03-31",
                                         "date_delivered": "2026-03-30", "in_form": "yes"})
            late = Obligation.create({"contract_id": contract.id, "name": "Visita técnica", "date_due": "2026-03-10",
                                      "date_delivered": "2026-03-12", "in_form": "yes"})
            wrong_form = Obligation.create({"contract_id": contract.id, "name": "Repuestos", "date_due": "2026-03-20",
                                            "date_delivered": "2026-03-20", "in_form": "no",
                                            "deviation": "Llegaron 8 de 10 piezas"})
            pending = Obligation.create({"contract_id": contract.id, "name": "Informe Q2", "date_due": "2026-06-30"})
            overdue = Obligation.create({"contract_id": contract.id, "name": "Capacitación", "date_due": "2026-03-15"})
            self.assertEqual((on_time.is_on_time, on_time.is_fulfilled, on_time.state), (True, True, "fulfilled"))
            self.assertEqual((late.is_on_time, late.is_fulfilled, late.state), (False, False, "delivered"))
            self.assertEqual((wrong_form.is_on_time, wrong_form.is_fulfilled), (True, False))
            self.assertEqual(pending.state, "pending")
            self.assertEqual(overdue.state, "late")
            self.assertFalse(contract.is_fulfilled)
            with self.assertRaises(ValidationError):
                Obligation.create({"contract_id": contract.id, "name": "Futuro", "date_due": "2026-04-30",
                                   "date_delivered": "2026-04-02", "in_form": "yes"})
            with self.assertRaises(ValidationError):
                pending.write({"date_delivered": "2026-03-31", "in_form": "no"})  # deviation missing
            (late | wrong_form | overdue).unlink()
            contract.invalidate_recordset()
            self.assertTrue(contract.is_fulfilled, "every obligation due so far is fulfilled")

    def test_overdue_cron_is_idempotent(self):
        contract = self._contract(user_id=self.user.id)
        contract.action_sign()
        obligation = self.env["cq.contract.obligation"].create(
            {"contract_id": contract.id, "name": "Entrega de planos", "date_due": "2026-03-01"})
        with freeze_time("2026-03-05 12:00:00"):
            self.env["cq.contract.obligation"]._cron_notify_overdue()
            self.env["cq.contract.obligation"]._cron_notify_overdue()
        obligation.invalidate_recordset()
        self.assertTrue(obligation.overdue_notified)
        self.assertEqual(len(obligation.activity_ids), 1)
        self.assertEqual(obligation.activity_ids.user_id, self.user)
        self.assertTrue(obligation.overdue_notified)

    def test_cct_on_known_data(self):
        Obligation = self.env["cq.contract.obligation"]
        self.Contract.search([]).write({"state": "cancelled"})  # keep the known data alone
        with freeze_time("2026-07-15 12:00:00"):
            good = self._contract()
            bad = self._contract()
            later = self._contract()
            cancelled = self._contract()
            Obligation.create([
                {"contract_id": good.id, "name": "A", "date_due": "2026-04-10", "date_delivered": "2026-04-09", "in_form": "yes"},
                {"contract_id": good.id, "name": "B", "date_due": "2026-05-10", "date_delivered": "2026-05-10", "in_form": "yes"},
                {"contract_id": bad.id, "name": "C", "date_due": "2026-04-15", "date_delivered": "2026-04-09", "in_form": "yes"},
                {"contract_id": bad.id, "name": "D", "date_due": "2026-06-01", "date_delivered": "2026-06-05", "in_form": "yes"},
                {"contract_id": later.id, "name": "E", "date_due": "2026-08-01"},
                {"contract_id": cancelled.id, "name": "F", "date_due": "2026-04-01"},
            ])
            cancelled.action_cancel()
        q2 = self.Contract._cq_cct("2026-04-01", "2026-06-30")
        self.assertEqual(q2, {"contracts": 2, "fulfilled": 1, "cct": 50.0})
        april = self.Contract._cq_cct("2026-04-01", "2026-04-30")
        self.assertEqual(april["cct"], 100.0)
        self.assertEqual(self.Contract._cq_cct("2025-01-01", "2025-12-31"), {"contracts": 0, "fulfilled": 0, "cct": None})

    def _invoice(self, contract, amount, move_type="out_invoice", currency=None, partner=None):
        move = self.env["account.move"].create({
            "move_type": move_type,
            "partner_id": (partner or contract.partner_id).id,
            "cq_contract_id": contract.id,
            "currency_id": (currency or self.env.company.currency_id).id,
            "invoice_date": "2026-03-01",
            "invoice_line_ids": [Command.create({"name": "Servicio", "quantity": 1, "price_unit": amount, "tax_ids": []})],
        })
        move.action_post()
        return move

    def _pay(self, move, amount):
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=move.ids).create(
            {"amount": amount, "payment_date": "2026-03-05"})._create_payments()

    def test_invoiced_paid_and_left_to_invoice(self):
        contract = self._contract(amount=10000.0)
        first = self._invoice(contract, 4000.0)
        self._invoice(contract, 3000.0)
        refund = self._invoice(contract, 500.0, move_type="out_refund")
        self._pay(first, 1500.0)
        self._pay(refund, 500.0)
        contract.invalidate_recordset()
        self.assertEqual(contract.invoice_count, 3)
        self.assertAlmostEqual(contract.amount_invoiced, 6500.0)
        self.assertAlmostEqual(contract.amount_paid, 1000.0)  # 1,500 paid minus the 500 refunded
        self.assertAlmostEqual(contract.amount_to_invoice, 3500.0)

        other_currency = self.env["res.currency"].with_context(active_test=False).search(
            [("name", "=", "EUR" if self.env.company.currency_id.name != "EUR" else "USD")])
        other_currency.active = True
        self.env["res.currency.rate"].create({"currency_id": other_currency.id, "name": "2026-01-01",
                                              "rate": 0.5, "company_id": self.env.company.id})
        self._invoice(contract, 100.0, currency=other_currency)  # 100 at 0.5 = 200 in company currency
        contract.invalidate_recordset()
        self.assertAlmostEqual(contract.amount_invoiced, 6700.0)

    def test_invoice_of_another_customer_refused(self):
        contract = self._contract()
        other = self.env["res.partner"].create({"name": "Otro Cliente"})
        with self.assertRaises(ValidationError):
            self._invoice(contract, 100.0, partner=other)

    def test_sale_order_to_contract_to_invoice(self):
        order = self._create_order(self.prospect)
        order.action_confirm()
        order.action_cq_create_contract()
        contract = order.cq_contract_id
        self.assertEqual(contract.partner_id, self.prospect)
        self.assertAlmostEqual(contract.amount, order.amount_total)
        invoice = order._create_invoices()
        self.assertEqual(invoice.cq_contract_id, contract)

    def test_accounting_list_query_count(self):
        def make(count):
            contracts = self.Contract.create([{"title": f"Contrato {i}", "partner_id": self.prospect.id,
                                               "date_start": "2026-01-01", "amount": 1000.0} for i in range(count)])
            for contract in contracts:
                self._invoice(contract, 100.0)
            return contracts
        few = make(5)
        self.env.invalidate_all()
        with self.assertQueryCount(3):
            few.read(["amount_invoiced", "amount_paid", "amount_to_invoice"])
        many = make(195) | few
        self.env.invalidate_all()
        with self.assertQueryCount(3):
            many.read(["amount_invoiced", "amount_paid", "amount_to_invoice"])
        self.assertEqual(sum(many.mapped("amount_invoiced")), 20000.0)
