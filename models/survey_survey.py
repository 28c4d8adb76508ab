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
    # closed loop: unsatisfied answers open a follow-up case (survey_user_input_followup.py)
    cq_followup = fields.Boolean(
        string="Follow Up Unsatisfied Answers",
        help="Open a follow-up case for each answer that meets the follow-up rule, once per answer, for the "
        "customer who answered, assigned to the campaign's responsible (else the survey's).",
    )
    cq_followup_type_id = fields.Many2one(
        "cq.pqrs.type",
        string="Follow-Up Case Type",
        ondelete="restrict",
        domain="[('requires_warranty_link', '=', False), ('is_emergency', '=', False)]",
        default=lambda self: self.env.ref("customer_quality.cq_pqrs_type_complaint", raise_if_not_found=False),
        help="Type of the follow-up cases: it gives their filing number and their term.",
    )
    cq_followup_rule = fields.Selection(
        [("unsatisfied", "Answer not satisfied"), ("detractor", "NPS detractor (0-6)")],
        string="Follow Up When",
        compute="_compute_cq_followup_rule",
        store=True,
        readonly=False,
        help="Not satisfied: the answer misses the 'Satisfied From' threshold of the survey. NPS detractor: "
        "the customer gave 0 to 6 to the NPS question. Follows the 'Satisfied When' basis unless changed.",
    )

    @api.depends("cq_satisfaction_basis")
    def _compute_cq_followup_rule(self):
        for survey in self:
            survey.cq_followup_rule = "detractor" if survey.cq_satisfaction_basis == "nps" else "unsatisfied"

    @api.constrains("cq_followup", "cq_followup_type_id")
    def _check_cq_followup_type(self):
        for survey in self.filtered("cq_followup"):
            if not survey.cq_followup_type_id:
                raise ValidationError(
                    self.env._(
                        "Choose the type of the follow-up cases of %(survey)s, or stop following up its "
                        "unsatisfied answers.",
                        survey=survey.title,
                    )
                )
            if survey.cq_followup_type_id.requires_warranty_link:
                raise ValidationError(
                    self.env._(
                        "Follow-up cases of %(survey)s cannot be of type %(type)s: that type names an order or "
                        "invoice line, which a survey answer does not have.",
                        survey=survey.title,
                        type=survey.cq_followup_type_id.name,
                    )
                )

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
