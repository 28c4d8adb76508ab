from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CustomerQualityCommon


@tagged("post_install", "-at_install")
class TestAccess(CustomerQualityCommon):
    def _visible_menus(self, user):
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_plain_internal_user_does_not_see_the_app(self):
        root = self.env.ref("customer_quality.customer_quality_menu_root")
        self.assertNotIn(root.id, self._visible_menus(self.plain_user))
        self.assertIn(root.id, self._visible_menus(self.user))
        for model in (
            "cq.customer.lifecycle.report",
            "cq.lost.reason",
            "cq.partner.convert.wizard",
            "cq.prospect.indicator.wizard",
            "cq.pqrs",
            "cq.pqrs.type",
            "cq.pqrs.team",
        ):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.plain_user).search([])

    def test_configuration_is_for_managers(self):
        config = self.env.ref("customer_quality.customer_quality_menu_configuration")
        self.assertNotIn(config.id, self._visible_menus(self.user))
        self.assertIn(config.id, self._visible_menus(self.manager))
        reason = self.env.ref("customer_quality.cq_lost_reason_price")
        self.assertEqual(reason.with_user(self.user).name, "Price too high")
        with self.assertRaises(AccessError):
            reason.with_user(self.user).name = "Otro"
        reason.with_user(self.manager).name = "Precio alto"

    def test_admin_is_manager(self):
        self.assertTrue(self.env.ref("base.user_admin").has_group("customer_quality.group_cq_manager"))
        self.assertTrue(self.manager.has_group("customer_quality.group_cq_user"))

    def test_analysis_respects_companies(self):
        other = self.env["res.company"].create({"name": "Otra Empresa S.A.S."})
        other_user = self.env["res.users"].create({
            "name": "Usuario Otra",
            "login": "cq_other",
            "company_id": other.id,
            "company_ids": [(6, 0, other.ids)],
            "groups_id": [(6, 0, [self.env.ref("customer_quality.group_cq_user").id])],
        })
        self.prospect.company_id = self.company
        self.env.flush_all()
        Report = self.env["cq.customer.lifecycle.report"]
        self.assertIn(self.prospect.id, Report.with_user(self.user).search([]).partner_id.ids)
        self.assertNotIn(self.prospect.id, Report.with_user(other_user).search([]).partner_id.ids)
        with self.assertRaises(AccessError):
            self.prospect.with_user(other_user).check_access("read")

    def test_review_items_respect_companies(self):
        other = self.env["res.company"].create({"name": "Otra Empresa S.A.S."})
        other_user = self.env["res.users"].create({
            "name": "Usuario Otra", "login": "cq_other_items", "company_id": other.id,
            "company_ids": [(6, 0, other.ids)],
            "groups_id": [(6, 0, [self.env.ref("customer_quality.group_cq_user").id,
                                  self.env.ref("sales_team.group_sale_salesman").id])],
        })
        Item = self.env["cq.review.item"]
        own = Item.create({"name": "Plazo de entrega confirmado", "company_id": self.company.id})
        shared = Item.create({"name": "Precio confirmado"})
        theirs = Item.with_user(other_user).search([])
        self.assertIn(shared, theirs)
        self.assertNotIn(own, theirs, "another company's review items are not listed")
        with self.assertRaises(AccessError):
            own.with_user(other_user).read(["name"])
        self.assertIn(own, Item.with_user(self.user).search([]))
