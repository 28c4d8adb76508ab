from odoo import SUPERUSER_ID, api

from odoo.addons.customer_quality.models.cq_legal_pack import ENGLISH, PACK_ENTRIES


def migrate(cr, version):
    """The complaints book sheet: the Peruvian pack's claim and complaint of a
    company that loaded it before become the sheets of its establishments'
    books, with the definitions printed on them and the agreement-on-the-spot
    step of their pack (the steps they have are kept)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    Type = env["cq.pqrs.type"].with_context(active_test=False, lang="en_US")
    book_codes = [code for code, entry in PACK_ENTRIES.items() if entry.get("is_book_sheet")]
    spanish_langs = Type._cq_spanish_langs()
    for pack_type in Type.search([("company_id", "!=", False), ("code", "in", book_codes)]):
        entry = PACK_ENTRIES[pack_type.code]
        english = ENGLISH[pack_type.code]
        pack_type.write({"is_book_sheet": True, "book_definition": english["book_definition"]})
        if spanish_langs:
            pack_type.update_field_translations(
                "book_definition", dict.fromkeys(spanish_langs, entry["book_definition"])
            )
        have = set(pack_type.step_ids.mapped("kind"))
        new_steps = [step for step in entry["steps"] if step[0]["kind"] not in have]
        env["cq.pqrs.step"].with_context(lang="en_US").create([
            dict(values, type_id=pack_type.id, legal_basis=basis_en, note=notes[1] if notes else False)
            for values, _basis_es, basis_en, *notes in new_steps
        ])
        pack_type._cq_translate_pack_steps(new_steps, spanish_langs)
