from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_pqrs import PqrsCommon

SUBJECT = "Demora en la entrega del pedido 4512"
SIMILAR = "Otra vez demora en la entrega del pedido 4512"
# _cq_suggest_reiterations(), whatever the number of cases: the UPDATE that
# finds and stores the suggestions, reading the cases (earlier ones included)
# for the notes, the batch INSERT of the chatter notes
SUGGEST_QUERIES = 4


@tagged("post_install", "-at_install")
class TestPqrsReiteration(PqrsCommon):
    """Reiterative petitions (Ley 1755 de 2015, art. 19): suggestion in one
    query, link or dismiss, answer by reference."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_customer = cls.env["res.partner"].create({"name": "Otro Cliente", "email": "otro@example.com"})
        cls.contact = cls.env["res.partner"].create(
            {"name": "Contacto del Cliente", "parent_id": cls.customer.id, "email": "contacto@example.com"}
        )
        # only the cases of the tests wait for the acknowledgement job (demo cases do, too)
        cls.env["cq.pqrs"].search([("ack_pending", "=", True)]).ack_pending = False

    def _filed(self, received, subject, pqrs_type=None, **values):
        """File a case, then run the job that follows filing: the
        acknowledgement, and with it the search for a reiteration."""
        with freeze_time(received):
            case = self._case(received, pqrs_type=pqrs_type or self.complaint, subject=subject, **values)
            self.assertFalse(case.reiteration_of_id, "filing itself does not search")
            self.env["cq.pqrs"]._cron_send_acknowledgements()
        self.assertFalse(case.ack_pending)
        return case

    def _check_suggestions(self):
        earlier = self._filed("2026-05-04 14:00:00", SUBJECT)
        self.assertFalse(earlier.reiteration_of_id)
        # same customer company (another of its contacts), same type, similar subject
        again = self._filed("2026-05-11 14:00:00", SIMILAR, partner_id=self.contact.id)
        self.assertEqual(again.reiteration_of_id, earlier)
        self.assertFalse(again.reiteration_confirmed, "a suggestion only")
        note = again.message_ids.filtered(lambda message: "Possible reiteration" in str(message.body))
        self.assertEqual(len(note), 1)
        self.assertIn(earlier.name, note.body)
        # no suggestion for another type, another customer or another subject
        self.assertFalse(self._filed("2026-05-11 14:00:00", SIMILAR, pqrs_type=self.petition).reiteration_of_id)
        self.assertFalse(
            self._filed("2026-05-11 14:00:00", SIMILAR, partner_id=self.other_customer.id).reiteration_of_id
        )
        self.assertFalse(self._filed("2026-05-11 14:00:00", "Factura con un valor errado").reiteration_of_id)
        # without a contact: the same email, normalized
        by_email = self._filed("2026-05-04 14:00:00", SUBJECT, partner_id=False, email_from="Ana <ANA@Example.com>")
        again_by_email = self._filed("2026-05-12 14:00:00", SIMILAR, partner_id=False, email_from=" ana@example.com")
        self.assertEqual(again_by_email.reiteration_of_id, by_email)
        self.assertFalse(
            self._filed("2026-05-12 14:00:00", SIMILAR, partner_id=False, email_from="luis@example.com")
            .reiteration_of_id
        )

    def test_suggestion_with_trigrams(self):
        self.assertTrue(self.env.registry.has_trigram, "pg_trgm is created by the addon here")
        self._check_suggestions()

    def test_suggestion_with_full_text_search(self):
        """Where pg_trgm cannot be created, the words of the subjects decide."""
        with patch.object(self.env.registry, "has_trigram", False):
            self._check_suggestions()

    def test_suggestion_query_count_constant(self):
        Pqrs = self.env["cq.pqrs"]
        customers = self.env["res.partner"].create([{"name": f"Cliente {i}"} for i in range(50)])
        with freeze_time("2026-05-04 14:00:00"):
            earlier = Pqrs.create([
                {"subject": f"{SUBJECT} lote {i}", "type_id": self.complaint.id, "partner_id": customer.id,
                 "company_id": self.company_co.id} for i, customer in enumerate(customers)
            ])
        with freeze_time("2026-05-11 14:00:00"):
            cases = Pqrs.create([
                {"subject": f"{SIMILAR} lote {i}", "type_id": self.complaint.id, "partner_id": customer.id,
                 "company_id": self.company_co.id} for i, customer in enumerate(customers)
            ])
        self.assertFalse(cases.reiteration_of_id, "filing does not search: the acknowledgement job does")
        cases._cq_suggest_reiterations()
        self.assertEqual(cases.mapped("reiteration_of_id"), earlier, "each case finds its own earlier case")

        def unsuggest(batch):
            self.env.cr.execute("UPDATE cq_pqrs SET reiteration_of_id = NULL WHERE id IN %s", [tuple(batch.ids)])
            Pqrs.invalidate_model()
            batch.fetch(["reiteration_confirmed"])

        unsuggest(cases[-1])
        cases[-1]._cq_suggest_reiterations()  # the author of the notes and the company in the cache
        for batch in (cases[:1], cases):
            unsuggest(batch)
            with self.assertQueryCount(SUGGEST_QUERIES):
                suggested = batch._cq_suggest_reiterations()
            self.assertEqual(suggested, batch)
        self.assertEqual(cases.mapped("reiteration_of_id"), earlier)

    def test_find_link_dismiss(self):
        earlier = self._filed("2026-05-04 14:00:00", SUBJECT)
        again = self._filed("2026-05-11 14:00:00", SIMILAR)
        self.assertEqual(again.reiteration_of_id, earlier)
        again.with_user(self.user).action_dismiss_reiteration()
        self.assertFalse(again.reiteration_of_id)
        self.assertEqual(again.reiteration_dismissed_ids, earlier)
        result = again.with_user(self.user).action_find_reiterations()
        self.assertFalse(again.reiteration_of_id, "a dismissed case is not suggested again")
        self.assertEqual(result["tag"], "display_notification")
        third = self._filed("2026-05-12 14:00:00", SIMILAR)
        self.assertEqual(third.reiteration_of_id, again, "the most similar earlier case")
        third.with_user(self.user).action_link_reiteration()
        self.assertTrue(third.reiteration_confirmed)
        self.assertIn(
            third, self.env["cq.pqrs"].search([("reiteration_of_id", "!=", False), ("id", "=", third.id)]),
            "the Reiterations filter",
        )
        with self.assertRaisesRegex(UserError, "linked as a reiteration, its earlier case is answered"):
            third.with_user(self.user).action_answer_by_reference()

    def test_answer_by_reference(self):
        earlier = self._filed("2026-05-04 14:00:00", SUBJECT)
        earlier.answer = "<p>El pedido 4512 se reenvió el 8 de mayo con la guía 998.</p>"
        with freeze_time("2026-05-08 15:00:00"):
            earlier.action_send_answer()
        again = self._filed("2026-05-11 14:00:00", SIMILAR)
        self.assertEqual(again.reiteration_of_id, earlier)
        self.assertFalse(again.reiteration_answerable, "linked first")
        again.with_user(self.user).action_link_reiteration()
        self.assertTrue(again.reiteration_answerable)
        again.with_user(self.user).action_answer_by_reference()
        self.assertIn(earlier.name, again.answer)
        self.assertIn("05/04/2026", again.answer, "the earlier filing date")
        self.assertIn("05/08/2026", again.answer, "the earlier answer date")
        self.assertIn("guía 998", again.answer, "the earlier answer")
        self.assertIn(f"As {again.type_id._cq_step('reiteration').legal_basis} allows", again.answer)
        with freeze_time("2026-05-12 15:00:00"):
            again.with_user(self.user).action_send_answer()
        self.assertEqual(again.state, "answered")
        letter = self.env["ir.actions.report"]._render_qweb_html(
            "customer_quality.cq_pqrs_answer_report_action", again.ids
        )[0].decode()
        self.assertIn(earlier.name, letter, "the letter cites the earlier case")
        self.assertIn("guía 998", letter)

