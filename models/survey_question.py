from odoo import api, fields, models
from odoo.exceptions import ValidationError

METRIC_SCALES = {"csat": (1, 5), "nps": (0, 10)}


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    cq_metric = fields.Selection(
        [("csat", "CSAT (1-5)"), ("nps", "NPS (0-10)")],
        string="Satisfaction Metric",
        help="CSAT questions are averaged into the answer's CSAT; the NPS question gives its NPS score.",
    )

    @api.constrains("cq_metric", "question_type", "scale_min", "scale_max")
    def _check_cq_metric(self):
        for question in self.filtered("cq_metric"):
            low, high = METRIC_SCALES[question.cq_metric]
            if question.question_type != "scale" or (question.scale_min, question.scale_max) != (low, high):
                raise ValidationError(
                    self.env._(
                        "Question %(question)s measures %(metric)s: it must be a scale from %(low)s to %(high)s.",
                        question=question.title,
                        metric=question.cq_metric.upper(),
                        low=low,
                        high=high,
                    )
                )
