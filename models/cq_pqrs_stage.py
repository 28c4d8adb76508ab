from odoo import fields, models


class CqPqrsStage(models.Model):
    _name = "cq.pqrs.stage"
    _description = "PQRS Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    state = fields.Selection(
        [
            ("new", "Filed"),
            ("analysis", "In Analysis"),
            ("waiting", "Waiting for the Filer"),
            ("answered", "Answered"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="analysis",
        help="What the stage means for the legal term: waiting for the filer suspends it "
        "(Ley 1755 de 2015, art. 17); answered, closed and cancelled stop it.",
    )
    fold = fields.Boolean(string="Folded in Kanban")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
