from odoo import SUPERUSER_ID, api

from odoo.addons.customer_quality.models.cq_legal_pack import PACK_ENTRIES


def migrate(cr, version):
    """The data protection claims report: the pack types whose claims a
    company reports to the data protection registry (the Colombian pack's
    habeas-data claim) of companies that loaded them before are marked so;
    the pack types whose letters name the company's out-of-court dispute
    body (the Spanish consumer claims) too, and the acknowledgement gets the
    template that prints it; the pack types get the steps their pack gained
    (the supervisor's review of the Spanish customer-service claim)."""
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
    # the pack types that gained a step (the Spanish customer-service claim: the supervisor's review)
    # get it; the steps they have are kept
    Type = env["cq.pqrs.type"].with_context(active_test=False, lang="en_US")
    spanish_langs = Type._cq_spanish_langs()
    for pack_type in Type.search([("company_id", "!=", False), ("code", "in", list(PACK_ENTRIES))]):
        have = set(pack_type.step_ids.mapped("kind"))
        if not have:
            continue  # a type without steps gets them all from _cq_seed_pack_steps
        new_steps = [step for step in PACK_ENTRIES[pack_type.code]["steps"] if step[0]["kind"] not in have]
        if not new_steps:
            continue
        env["cq.pqrs.step"].with_context(lang="en_US").create([
            dict(values, type_id=pack_type.id, legal_basis=basis_en, note=notes[1] if notes else False)
            for values, _basis_es, basis_en, *notes in new_steps
        ])
        pack_type._cq_translate_pack_steps(new_steps, spanish_langs)
