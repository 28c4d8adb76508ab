"""The PDF letters carry real text: with a web font, the wkhtmltopdf of Debian/Ubuntu draws the
glyphs as paths; the addon's report assets take Lato from the system first (fonts-lato)."""

import io
import re
import shutil
import subprocess

from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfFileReader

FONTS_SCSS = "customer_quality/static/src/scss/report_fonts.scss"
ANSWER = "customer_quality.cq_pqrs_answer_report_action"


@tagged("post_install", "-at_install")
class TestReportFonts(HttpCase):
    def test_report_assets_take_lato_from_the_system_after_odoo(self):
        # the PDF layout loads web.report_assets_pdf's CSS before the common one, where Odoo's web
        # font is declared: the addon's faces must come after Odoo's, in the common assets
        files = [asset["url"] for asset in self.env["ir.qweb"]._get_asset_content("web.report_assets_common")[0]]
        self.assertIn(f"/{FONTS_SCSS}", files, "printed reports load the addon's font faces")
        self.assertGreater(files.index(f"/{FONTS_SCSS}"), files.index("/web/static/fonts/fonts.scss"))

    def test_printed_letter_is_text(self):
        """The answer letter printed as Odoo prints it (wkhtmltopdf fetching the report's CSS and
        fonts from the server): its words can be read back from the PDF, bold ones included."""
        # both commands install them (tools/start.sh, tools/test.sh): a machine without them prints paths
        self.assertTrue(shutil.which("wkhtmltopdf"), "wkhtmltopdf is installed")
        fonts = subprocess.run(["fc-list"], capture_output=True, check=False).stdout.lower()
        self.assertIn(b"lato", fonts, "the Lato system font (fonts-lato) is installed")
        self.env["res.lang"]._activate_lang("es_CO")
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        pqrs_type = self.env["cq.pqrs.type"].search([("is_emergency", "=", False)], limit=1)
        partner = self.env["res.partner"].create({
            "name": "Lucía Fernández Ortega", "email": "lucia.fernandez@example.com", "lang": "es_CO",
        })
        case = self.env["cq.pqrs"].create({
            "type_id": pqrs_type.id, "subject": "Factura duplicada de noviembre", "channel": "email",
            "partner_id": partner.id,
        })
        report = self.env.ref(ANSWER).with_context(lang="es_CO", force_report_rendering=True)
        pdf, _type = report._render_qweb_pdf(ANSWER, case.ids)
        self.assertTrue(pdf.startswith(b"%PDF"))
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        text = re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))
        self.assertIn("Referencia:", text, "the bold label")
        self.assertIn("Factura duplicada de noviembre", text)
        self.assertIn("Este caso aún no se ha respondido.", text)
        self.assertIn("Lucía Fernández Ortega", text, "accented letters stay text")
