from odoo import fields, models


class CqPqrsStage(models.Model):
    _name = "cq.pqrs.stage"
    _description = "PQRS Stage"
    _order = "sequence, id"
    # The fields a portal user reads (RPC included): the stage a case shows, what it means and what
    # searches and sorting use; every other field is groups="base.group_user".
    # tests/test_portal_fields.py holds the model to it.
    _cq_portal_fields = frozenset({
        "id", "display_name", "create_date", "create_uid", "write_date", "write_uid",
        "name", "state", "sequence", "active",
    })

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
        help="What the stage means for the legal term: waiting for the filer suspends it; answered, closed "
        "and cancelled stop it.",
    )
    fold = fields.Boolean(string="Folded in Kanban", groups="base.group_user")
    description = fields.Text(translate=True, groups="base.group_user")
    active = fields.Boolean(default=True)
