import re

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

PLACEHOLDER_RE = re.compile(r"\{(\w*)\}")
# what a template may name, and what each is on the case
PLACEHOLDERS = {
    "filer": "the filer's name",
    "number": "the filing number",
    "subject": "the subject",
    "type": "the type of request",
    "filed_on": "the filing date",
    "due_date": "the due date",
    "legal_basis": "the type's legal basis",
    "responsible": "the responsible's name",
    "company": "the company's name",
}


class CqPqrsAnswerTemplate(models.Model):
    """A canned answer: staff pick it on a case, it fills the answer in the
    filer's language with the case's facts, and they edit it before sending.
    Kept by the managers (Configuration), per type or for every type."""

    _name = "cq.pqrs.answer.template"
    _description = "PQRS Answer Template"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    type_ids = fields.Many2many(
        "cq.pqrs.type", string="Types", help="The types it is offered for; empty: every type."
    )
    company_id = fields.Many2one("res.company", string="Company", index=True)
    body = fields.Html(
        required=True, translate=True, sanitize=True,
        help="The answer, in each language. Placeholders: {filer}, {number}, {subject}, {type}, {filed_on}, "
        "{due_date}, {legal_basis}, {responsible}, {company}.",
    )

    @api.constrains("body")
    def _check_placeholders(self):
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        for template in self:
            for lang in langs:
                body = template.with_context(lang=lang).body or ""
                unknown = sorted({name for name in PLACEHOLDER_RE.findall(str(body)) if name not in PLACEHOLDERS})
                if unknown:
                    raise ValidationError(self.env._(
                        "%(template)s names unknown placeholders: %(unknown)s. Use %(known)s.",
                        template=template.name, unknown=", ".join("{%s}" % name for name in unknown),
                        known=", ".join("{%s}" % name for name in PLACEHOLDERS),
                    ))

    def _cq_render(self, case):
        """The body in the filer's language, its placeholders replaced by the
        case's facts (escaped)."""
        self.ensure_one()
        lang = case._cq_filer_lang()
        template = self.with_context(lang=lang)
        case = case.with_context(lang=lang)
        env = case.env
        values = {
            "filer": case.partner_id.name or case.filer_name or "",
            "number": case.name or "",
            "subject": case.subject or "",
            "type": case.type_id.name or "",
            "filed_on": format_date(env, case.date_radicated, lang_code=lang) if case.date_radicated else "",
            "due_date": format_date(env, case.date_due, lang_code=lang) if case.date_due else "",
            "legal_basis": case.type_id.legal_basis or "",
            "responsible": case.user_id.name or "",
            "company": case.company_id.name or "",
        }
        body = str(template.body or "")
        return Markup(PLACEHOLDER_RE.sub(lambda match: str(escape(values.get(match.group(1), ""))), body))
