from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged

I18N = Path(__file__).resolve().parent.parent / "i18n"


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def test_spanish_is_complete(self):
        pot = polib.pofile(str(I18N / "customer_quality.pot"))
        es = polib.pofile(str(I18N / "es.po"))
        self.assertGreater(len(pot), 50, "the template holds the addon's strings")
        translated = {entry.msgid for entry in es if entry.msgstr and not entry.obsolete}
        missing = sorted(entry.msgid for entry in pot if entry.msgid not in translated)
        self.assertFalse(missing, "msgids of the .pot without Spanish translation: %s" % missing[:20])

    def test_spanish_loaded(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["customer_quality"], ["es_ES"], overwrite=True)
        field = self.env["ir.model.fields"]._get("res.partner", "customer_state")
        selection = dict(
            self.env["res.partner"].with_context(lang="es_ES")._fields["customer_state"]
            ._description_selection(self.env(context={"lang": "es_ES"}))
        )
        self.assertEqual(selection["captive"], "Cliente cautivo")
        self.assertEqual(selection["prospect"], "Cliente potencial")
        self.assertTrue(field)
