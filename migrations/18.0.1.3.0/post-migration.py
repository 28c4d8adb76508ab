from odoo import SUPERUSER_ID, api

# the letters to the filer are rendered in the case's filing language (cq.pqrs.lang), which a filer
# of the public form has and their contact (they have none) does not
OLD_LANG = "{{ object.partner_id.lang }}"
NEW_LANG = "{{ object._cq_filer_lang() }}"


def migrate(cr, version):
    """The filer's language: the mail templates are noupdate, so only their
    language expression is changed here, and only where nobody changed it."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    templates = env["mail.template"].search([("model", "=", "cq.pqrs"), ("lang", "=", OLD_LANG)])
    templates.write({"lang": NEW_LANG})
    # the legal packs' types loaded before they had an English wording: Spanish in every language
    from odoo.addons.customer_quality.models.cq_legal_pack import ENGLISH, LEGAL_PACKS  # noqa: PLC0415

    spanish = {entry["code"]: entry["name"] for entries in LEGAL_PACKS.values() for entry in entries}
    pack_types = env["cq.pqrs.type"].with_context(active_test=False, lang="en_US").search(
        [("company_id", "!=", False), ("code", "in", list(ENGLISH))]
    )
    for pack_type in pack_types.filtered(lambda t: t.name == spanish.get(t.code)):
        pack_type.write(ENGLISH[pack_type.code])
        pack_type._cq_translate_pack_types()
