"""The case's life cycle is one create and one write, whose hooks run in the order cq_pqrs.py states;
no law is written in the runtime code: the legal packs' data carry it."""

import re
from pathlib import Path

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path

ADDON = Path(file_path("customer_quality"))
# where runtime code and views live (tests, translations, demo and docs are not runtime)
RUNTIME = ("models", "controllers", "views", "data", "reports", "wizards", "static/src", "security")
# the one place that holds the law's words: the legal packs' data
# the legal packs and the classification of the data protection claims (arts. of the data protection law)
LAW_DATA = {"models/cq_legal_pack.py", "data/cq_rnbd_data.xml"}
LAW = re.compile(r"Ley \d|\b1755\b|\b1581\b|\b1480\b|Decreto \d|LFPDPPP|TRLGDCU|\bRGPD\b|\bGDPR\b|10/2025")


@tagged("post_install", "-at_install")
class TestLifeCycle(TransactionCase):
    def _addon_classes_defining(self, name):
        return [
            cls for cls in type(self.env["cq.pqrs"]).__mro__
            if cls.__module__.startswith("odoo.addons.customer_quality.") and name in vars(cls)
        ]

    def test_one_create_and_one_write(self):
        for name in ("create", "write"):
            with self.subTest(method=name):
                classes = self._addon_classes_defining(name)
                self.assertEqual([cls.__module__ for cls in classes],
                                 ["odoo.addons.customer_quality.models.cq_pqrs"])
        # the hooks are named, not chained through the import order: no feature overrides them with super()
        for hook in ("_cq_before_filing", "_cq_after_filing", "_cq_after_write"):
            with self.subTest(hook=hook):
                self.assertEqual(len(self._addon_classes_defining(hook)), 1)

    def test_no_law_in_runtime_code(self):
        found = []
        for folder in RUNTIME:
            for path in sorted((ADDON / folder).rglob("*")):
                if path.suffix not in (".py", ".xml", ".js", ".scss", ".csv"):
                    continue
                relative = path.relative_to(ADDON).as_posix()
                if relative in LAW_DATA:
                    continue
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if LAW.search(line):
                        found.append(f"{relative}:{number}: {line.strip()}")
        self.assertFalse(found, "law written outside the legal packs' data:\n" + "\n".join(found))
