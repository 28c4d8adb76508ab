from collections import defaultdict

from markupsafe import Markup

from odoo import SUPERUSER_ID, fields, models
from odoo.tools import SQL, formatLang, plaintext2html

COMMENT_TYPES = ("char_box", "text_box")


class SurveyUserInput(models.Model):
    """Closed loop from surveys (ISO 9001 §9.1.2, ISO 10002): an answer below
    its survey's follow-up rule opens one follow-up case for the customer,
    linked to the answer and its campaign, assigned to the campaign's
    responsible. Once per answer, also when the answer is scored again and
    when two workers score it at once: the answer's row is locked before the
    check, and the case's link is unique (cq_pqrs_survey_followup.py)."""

    _inherit = "survey.user_input"

    cq_followup_pqrs_id = fields.Many2one(
        "cq.pqrs",
        string="Follow-Up Case",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The case opened to follow up this unsatisfied answer.",
    )

    def _cq_score(self):
        res = super()._cq_score()
        self._cq_open_followups()
        return res

    def action_open_followup_case(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Follow-Up Case"),
            "res_model": "cq.pqrs",
            "res_id": self.cq_followup_pqrs_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _cq_followup_due(self):
        """Whether the survey's follow-up rule asks a case for this scored answer."""
        self.ensure_one()
        survey = self.survey_id
        if not survey.cq_followup or self.state != "done" or self.test_entry:
            return False
        if survey.cq_followup_rule == "detractor":
            return self.cq_nps_category == "detractor"
        return self.cq_scored and not self.cq_satisfied

    def _cq_open_followups(self):
        """Open the missing follow-up cases of these answers, in batch, as
        superuser and in the company of each answer. Scoring runs as the
        customer who submits (portal or public user): then the cases come
        from OdooBot, not from the customer."""
        answers = (self.with_user(SUPERUSER_ID) if self.env.user.share else self).sudo()
        due = answers.filtered(lambda answer: answer._cq_followup_due())
        if not due:
            return self.env["cq.pqrs"]
        # One worker at a time per answer: a second worker waits here, then
        # fails with a serialization error and is retried by Odoo, and the retry
        # finds the first worker's case. The unique link is the last guard.
        answers.env.cr.execute(
            SQL(
                "SELECT id FROM survey_user_input WHERE id IN %s ORDER BY id FOR NO KEY UPDATE",
                tuple(due.ids),
            ),
            log_exceptions=False,  # the serialization error of the second worker is expected and retried
        )
        Pqrs = answers.env["cq.pqrs"]
        existing = {
            case.cq_survey_input_id: case for case in Pqrs.search([("cq_survey_input_id", "in", due.ids)])
        }
        for answer, case in existing.items():
            if answer.cq_followup_pqrs_id != case:
                answer.cq_followup_pqrs_id = case
        todo = due.filtered(lambda answer: answer not in existing)
        if not todo:
            return Pqrs
        comments = todo._cq_followup_comments()
        by_company = defaultdict(lambda: answers.browse())
        for answer in todo:
            by_company[answer.cq_company_id or answers.env.company] |= answer
        cases = Pqrs.browse()
        for company, company_answers in by_company.items():
            company_cases = Pqrs.with_company(company).with_context(mail_create_nosubscribe=True).create(
                [answer._cq_followup_values(company, comments[answer]) for answer in company_answers]
            )
            for answer, case in zip(company_answers, company_cases):
                answer.cq_followup_pqrs_id = case
            cases |= company_cases
        todo._cq_log_followups()
        return cases

    def _cq_followup_comments(self):
        """{answer: [(question, text)]}: the free-text answers and comments, in
        the survey's order (one query)."""
        comments = defaultdict(list)
        lines = self.env["survey.user_input.line"].sudo().search(
            [("user_input_id", "in", self.ids), ("skipped", "=", False), ("answer_type", "in", COMMENT_TYPES)],
            order="question_sequence, id",
        )
        for line in lines:
            text = line.value_char_box if line.answer_type == "char_box" else line.value_text_box
            if text and text.strip():
                comments[line.user_input_id].append((line.question_id, text.strip()))
        return comments

    def _cq_followup_responsible(self, company):
        """The campaign's responsible, else the survey's: an employee of the company."""
        for user in (self.cq_campaign_id.user_id, self.survey_id.user_id):
            if user and not user.share and company in user.company_ids:
                return user
        return self.env["res.users"]

    def _cq_followup_values(self, company, comments):
        """Values of the follow-up case of this answer, written in the customer's language."""
        self.ensure_one()
        partner = self.partner_id
        lang = partner.lang or company.partner_id.lang or self.env.lang
        answer = self.with_context(lang=lang)
        customer = partner.display_name or self.email or self.nickname or answer.env._("Anonymous customer")
        if partner.company_id and partner.company_id != company:
            partner = partner.browse()  # a contact of another company cannot be the case's customer
        return {
            "subject": answer.env._(
                "Follow-up of survey answer: %(survey)s — %(customer)s",
                survey=answer.survey_id.title,
                customer=customer,
            ),
            "description": answer._cq_followup_description(customer, comments),
            "type_id": self.survey_id.cq_followup_type_id.id,
            "channel": "survey",
            "partner_id": partner.id,
            "filer_name": customer,
            "email_from": self.email or self.partner_id.email,
            "company_id": company.id,
            "user_id": self._cq_followup_responsible(company).id,
            "cq_survey_input_id": self.id,
            "cq_survey_campaign_id": self.cq_campaign_id.id,
        }

    def _cq_followup_description(self, customer, comments):
        """The answer's scores against the survey's rule, and its comments, as HTML."""
        self.ensure_one()
        env = self.env
        survey = self.survey_id
        intro = env._(
            "%(customer)s answered the survey %(survey)s below its satisfied rule.",
            customer=customer,
            survey=survey.title,
        )
        if self.cq_campaign_id:
            intro = env._(
                "%(customer)s answered the survey %(survey)s of the campaign %(campaign)s below its satisfied "
                "rule.",
                customer=customer,
                survey=survey.title,
                campaign=self.cq_campaign_id.name,
            )
        scores = []
        if self.cq_csat:
            scores.append(env._("CSAT: %(score)s of 5", score=formatLang(env, self.cq_csat, digits=2)))
        if self.cq_nps_category:
            categories = dict(self._fields["cq_nps_category"]._description_selection(env))
            scores.append(
                env._(
                    "NPS score: %(score)s of 10 (%(category)s)",
                    score=self.cq_nps,
                    category=categories[self.cq_nps_category],
                )
            )
        bases = dict(survey._fields["cq_satisfaction_basis"]._description_selection(env))
        scores.append(
            env._(
                "Satisfied from: %(threshold)s (%(basis)s)",
                threshold=formatLang(env, survey.cq_satisfied_threshold, digits=1),
                basis=bases.get(survey.cq_satisfaction_basis, ""),
            )
        )
        html = Markup("<p>%s</p><ul>%s</ul>") % (
            intro,
            Markup().join(Markup("<li>%s</li>") % score for score in scores),
        )
        if comments:
            html += Markup("<p><strong>%s</strong></p>") % env._("Comments of the customer:")
            for question, text in comments:
                html += Markup("<blockquote><p><em>%s</em></p>%s</blockquote>") % (
                    question.with_env(env).title,
                    plaintext2html(text),
                )
        else:
            html += Markup("<p>%s</p>") % env._("The customer left no comments.")
        return html

    def _cq_log_followups(self):
        """Chatter: the case names its answer and campaign, the campaign its case."""
        author = self.env.user.partner_id
        for answer in self:
            case = answer.cq_followup_pqrs_id
            campaign = answer.cq_campaign_id
            if campaign:
                body = self.env._(
                    "Follow-up case opened from the survey answer %(answer)s of the campaign %(campaign)s.",
                    answer=answer._get_html_link(title=answer.display_name),
                    campaign=campaign._get_html_link(),
                )
            else:
                body = self.env._(
                    "Follow-up case opened from the survey answer %(answer)s.",
                    answer=answer._get_html_link(title=answer.display_name),
                )
            case._message_log(body=body, author_id=author.id)
            if campaign:
                campaign._message_log(
                    body=self.env._(
                        "Unsatisfied answer of %(customer)s: follow-up case %(case)s opened.",
                        customer=case.filer_name,
                        case=case._get_html_link(),
                    ),
                    author_id=author.id,
                )
