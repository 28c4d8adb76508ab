"""The PDF letters carry real text: with a web font, the wkhtmltopdf of Debian/Ubuntu draws the
glyphs as paths; the addon's PDF assets take Lato from the system first (fonts-lato)."""

import io
import re
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
        files = [asset["url"] for asset in self.env["ir.qweb"]._get_asset_content("web.report_assets_pdf")[0]]
        self.assertIn(f"/{FONTS_SCSS}", files, "printed PDFs load the addon's font faces")

    def _pdf_text(self, css):
        lato = Path(file_path("web/static/fonts/lato"))
        html = f"""<html><head><style>
            @font-face {{ font-family: 'Lato'; src: url('file://{lato}/Lato-Reg-webfont.woff') format('woff'); }}
            {css}
            body {{ font-family: 'Lato'; }}
            </style></head><body><p>Respuesta a su reclamo radicado</p><p><b>Cordialmente</b></p></body></html>"""
        with tempfile.TemporaryDirectory() as tmp:
            source, pdf = Path(tmp, "letter.html"), Path(tmp, "letter.pdf")
            source.write_text(html, encoding="utf-8")
            subprocess.run(["wkhtmltopdf", "-q", "--enable-local-file-access", str(source), str(pdf)],
                           check=False, capture_output=True, timeout=120)
            reader = PdfFileReader(io.BytesIO(pdf.read_bytes()), strict=False)
            return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))

    def test_letter_text_is_text_with_the_addon_faces(self):
        # both commands install them (tools/start.sh, tools/test.sh): a machine without them prints paths
        self.assertTrue(shutil.which("wkhtmltopdf"), "wkhtmltopdf is installed")
        fonts = subprocess.run(["fc-list"], capture_output=True, check=False).stdout.lower()
        self.assertIn(b"lato", fonts, "the Lato system font (fonts-lato) is installed")
        # the faces the addon adds to the PDF assets (its SCSS mixin written out for two of them)
        css = Path(file_path(FONTS_SCSS)).read_text(encoding="utf-8")
        self.assertIn("src: local('Lato'), url(", css)
        lato = Path(file_path("web/static/fonts/lato"))
        faces = "\n".join(
            f"@font-face {{ font-family: 'Lato'; src: local('Lato'), url('file://{lato}/Lato-{file}-webfont.woff') "
            f"format('woff'); font-weight: {weight}; font-style: normal; }}"
            for file, weight in (("Reg", 400), ("Bol", 700))
        )
        text = self._pdf_text(faces)
        self.assertIn("Respuesta a su reclamo radicado", text)
        self.assertIn("Cordialmente", text, "bold text too")
