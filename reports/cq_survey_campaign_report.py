from odoo import api, models
from odoo.tools import SQL

from .svg_chart import bar_chart


class CqSurveyCampaignReport(models.AbstractModel):
    """Satisfaction report of a survey campaign: the campaign's figures, the
    distribution of every CSAT and NPS question as a bar chart and the
    customers' comments."""

    _name = "report.customer_quality.cq_survey_campaign_report"
    _description = "Satisfaction Report per Campaign"

    @api.model
    def _get_report_values(self, docids, data=None):
        campaigns = self.env["cq.survey.campaign"].browse(docids)
        campaigns.check_access("read")
        comments = self._get_comments(campaigns)
        return {
            "doc_ids": docids,
            "doc_model": "cq.survey.campaign",
            "docs": campaigns,
            "questions": {campaign.id: self._get_question_results(campaign) for campaign in campaigns},
            "comments": comments,
        }

    @api.model
    def _get_question_results(self, campaign):
        """[{question, values, counts, total, mean, chart}] for the CSAT and NPS
        questions of the campaign's survey: two grouped queries."""
        questions = campaign.survey_id.sudo().question_ids.filtered(
            lambda question: question.cq_metric and question.question_type == "scale"
        )
        if not questions:
            return []
        Line = self.env["survey.user_input.line"].sudo()
        domain = [
            ("user_input_id.cq_campaign_id", "=", campaign.id),
            ("user_input_id.state", "=", "done"),
            ("user_input_id.test_entry", "=", False),
            ("question_id", "in", questions.ids),
            ("answer_type", "=", "scale"),
            ("skipped", "=", False),
        ]
        counts = {
            (question.id, value): count
            for question, value, count in Line._read_group(domain, ["question_id", "value_scale"], ["__count"])
        }
        means = {
            question.id: (count, mean)
            for question, count, mean in Line._read_group(domain, ["question_id"], ["__count", "value_scale:avg"])
        }
        results = []
        for question in questions:
            values = list(range(question.scale_min, question.scale_max + 1))
            question_counts = [counts.get((question.id, value), 0) for value in values]
            total, mean = means.get(question.id, (0, None))
            results.append(
                {
                    "question": question,
                    "values": values,
                    "counts": question_counts,
                    "total": total,
                    "mean": mean,
                    "chart": bar_chart([str(value) for value in values], question_counts, width=440, height=150),
                }
            )
        return results

    @api.model
    def _get_comments(self, campaigns):
        """{campaign id: [(question title, customer, comment)]}: the text answers
        of the done answers of all the campaigns, in one query."""
        if not campaigns:
            return {}
        self.env["survey.user_input.line"].flush_model(
            ["user_input_id", "question_id", "answer_type", "skipped", "value_text_box"]
        )
        self.env["survey.user_input"].flush_model(["cq_campaign_id", "state", "test_entry", "partner_id", "nickname", "email"])
        self.env["survey.question"].flush_model(["title", "sequence"])
        self.env["res.partner"].flush_model(["complete_name"])
        lang = self.env.lang or "en_US"
        self.env.cr.execute(
            SQL(
                """
                SELECT ui.cq_campaign_id,
                       COALESCE(question.title->>%(lang)s, question.title->>'en_US', ''),
                       COALESCE(partner.complete_name, ui.nickname, ui.email, ''),
                       line.value_text_box
                  FROM survey_user_input_line line
                  JOIN survey_user_input ui ON ui.id = line.user_input_id
                  JOIN survey_question question ON question.id = line.question_id
             LEFT JOIN res_partner partner ON partner.id = ui.partner_id
                 WHERE ui.cq_campaign_id IN %(campaigns)s
                   AND ui.state = 'done'
                   AND ui.test_entry IS NOT TRUE
                   AND line.answer_type = 'text_box'
                   AND line.skipped IS NOT TRUE
                   AND TRIM(COALESCE(line.value_text_box, '')) != ''
              ORDER BY ui.cq_campaign_id, question.sequence, question.id, partner.complete_name, line.id
                """,
                lang=lang,
                campaigns=tuple(campaigns.ids),
            )
        )
        comments = {campaign_id: [] for campaign_id in campaigns.ids}
        for campaign_id, question, customer, comment in self.env.cr.fetchall():
            comments[campaign_id].append((question, customer, comment))
        return comments
