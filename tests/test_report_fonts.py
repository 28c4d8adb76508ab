"""The PDF letters carry real text: with a web font, the wkhtmltopdf of Debian/Ubuntu draws the
glyphs as paths; the addon's PDF assets take Lato from the system first (fonts-lato)."""

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.pdf import PdfFileReader

FONTS_SCSS = "customer_quality/static/src/scss/report_fonts.scss"


@tagged("post_install", "-at_install")
class TestReportFonts(TransactionCase):
    def test_pdf_assets_take_lato_from_the_system(self):
        files = [path for path, *_rest in self.env["ir.qweb"]._get_asset_content("web.report_assets_pdf")[0]]
        self.assertIn(f"/{FONTS_SCSS}", files, "printed PDFs load the addon's font faces")

    def _pdf_text(self, css):
        lato = Path(file_path("web/static/fonts/lato"))
        html = f"""<html><head><style>
            @font-face {{ font-family: 'Lato'; src: url('file://{lato}/Lato-Reg-webfont.woff') format('woff'); }}
            {css}
            body {{ font-family: 'Lato'; }}
            </style></head><body><p>Respuesta a su reclamo radicado</p></body></html>"""
        with tempfile.TemporaryDirectory() as tmp:
            source, pdf = Path(tmp, "letter.html"), Path(tmp, "letter.pdf")
            source.write_text(html, encoding="utf-8")
            subprocess.run(["wkhtmltopdf", "-q", "--enable-local-file-access", str(source), str(pdf)],
                           check=False, capture_output=True, timeout=120)
            reader = PdfFileReader(io.BytesIO(pdf.read_bytes()), strict=False)
            return " ".join(page.extract_text() or "" for page in reader.pages)

    def test_letter_text_is_text_with_the_addon_faces(self):
        if not shutil.which("wkhtmltopdf"):
            self.skipTest("wkhtmltopdf is not installed")
        if b"lato" not in subprocess.run(["fc-list"], capture_output=True, check=False).stdout.lower():
            self.skipTest("the Lato system font (fonts-lato) is not installed")
        # the faces the addon adds to the PDF assets, without Odoo's asset URL (a file here)
        css = Path(file_path(FONTS_SCSS)).read_text(encoding="utf-8")
        faces = "\n".join(
            f"@font-face {{ font-family: 'Lato'; src: local('{local}'), local('{postscript}'); "
            f"font-weight: {weight}; font-style: {style}; }}"
            for local, postscript, weight, style in (("Lato Regular", "Lato-Regular", 400, "normal"),)
        )
        self.assertIn("local('#{$local}'), local('#{$postscript}')", css)
        self.assertIn("Respuesta a su reclamo radicado", self._pdf_text(faces))
