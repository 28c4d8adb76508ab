from contextlib import contextmanager

from odoo.tests import TransactionCase

from odoo.addons.mail.tests.common import mail_new_test_user

from ..models.cq_legal_pack import LEGAL_PACKS


def form_type(env, xmlid, company=None):
    """The type the forms of `company` (the current one by default) offer in place of the shared
    type `xmlid`: its legal pack's type when the pack replaced the shared one, else the shared one."""
    shared = env.ref(xmlid)
    company = company or env.company
    if shared not in company.sudo().cq_superseded_type_ids:
        return shared
    codes = [entry["code"] for entries in LEGAL_PACKS.values() for entry in entries if entry.get("supersedes") == xmlid]
    return env["cq.pqrs.type"].sudo().search([("company_id", "=", company.id), ("code", "in", codes)], limit=1)


def load_spanish(env, lang="es_CO"):
    """Activate the Spanish `lang` with the addon's translations (i18n/es.po), as a database that
    installed it reads them."""
    env["res.lang"]._activate_lang(lang)
    env["ir.module.module"].search([("name", "=", "customer_quality")])._update_translations([lang], overwrite=True)


def lift_public_limits(env):
    """Lift the rate limits of the public pages: a test files more than one visitor may in an hour."""
    params = env["ir.config_parameter"].sudo()
    for key in ("rate_ip", "rate_email", "rate_track_ip"):
        params.set_param(f"customer_quality.pqrs_public_{key}", 100000)


class CustomerQualityCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz="America/Bogota"))
        cls.company = cls.env.company
        cls.company.country_id = cls.env.ref("base.co")
        cls.env["ir.config_parameter"].sudo().set_param(
            "customer_quality.completeness_fields", "email,phone,city,vat"
        )
        cls.env["ir.config_parameter"].sudo().set_param("customer_quality.first_contact_days", 7)
        cls.manager = mail_new_test_user(
            cls.env,
            login="cq_manager",
            name="Marta Gerente",
            groups="base.group_user,sales_team.group_sale_salesman,customer_quality.group_cq_manager",
            tz="America/Bogota",
        )
        cls.user = mail_new_test_user(
            cls.env,
            login="cq_user",
            name="Ulises Usuario",
            groups="base.group_user,sales_team.group_sale_salesman,customer_quality.group_cq_user",
            tz="America/Bogota",
        )
        cls.plain_user = mail_new_test_user(
            cls.env, login="cq_plain", name="Pedro Interno", groups="base.group_user"
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Consultoría ISO 9001", "list_price": 1000.0}
        )
        cls.prospect = cls.env["res.partner"].create(
            {
                "name": "Prospecto Andino S.A.S.",
                "is_company": True,
                "customer_state": "prospect",
                "cq_identification_date": "2026-01-05",
                "email": "compras@andino.example.com",
            }
        )

    @classmethod
    def _create_order(cls, partner, user=None):
        env = cls.env(user=user) if user else cls.env
        order = env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    (0, 0, {"product_id": cls.product.id, "product_uom_qty": 1})
                ],
            }
        )
        # the requirements review (ISO 9001 §8.2.3) is done
        order.cq_review_line_ids.write({"checked": True})
        return order

    def assertRaisesRegex(self, expected_exception, expected_regex, *args, **kwargs):
        """Odoo wraps assertRaises in a savepoint, rolled back when the error
        is raised, but not unittest's assertRaisesRegex: what the failed call
        wrote would survive into the rest of the test. Same check, rolled back."""
        if args:
            with self._cq_raises_regex(expected_exception, expected_regex):
                args[0](*args[1:], **kwargs)
            return None
        return self._cq_raises_regex(expected_exception, expected_regex)

    @contextmanager
    def _cq_raises_regex(self, expected_exception, expected_regex):
        with self.assertRaises(expected_exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), expected_regex)

    def flush_tracking(self):
        """Run the tracking that Odoo does at commit time."""
        self.env.flush_all()
        self.env.cr.precommit.run()
