from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from ..models.cq_legal_pack import ENGLISH, LEGAL_PACKS
from .test_report_pqrs import ACK, ANSWER, PqrsReportCase

PACK_NAMES = {entry["code"]: entry["name"] for entries in LEGAL_PACKS.values() for entry in entries}

SIC = "Superintendencia de Industria y Comercio"
# (code: term, unit, extension allowed, extensions per case, maximum extension, its unit, words of the
# legal basis, words of the recourse)
EXPECTED = {
    "CO": {
        "PET": (15, "business_days", True, 1, 0, False, "Ley 1755 de 2015, artículo 14", SIC),
        "DOC": (10, "business_days", True, 1, 0, False, "numeral 1", SIC),
        "CON": (30, "business_days", True, 1, 0, False, "numeral 2", SIC),
        "QUE": (15, "business_days", True, 1, 0, False, "Ley 1755 de 2015", SIC),
        "REC": (15, "business_days", True, 1, 0, False, "Ley 1755 de 2015", SIC),
        "HDC": (10, "business_days", True, 1, 5, False, "Ley 1581 de 2012, artículo 14", SIC),
        "HDR": (15, "business_days", True, 1, 8, False, "Ley 1581 de 2012, artículo 15", SIC),
        "GAR": (15, "business_days", False, 1, 0, False, "Ley 1480 de 2011", SIC),
    },
    "MX": {
        "ARCO": (20, "business_days", True, 1, 20, "business_days", "Particulares (2025), artículo 31",
                 "Secretaría Anticorrupción y Buen Gobierno"),
        "QCO": (15, "business_days", True, 1, 0, False, "Ley Federal de Protección al Consumidor", "PROFECO"),
    },
    "ES": {
        "RCO": (15, "calendar_days", False, 1, 0, False, "TRLGDCU), artículo 21.3, en la redacción de la Ley 10/2025",
                "Sistema Arbitral de Consumo"),
        "SAC": (15, "business_days", False, 1, 0, False, "Ley 10/2025, de servicios de atención a la clientela, "
                "artículo 17.1", "autoridad de consumo de su comunidad"),
        "RGPD": (1, "months", True, 1, 2, "months", "artículo 12.3", "Agencia Española de Protección de Datos"),
    },
    "PE": {
        "RLR": (15, "business_days", False, 1, 0, False, "artículo 24.1", "INDECOPI"),
        "QLR": (15, "business_days", False, 1, 0, False, "artículo 6-B", "INDECOPI"),
        "PDA": (20, "business_days", True, 1, 20, "business_days", "artículos 69.2 y 71",
                "Autoridad Nacional de Protección de Datos Personales"),
        "PDR": (10, "business_days", True, 1, 10, "business_days", "artículos 69.3 y 71",
                "Autoridad Nacional de Protección de Datos Personales"),
    },
    "CL": {
        "RCL": (10, "business_days", False, 1, 0, False, "Ley 19.496", "Juzgado de Policía Local"),
        "DPC": (30, "calendar_days", True, 1, 30, "calendar_days", "Ley 21.719", "Agencia de Protección de Datos"),
        "GCL": (10, "business_days", False, 1, 0, False, "Ley 19.496, artículos 19 a 21", "Juzgado de Policía Local"),
    },
}


