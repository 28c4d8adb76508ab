import io
import re
import shutil
from contextlib import contextmanager
from unittest.mock import patch

from odoo.tests import TransactionCase
from odoo.tools.pdf import PdfFileReader

UNREACHABLE_URL = "http://127.0.0.1:1"
FORBIDDEN = re.compile(r"\b(False|None)\b")


class ReportCase(TransactionCase):
    """Render a report in HTML and PDF, in English and Spanish, and give its
    visible text to assert on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("es_CO")
        cls.env["ir.module.module"].search([("name", "=", "customer_quality")])._update_translations(
            ["es_CO"], overwrite=True
        )

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
        """Text of the PDF; the test is skipped only without wkhtmltopdf.

        The PDF is printed without the report's CSS: with its web fonts the
        unpatched wkhtmltopdf of Debian draws the text as paths, which cannot
        be read back, and fetching the CSS from the test server would wait on
        the registry lock the test runner holds."""
        if not shutil.which("wkhtmltopdf"):
            self.skipTest("wkhtmltopdf is not installed")
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
