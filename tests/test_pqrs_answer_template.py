"""Answer templates: staff pick one on a case, it fills the answer in the
filer's language with the case's facts (escaped); a template naming an
unknown placeholder is refused when saved."""

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import load_spanish
from .common_pqrs import PqrsCommon


@tagged("post_install", "-at_install")
class TestPqrsAnswerTemplate(PqrsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env)
        cls.accepted = cls.env.ref("customer_quality.cq_answer_template_claim_accepted")
        cls.spanish = cls.env["res.partner"].create(
            {"name": "Camila Ríos", "email": "camila.rios@example.com", "lang": "es_CO"}
        )
        cls.english = cls.env["res.partner"].create(
            {"name": "John <b>Smith</b>", "email": "john.smith@example.com", "lang": "en_US"}
        )

    def _filed(self, partner):
        with freeze_time("2026-11-02 10:00:00"):
            return self._case("2026-11-02 10:00:00", pqrs_type=self.complaint, partner_id=partner.id,
                              subject="Factura con cobro doble")

    def test_template_fills_the_answer_in_the_filers_language(self):
        case = self._filed(self.spanish)
        with Form(case.with_user(self.user)) as form:
            form.answer_template_id = self.accepted
            answer = str(form.answer)
        self.assertIn("Estimado(a) Camila Ríos", answer)
        self.assertIn(case.name, answer)
        self.assertIn("03-11-2026", answer, "the filing date (2 November is a holiday) as a Colombian reads it")
        self.assertIn("Factura con cobro doble", answer)
        self.assertIn(self.user.name, answer)
        self.assertNotIn("Dear", answer)
        self.assertNotIn("{", answer)
        self.assertIn("Estimado(a) Camila Ríos", str(case.answer), "saved with the case, to edit")

    def test_english_filer_and_escaping(self):
        case = self._filed(self.english)
        answer = str(self.accepted._cq_render(case))
        self.assertIn("Dear John &lt;b&gt;Smith&lt;/b&gt;", answer, "the filer's name is text, not markup")
        self.assertIn("11/03/2026", answer)
        self.assertNotIn("Estimado", answer)
        rejected = self.env.ref("customer_quality.cq_answer_template_claim_rejected")
        self.assertIn(self.complaint.legal_basis, str(rejected._cq_render(case)))

    def test_unknown_placeholder_refused(self):
        Template = self.env["cq.pqrs.answer.template"].with_user(self.manager)
        with self.assertRaisesRegex(ValidationError, r"\{cliente\}"):
            Template.create({"name": "Mala", "body": "<p>Hola {cliente}, su caso {number}.</p>"})
        template = Template.create({"name": "Buena", "body": "<p>Su caso {number} vence el {due_date}.</p>",
                                    "type_ids": [(6, 0, self.complaint.ids)]})
        with self.assertRaisesRegex(ValidationError, r"\{}"):
            template.body = "<p>Su caso {} </p>"
        case = self._filed(self.spanish)
        self.assertIn(case.name, str(template._cq_render(case)))
        # only managers keep them
        with self.assertRaises(Exception):
            self.env["cq.pqrs.answer.template"].with_user(self.user).create({"name": "x", "body": "<p>x</p>"})
