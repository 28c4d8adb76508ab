from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    cq_kind = fields.Selection(
        [("satisfaction", "Customer Satisfaction"), ("post_sale", "Post-Sale Satisfaction")],
        string="Quality Survey",
        help="Answers of customer satisfaction surveys feed SC and I6; post-sale surveys feed ISC.",
    )
    cq_satisfaction_basis = fields.Selection(
        [("csat", "Mean CSAT (1-5)"), ("nps", "NPS score (0-10)")],
        string="Satisfied When",
        default="csat",
    )
    cq_satisfied_threshold = fields.Float(
        string="Satisfied From",
        default=4.0,
        digits=(16, 1),
        help="An answer is satisfied when its mean CSAT (or its NPS score) reaches this value.",
    )
    cq_campaign_ids = fields.One2many("cq.survey.campaign", "survey_id", string="Campaigns")

    @api.constrains("cq_kind", "cq_satisfaction_basis", "cq_satisfied_threshold")
    def _check_cq_threshold(self):
        for survey in self.filtered("cq_kind"):
            low, high = (1, 5) if survey.cq_satisfaction_basis == "csat" else (0, 10)
            if not low <= survey.cq_satisfied_threshold <= high:
                raise ValidationError(
                    self.env._(
                        "The satisfaction threshold of %(survey)s must be between %(low)s and %(high)s.",
                        survey=survey.title,
                        low=low,
                        high=high,
                    )
                )
