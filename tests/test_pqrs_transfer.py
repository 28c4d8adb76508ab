from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.customer_quality.models.cq_pqrs_acknowledgement import ACK_REPORT

from .common_pqrs import PqrsCommon

FILED = "2026-05-05 14:00:00"  # Tuesday 9:00 in Bogotá
ACK_LINK = "/acknowledgement?access_token="


@tagged("post_install", "-at_install")
class TestPqrsTransfer(PqrsCommon):
    """Transfer to the competent party (the type's transfer step)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.entity = cls.env["res.partner"].create(
            {"name": "Superintendencia de Transporte", "email": "traslados@supertransporte.example.com",
             "lang": "en_US", "is_company": True}
        )
        cls.Wizard = cls.env["cq.pqrs.transfer.wizard"]

    def _filed(self, received=FILED, **values):
        with freeze_time(received):
            return self._case(received, pqrs_type=self.complaint, **values)

    def _transfer(self, case, user, **values):
        wizard = self.Wizard.with_user(user).create(
            {"pqrs_id": case.id, "partner_id": self.entity.id, "reason": "La transportadora responde por el envío.",
             **values}
        )
        return wizard, wizard.action_transfer()

    def _notified(self, message, partner):
        return message.notification_ids.filtered(
            lambda n: n.res_partner_id == partner and n.notification_type == "email"
        )

    def test_limit_is_five_business_days(self):
        case = self._filed()
        self.assertEqual(case.date_radicated, date(2026, 5, 5))
        self.assertEqual(case.transfer_limit, date(2026, 5, 12), "5 business days after filing")
        self.assertEqual(case.transfer_warn_date, date(2026, 5, 8), "business day 3")
        friday = self._filed("2026-05-15 14:00:00")
        # Monday 18 May 2026 is a public holiday in Colombia (Ascensión)
        self.assertEqual(friday.transfer_limit, date(2026, 5, 25))

    def test_transfer_within_the_limit(self):
        case = self._filed(description="<p>El pedido llegó roto por el transporte.</p>")
        document = self.env["ir.attachment"].create(
            {"name": "guia.txt", "raw": b"guia 123", "res_model": "cq.pqrs", "res_id": case.id}
        )
        with freeze_time("2026-05-12 20:00:00"):  # the limit, 15:00 in Bogotá
            self._transfer(case, self.user, attachment_ids=[(6, 0, document.ids)])
        self.assertEqual((case.state, case.ending, case.ended_as), ("closed", "transferred", "transferred"))
        self.assertEqual(case.transfer_partner_id, self.entity)
        self.assertEqual(case.ending_reason, "La transportadora responde por el envío.")
        # the entity: an internal note mailed to it with the case file PDF and the document
        to_entity = case.message_ids.filtered(lambda m: self.entity in m.partner_ids)
        self.assertEqual(len(to_entity), 1)
        self.assertTrue(self._notified(to_entity, self.entity), "emailed to the entity")
        self.assertTrue(to_entity.subtype_id.internal, "not shown to the filer on the portal")
        self.assertFalse(self._notified(to_entity, self.customer), "the documents go to the entity only")
        basis = case.type_id._cq_step("transfer").legal_basis
        self.assertIn(f"Under {basis} we transfer", to_entity.body)
        names = to_entity.attachment_ids.mapped("name")
        self.assertIn(f"Case File {case.name}.pdf", names)
        self.assertIn("guia.txt", names)
        case_file = to_entity.attachment_ids.filtered(lambda a: a.name.startswith("Case File"))
        self.assertIn(b"Superintendencia de Transporte", case_file.raw, "the case file names the entity")
        # the filer is told, citing the transfer step's legal basis and the entity
        to_filer = case.message_ids.filtered(lambda m: self.customer in m.partner_ids)
        self.assertEqual(len(to_filer), 1)
        self.assertTrue(self._notified(to_filer, self.customer))
        self.assertIn(f"Under {basis} we have transferred it", to_filer.body)
        self.assertIn("Superintendencia de Transporte", to_filer.body)
        self.assertIn("transferred to Superintendencia de Transporte", to_filer.subject)
        # counted apart: neither on time nor late
        Pqrs = self.env["cq.pqrs"]
        stats = Pqrs._cq_response_stats(Pqrs._cq_period_domain("2026-05-01", "2026-05-31", self.company_co))[None]
        self.assertEqual((stats["count"], stats["on_time"], stats["transferred"]), (0, 0, 1))

    def test_late_transfer_only_by_a_manager_with_a_reason(self):
        case = self._filed()
        with freeze_time("2026-05-13 15:00:00"):
            wizard = self.Wizard.with_user(self.user).create({"pqrs_id": case.id})
            self.assertTrue(wizard.is_late)
            with self.assertRaisesRegex(UserError, "only a Customer Quality manager"):
                self._transfer(case, self.user, late_reason="Tarde")
            with self.assertRaisesRegex(UserError, "Late Transfer Reason"):
                self._transfer(case, self.manager)
            self.assertEqual(case.state, "new", "nothing happened")
            self._transfer(
                case, self.manager, late_reason="La competencia se conoció con la respuesta del transportador."
            )
        self.assertEqual(case.ending, "transferred")
        self.assertEqual(case.transfer_late_reason, "La competencia se conoció con la respuesta del transportador.")

    def test_bad_input(self):
        case = self._filed()
        other = self._filed()
        foreign = self.env["ir.attachment"].create(
            {"name": "ajeno.txt", "raw": b"x", "res_model": "cq.pqrs", "res_id": other.id}
        )
        with freeze_time("2026-05-06 15:00:00"):
            with self.assertRaisesRegex(UserError, "receiving entity"):
                case.with_user(self.user)._cq_transfer(self.env["res.partner"], "Otra entidad")
            no_email = self.env["res.partner"].create({"name": "Entidad sin correo"})
            with self.assertRaisesRegex(UserError, "Entidad sin correo has no email"):
                case.with_user(self.user)._cq_transfer(no_email, "Otra entidad")
            with self.assertRaisesRegex(UserError, "reason"):
                case.with_user(self.user)._cq_transfer(self.entity, "  ")
            with self.assertRaisesRegex(UserError, "documents of this case"):
                case.with_user(self.user)._cq_transfer(self.entity, "Otra entidad", foreign)
            self.assertEqual(case.state, "new")
            case._cq_cancel("Duplicado")
            with self.assertRaisesRegex(UserError, "no longer open"):
                case.with_user(self.user)._cq_transfer(self.entity, "Otra entidad")

    def test_day_three_activity_once(self):
        case = self._filed()
        answered = self._filed()
        transferred = self._filed()
        old = self._filed("2026-04-06 14:00:00")  # past its limit: not warned any more
        answered.answer = "<p>Listo</p>"
        with freeze_time("2026-05-06 15:00:00"):
            answered.action_send_answer()
            self._transfer(transferred, self.user)
        Pqrs = self.env["cq.pqrs"]
        warnings = self.env["mail.activity"].search
        domain = [("res_model", "=", "cq.pqrs"), ("summary", "like", "Transfer limit")]
        with freeze_time("2026-05-07 15:00:00"):  # business day 2
            Pqrs._cron_warn_transfer_limit()
        self.assertFalse(warnings(domain + [("res_id", "in", (case | answered | transferred | old).ids)]))
        for _run in range(2):
            with freeze_time("2026-05-08 15:00:00"):  # business day 3
                Pqrs._cron_warn_transfer_limit()
            activity = warnings(domain + [("res_id", "=", case.id)])
            self.assertEqual(len(activity), 1, "once per case")
            self.assertEqual((activity.user_id, activity.date_deadline), (self.user, date(2026, 5, 12)))
        self.assertTrue(case.transfer_warned)
        self.assertFalse(warnings(domain + [("res_id", "in", (answered | transferred | old).ids)]))
        self.assertEqual(activity.activity_type_id, self.env.ref("customer_quality.mail_activity_type_cq_transfer_limit"))

    def test_day_three_activity_closes_with_the_case(self):
        """Transferred, the warning is done (kept in the chatter); answered or
        cancelled, it is removed: nobody is asked to transfer a handled case."""
        to_transfer, to_answer, to_cancel = self._filed(), self._filed(), self._filed()
        with freeze_time("2026-05-08 15:00:00"):  # business day 3
            self.env["cq.pqrs"]._cron_warn_transfer_limit()
        warning = self.env.ref("customer_quality.mail_activity_type_cq_transfer_limit")
        cases = to_transfer | to_answer | to_cancel
        self.assertEqual(cases.activity_ids.activity_type_id, warning)
        self.assertEqual(len(cases.activity_ids), 3)
        with freeze_time("2026-05-11 15:00:00"):
            self._transfer(to_transfer, self.user)
            to_answer.answer = "<p>Somos competentes: le respondemos.</p>"
            to_answer.action_send_answer()
            to_cancel._cq_cancel("Duplicado")
        self.assertFalse(cases.activity_ids)
        done = to_transfer.message_ids.filtered(lambda m: m.mail_activity_type_id == warning)
        self.assertEqual(len(done), 1, "the transfer marks the warning done")
        self.assertIn("Transferred to", str(done.body))
        for case in to_answer | to_cancel:
            self.assertFalse(case.message_ids.filtered(lambda m: m.mail_activity_type_id == warning))


@tagged("post_install", "-at_install")
class TestPqrsVerbalFiling(PqrsCommon):
    """Decreto 1166 de 2016: a case staff file on the phone or in person has its
    filing record at once."""

    def _staff_case(self, channel):
        with freeze_time(FILED):
            return self.env["cq.pqrs"].with_user(self.user).create({
                "subject": "Llamada: factura duplicada", "type_id": self.petition.id,
                "partner_id": self.customer.id, "channel": channel, "team_id": self.team.id,
            })

    def test_phone_filing_acknowledged_at_once(self):
        mail_queue = self.env.ref("mail.ir_cron_mail_scheduler_action")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", mail_queue.id)])
        case = self._staff_case("phone")
        self.assertTrue(case.is_verbal_filing)
        self.assertFalse(case.ack_pending, "sent at once, not left to the cron")
        ack = case.message_ids.filtered(lambda m: ACK_LINK in (m.body or ""))
        self.assertEqual(len(ack), 1)
        self.assertTrue(ack.notification_ids.filtered(lambda n: n.res_partner_id == self.customer))
        self.assertGreater(
            len(self.env["ir.cron.trigger"].search([("cron_id", "=", mail_queue.id)])), len(triggers),
            "the mail queue is woken",
        )
        in_person = self._staff_case("in_person")
        self.assertFalse(in_person.ack_pending)
        # the filing record prints as soon as the case is saved
        html = self.env["ir.actions.report"]._render_qweb_html(ACK_REPORT, case.ids)[0].decode()
        self.assertIn(case.name, html)
        arch = self.env["cq.pqrs"].with_user(self.user).get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("Print Filing Record", arch)

    def test_other_channels_wait_for_the_cron(self):
        case = self._staff_case("email")
        self.assertFalse(case.is_verbal_filing)
        self.assertTrue(case.ack_pending)
        self.assertFalse(case.message_ids.filtered(lambda m: ACK_LINK in (m.body or "")))
        # not staff filing for someone in front of them: the public form, the portal (sudo)
        public = self._case(FILED, channel="phone")
        self.assertTrue(public.ack_pending)
