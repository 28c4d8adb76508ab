from urllib.parse import urlencode

from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestRequirementPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.company_a = Partner.create({"name": "Empresa A Requisitos", "is_company": True})
        cls.company_b = Partner.create({"name": "Empresa B Requisitos", "is_company": True})
        cls.company_c = Partner.create({"name": "Empresa C Sin Requisitos", "is_company": True})
        cls.user_a = mail_new_test_user(cls.env, login="req_a", password="req_a_pwd",
                                        name="Ana Requisitos", groups="base.group_portal")
        cls.user_a.partner_id.parent_id = cls.company_a
        cls.user_b = mail_new_test_user(cls.env, login="req_b", password="req_b_pwd",
                                        name="Beto Requisitos", groups="base.group_portal")
        cls.user_b.partner_id.parent_id = cls.company_b
        cls.user_c = mail_new_test_user(cls.env, login="req_c", password="req_c_pwd",
                                        name="Carla Requisitos", groups="base.group_portal")
        cls.user_c.partner_id.parent_id = cls.company_c
        cls.contract_a = cls.env["cq.contract"].create(
            {"title": "Contrato de A", "partner_id": cls.company_a.id, "date_start": "2026-01-01"}
        )
        cls.contract_a.action_sign()
        Requirement = cls.env["cq.customer.requirement"]
        cls.published_a = Requirement.create({
            "name": "Certificado de calidad por lote", "partner_id": cls.company_a.id,
            "contract_id": cls.contract_a.id, "description": "Un certificado firmado con cada entrega.",
            "requirement_class": "required", "priority": "must", "is_published": True,
        })
        cls.published_a.action_agree()
        cls.internal_a = Requirement.create({
            "name": "Margen interno de A", "partner_id": cls.company_a.id, "contract_id": cls.contract_a.id,
        })
        cls.published_b = Requirement.create({
            "name": "Requisito reservado de B", "partner_id": cls.company_b.id, "is_published": True,
        })

    def _requirement_a(self, name, **values):
        return self.env["cq.customer.requirement"].create(
            {"name": name, "partner_id": self.company_a.id, "is_published": True, **values}
        )

    def test_customer_sees_only_its_published_requirements(self):
        self.authenticate("req_a", "req_a_pwd")
        listing = self.url_open("/my/requirements")
        self.assertEqual(listing.status_code, 200)
        self.assertIn("Certificado de calidad por lote", listing.text)
        self.assertIn(self.contract_a.name, listing.text, "the contract reference is in the list")
        self.assertNotIn("Margen interno de A", listing.text)
        self.assertNotIn("Requisito reservado de B", listing.text)
        page = self.url_open(f"/my/requirements/{self.published_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Un certificado firmado con cada entrega.", page.text)
        self.assertIn(self.contract_a.name, page.text)
        for hidden in (self.internal_a, self.published_b):
            denied = self.url_open(f"/my/requirements/{hidden.id}")
            self.assertEqual(denied.status_code, 404, hidden.name)
            self.assertNotIn(hidden.name, denied.text)
        self.assertEqual(self.url_open("/my/requirements/999999999").status_code, 404)
        # B sees its own, never A's
        self.authenticate("req_b", "req_b_pwd")
        listing = self.url_open("/my/requirements")
        self.assertIn("Requisito reservado de B", listing.text)
        self.assertNotIn("Certificado de calidad por lote", listing.text)
        self.assertEqual(self.url_open(f"/my/requirements/{self.published_b.id}").status_code, 200)
        self.assertEqual(self.url_open(f"/my/requirements/{self.published_a.id}").status_code, 404)

    def test_unpublished_again_is_hidden(self):
        self.authenticate("req_a", "req_a_pwd")
        self.assertEqual(self.url_open(f"/my/requirements/{self.published_a.id}").status_code, 200)
        self.published_a.is_published = False
        self.assertEqual(self.url_open(f"/my/requirements/{self.published_a.id}").status_code, 404)
        self.assertNotIn("Certificado de calidad por lote", self.url_open("/my/requirements").text)

    def test_home_counter(self):
        self._requirement_a("Entrega en 48 horas")
        self.authenticate("req_a", "req_a_pwd")
        home = self.url_open("/my/home")
        self.assertIn('data-placeholder_count="requirement_count"', home.text)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["requirement_count"]})
        self.assertEqual(counters["requirement_count"], 2, "published requirements of A only")
        self.authenticate("req_c", "req_c_pwd")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["requirement_count"]})
        self.assertEqual(counters["requirement_count"], 0, "the entry stays hidden")

    def test_search_sort_and_filter(self):
        met = self._requirement_a("Informe mensual de entregas", priority="could")
        met.action_agree()
        met.action_mark_met()
        withdrawn = self._requirement_a("Empaque reciclable", priority="should")
        withdrawn.action_withdraw()
        self.authenticate("req_a", "req_a_pwd")

        def rows(**params):
            response = self.url_open(f"/my/requirements?{urlencode(params)}")
            self.assertEqual(response.status_code, 200)
            return [name for name in ("Certificado de calidad por lote", "Informe mensual de entregas",
                                      "Empaque reciclable") if name in response.text]

        self.assertEqual(len(rows()), 3)
        self.assertEqual(rows(filterby="open"), ["Certificado de calidad por lote"])
        self.assertEqual(rows(filterby="met"), ["Informe mensual de entregas"])
        self.assertEqual(rows(filterby="closed"), ["Empaque reciclable"])
        self.assertEqual(rows(search="mensual"), ["Informe mensual de entregas"])
        self.assertEqual(rows(search="mensual", filterby="closed"), [])
        self.assertEqual(rows(filterby="nonsense"), rows(), "an unknown filter falls back to all")
        # sortings: the order of the rows follows the chosen sort
        text = self.url_open("/my/requirements?sortby=priority").text
        positions = [text.index(name) for name in ("Certificado de calidad por lote", "Empaque reciclable",
                                                   "Informe mensual de entregas")]
        self.assertEqual(positions, sorted(positions), "must, should, could")
        text = self.url_open("/my/requirements?sortby=state").text
        positions = [text.index(name) for name in ("Certificado de calidad por lote",  # agreed
                                                   "Informe mensual de entregas",  # met
                                                   "Empaque reciclable")]  # withdrawn
        self.assertEqual(positions, sorted(positions))

    def test_pager(self):
        self._requirement_a("Requisito de la segunda página", date_identified="2020-01-01")
        self.env["cq.customer.requirement"].create([
            {"name": f"Requisito reciente {n}", "partner_id": self.company_a.id, "is_published": True}
            for n in range(80)
        ])
        self.authenticate("req_a", "req_a_pwd")
        self.assertNotIn("Requisito de la segunda página", self.url_open("/my/requirements").text)
        page_2 = self.url_open("/my/requirements/page/2")
        self.assertEqual(page_2.status_code, 200)
        self.assertIn("Requisito de la segunda página", page_2.text)

    def test_contract_page_lists_its_published_requirements(self):
        self.authenticate("req_a", "req_a_pwd")
        page = self.url_open(f"/my/contracts/{self.contract_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/my/requirements/{self.published_a.id}", page.text)
        self.assertIn("Certificado de calidad por lote", page.text)
        self.assertNotIn("Margen interno de A", page.text)

    def test_portal_list_query_count(self):
        self.authenticate("req_a", "req_a_pwd")
        order = self.env["sale.order"].create({"partner_id": self.company_a.id})
        self.env["cq.customer.requirement"].create([
            {"name": f"Requisito {n}", "partner_id": self.company_a.id, "is_published": True,
             "sale_order_id": order.id} for n in range(2)
        ])  # 3 published with A's
        self.env.flush_all()
        self.url_open("/my/requirements")  # warm up
        with self.assertQueryCount(self._portal_list_queries):
            self.assertEqual(self.url_open("/my/requirements").status_code, 200)
        contracts = self.env["cq.contract"].create([
            {"title": f"Contrato masivo {n}", "partner_id": self.company_a.id, "date_start": "2026-01-01"}
            for n in range(3)
        ])
        contracts.action_sign()
        orders = self.env["sale.order"].create([{"partner_id": self.company_a.id} for _n in range(3)])
        requirements = self.env["cq.customer.requirement"].create([
            {"name": f"Requisito masivo {n}", "partner_id": self.company_a.id, "is_published": True,
             "contract_id": contracts[n % 3].id, "sale_order_id": orders[n % 3].id} for n in range(57)
        ])
        requirements[:30].action_agree()
        self.env.flush_all()
        self.assertEqual(self.env["cq.customer.requirement"].with_user(self.user_a).search_count([]), 60)
        self.url_open("/my/requirements")
        with self.assertQueryCount(self._portal_list_queries):
            self.assertEqual(self.url_open("/my/requirements").status_code, 200)

    _portal_list_queries = 15
