from odoo import SUPERUSER_ID, api

# the letters to the filer are rendered in the case's filing language (cq.pqrs.lang), which a filer
# of the public form has and their contact (they have none) does not
OLD_LANG = "{{ object.partner_id.lang }}"
NEW_LANG = "{{ object._cq_filer_lang() }}"


def migrate(cr, version):
    """The mail templates are noupdate:
    - the acknowledgement links the tracking page with the case's number filled in (never the
      lookup code) instead of printing the bare path /pqrs/track: it is reset (a customised body is
      replaced by the new one, in every installed language), which also gives it the filer's language;
    - the other letters to the filer only get the filer's language, where nobody changed it.
    The legal packs' types loaded before they had an English wording get it, and the law's Spanish
    words in every Spanish language."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref("customer_quality.mail_template_cq_pqrs_acknowledgement", raise_if_not_found=False)
    if template and template.template_fs:
        template.reset_template()
    templates = env["mail.template"].search([("model", "=", "cq.pqrs"), ("lang", "=", OLD_LANG)])
    templates.write({"lang": NEW_LANG})

    from odoo.addons.customer_quality.models.cq_legal_pack import ENGLISH, LEGAL_PACKS  # noqa: PLC0415

    spanish = {entry["code"]: entry["name"] for entries in LEGAL_PACKS.values() for entry in entries}
    pack_types = env["cq.pqrs.type"].with_context(active_test=False, lang="en_US").search(
        [("company_id", "!=", False), ("code", "in", list(ENGLISH))]
    )
    for pack_type in pack_types.filtered(lambda t: t.name == spanish.get(t.code)):
        pack_type.write(ENGLISH[pack_type.code])
        pack_type._cq_translate_pack_types()
