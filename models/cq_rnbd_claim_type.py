from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CqRnbdClaimType(models.Model):
    """How the report of the holders' claims to a data protection registry
    classifies a claim: a type, and the details of a type (a detail is a
    claim type with a parent). Seeded as data (data/cq_rnbd_data.xml), kept
    by the managers as the registry's form changes."""

    _name = "cq.rnbd.claim.type"
    _description = "Data Protection Claim Type"
    _order = "sequence, id"
    _parent_store = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="The code of the type or detail in the report.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    parent_id = fields.Many2one(
        "cq.rnbd.claim.type", string="Type", index=True, ondelete="restrict",
        domain="[('parent_id', '=', False)]",
        help="Empty for a claim type; the type of which this is a detail otherwise.",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("cq.rnbd.claim.type", "parent_id", string="Details")
    description = fields.Text(translate=True, help="What the holder claims, in the words of the law it comes from.")

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code of a data protection claim type or detail must be unique."),
    ]

    @api.constrains("parent_id")
    def _check_two_levels(self):
        for claim_type in self:
            if claim_type.parent_id.parent_id:
                raise ValidationError(self.env._(
                    "%(detail)s: a detail belongs to a claim type, not to another detail.", detail=claim_type.name
                ))

    @api.depends("name", "parent_id.name")
    def _compute_display_name(self):
        for claim_type in self:
            claim_type.display_name = (
                f"{claim_type.parent_id.name} / {claim_type.name}" if claim_type.parent_id else claim_type.name
            )
