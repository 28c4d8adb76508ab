from odoo import Command

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import CustomerQualityCommon


class PqrsCommon(CustomerQualityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_co = cls._create_company("Calidad Andina S.A.S.", "base.co", "America/Bogota")
        cls.company_mx = cls._create_company("Calidad Azteca S.A. de C.V.", "base.mx", "America/Mexico_City")
        cls.company_es = cls._create_company("Calidad Ibérica S.L.", "base.es", "Europe/Madrid")
        companies = cls.company_co | cls.company_mx | cls.company_es
        cls.env.user.company_ids |= companies
        for user in (cls.user, cls.manager):
            user.write({"company_ids": [Command.link(c.id) for c in companies], "company_id": cls.company_co.id})
        cls.leader = mail_new_test_user(
            cls.env, login="cq_leader", name="Lorena Líder",
            groups="base.group_user,customer_quality.group_cq_user",
            company_id=cls.company_co.id, company_ids=[Command.set(companies.ids)],
        )
        cls.team = cls.env["cq.pqrs.team"].create(
            {"name": "Servicio al cliente", "company_id": cls.company_co.id, "leader_id": cls.leader.id,
             "alias_name": "pqrs-test"}
        )
        cls.petition = cls.env.ref("customer_quality.cq_pqrs_type_petition")
        cls.complaint = cls.env.ref("customer_quality.cq_pqrs_type_complaint")
        cls.information = cls.env.ref("customer_quality.cq_pqrs_type_information")
        cls.customer = cls.env["res.partner"].create(
            {"name": "Cliente Reclamante", "email": "reclamante@example.com", "lang": "en_US"}
        )

    @classmethod
    def _create_company(cls, name, country_xmlid, tz):
        company = cls.env["res.company"].create({"name": name, "country_id": cls.env.ref(country_xmlid).id})
        company.resource_calendar_id.tz = tz
        company.partner_id.tz = tz
        return company

    @classmethod
    def _case(cls, received, company=None, pqrs_type=None, **values):
        company = company or cls.company_co
        return cls.env["cq.pqrs"].with_company(company).create(
            {
                "subject": "Demora en la entrega",
                "type_id": (pqrs_type or cls.petition).id,
                "partner_id": cls.customer.id,
                "company_id": company.id,
                "team_id": cls.team.id if company == cls.company_co else False,
                "user_id": cls.user.id,
                "date_received": received,
                **values,
            }
        )
