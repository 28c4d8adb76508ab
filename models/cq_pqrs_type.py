from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CqPqrsType(models.Model):
    _name = "cq.pqrs.type"
    _description = "PQRS Type"
    _order = "sequence, id"
    # The fields a portal user reads (RPC included): what the portal and public forms, pages and the
    # acknowledgement show of a type, and what searches and sorting use; every other field is
    # groups="base.group_user". tests/test_portal_fields.py holds the model to it.
    _cq_portal_fields = frozenset({
        "id", "display_name", "create_date", "create_uid", "write_date", "write_uid",
        "name", "description", "sequence", "active", "company_id", "term_days", "legal_basis",
        "requires_warranty_link", "allow_anonymous",
        # read through the related fields of the case, which take their groups
        "is_emergency", "technical_service",
    })

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        size=4,
        help="Prefix of the filing numbers of this type, e.g. Q for Q-2026-00042.",
        groups="base.group_user",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    term_days = fields.Integer(
        string="Legal Term (business days)",
        required=True,
        default=15,
        help="Business days to answer, counted from the business day after filing.",
    )
    escalation_days = fields.Integer(
        string="Escalation Lead (business days)",
        default=3,
        help="The responsible and the team leader are alerted this many business days "
        "before the due date.",
        groups="base.group_user",
    )
    requires_warranty_link = fields.Boolean(
        string="Order or Invoice Line Required",
        help="Warranty claims: cases of this type name the order or invoice line they are about.",
    )
    is_post_sale = fields.Boolean(
        string="Post-Sale",
        help="Warranty claims and technical support: the customer's rating of these cases counts in the "
        "post-sale satisfaction indicator (ISC) with the post-sale survey.",
        groups="base.group_user",
    )
    technical_service = fields.Boolean(
        string="Technical Service",
        help="Cases of this type record a diagnosis, the interventions of technicians, the parts involved "
        "and an outcome (repaired, replaced, refunded or rejected) before they are answered.",
    )
    is_emergency = fields.Boolean(
        string="Emergency",
        help="Safety, health and environment emergencies: filed at once day and night, the on-duty "
        "team is notified immediately and the term counts in hours.",
    )
    term_hours = fields.Integer(
        string="Term (hours)", help="Hours to answer an emergency, counted from its reception, 24/7.",
        groups="base.group_user",
    )
    legal_basis = fields.Text(
        translate=True, help="Legal basis of the term, quoted in acknowledgements and answers."
    )
    requires_root_cause = fields.Boolean(
        string="Root Cause Required",
        help="Cases of this type need a root-cause category and analysis to be closed "
        "(complaints and claims).",
        groups="base.group_user",
    )
    public_filing = fields.Boolean(
        string="Offered Online", default=True,
        help="Customers can choose this type in the portal and in the public form.",
        groups="base.group_user",
    )
    allow_anonymous = fields.Boolean(
        string="Anonymous Filing Allowed", default=True,
        help="Visitors may file a case of this type without giving their name.",
    )
    sequence_id = fields.Many2one(
        "ir.sequence", string="Numbering", readonly=True, copy=False, ondelete="restrict",
        groups="base.group_user",
    )
    company_id = fields.Many2one("res.company", string="Company")
    description = fields.Text(translate=True)
    color = fields.Integer(groups="base.group_user")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The type code must be unique."),
    ]

    @api.constrains("is_emergency", "term_hours")
    def _check_emergency_term(self):
        for pqrs_type in self:
            if pqrs_type.is_emergency and pqrs_type.term_hours <= 0:
                raise ValidationError(
                    self.env._(
                        "%(type)s is an emergency: give its term in hours, not in business days.",
                        type=pqrs_type.name,
                    )
                )
            if not pqrs_type.is_emergency and pqrs_type.term_hours:
                raise ValidationError(
                    self.env._("Only emergency types count their term in hours (%(type)s).", type=pqrs_type.name)
                )

    @api.constrains("term_days", "escalation_days")
    def _check_terms(self):
        for pqrs_type in self:
            if pqrs_type.term_days <= 0:
                raise ValidationError(
                    self.env._(
                        "The legal term of %(type)s must be at least one business day.",
                        type=pqrs_type.name,
                    )
                )
            if pqrs_type.escalation_days < 0 or pqrs_type.escalation_days >= pqrs_type.term_days:
                raise ValidationError(
                    self.env._(
                        "The escalation lead of %(type)s must be between 0 and its legal term.",
                        type=pqrs_type.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        types = super().create(vals_list)
        for pqrs_type in types.filtered(lambda t: not t.sequence_id):
            pqrs_type.sequence_id = self.env["ir.sequence"].sudo().create(
                pqrs_type._prepare_sequence_values()
            )
        return types

    def write(self, vals):
        res = super().write(vals)
        if "code" in vals:
            for pqrs_type in self.filtered("sequence_id"):
                pqrs_type.sequence_id.sudo().prefix = pqrs_type._prepare_sequence_values()["prefix"]
        return res

    def _prepare_sequence_values(self):
        self.ensure_one()
        return {
            "name": self.env._("PQRS %(type)s", type=self.name),
            "code": f"cq.pqrs.{self.code}",
            "prefix": f"{self.code}-%(range_year)s-",
            "padding": 5,
            "use_date_range": True,
            "implementation": "standard",
            "company_id": self.company_id.id,
        }
