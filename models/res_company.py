from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"
    # Of the fields this addon adds, those a portal user or a visitor reads: the consent text of the
    # public form. tests/test_portal_fields.py holds the model to it.
    _cq_portal_fields = frozenset({"cq_pqrs_consent_text"})

    cq_pqrs_consent_text = fields.Html(
        string="Personal Data Consent Text",
        translate=True,
        sanitize=True,
        default=lambda self: self.env._(
            "<p>I authorise the company to process my personal data to handle this request, "
            "in accordance with Ley 1581 de 2012 and its personal data policy.</p>"
        ),
    )
