from datetime import date

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import CustomerQualityCommon
from .common_tour import EnglishAdminTour


@tagged("post_install", "-at_install")
class TestCustomerRequirement(CustomerQualityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Requirement = cls.env["cq.customer.requirement"]
        cls.customer = cls.env["res.partner"].create(
            {"name": "Gases del Caribe S.A.", "is_company": True, "customer_state": "captive"}
        )
        cls.other = cls.env["res.partner"].create({"name": "Otra Empresa S.A.S.", "is_company": True})
        cls.contract = cls.env["cq.contract"].create(
            {"title": "Suministro anual", "partner_id": cls.customer.id, "date_start": "2026-01-01",
             "date_end": "2026-12-31", "amount": 1000.0}
        )

    def _requirement(self, **values):
        return self.Requirement.with_user(self.user).create(
            {"name": "Entrega en 48 horas", "partner_id": self.customer.id, **values}
        )

    def test_workflow(self):
        requirement = self._requirement(requirement_class="expected", priority="should", source="rfq")
        self.assertEqual(
            (requirement.state, requirement.date_identified), ("identified", fields.Date.context_today(requirement))
        )
        requirement.action_agree()
        self.assertEqual((requirement.state, requirement.agreed_by_id), ("agreed", self.user))
        with self.assertRaises(UserError):
            requirement.action_agree()
        requirement.action_mark_met()
        self.assertEqual((requirement.state, requirement.closed_by_id), ("met", self.user))
        requirement.action_mark_not_met()
        self.assertEqual(requirement.state, "not_met")
        requirement.action_reset()
        self.assertEqual(requirement.state, "agreed")
        requirement.action_withdraw()
        self.assertEqual(requirement.state, "withdrawn")
        with self.assertRaises(UserError):
            requirement.action_mark_met()
        with self.assertRaises(UserError):
            requirement.unlink()
        requirement.active = False  # archived, never deleted
        self.assertFalse(self.Requirement.search([("id", "=", requirement.id)]))

    def test_met_needs_evidence_when_the_company_requires_it(self):
        self.env["ir.config_parameter"].sudo().set_param("customer_quality.requirement_evidence_required", "True")
        requirement = self._requirement()
        requirement.action_agree()
        with self.assertRaises(UserError):
            requirement.action_mark_met()
        requirement.evidence_note = "Remisiones firmadas de enero a marzo"
        requirement.action_mark_met()
        self.assertEqual(requirement.state, "met")

    def test_documents_of_another_customer_are_refused(self):
        other_contract = self.env["cq.contract"].create(
            {"title": "Ajeno", "partner_id": self.other.id, "date_start": "2026-01-01", "amount": 10.0}
        )
        with self.assertRaises(ValidationError):
            self._requirement(contract_id=other_contract.id)
        order = self._create_order(self.other)
        with self.assertRaises(ValidationError):
            self._requirement(sale_order_id=order.id)
        # the customer comes from the document when not given
        requirement = self.Requirement.create({"name": "Del contrato", "contract_id": self.contract.id})
        self.assertEqual(requirement.partner_id, self.customer)

    def test_confirmation_asks_for_required_requirements(self):
        order = self._create_order(self.customer)
        required = self._requirement(sale_order_id=order.id, name="Certificado de calidad por lote")
        self._requirement(sale_order_id=order.id, requirement_class="potential", name="Portal de trazabilidad")
        with self.assertRaisesRegex(UserError, "Certificado de calidad por lote"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        required.action_agree()
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_changes_of_an_agreed_requirement_are_tracked_and_notified(self):
        requirement = self._requirement(user_id=self.manager.id)
        requirement.action_agree()
        self.flush_tracking()
        requirement.with_user(self.user).write({"name": "Entrega en 24 horas", "priority": "could"})
        self.flush_tracking()
        requirement = requirement.sudo()
        tracked = requirement.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("name", tracked)
        self.assertIn("priority", tracked)
        activity = requirement.activity_ids
        self.assertEqual((len(activity), activity.user_id), (1, self.manager))
        notice = requirement.message_ids.filtered(lambda m: self.manager.partner_id in m.partner_ids)
        self.assertTrue(notice, "the responsible is notified")
        # before agreement nothing is notified
        draft = self._requirement(user_id=self.manager.id)
        draft.with_user(self.user).name = "Cambio libre"
        self.assertFalse(draft.activity_ids)

    def test_met_rate_of_a_contract_and_its_review(self):
        states = ["met", "met", "not_met", "agreed", "identified", "withdrawn"]
        for index, state in enumerate(states):
            requirement = self._requirement(contract_id=self.contract.id, name=f"R{index}")
            if state != "identified":
                requirement.action_agree() if state != "withdrawn" else requirement.action_withdraw()
            if state == "met":
                requirement.action_mark_met()
            elif state == "not_met":
                requirement.action_mark_not_met()
        self.assertEqual(
            (self.contract.requirement_agreed_count, self.contract.requirement_met_count,
             self.contract.requirement_met_rate),
            (4, 2, 50.0),
        )
        review = self.env["cq.contract.review"]._create_reviews([(self.contract, date(2027, 1, 1))])
        self.assertEqual((review.requirement_agreed_count, review.requirement_met_count), (4, 2))
        self.assertEqual(self.customer.cq_requirement_count, 6)

    def test_counters_query_count_is_flat(self):
        contracts = self.env["cq.contract"].create([
            {"title": f"C{n}", "partner_id": self.customer.id, "date_start": "2026-01-01", "amount": 1.0}
            for n in range(3)
        ])

        def add(count):
            requirements = self.Requirement.create([
                {"name": f"R{n}", "contract_id": contracts[n % 3].id} for n in range(count)
            ])
            requirements.action_agree()
            requirements[: count // 2].action_mark_met()

        def measure():
            self.env.invalidate_all()
            contracts.mapped("requirement_met_rate")
            (self.customer | self.other).mapped("cq_requirement_count")

        add(10)
        measure()
        with self.assertQueryCount(3):
            measure()
        add(490)
        with self.assertQueryCount(3):
            measure()
        self.assertEqual(sum(contracts.mapped("requirement_met_count")), 5 + 245)

    def test_portal_sees_only_published_requirements_of_its_company(self):
        portal = mail_new_test_user(self.env, login="req_portal", name="Portal Caribe", groups="base.group_portal")
        portal.partner_id.parent_id = self.customer
        outsider = mail_new_test_user(self.env, login="req_outsider", name="Portal Otro", groups="base.group_portal")
        outsider.partner_id.parent_id = self.other
        internal = self._requirement(name="Margen interno")
        published = self._requirement(name="Entrega 48 h", is_published=True)
        Requirement = self.Requirement.with_user(portal)
        self.assertEqual(Requirement.search([]), published)
        with self.assertRaises(AccessError):
            internal.with_user(portal).read(["name"])
        with self.assertRaises(AccessError):
            published.with_user(portal).write({"name": "Cambiado"})
        self.assertFalse(self.Requirement.with_user(outsider).search([]))


@tagged("post_install", "-at_install")
class TestInterestedParty(CustomerQualityCommon):
    def _party(self, **values):
        return self.env["cq.interested.party"].with_user(self.manager).create(
            {"name": "Superintendencia de Industria y Comercio", "party_type": "regulators",
             "monitoring": "report", "frequency": "yearly", "user_id": self.user.id, **values}
        )

    def test_review_dates_and_reminders(self):
        with freeze_time("2026-03-01 12:00:00"):
            with self.assertRaises(ValidationError):
                self._party(date_next_review="2026-02-01")  # in the past
            party = self._party(date_next_review="2026-03-15")
            with self.assertRaises(ValidationError):
                party.write({"date_last_review": "2026-03-20"})  # next must follow last
        Party = self.env["cq.interested.party"]
        with freeze_time("2026-03-10 12:00:00"):
            self.assertFalse(Party._cron_remind_reviews())
        with freeze_time("2026-03-16 12:00:00"):
            self.assertTrue(party.is_review_due)
            self.assertIn(party, Party.search([("is_review_due", "=", True)]))
            self.assertEqual(Party._cron_remind_reviews(), party)
            self.assertFalse(Party._cron_remind_reviews(), "reminded once")
        self.assertEqual(len(party.activity_ids), 1)
        self.assertEqual(party.activity_ids.user_id, self.user)
        with freeze_time("2026-03-17 12:00:00"):
            party.with_user(self.user).action_mark_reviewed()
        self.assertEqual((party.date_last_review, party.date_next_review), (date(2026, 3, 17), date(2027, 3, 17)))
        self.assertFalse(party.activity_ids, "the review closes the reminder")
        with self.assertRaises(UserError):
            party.unlink()

    def test_users_read_managers_edit(self):
        party = self._party(date_next_review="2099-01-01")
        self.assertEqual(party.with_user(self.user).read(["name"])[0]["name"], party.name)
        with self.assertRaises(AccessError):
            party.with_user(self.user).write({"needs": "Otra"})
        with self.assertRaises(AccessError):
            party.with_user(self.plain_user).read(["name"])


@tagged("post_install", "-at_install")
class TestRequirementTour(EnglishAdminTour, HttpCase):
    def test_quotation_requirements_tour(self):
        partner = self.env["res.partner"].create({"name": "Cliente Requisitos Tour", "is_company": True})
        product = self.env["product.product"].create({"name": "Oxígeno industrial", "list_price": 80})
        order = self.env["sale.order"].create(
            {"partner_id": partner.id, "order_line": [(0, 0, {"product_id": product.id})]}
        )
        order.cq_review_line_ids.write({"checked": True})
        self.start_tour(
            f"/odoo/action-sale.action_quotations_with_onboarding/{order.id}",
            "cq_quotation_requirements_tour",
            login="admin",
        )
        requirement = order.cq_requirement_ids
        self.assertEqual(len(requirement), 1)
        self.assertEqual(
            (requirement.name, requirement.requirement_class, requirement.state, requirement.partner_id),
            ("Quality certificate with every batch", "required", "agreed", partner),
        )
        self.assertEqual(order.state, "sale")
