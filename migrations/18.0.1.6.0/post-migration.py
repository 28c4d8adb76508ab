from odoo import SUPERUSER_ID, api

from odoo.addons.customer_quality.models.cq_legal_pack import PACK_ENTRIES


def migrate(cr, version):
    """The data protection claims report: the pack types whose claims a
    company reports to the data protection registry (the Colombian pack's
    habeas-data claim) of companies that loaded them before are marked so."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    codes = [code for code, entry in PACK_ENTRIES.items() if entry.get("rnbd_reported")]
    env["cq.pqrs.type"].with_context(active_test=False).search(
        [("company_id", "!=", False), ("code", "in", codes)]
    ).write({"rnbd_reported": True})
