import io
import re
import shutil
from contextlib import contextmanager
from unittest.mock import patch

from odoo.tests import TransactionCase
from odoo.tools.misc import file_path
from odoo.tools.pdf import PdfFileReader
from odoo.tools.translate import PoFileReader

from .common import load_spanish

UNREACHABLE_URL = "http://127.0.0.1:1"
FORBIDDEN = re.compile(r"\b(False|None)\b")


class ReportCase(TransactionCase):
    """Render a report in HTML and PDF, in English and Spanish, and give its
    visible text to assert on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env)
        cls._es_terms = None

    @classmethod
    def _spanish_terms(cls):
        """{msgid: msgstr} of i18n/es.po, read once per class with Odoo's reader."""
        if cls._es_terms is None:
            terms = {}
            for entry in PoFileReader(file_path("customer_quality/i18n/es.po")):
                terms.setdefault(entry["src"], entry["value"])
            cls._es_terms = terms
        return cls._es_terms

    def tr(self, lang, text):
        """`text`, one msgid of es.po (a term of the report templates), as
        printed in `lang` (a code or a res.lang): its es.po translation in
        Spanish (the source if its msgstr is empty, as Odoo prints it), else
        `text` unchanged.

        Fails if es.po has no such msgid, in any language, so that a typo cannot
        turn an assertion on the Spanish report into a vacuous one. A term with
        markup is given as es.po has it, e.g. "<strong>Tax ID:</strong>"; runs
        of white space may be written as one space ("<br/> <strong>Status:</strong>").
        See tr_text() for the text the reader sees."""
        terms = self._spanish_terms()
        if text in terms:
            translation = terms[text]
        else:
            matches = {msgstr for msgid, msgstr in terms.items() if " ".join(msgid.split()) == " ".join(text.split())}
            if len(matches) != 1:
                self.fail(f"{text!r} is not one msgid of customer_quality/i18n/es.po")
            translation = matches.pop()
        code = getattr(lang, "code", lang) or ""
        if not code.startswith("es"):
            return text
        return translation or text  # untranslated: Odoo prints the source

    def tr_text(self, lang, text):
        """tr() as the reader sees it: tags dropped and spaces collapsed as by render_html()."""
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", self.tr(lang, text))).strip()

    def render_html(self, report_ref, records, lang="en_US", data=None):
        report = self.env.ref(report_ref).with_context(lang=lang)
        html, _type = report._render_qweb_html(report_ref, records.ids, data=data)
        text = re.sub(r"<[^>]+>", " ", html.decode())
        text = re.sub(r"\s+", " ", text)
        return html.decode(), text

    @contextmanager
    def without_report_assets(self):
        """wkhtmltopdf prints without the report's CSS (see render_pdf_text)."""
        Report = type(self.env["ir.actions.report"])
        with patch.object(Report, "_get_report_url", lambda report, layout=None: UNREACHABLE_URL):
            yield

    def render_pdf_text(self, report_ref, records, lang="en_US", data=None):
        """Text of the PDF (wkhtmltopdf is required).

        The PDF is printed without the report's CSS: with its web fonts the
        unpatched wkhtmltopdf of Debian draws the text as paths, which cannot
        be read back, and fetching the CSS from the test server would wait on
        the registry lock the test runner holds."""
        self.assertTrue(shutil.which("wkhtmltopdf"), "wkhtmltopdf is installed (tools/start.sh)")
        report = self.env.ref(report_ref).with_context(lang=lang, force_report_rendering=True)
        with self.without_report_assets():
            pdf, _type = report._render_qweb_pdf(report_ref, records.ids, data=data)
        self.assertTrue(pdf.startswith(b"%PDF"))
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        text = " ".join(page.extract_text() or "" for page in reader.pages)
        return re.sub(r"\s+", " ", text)

    def assertClean(self, text):
        """No 'False' or 'None' printed anywhere."""
        match = FORBIDDEN.search(text)
        self.assertFalse(match, f"'{match and match.group(0)}' printed in: ...{text[max(0, (match.start() if match else 0) - 80):(match.end() if match else 0) + 80]}...")
