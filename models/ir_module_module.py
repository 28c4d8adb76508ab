from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        """With the addon's translations of a language (its installation, or a
        language added in Settings), the texts Odoo stored as defaults in one
        language get that language's wording too, and so do the legal packs'
        types and steps loaded before the language."""
        res = super()._load_module_terms(modules, langs, overwrite=overwrite, imported_module=imported_module)
        if "customer_quality" in modules and "cq_pqrs_consent_text" in self.env["res.company"]._fields:
            self.env["res.company"].sudo().with_context(active_test=False).search([])._cq_translate_default_texts(langs)
            # the legal packs' types loaded before this language: their own words in it
            if any(lang.split("_")[0] == "es" for lang in langs):
                self.env["cq.pqrs.type"].sudo().with_context(active_test=False).search(
                    [("company_id", "!=", False)]
                )._cq_translate_pack_types(langs)
        return res
