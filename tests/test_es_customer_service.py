"""What the Spanish customer-service law asks a company to show its customers:
the out-of-court dispute body on the letters of the consumer claims, in the
filer's language, and no suspension of the service while a claim about it is
open (a warning on the customer, their orders and invoices, and a filter)."""

from odoo.tests import tagged

from .common import load_spanish
from .common_pqrs import PqrsCommon

DISPUTE_BODY = "Junta Arbitral de Consumo de Madrid"


@tagged("post_install", "-at_install")
class TestEsCustomerService(PqrsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env, "es_ES")
        cls.company_es.partner_id.lang = "es_ES"
        cls.company_es.write({
            "cq_dispute_body_name": DISPUTE_BODY,
            "cq_dispute_body_address": "Calle Ronda de Atocha 17, 28012 Madrid",
            "cq_dispute_body_website": "https://www.comunidad.madrid/arbitraje-consumo",
        })
        types = cls.env["cq.pqrs.type"]._cq_load_legal_pack("ES", cls.company_es)
        cls.service_claim = types.filtered(lambda t: t.code == "SAC")
        cls.gdpr = types.filtered(lambda t: t.code == "RGPD")
        cls.spanish = cls.env["res.partner"].create(
            {"name": "Lucía Martín", "email": "lucia@example.com", "lang": "es_ES"}
        )
        cls.english = cls.env["res.partner"].create(
            {"name": "John Smith", "email": "john@example.com", "lang": "en_US"}
        )

    def _es_case(self, partner, pqrs_type=None):
        return self._case("2026-11-02 10:00:00", company=self.company_es, pqrs_type=pqrs_type or self.service_claim,
                          partner_id=partner.id)

    def _acknowledgement(self, case):
        template = self.env.ref("customer_quality.mail_template_cq_pqrs_acknowledgement")
        return template._render_field("body_html", case.ids, compute_lang=True)[case.id]

    def _answer_letter(self, case):
        case.write({"answer": "<p>Le devolvemos el importe cobrado de más.</p>",
                    "root_cause_id": self.env["cq.pqrs.root.cause"].search([], limit=1).id,
                    "root_cause_analysis": "Error de facturación"})
        case.with_user(self.manager).action_send_answer()
        return self.env["ir.actions.report"]._render_qweb_html(
            "customer_quality.cq_pqrs_answer_report", case.ids
        )[0].decode()

    def test_letters_name_the_dispute_body_in_the_filers_language(self):
        self.assertTrue(self.service_claim.shows_dispute_body and self.service_claim.keeps_service)
        spanish = self._acknowledgement(self._es_case(self.spanish))
        self.assertIn("Entidad de resolución extrajudicial", spanish)
        self.assertIn(DISPUTE_BODY, spanish)
        self.assertIn("https://www.comunidad.madrid/arbitraje-consumo", spanish)
        self.assertNotIn("Out-of-Court Dispute Body", spanish)
        english = self._acknowledgement(self._es_case(self.english))
        self.assertIn("Out-of-Court Dispute Body", english)
        self.assertIn(DISPUTE_BODY, english)
        self.assertNotIn("Entidad de resolución", english)
        # the answer letter
        letter = self._answer_letter(self._es_case(self.spanish))
        self.assertIn("Resolución extrajudicial de conflictos:", letter)
        self.assertIn(DISPUTE_BODY, letter)
        letter = self._answer_letter(self._es_case(self.english))
        self.assertIn("Out-of-court dispute resolution:", letter)

    def test_types_that_do_not_show_it_and_companies_without_one(self):
        self.assertFalse(self.gdpr.shows_dispute_body)
        self.assertNotIn(DISPUTE_BODY, self._acknowledgement(self._es_case(self.spanish, self.gdpr)))
        self.company_es.cq_dispute_body_name = False
        body = self._acknowledgement(self._es_case(self.spanish))
        self.assertNotIn("Entidad de resolución extrajudicial", body)
        self.assertNotIn("Ronda de Atocha", body, "no address without a body")

    def test_open_service_claim_warns_on_customer_orders_and_invoices(self):
        customer = self.env["res.partner"].create({"name": "Hogar Norte S.L.", "is_company": True})
        person = self.env["res.partner"].create({"name": "Ana Norte", "parent_id": customer.id, "lang": "es_ES"})
        other = self.env["res.partner"].create({"name": "Sin reclamos S.L.", "is_company": True})
        # the sales and accounting of the database's company (the test companies have no chart)
        order = self.env["sale.order"].create({"partner_id": customer.id})
        invoice = self.env["account.move"].create({"move_type": "out_invoice", "partner_id": customer.id})
        records = customer | person | other
        self.assertFalse(any(records.mapped("cq_service_claim_open")))
        # a data protection request does not keep the service on
        self._es_case(person, self.gdpr)
        records.invalidate_recordset(["cq_service_claim_open"])
        self.assertFalse(customer.cq_service_claim_open)
        claim = self._es_case(person)
        for record in (customer, person, order, invoice):
            record.invalidate_recordset(["cq_service_claim_open"])
            self.assertTrue(record.cq_service_claim_open, record)
        self.assertFalse(other.cq_service_claim_open)
        # the filters list them, and only them
        Partner = self.env["res.partner"]
        self.assertEqual(Partner.search([("id", "in", records.ids), ("cq_service_claim_open", "=", True)]),
                         customer | person)
        self.assertEqual(Partner.search([("id", "in", records.ids), ("cq_service_claim_open", "=", False)]), other)
        self.assertEqual(self.env["sale.order"].search([("cq_service_claim_open", "=", True),
                                                        ("id", "=", order.id)]), order)
        self.assertEqual(self.env["account.move"].search([("cq_service_claim_open", "=", True),
                                                          ("id", "=", invoice.id)]), invoice)
        self.assertIn(claim, self.env["cq.pqrs"].search(customer.action_cq_open_service_claims()["domain"]))
        # answered: the warning goes
        claim.write({"answer": "<p>Resuelto.</p>", "root_cause_id": self.env["cq.pqrs.root.cause"].search([], limit=1).id,
                    "root_cause_analysis": "Error de facturación"})
        claim.with_user(self.manager).action_send_answer()
        for record in (customer, order, invoice):
            record.invalidate_recordset(["cq_service_claim_open"])
            self.assertFalse(record.cq_service_claim_open, record)

    def test_warning_in_spanish_on_the_form(self):
        """The warning as a Spanish-speaking employee reads it on the customer's form."""
        customer = self.env["res.partner"].create({"name": "Hogar Sur S.L.", "is_company": True})
        self._es_case(customer)
        arch = self.env["res.partner"].with_context(lang="es_ES").get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("Reclamación abierta: no se debe suspender el servicio", arch)
