from datetime import date

from freezegun import freeze_time

from odoo.tools import SQL

from .common_pqrs import PqrsCommon


class QualityCommon(PqrsCommon):
    """Known data of the first quarter of 2026 in company_co, alone in the
    customer lifecycle (the demo contacts are taken out of it)."""

    Q1 = (date(2026, 1, 1), date(2026, 3, 31))

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("customer_quality.completeness_fields", "email,phone")
        cls.env["res.partner"].with_context(active_test=False).search(
            [("customer_state", "!=", False)]
        ).write({"customer_state": False, "cq_identification_date": False})
        cls.satisfaction_survey = cls.env.ref("customer_quality.survey_cq_satisfaction")
        cls.post_sale_survey = cls.env.ref("customer_quality.survey_cq_post_sale")
        cls.Indicator = cls.env["cq.indicator"]

    @classmethod
    def _partner(cls, name, **values):
        return cls.env["res.partner"].create(
            {"name": name, "email": f"{name.lower()}@example.com", **values}
        )

    @classmethod
    def _answer(cls, survey, partner, csat, nps=None, campaign=None, pqrs=None, done=True):
        """A survey answer with one value for every CSAT question (and the NPS)."""
        user_input = survey._create_answer(
            partner=partner,
            check_attempts=False,
            cq_campaign_id=campaign.id if campaign else False,
            cq_pqrs_id=pqrs.id if pqrs else False,
        )
        lines = []
        for question in survey.question_ids:
            value = {"csat": csat, "nps": nps}.get(question.cq_metric)
            if value is not None:
                lines.append(
                    {"user_input_id": user_input.id, "question_id": question.id,
                     "answer_type": "scale", "value_scale": value}
                )
        cls.env["survey.user_input.line"].create(lines)
        if done:
            user_input._mark_done()
        return user_input

    @classmethod
    def _rate(cls, case, value, rated_on):
        """The customer rates the answer of `case` `value` of 5 on `rated_on`."""
        case.rating_apply(value, token=case._rating_get_access_token())
        # the moment of a rating is its last write; in a test every write gets
        # the transaction's timestamp, and the ORM does not let it be written
        ratings = case.rating_ids.filtered("consumed")
        ratings.flush_recordset()
        cls.env.cr.execute(
            SQL("UPDATE rating_rating SET write_date = %s WHERE id IN %s", rated_on, tuple(ratings.ids))
        )
        ratings.invalidate_recordset(["write_date"])
        return case

    @classmethod
    def _campaign(cls, survey, **values):
        return cls.env["cq.survey.campaign"].create(
            {
                "name": "Encuesta Q1",
                "survey_id": survey.id,
                "company_id": cls.company_co.id,
                "date_from": cls.Q1[0],
                "date_to": cls.Q1[1],
                "target": "manual",
                **values,
            }
        )

    @classmethod
    def _build_q1(cls):
        """The first quarter of 2026 of company_co, every indicator known by hand."""
        with freeze_time("2026-01-31 12:00:00"):
            # prospects: I1 = 3, I2 = (3 + 7) / 2, I3 = (100 + 50 + 0) / 3, I4 = 1 / 3
            cls.pa = cls._partner("Alfa", customer_state="prospect", phone="1",
                                  cq_identification_date="2026-01-05", cq_first_contact_date="2026-01-08")
            cls.pb = cls._partner("Beta", customer_state="prospect",
                                  cq_identification_date="2026-02-10", cq_first_contact_date="2026-02-17")
            cls.pc = cls._partner("Gama", customer_state="prospect", email=False,
                                  cq_identification_date="2026-03-01")
            cls.pd = cls._partner("Delta", customer_state="prospect", cq_identification_date="2025-12-01")
        cls.pa._cq_convert_to_captive(cls._create_order(cls.pa), date="2026-02-01")
        with freeze_time("2026-04-10 12:00:00"):
            # contracts: CCT = 1 of 2 contracts with obligations due in Q1
            Contract = cls.env["cq.contract"].with_company(cls.company_co)
            contracts = Contract.create([
                {"title": f"Contrato {n}", "partner_id": cls.pa.id, "company_id": cls.company_co.id,
                 "date_start": "2026-01-01", "date_end": "2026-12-31", "amount": 1000.0}
                for n in range(3)
            ])
            cls.env["cq.contract.obligation"].create([
                {"contract_id": contracts[0].id, "name": "Entrega 1", "date_due": "2026-02-01",
                 "date_delivered": "2026-01-30", "in_form": "yes"},
                {"contract_id": contracts[0].id, "name": "Entrega 2", "date_due": "2026-03-01",
                 "date_delivered": "2026-03-01", "in_form": "yes"},
                {"contract_id": contracts[1].id, "name": "Entrega tardía", "date_due": "2026-03-10",
                 "date_delivered": "2026-03-20", "in_form": "yes"},
                {"contract_id": contracts[2].id, "name": "Entrega de abril", "date_due": "2026-04-20"},
            ])
            # complaints and claims: RRT = 3 of 4 answered on time
            cases = cls.env["cq.pqrs"]
            for received in ("2026-01-12 15:00:00", "2026-02-02 15:00:00", "2026-02-20 15:00:00",
                             "2026-03-16 15:00:00"):
                cases |= cls._case(received, pqrs_type=cls.complaint)
            cases[:3].write({"answered_on_time": True, "date_answered": "2026-03-30 15:00:00"})
            cls._case("2026-01-20 15:00:00", answered_on_time=True)  # a petition: not in RRT
            cancelled = cls._case("2026-01-21 15:00:00", pqrs_type=cls.complaint)
            cancelled._cq_cancel("Duplicado")
            # surveys, counted per customer: SC = 1 of 2, I6 = 1 of 1 captive, ISC = 1 of 1 (Beta
            # answered the post-sale survey three times: the latest answer, satisfied, decides)
            campaign = cls._campaign(cls.satisfaction_survey, partner_ids=[(6, 0, (cls.pa | cls.pb).ids)])
            cls._answer(cls.satisfaction_survey, cls.pa, csat=5, nps=10, campaign=campaign)
            cls._answer(cls.satisfaction_survey, cls.pb, csat=2, nps=3, campaign=campaign)
            cls._answer(cls.satisfaction_survey, cls.pc, csat=5, nps=10, campaign=campaign, done=False)
            post_sale = cls._campaign(cls.post_sale_survey, name="Postventa Q1")
            for csat, submitted in ((4, "2026-04-09 12:00:00"), (5, "2026-04-02 12:00:00"), (3, "2026-04-05 12:00:00")):
                with freeze_time(submitted):
                    cls._answer(cls.post_sale_survey, cls.pb, csat=csat, nps=8, campaign=post_sale,
                                pqrs=cases[0])
        cls.env.flush_all()
        cls.env.cr.precommit.run()  # newly created records are tracked from here on
