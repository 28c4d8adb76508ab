"""Merging duplicate cases of one filer: one survives with its number and
terms, the others end as merged into it (counted apart), their messages,
attachments and followers move to it, their filer is told in their language;
nothing is deleted; refused across filers or companies, into itself, or for a
closed case past its reopening window."""

import base64

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import lift_public_limits, load_spanish
from .common_pqrs import PqrsCommon


@tagged("post_install", "-at_install")
class TestPqrsMerge(PqrsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env)
        cls.filer = cls.env["res.partner"].create(
            {"name": "Camila Duplicada", "email": "camila@example.com", "lang": "es_CO"}
        )
        cls.follower = cls.env["res.partner"].create({"name": "Socio Seguidor", "email": "socio@example.com"})

    def _dup(self, received, subject="Pedido sin entregar", partner=None, **values):
        with freeze_time(received):
            case = self._case(received, pqrs_type=self.complaint, partner_id=(partner or self.filer).id,
                              subject=subject, **values)
            case.message_post(body=f"Mensaje de {subject}", message_type="comment", author_id=self.filer.id,
                              attachments=[(f"{subject}.txt", b"soporte")])
        self.env["ir.attachment"].create({
            "name": f"factura {case.id}.pdf", "res_model": "cq.pqrs", "res_id": case.id,
            "datas": base64.b64encode(b"%PDF factura"),
        })
        return case

    def _merge(self, cases, survivor, reason=None):
        wizard = self.env["cq.pqrs.merge.wizard"].with_user(self.user).with_context(
            active_model="cq.pqrs", active_ids=cases.ids, cq_merge_survivor_id=survivor.id,
        ).create({"reason": reason})
        self.assertEqual(wizard.survivor_id, survivor)
        return wizard.action_merge()

    def test_merge_moves_everything_and_counts_apart(self):
        first = self._dup("2026-11-02 10:00:00", "Pedido sin entregar")
        second = self._dup("2026-11-03 10:00:00", "Pedido sin entregar otra vez")
        third = self._dup("2026-11-04 10:00:00", "Sigo esperando el pedido")
        third.message_subscribe(partner_ids=self.follower.ids)
        cases = first | second | third
        messages = self.env["mail.message"].search([("model", "=", "cq.pqrs"), ("res_id", "in", cases.ids)])
        attachments = self.env["ir.attachment"].search([("res_model", "=", "cq.pqrs"), ("res_id", "in", cases.ids)])
        self.assertEqual(len(attachments), 6)
        kept = (first.name, first.date_radicated, first.date_due, first.term)
        with freeze_time("2026-11-05 10:00:00"):
            action = self._merge(cases, first)
        self.assertEqual(action["res_id"], first.id)
        # nothing deleted, everything on the survivor
        self.assertEqual(messages.exists(), messages)
        self.assertEqual(set(messages.mapped("res_id")), {first.id})
        self.assertEqual(attachments.exists(), attachments)
        self.assertEqual(set(attachments.mapped("res_id")), {first.id})
        self.assertIn(self.follower, first.message_partner_ids)
        self.assertEqual((first.name, first.date_radicated, first.date_due, first.term), kept)
        self.assertEqual(first.merged_count, 2)
        for case in second | third:
            self.assertEqual((case.state, case.ending, case.merged_into_id), ("closed", "merged", first))
            self.assertTrue(case.exists())
            # the letter to the filer, in Spanish, stays on the merged case
            letter = case.message_ids.filtered(lambda m: "se atiende bajo" in (m.subject or ""))
            self.assertEqual(len(letter), 1)
            self.assertIn(first.name, letter.body)
            self.assertIn("las unimos", letter.body)
        self.assertFalse(first.ended_as)
        # counted apart, like withdrawals: neither on time nor late
        stats = self.env["cq.pqrs"]._cq_response_stats([("id", "in", cases.ids)])[None]
        self.assertEqual((stats["count"], stats["merged"]), (1, 2))
        # a merged case is not reopened
        with self.assertRaises(UserError):
            second.action_reopen()

    def test_refused_merges(self):
        mine = self._dup("2026-11-02 10:00:00")
        other_filer = self._dup("2026-11-02 11:00:00", partner=self.customer)
        with self.assertRaisesRegex(UserError, "same customer"):
            other_filer._cq_merge_into(mine)
        with self.assertRaisesRegex(UserError, "into itself"):
            mine._cq_merge_into(mine)
        elsewhere = self._case("2026-11-02 10:00:00", company=self.company_mx, partner_id=self.filer.id)
        with self.assertRaisesRegex(UserError, "another company"):
            elsewhere._cq_merge_into(mine)
        cancelled = self._dup("2026-11-03 10:00:00")
        cancelled.with_context(cq_stage_action=True).stage_id = cancelled._stage_for("cancelled")
        with self.assertRaisesRegex(UserError, "cancelled or already merged"):
            cancelled._cq_merge_into(mine)
        with self.assertRaisesRegex(UserError, "still handled"):
            mine._cq_merge_into(cancelled)
        # an email-only filer is one filer with the same address
        by_mail = self._case("2026-11-02 10:00:00", pqrs_type=self.complaint, partner_id=False,
                             email_from="Camila <CAMILA.otra@example.com>")
        by_mail_again = self._case("2026-11-03 10:00:00", pqrs_type=self.complaint, partner_id=False,
                                   email_from="camila.otra@example.com")
        by_mail_again._cq_merge_into(by_mail)
        self.assertEqual(by_mail_again.merged_into_id, by_mail)

    def test_closed_case_only_within_its_reopening_window(self):
        survivor = self._dup("2026-11-02 10:00:00")
        closed = self._dup("2026-10-01 10:00:00")
        closed.write({"answer": "<p>Entregado.</p>", "root_cause_id": self.env["cq.pqrs.root.cause"].search([], limit=1).id,
                      "root_cause_analysis": "Transportadora"})
        with freeze_time("2026-10-05 10:00:00"):
            closed.with_user(self.manager).action_send_answer()
            closed.with_user(self.manager).action_close()
        with freeze_time("2026-12-20 10:00:00"), self.assertRaisesRegex(UserError, "past its reopening window"):
            closed._cq_merge_into(survivor)
        with freeze_time("2026-10-10 10:00:00"):
            closed._cq_merge_into(survivor)
        self.assertEqual((closed.state, closed.ending), ("closed", "merged"))

    def test_reiteration_suggests_the_merge(self):
        earlier = self._dup("2026-11-02 10:00:00", "Factura con cobro doble")
        later = self._dup("2026-11-09 10:00:00", "Factura con cobro doble de nuevo")
        later.reiteration_of_id = earlier
        action = later.action_merge_with_reiteration()
        wizard = self.env["cq.pqrs.merge.wizard"].with_context(action["context"]).create({})
        self.assertEqual(wizard.case_ids, earlier | later)
        self.assertEqual(wizard.survivor_id, earlier, "the earlier case, still handled, is kept")


