from odoo import SUPERUSER_ID, api

from odoo.addons.customer_quality.models.cq_legal_pack import PACK_ENTRIES


def migrate(cr, version):
    """The data protection claims report: the pack types whose claims a
    company reports to the data protection registry (the Colombian pack's
    habeas-data claim) of companies that loaded them before are marked so;
    the pack types whose letters name the company's out-of-court dispute
    body (the Spanish consumer claims) too, and the acknowledgement gets the
    template that prints it."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    codes = [code for code, entry in PACK_ENTRIES.items() if entry.get("rnbd_reported")]
    env["cq.pqrs.type"].with_context(active_test=False).search(
        [("company_id", "!=", False), ("code", "in", codes)]
    ).write({"rnbd_reported": True})
    shown = [code for code, entry in PACK_ENTRIES.items() if entry.get("shows_dispute_body")]
    env["cq.pqrs.type"].with_context(active_test=False).search(
        [("company_id", "!=", False), ("code", "in", shown)]
    ).write({"shows_dispute_body": True})
    template = env.ref("customer_quality.mail_template_cq_pqrs_acknowledgement", raise_if_not_found=False)
    if template and template.template_fs:
        template.reset_template()
