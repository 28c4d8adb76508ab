from odoo import fields, models


class CqPqrs(models.Model):
    """Follow-up cases of unsatisfied survey answers (the closed loop of
    survey_user_input_followup.py): the case names its answer and campaign.
    One case per answer: the unique constraint below is the database's
    guarantee, whatever worker or path opens it."""

    _inherit = "cq.pqrs"

    channel = fields.Selection(
        selection_add=[("survey", "Satisfaction Survey")], ondelete={"survey": "set default"}
    )
    cq_survey_input_id = fields.Many2one(
        "survey.user_input",
        string="Survey Answer",
        readonly=True,
        copy=False,
        # indexed by the unique constraint below
        ondelete="restrict",
        groups="base.group_user",
        help="The unsatisfied survey answer this case follows up.",
    )
    cq_survey_campaign_id = fields.Many2one(
        "cq.survey.campaign",
        string="Survey Campaign",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        groups="base.group_user",
        help="The campaign of the survey answer this case follows up.",
    )

    _sql_constraints = [
        (
            "cq_survey_input_unique",
            "UNIQUE(cq_survey_input_id)",
            "A survey answer opens one follow-up case only.",
        ),
    ]

    def _cq_needs_acknowledgement(self):
        # the customer filed nothing: their survey answer opened the case, and the responsible
        # contacts them; a receipt of a "request" they never made would confuse them
        return self.channel != "survey" and super()._cq_needs_acknowledgement()

    def action_open_survey_answer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Survey Answer"),
            "res_model": "survey.user_input",
            "res_id": self.cq_survey_input_id.id,
            "view_mode": "form",
            "views": [(self.env.ref("survey.survey_user_input_view_form").id, "form")],
        }