@tagged("post_install", "-at_install")
class TestPqrsMergePages(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        lift_public_limits(cls.env)
        load_spanish(cls.env)
        cls.portal = mail_new_test_user(cls.env, login="cq_mg_portal", password="cq_mg_portal_pwd",
                                        name="Mia Portal", groups="base.group_portal", lang="en_US")
        claim = cls.env.ref("customer_quality.cq_pqrs_type_claim")
        Pqrs = cls.env["cq.pqrs"]
        cls.kept = Pqrs.create({"subject": "No funciona", "type_id": claim.id, "partner_id": cls.portal.partner_id.id})
        cls.merged = Pqrs.create({"subject": "Sigue sin funcionar", "type_id": claim.id,
                                  "partner_id": cls.portal.partner_id.id})
        cls.merged._cq_merge_into(cls.kept)
        cls.public = Pqrs.create({"subject": "Ruido", "type_id": claim.id, "email_from": "vecino@example.com",
                                  "filer_name": "Vecino", "channel": "web_form", "lang": "es_CO"})
        cls.public_again = Pqrs.create({"subject": "Ruido otra vez", "type_id": claim.id,
                                        "email_from": "vecino@example.com", "filer_name": "Vecino",
                                        "channel": "web_form", "lang": "es_CO"})
        cls.public_again._cq_merge_into(cls.public)

    def test_portal_page_points_to_the_case_kept(self):
        self.authenticate("cq_mg_portal", "cq_mg_portal_pwd")
        page = self.url_open(f"/my/pqrs/{self.merged.id}").text
        self.assertIn("This request was merged into", page)
        self.assertIn(f'href="/my/pqrs/{self.kept.id}"', page)

    def test_tracking_page_in_spanish(self):
        token = self.url_open("/es/pqrs/track").text.split('name="csrf_token" value="')[1].split('"')[0]
        page = self.url_open("/es/pqrs/track", data={
            "number": self.public_again.name, "code": self.public_again.lookup_code, "csrf_token": token,
        }).text
        self.assertIn("Esta solicitud se unió a", page)
        self.assertIn(self.public.name, page)