@tagged("post_install", "-at_install")
class TestLegalPacks(PqrsReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Type = cls.env["cq.pqrs.type"].with_context(active_test=False)
        cls.company_pe = cls._create_company("Calidad Inca S.A.C.", "base.pe", "America/Lima")
        cls.company_cl = cls._create_company("Calidad Austral SpA", "base.cl", "America/Santiago")
        for user in (cls.env.user, cls.user, cls.manager):
            user.company_ids |= cls.company_pe | cls.company_cl
        cls.companies = {"CO": cls.company_co, "MX": cls.company_mx, "ES": cls.company_es, "PE": cls.company_pe,
                         "CL": cls.company_cl}

    def _types(self, company):
        return self.Type.search([("company_id", "=", company.id)])

    def _load(self, code, company=None):
        return self.env["cq.pqrs.type"]._cq_load_legal_pack(code, company or self.companies[code])

    def _file(self, received, pqrs_type, company, **values):
        with freeze_time(received):
            return self._case(received, company=company, pqrs_type=pqrs_type, **values)

    # ------------------------------------------------------------------
    # Loading
    # ------------------------------------------------------------------
    def test_each_pack_creates_exactly_its_types(self):
        self.env["res.lang"]._activate_lang("es_CO")
        self.company_co.partner_id.lang = "es_CO"  # its numbering is named in Spanish
        for country, expected in EXPECTED.items():
            company = self.companies[country]
            self.assertFalse(self._types(company))
            created = self._load(country)
            self.assertEqual(created, self._types(company), "only the pack's types, all of this company")
            self.assertEqual(sorted(created.mapped("code")), sorted(expected), country)
            for pqrs_type in created:
                term, unit, allowed, count, maximum, max_unit, basis, recourse = expected[pqrs_type.code]
                self.assertEqual(
                    (pqrs_type.term, pqrs_type.term_unit, pqrs_type.extension_allowed, pqrs_type.extension_max_count,
                     pqrs_type.extension_max, pqrs_type.extension_unit),
                    (term, unit, allowed, count, maximum, max_unit), pqrs_type.code,
                )
                # the law's own words in Spanish, an English wording for the other languages
                spanish = pqrs_type.with_context(lang="es_CO")
                self.assertIn(basis, spanish.legal_basis)
                self.assertIn(recourse, spanish.recourse)
                self.assertEqual(spanish.name, PACK_NAMES[pqrs_type.code])
                english = pqrs_type.with_context(lang="en_US")
                self.assertEqual(english.name, ENGLISH[pqrs_type.code]["name"])
                self.assertNotEqual(english.legal_basis, spanish.legal_basis)
                # each its own filing numbers, in its company
                sequence = pqrs_type.sequence_id
                self.assertEqual((sequence.company_id, sequence.prefix), (company, f"{pqrs_type.code}-%(range_year)s-"))
                if company == self.company_co:
                    self.assertEqual(sequence.name, f"PQRS {spanish.name}", "named in the company's language")
            self.assertEqual(len(created.sequence_id), len(created))
        co = self._types(self.company_co)
        self.assertEqual(co.filtered(lambda t: t.code in ("QUE", "REC", "HDR", "GAR")).mapped("requires_root_cause"),
                         [True] * 4)
        warranty = co.filtered(lambda t: t.code == "GAR")
        self.assertTrue(warranty.requires_warranty_link and warranty.technical_service and warranty.is_post_sale)
        gdpr = self._types(self.company_es).filtered(lambda t: t.code == "RGPD")
        self.assertEqual(gdpr._cq_extension_rule(1, "months"), (2, "months"), "GDPR art. 12.3: one month, two more")

    def test_second_load_creates_nothing_and_keeps_the_edits(self):
        first = self._load("CO")
        petition = first.filtered(lambda t: t.code == "PET")
        petition.write({"term": 12, "recourse": "Nuestra defensoría del cliente."})
        first.filtered(lambda t: t.code == "CON").active = False
        self.assertFalse(self._load("CO"))
        self.assertEqual(self._types(self.company_co), first, "archived types are not created again")
        self.assertEqual((petition.term, petition.recourse), (12, "Nuestra defensoría del cliente."))
        # a type the company already has under a pack code is kept, the others are added
        other = self._create_company("Calidad Caribe S.A.S.", "base.co", "America/Bogota")
        own = self.Type.create({"name": "Mi reclamo", "code": "REC", "term": 10, "company_id": other.id})
        created = self._load("CO", other)
        self.assertEqual(len(created), len(EXPECTED["CO"]) - 1)
        self.assertEqual(self._types(other), created | own)
        self.assertEqual(own.term, 10)

    def test_pack_types_replace_the_shared_ones_for_their_company_only(self):
        """The Colombian pack's Petición, Queja, Reclamo, Consulta, documents and
        warranty types replace the shared ones for its company: neither its
        forms nor its backend offer both; other companies keep the shared
        ones; a case filed with a shared type keeps it; settings undo it."""
        ref = self.env.ref
        shared = (ref("customer_quality.cq_pqrs_type_petition") | ref("customer_quality.cq_pqrs_type_information")
                  | ref("customer_quality.cq_pqrs_type_consultation") | ref("customer_quality.cq_pqrs_type_complaint")
                  | ref("customer_quality.cq_pqrs_type_claim") | ref("customer_quality.cq_pqrs_type_warranty"))
        earlier = self._file("2026-03-02 14:00:00", ref("customer_quality.cq_pqrs_type_petition"), self.company_co)
        self._load("CO")
        self.assertEqual(self.company_co.cq_superseded_type_ids, shared)
        self.assertFalse(self.company_mx.cq_superseded_type_ids)
        self.assertEqual(earlier.type_id, ref("customer_quality.cq_pqrs_type_petition"), "filed cases keep theirs")
        Type = self.env["cq.pqrs.type"]
        in_form = Type.with_context(cq_offered_to_company_id=self.company_co.id).search([])
        self.assertFalse(in_form & shared, "the type field of a case of the company offers the pack's")
        self.assertTrue(Type.with_context(cq_offered_to_company_id=self.company_mx.id).search([]) >= shared)
        self.assertTrue(Type.search([]) >= shared, "elsewhere (filters, reports) every type is found")
        offered = self.env["cq.pqrs.type"]._cq_offered_online(self.company_co, portal=True)
        self.assertFalse(offered & shared)
        self.assertIn("PET", offered.mapped("code"))
        self.assertIn(ref("customer_quality.cq_pqrs_type_suggestion"), offered, "what the pack has not replaced")
        self.assertIn(ref("customer_quality.cq_pqrs_type_warranty"),
                      self.env["cq.pqrs.type"]._cq_offered_online(self.company_mx, portal=True))
        # loading again changes nothing; a manager offers one again from the settings
        self._load("CO")
        self.assertEqual(self.company_co.cq_superseded_type_ids, shared)
        settings = self.env["res.config.settings"].with_company(self.company_co).create({})
        settings.cq_superseded_type_ids -= ref("customer_quality.cq_pqrs_type_warranty")
        settings.execute()
        self.assertEqual(self.company_co.cq_superseded_type_ids, shared - ref("customer_quality.cq_pqrs_type_warranty"))

    def test_types_of_one_company_stay_out_of_another(self):
        co_types = self._load("CO")
        mx_types = self._load("MX")
        self.assertFalse(co_types & mx_types)
        self.assertEqual(set(mx_types.mapped("company_id")), {self.company_mx})
        mexican = mail_new_test_user(
            self.env, login="cq_user_mx", name="Mónica Mexicana",
            groups="base.group_user,customer_quality.group_cq_user",
            company_id=self.company_mx.id, company_ids=[Command.set(self.company_mx.ids)],
        )
        visible = self.env["cq.pqrs.type"].with_user(mexican).search([])
        self.assertFalse(visible & co_types, "a Mexican user sees no Colombian pack type")
        self.assertEqual(visible & mx_types, mx_types)
        with self.assertRaises(AccessError):
            co_types[:1].with_user(mexican).read(["name"])
        # the Colombian user in Colombia does not see the Mexican ones either
        colombian = self.env["cq.pqrs.type"].with_user(self.user).with_company(self.company_co)
        self.assertFalse(colombian.search([("code", "in", list(EXPECTED["MX"]))]) & mx_types)

    # ------------------------------------------------------------------
    # Terms of the pack types
    # ------------------------------------------------------------------
    def test_spanish_consumer_claim_is_due_in_fifteen_days(self):
        claim = self._load("ES").filtered(lambda t: t.code == "RCO")
        # Friday 2026-01-30 10:00 in Madrid: 15 calendar days -> 14 February, a Saturday -> Monday 16
        case = self._file("2026-01-30 09:00:00", claim, self.company_es)
        self.assertEqual(case.date_radicated, date(2026, 1, 30))
        self.assertEqual((case.term, case.term_unit), (15, "calendar_days"))
        self.assertEqual(case.date_due, date(2026, 2, 16))
        self.assertTrue(case.name.startswith("RCO-2026-"))
        self.assertFalse(case.extension_available, "TRLGDCU art. 21.3 has no extension")

    def test_peruvian_claim_fifteen_business_days_not_extendable(self):
        claim = self._load("PE").filtered(lambda t: t.code == "RLR")
        # Monday 2026-07-20 09:00 in Lima: 15 business days over 23, 28, 29 July and 6 August (holidays) -> 14 August
        case = self._file("2026-07-20 14:00:00", claim, self.company_pe)
        self.assertEqual(case.date_radicated, date(2026, 7, 20))
        self.assertEqual(case.date_due, date(2026, 8, 14))
        self.assertFalse(case.extension_available, "improrrogables")
        self.assertFalse(claim._cq_step("transfer"), "no transfer in the Complaints Book")
        self.assertTrue(claim._cq_step("withdrawal"))

    def test_chilean_data_request_thirty_calendar_days_extendable_once(self):
        request = self._load("CL").filtered(lambda t: t.code == "DPC")
        # Monday 2026-12-07 10:00 in Santiago: 30 calendar days -> Wednesday 6 January 2027
        case = self._file("2026-12-07 13:00:00", request, self.company_cl)
        self.assertEqual(case.date_due, date(2027, 1, 6))
        self.assertEqual(request._cq_extension_rule(30, "calendar_days"), (30, "calendar_days"))
        self.assertEqual(request._cq_step("extension").with_context(lang="es_CO").legal_basis, "Ley 21.719, art. 11")

    def test_habeas_data_claim_extends_once_by_eight_business_days(self):
        claim = self._load("CO").filtered(lambda t: t.code == "HDR")
        # Monday 2026-03-02 09:00 in Bogotá: 15 business days (Monday 23 March is a holiday) -> 24 March
        case = self._file("2026-03-02 14:00:00", claim, self.company_co)
        self.assertEqual(case.date_due, date(2026, 3, 24))
        with freeze_time("2026-03-20 15:00:00"):
            self.assertEqual(case._cq_extension_limit(), (8, "business_days"))
            with self.assertRaisesRegex(UserError, "8 business days"):
                case._cq_extend(9, "Verificación con el área de sistemas")
            case._cq_extend(8, "Verificación con el área de sistemas")
        # 8 business days after 24 March, Holy Thursday and Good Friday (2 and 3 April) off -> 7 April
        self.assertEqual(case.date_due, date(2026, 4, 7))
        self.assertEqual(case.date_due_original, date(2026, 3, 24))
        self.assertFalse(case.extension_available)
        with freeze_time("2026-03-25 15:00:00"), self.assertRaisesRegex(UserError, "already"):
            case._cq_extend(1, "Otra vez")

    # ------------------------------------------------------------------
    # Letters
    # ------------------------------------------------------------------
    def test_letters_print_the_recourse(self):
        petition = self._load("CO").filtered(lambda t: t.code == "PET")
        case = self._file("2026-03-02 14:00:00", petition, self.company_co)
        for lang in ("en_US", "es_CO"):
            case.partner_id.lang = lang
            _html, text = self.render_html(ACK, case, lang)
            worded = petition.with_context(lang=lang)
            self.assertIn(f"{self.tr(lang, 'External Recourse')} {worded.recourse}", text)
            self.assertIn(worded.legal_basis, text)
            self.assertLess(text.index(worded.legal_basis), text.index(worded.recourse), "after the legal basis")
            self.assertClean(text)
            # the acknowledgement email too: its term and the recourse, in the filer's language
            template = self.env.ref("customer_quality.mail_template_cq_pqrs_acknowledgement")
            body = template._generate_template(case.ids, ("body_html",))[case.id]["body_html"]
            self.assertIn(worded.recourse, body)
            self.assertIn(self.tr(lang, "External Recourse"), body)
            self.assertIn(case.with_context(lang=lang)._cq_term_label(), body)
        with freeze_time("2026-03-05 15:00:00"):
            case.answer = "<p>Le enviamos la información solicitada.</p>"
            case.action_send_answer()
        for lang in ("en_US", "es_CO"):
            case.partner_id.lang = lang
            _html, text = self.render_html(ANSWER, case, lang)
            label = self.tr_text(lang, "<strong>If you disagree with this answer, you may turn to:</strong>")
            worded = petition.with_context(lang=lang)
            self.assertIn(f"{label} {worded.recourse}", text)
            self.assertLess(text.index(worded.legal_basis), text.index(worded.recourse))
            self.assertClean(text)
        # a type without recourse prints no such line
        plain = self._file("2026-03-02 14:00:00", self.petition, self.company_co)
        self.assertFalse(self.petition.recourse)
        html, text = self.render_html(ACK, plain, "en_US")
        self.assertNotIn("o_cq_pqrs_recourse", html)
        self.assertNotIn("External Recourse", text)

    # ------------------------------------------------------------------
    # Settings and bad input
    # ------------------------------------------------------------------
    def test_load_from_the_settings(self):
        settings = self.env["res.config.settings"].with_company(self.company_es).create({})
        self.assertEqual((settings.company_id, settings.cq_legal_pack), (self.company_es, "ES"),
                         "the pack of the company's country is proposed")
        action = settings.action_cq_load_legal_pack()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(sorted(self._types(self.company_es).mapped("code")), sorted(EXPECTED["ES"]))
        action = settings.action_cq_load_legal_pack()
        self.assertEqual(action["params"]["type"], "info", "nothing more to load")
        self.assertEqual(len(self._types(self.company_es)), len(EXPECTED["ES"]))

    def test_a_spanish_language_added_later_reads_the_packs_words(self):
        """A pack loaded before es_ES was installed: adding the language gives its types and steps the
        pack's Spanish words there, and keeps the words a company wrote in another Spanish."""
        self.env["res.lang"]._activate_lang("es_CO")
        petition = self._load("CO").filtered(lambda t: t.code == "PET")
        petition.with_context(lang="es_CO").name = "Derecho de petición"
        self.assertNotIn("es_ES", dict(self.env["res.lang"].get_installed()), "added after the pack")
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["customer_quality"], ["es_ES"])
        spanish = petition.with_context(lang="es_ES")
        self.assertEqual(spanish.name, "Petición")
        self.assertIn("Ley 1755 de 2015, artículo 14", spanish.legal_basis)
        self.assertEqual(spanish._cq_step("completion").legal_basis, "Ley 1755 de 2015, art. 17")
        self.assertEqual(petition.with_context(lang="es_CO").name, "Derecho de petición", "the company's words")
        self.assertEqual(petition.with_context(lang="en_US").name, "Petition")

    def test_bad_input_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["customer_quality"], ["es_ES"], overwrite=True)
        Type = self.env["cq.pqrs.type"].with_context(lang="es_ES")
        nowhere = self.env["res.company"].create({"name": "Compañía sin país"})
        self.assertFalse(nowhere.country_id)
        with self.assertRaisesRegex(UserError, "Indique el país de Compañía sin país antes de cargar un paquete legal"):
            Type._cq_load_legal_pack("CO", nowhere)
        # a pack follows the law and the holidays of its own country
        with self.assertRaisesRegex(UserError, "no pueden cargarse en Calidad Azteca"):
            Type._cq_load_legal_pack("ES", self.company_mx)
        with self.assertRaisesRegex(UserError, "No hay paquete legal para el código de país AR"):
            Type._cq_load_legal_pack("AR", self.company_co)
        settings = self.env["res.config.settings"].with_context(lang="es_ES").with_company(nowhere).create({})
        self.assertFalse(settings.cq_legal_pack)
        with self.assertRaisesRegex(UserError, "Elija el paquete legal que desea cargar"):
            settings.action_cq_load_legal_pack()
        self.assertFalse(self.Type.search([("company_id", "in", (nowhere | self.company_mx | self.company_co).ids)]))
