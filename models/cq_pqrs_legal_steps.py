from odoo import api, fields, models
from odoo.exceptions import UserError


class CqPqrs(models.Model):
    """The legal steps a case's type offers (cq.pqrs.step): the features
    (completion, withdrawal, transfer, reiteration, reopening) ask for their
    step here, the form shows only the actions whose step the type has, and
    every message cites the step's legal basis."""

    _inherit = "cq.pqrs"

    legal_step_kinds = fields.Char(
        compute="_compute_legal_step_kinds", groups="base.group_user",
        help="The legal steps the type of the case offers, comma-separated (the form's buttons follow them).",
    )

    @api.depends("type_id.step_ids.kind")
    def _compute_legal_step_kinds(self):
        for case in self:
            kinds = case.type_id.sudo().step_ids.mapped("kind")
            case.legal_step_kinds = "," + ",".join(kinds) + "," if kinds else False

    def _cq_legal_step(self, kind):
        """The legal step `kind` of this case's type (empty when its procedure has none)."""
        self.ensure_one()
        return self.type_id._cq_step(kind) if self.type_id else self.env["cq.pqrs.step"]

    def _cq_step_basis(self, kind):
        """The legal basis of the step `kind`, in the reader's language (the letters call it), or the
        type's own legal basis when its procedure has no such step."""
        self.ensure_one()
        step = self._cq_legal_step(kind)
        return step.legal_basis if step else (self.type_id.legal_basis or "")

    def _cq_require_step(self, kind):
        """The legal step `kind` of this case's type, or a clear refusal."""
        step = self._cq_legal_step(kind)
        if not step:
            label = dict(step._fields["kind"]._description_selection(self.env))[kind]
            raise UserError(
                self.env._(
                    "The procedure of %(type)s has no step %(step)s: it is not offered on %(case)s.",
                    type=self.type_id.display_name, step=label, case=self.name,
                )
            )
        return step
