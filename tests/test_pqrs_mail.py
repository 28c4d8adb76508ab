from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_pqrs import PqrsCommon

INCOMING = """Return-Path: <reclamante@example.com>
To: pqrs-test@{domain}
From: Cliente Reclamante <reclamante@example.com>
Subject: {subject}
Message-ID: <{message_id}>
{extra}MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

{body}
"""


@tagged("post_install", "-at_install")
class TestPqrsMail(PqrsCommon):
    def _escalation_messages(self, case):
        return case.message_ids.filtered(lambda m: self.leader.partner_id in m.partner_ids)

    def test_escalation_is_sent_once(self):
        with freeze_time("2026-03-02 14:00:00"):
            case = self._case("2026-03-02 14:00:00")
        self.assertEqual(case.date_escalation.isoformat(), "2026-03-18")
        Pqrs = self.env["cq.pqrs"]
        with freeze_time("2026-03-17 15:00:00"):
            Pqrs._cron_escalate()
        self.assertFalse(self._escalation_messages(case))
        self.assertEqual(case.term_state, "on_time")
        with freeze_time("2026-03-18 15:00:00"):
            Pqrs._cron_escalate()
            Pqrs._cron_escalate()  # a second worker, or the next hour
        self.assertEqual(case.term_state, "at_risk")
        self.assertEqual(len(self._escalation_messages(case)), 1)
        self.assertEqual(len(case.activity_ids.filtered(lambda a: a.user_id == self.user)), 1)
        with freeze_time("2026-03-25 15:00:00"):
            Pqrs._cron_escalate()
            Pqrs._cron_escalate()
        self.assertEqual(case.term_state, "overdue")
        self.assertEqual(case.escalation_level, 2)
        self.assertEqual(len(self._escalation_messages(case)), 2)
        self.assertEqual(len(case.activity_ids), 2)

    def test_escalation_claim_is_atomic(self):
        with freeze_time("2026-03-02 14:00:00"):
            case = self._case("2026-03-02 14:00:00")
        with freeze_time("2026-03-25 15:00:00"):
            domain = [("id", "=", case.id)]
            first = self.env["cq.pqrs"]._cq_claim_escalation(2, domain)
            # another worker that searched before the first one's update
            second = self.env["cq.pqrs"]._cq_claim_escalation(2, domain)
        self.assertEqual(first, case)
        self.assertFalse(second)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_email_intake_and_reply_threading(self):
        domain = self.team.alias_domain_id.name or "example.com"
        if not self.team.alias_domain_id:
            self.team.alias_domain_id = self.env["mail.alias.domain"].create({"name": domain})
        with freeze_time("2026-03-02 14:00:00"):
            case_id = self.env["mail.thread"].message_process(
                None,
                INCOMING.format(domain=domain, subject="Factura duplicada",
                                message_id="first@example.com", extra="",
                                body="Me cobraron dos veces la factura 123."),
            )
        case = self.env["cq.pqrs"].browse(case_id)
        self.assertEqual(case.channel, "email")
        self.assertEqual(case.team_id, self.team)
        self.assertEqual(case.partner_id, self.customer)
        self.assertEqual(case.subject, "Factura duplicada")
        self.assertEqual(case.user_id, self.leader)
        self.assertEqual(case.date_radicated.isoformat(), "2026-03-02")
        self.assertRegex(case.name, r"^P-2026-\d{5}$")
        count = self.env["cq.pqrs"].search_count([])
        reply_id = self.env["mail.thread"].message_process(
            None,
            INCOMING.format(domain=domain, subject="Re: Factura duplicada",
                            message_id="second@example.com",
                            extra="In-Reply-To: <first@example.com>\nReferences: <first@example.com>\n",
                            body="Adjunto el extracto bancario."),
        )
        self.assertEqual(reply_id, case.id)
        self.assertEqual(self.env["cq.pqrs"].search_count([]), count, "no new case")
        self.assertIn("extracto bancario", case.message_ids[0].body)
