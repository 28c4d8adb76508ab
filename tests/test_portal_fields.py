import json

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import CustomerQualityCommon

ADDON = "customer_quality"
# examples of what the portal must never read of a case, whatever _cq_portal_fields says
CASE_SECRETS = ("answer", "root_cause_analysis", "root_cause_id", "diagnosis", "user_id", "term_state",
                "date_escalation", "kanban_state", "answer_attachment_ids", "lookup_code")


@tagged("post_install", "-at_install")
class TestPortalFields(CustomerQualityCommon, HttpCase):
    """Field-level confidentiality: a portal user reads, RPC included, only the fields each model lists in
    `_cq_portal_fields` (the one list of its portal fields); the portal pages show the rest (the answer
    once sent) from sudo records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Cliente Confidencial S.A.S.", "is_company": True})
        cls.portal = mail_new_test_user(cls.env, login="cq_portal_fields", password="cq_portal_fields_pwd",
                                        name="Paula Cliente", groups="base.group_portal")
        cls.portal.partner_id.parent_id = cls.customer
        cls.case = cls.env["cq.pqrs"].create({
            "subject": "Caja dañada en la entrega",
            "description": "<p>La caja llegó rota.</p>",
            "type_id": cls.env.ref("customer_quality.cq_pqrs_type_claim").id,
            "partner_id": cls.portal.partner_id.id,
            "user_id": cls.user.id,
            "priority": "1",
            "answer": "<p>Borrador interno: no reconocer el daño</p>",
            "root_cause_id": cls.env["cq.pqrs.root.cause"].create({"name": "Embalaje del proveedor"}).id,
            "root_cause_analysis": "El proveedor de cajas falló otra vez",
            "diagnosis": "<p>Golpe en bodega propia</p>",
        })
        cls.contract = cls.env["cq.contract"].create({
            "title": "Mantenimiento anual", "partner_id": cls.customer.id, "date_start": "2026-01-01",
            "amount": 90000.0, "requirements": "<p>Margen objetivo 40 %</p>",
        })
        cls.contract.action_sign()
        cls.obligation = cls.env["cq.contract.obligation"].create({
            "contract_id": cls.contract.id, "name": "Visita trimestral", "date_due": "2026-03-31",
            "description": "Nota interna de la visita",
        })
        cls.requirement = cls.env["cq.customer.requirement"].create({
            "name": "Certificado por lote", "partner_id": cls.customer.id, "contract_id": cls.contract.id,
            "is_published": True, "evidence_note": "Nota interna de evidencia",
        })

    def _portal_records(self):
        """A record of each portal-readable model of the addon that the portal user may read."""
        return {
            "cq.pqrs": self.case,
            "cq.pqrs.type": self.case.type_id,
            "cq.pqrs.stage": self.case.stage_id,
            "cq.contract": self.contract,
            "cq.contract.obligation": self.obligation,
            "cq.customer.requirement": self.requirement,
        }

    def _portal_readable_models(self):
        """{model name: (the addon's own model?, the fields the addon defines on it)} of every model
        the portal user can read that is the addon's own or to which the addon adds fields."""
        result = {}
        for name, model_class in self.env.registry.items():
            if model_class._abstract or model_class._transient:
                continue
            if not self.env[name].with_user(self.portal).has_access("read"):
                continue
            own = model_class._original_module == ADDON
            ours = {fname for fname, field in model_class._fields.items() if set(field._modules or ()) == {ADDON}}
            if own or ours:
                result[name] = (own, ours)
        return result

    def test_every_portal_model_lists_its_portal_fields(self):
        readable = self._portal_readable_models()
        # the models of the ACL rows of base.group_portal, and the core models the addon extends
        self.assertLessEqual(set(self._portal_records()), set(readable))
        self.assertLessEqual({"res.partner", "res.company", "sale.order", "account.move"}, set(readable))
        for name, (own, ours) in readable.items():
            with self.subTest(model=name):
                model = self.env[name].with_user(self.portal)
                allowed = getattr(model, "_cq_portal_fields", None)
                self.assertIsNotNone(allowed, f"{name}: the portal reads it; list its portal fields in _cq_portal_fields")
                returned = set(model.fields_get(attributes=["type"]))
                if not own:  # a core model: core decides on its own fields, the addon on the ones it adds
                    returned &= ours
                    self.assertLessEqual(allowed, ours, f"{name}: _cq_portal_fields lists fields of the addon only")
                extra = returned - allowed
                self.assertFalse(extra, f"{name}: the portal reads fields missing from _cq_portal_fields: "
                                        f"{sorted(extra)} (give them groups=\"base.group_user\" or list them)")
                stale = (allowed & set(model._fields)) - returned
                self.assertFalse(stale, f"{name}: _cq_portal_fields lists fields the portal cannot read: "
                                        f"{sorted(stale)}")

    def test_portal_reads_its_fields_and_nothing_else(self):
        for name, record in self._portal_records().items():
            with self.subTest(model=name):
                record = record.with_user(self.portal)
                portal_fields = sorted(record._cq_portal_fields & set(record._fields))
                values = record.read(portal_fields)[0]
                self.assertEqual(values["id"], record.id)
                self.assertEqual(set(values), set(portal_fields))
                for fname in set(record._fields) - record._cq_portal_fields:
                    with self.assertRaises(AccessError, msg=f"{name}.{fname}"):
                        record.read([fname])
                # read() without a field list returns exactly the portal fields
                record.invalidate_recordset()
                self.assertEqual(set(record.read()[0]), set(portal_fields))
        case = self.case.with_user(self.portal).read(["subject", "name", "date_due", "stage_id"])[0]
        self.assertEqual(case["subject"], "Caja dañada en la entrega")
        self.assertEqual(case["stage_id"][0], self.case.stage_id.id)

    def test_case_secrets_raise(self):
        case = self.case.with_user(self.portal)
        for fname in CASE_SECRETS:
            with self.subTest(field=fname), self.assertRaises(AccessError):
                case.read([fname])
        with self.assertRaises(AccessError):
            case.mapped("answer")  # the ORM checks the field on access too, not only in read()
        # core models: what the addon adds about the customer is for employees only
        with self.assertRaises(AccessError):
            self.portal.partner_id.with_user(self.portal).read(["customer_state"])
        # employees still read everything
        values = self.case.with_user(self.user).read(["answer", "root_cause_analysis", "diagnosis", "user_id"])[0]
        self.assertIn("Borrador interno", values["answer"])
        self.assertEqual(values["user_id"][0], self.user.id)

    def test_portal_searches_and_sorts_on_its_fields(self):
        Pqrs = self.env["cq.pqrs"].with_user(self.portal)
        self.assertEqual(Pqrs.search([]), self.case, "the default order is readable")
        for order in ("is_emergency desc, date_received desc, id desc", "is_emergency desc, date_due asc, id desc",
                      "name desc", "stage_id, id desc"):
            self.assertEqual(Pqrs.search([("state", "in", ("new", "analysis", "waiting"))], order=order), self.case)
        Requirement = self.env["cq.customer.requirement"].with_user(self.portal)
        for order in ("priority_rank, date_identified desc, id desc", "state, date_identified desc, id desc"):
            self.assertEqual(Requirement.search([("is_published", "=", True)], order=order), self.requirement)
        self.assertEqual(self.env["cq.contract"].with_user(self.portal).search([("state", "!=", "draft")]),
                         self.contract)

    def _call_kw(self, model, method, args, kwargs=None):
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": {
                "model": model, "method": method, "args": args, "kwargs": kwargs or {}}}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response

    def test_json_rpc_read_returns_no_confidential_field(self):
        self.authenticate("cq_portal_fields", "cq_portal_fields_pwd")
        response = self._call_kw("cq.pqrs", "read", [[self.case.id]])
        body = response.json()
        self.assertNotIn("error", body)
        [values] = body["result"]
        self.assertEqual(values["subject"], "Caja dañada en la entrega")
        self.assertFalse(set(values) & set(CASE_SECRETS))
        self.assertFalse(set(values) - self.case._cq_portal_fields)
        for secret in ("Borrador interno", "Golpe en bodega", "El proveedor de cajas", self.user.name):
            self.assertNotIn(secret, response.text)
        for name, record in self._portal_records().items():
            with self.subTest(model=name):
                body = self._call_kw(name, "search_read", [[("id", "=", record.id)]]).json()
                self.assertNotIn("error", body)
                self.assertEqual([row["id"] for row in body["result"]], record.ids)
                self.assertFalse(set(body["result"][0]) - record._cq_portal_fields)

    def test_portal_pages_show_the_answer_once_sent(self):
        self.authenticate("cq_portal_fields", "cq_portal_fields_pwd")
        for url in ("/my/home", "/my/pqrs", "/my/contracts", f"/my/contracts/{self.contract.id}",
                    "/my/requirements", f"/my/requirements/{self.requirement.id}",
                    # core's pages of the core models the addon extends
                    "/my/account", "/my/orders", "/my/quotes", "/my/invoices"):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 200)
        page = self.url_open(f"/my/pqrs/{self.case.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Caja dañada en la entrega", page.text)
        self.assertNotIn("Borrador interno", page.text, "a draft answer stays internal")
        self.case.answer = "<p>Le enviamos una caja nueva mañana.</p>"
        self.case.with_context(cq_stage_action=True).write({
            "stage_id": self.env.ref("customer_quality.cq_pqrs_stage_answered").id,
            "date_answered": fields.Datetime.now(),
        })
        page = self.url_open(f"/my/pqrs/{self.case.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Le enviamos una caja nueva mañana.", page.text)
        self.assertNotIn("El proveedor de cajas", page.text)
