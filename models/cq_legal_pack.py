"""Legal packs: per country, the PQRS types its law asks for, with their
terms, units, extension rules, legal basis and the external recourse the
filer can turn to next.

The packs are data, read by `cq.pqrs.type._cq_load_legal_pack`, which creates
for one company the types of its country's pack that it does not have yet
(matched by code): ordinary records of that company, with their own filing
numbers, that its managers then edit like any other type.  A module update
never touches them (they have no XML id: noupdate by construction), and a
second load creates nothing.  The texts are the law's own words, in Spanish,
the language of the three countries, shown in every Spanish language of the
database; ENGLISH gives each type its English wording for the others.

Codes are distinct from the shared seeded types (P, Q, R...), so that the
filing numbers of a pack type never repeat those of a seeded one.
"""

from odoo import api, models
from odoo.exceptions import UserError

from .cq_legal_term import BUSINESS_DAYS, MONTHS

# the labels are translated through the settings field that uses this list
LEGAL_PACK_COUNTRIES = [
    ("CO", "Colombia"),
    ("MX", "Mexico"),
    ("ES", "Spain"),
]

SIC = (
    "Superintendencia de Industria y Comercio (SIC), autoridad de protección al consumidor y de datos "
    "personales: www.sic.gov.co."
)
MX_CONSUMER = (
    "Procuraduría Federal del Consumidor (PROFECO): www.gob.mx/profeco."
)
MX_DATA = (
    "La autoridad federal de protección de datos personales, ante la que el titular puede iniciar el "
    "procedimiento de protección de derechos si no recibe respuesta o no está conforme con ella."
)
ES_CONSUMER = (
    "El Sistema Arbitral de Consumo (arbitraje de consumo) o la autoridad de consumo de su comunidad "
    "autónoma."
)
ES_DATA = "Agencia Española de Protección de Datos (AEPD): www.aepd.es."

LEY_1755 = "Ley 1755 de 2015, artículo 14"
LEY_1755_EXTENSION = (
    " Parágrafo: cuando no sea posible resolver en el plazo, se informa al peticionario antes de su "
    "vencimiento y se resuelve en un plazo que no excede el doble del inicialmente previsto."
)

# One dict per type: the cq.pqrs.type values; anything left out takes the
# type's default (extension allowed once, up to the term again; business days).
# "supersedes": the shared type (seeded by the addon) that the pack's type
# replaces for the company: it is no longer offered there (res.company
# cq_superseded_type_ids), so that a form never lists "Petición" twice.
LEGAL_PACKS = {
    "CO": [
        {
            "code": "PET", "supersedes": "customer_quality.cq_pqrs_type_petition", "name": "Petición", "sequence": 110, "term": 15, "escalation_days": 3,
            "legal_basis": LEY_1755 + ": toda petición deberá resolverse dentro de los quince (15) días "
            "siguientes a su recepción." + LEY_1755_EXTENSION,
            "recourse": SIC,
        },
        {
            "code": "DOC", "supersedes": "customer_quality.cq_pqrs_type_information", "name": "Petición de documentos e información", "sequence": 120, "term": 10,
            "escalation_days": 2, "allow_anonymous": False,
            "legal_basis": LEY_1755 + ", numeral 1: las peticiones de documentos y de información "
            "deberán resolverse dentro de los diez (10) días siguientes a su recepción." + LEY_1755_EXTENSION,
            "recourse": SIC,
        },
        {
            "code": "CON", "supersedes": "customer_quality.cq_pqrs_type_consultation", "name": "Consulta", "sequence": 130, "term": 30, "escalation_days": 5,
            "legal_basis": LEY_1755 + ", numeral 2: las consultas deberán resolverse dentro de los treinta "
            "(30) días siguientes a su recepción." + LEY_1755_EXTENSION,
            "recourse": SIC,
        },
        {
            "code": "QUE", "supersedes": "customer_quality.cq_pqrs_type_complaint", "name": "Queja", "sequence": 140, "term": 15, "escalation_days": 3,
            "requires_root_cause": True,
            "legal_basis": LEY_1755 + ": quince (15) días hábiles siguientes a su recepción."
            + LEY_1755_EXTENSION,
            "recourse": SIC,
        },
        {
            "code": "REC", "supersedes": "customer_quality.cq_pqrs_type_claim", "name": "Reclamo", "sequence": 150, "term": 15, "escalation_days": 3,
            "requires_root_cause": True,
            "legal_basis": LEY_1755 + ": quince (15) días hábiles siguientes a su recepción."
            + LEY_1755_EXTENSION,
            "recourse": SIC,
        },
        {
            "code": "HDC", "name": "Consulta de datos personales (habeas data)", "sequence": 160, "term": 10,
            "escalation_days": 2, "extension_max": 5, "allow_anonymous": False,
            "legal_basis": "Ley 1581 de 2012, artículo 14: la consulta se atiende en un término máximo de diez "
            "(10) días hábiles contados a partir de su recibo; cuando no fuere posible, se informa al "
            "interesado los motivos de la demora y la fecha de respuesta, que no podrá superar cinco (5) "
            "días hábiles siguientes al vencimiento del primer término.",
            "recourse": SIC,
        },
        {
            "code": "HDR", "name": "Reclamo de datos personales (habeas data)", "sequence": 170, "term": 15,
            "escalation_days": 3, "extension_max": 8, "requires_root_cause": True, "allow_anonymous": False,
            "legal_basis": "Ley 1581 de 2012, artículo 15: el reclamo se atiende en un término máximo de quince "
            "(15) días hábiles contados a partir del día siguiente a su recibo; cuando no fuere posible, se "
            "informa al interesado los motivos de la demora y la fecha de respuesta, que no podrá superar "
            "ocho (8) días hábiles siguientes al vencimiento del primer término.",
            "recourse": SIC,
        },
        {
            "code": "GAR", "supersedes": "customer_quality.cq_pqrs_type_warranty", "name": "Reclamación por garantía", "sequence": 180, "term": 15, "escalation_days": 3,
            "extension_allowed": False, "requires_root_cause": True, "requires_warranty_link": True,
            "is_post_sale": True, "technical_service": True, "allow_anonymous": False,
            "legal_basis": "Ley 1480 de 2011 (Estatuto del Consumidor), artículos 7 a 11 y 58: la garantía se "
            "atiende con reparación, cambio del bien o devolución del dinero, y la reclamación se responde "
            "dentro de los quince (15) días hábiles siguientes a su recepción.",
            "recourse": SIC,
        },
    ],
    "MX": [
        {
            "code": "ARCO", "name": "Derechos ARCO (datos personales)", "sequence": 110, "term": 20,
            "escalation_days": 5, "extension_max": 20, "extension_unit": BUSINESS_DAYS,
            "allow_anonymous": False,
            "legal_basis": "Ley Federal de Protección de Datos Personales en Posesión de los Particulares: la "
            "respuesta a una solicitud de acceso, rectificación, cancelación u oposición se comunica en un "
            "plazo máximo de veinte (20) días hábiles desde su recepción, ampliable una sola vez por un "
            "periodo igual cuando las circunstancias lo justifiquen, informándolo al titular.",
            "recourse": MX_DATA,
        },
        {
            "code": "QCO", "name": "Queja del consumidor", "sequence": 120, "term": 15, "escalation_days": 3,
            "requires_root_cause": True,
            "legal_basis": "Ley Federal de Protección al Consumidor: la empresa atiende las quejas de sus "
            "consumidores en el plazo que fija su política de atención (ajústelo en este tipo).",
            "recourse": MX_CONSUMER,
        },
    ],
    "ES": [
        {
            "code": "RCO", "name": "Reclamación de consumo", "sequence": 110, "term": 1, "term_unit": MONTHS,
            "escalation_days": 5, "extension_allowed": False, "requires_root_cause": True,
            "legal_basis": "Real Decreto Legislativo 1/2007 (TRLGDCU), artículo 21.3: las reclamaciones de los "
            "consumidores se responden en el plazo más breve posible y en todo caso en el plazo máximo de "
            "un mes desde su presentación.",
            "recourse": ES_CONSUMER,
        },
        {
            "code": "SAC", "name": "Reclamación al servicio de atención a la clientela", "sequence": 120,
            "term": 15, "escalation_days": 3, "extension_allowed": False, "requires_root_cause": True,
            "legal_basis": "Ley 10/2025, por la que se regulan los servicios de atención a la clientela: las "
            "quejas y reclamaciones se responden en un plazo máximo de quince (15) días hábiles desde su "
            "presentación.",
            "recourse": ES_CONSUMER,
        },
        {
            "code": "RGPD", "name": "Ejercicio de derechos de protección de datos (RGPD)", "sequence": 130,
            "term": 1, "term_unit": MONTHS, "escalation_days": 5, "extension_max": 2, "extension_unit": MONTHS,
            "allow_anonymous": False,
            "legal_basis": "Reglamento (UE) 2016/679 (RGPD), artículo 12.3: la información sobre las "
            "actuaciones derivadas de la solicitud se facilita en el plazo de un mes a partir de su "
            "recepción, prorrogable otros dos meses en caso necesario, informando al interesado de la "
            "prórroga y de sus motivos dentro del primer mes.",
            "recourse": ES_DATA,
        },
    ],
}


# The English wording of each pack type, for the readers of the company who write English (the
# pack's own words above stay the Spanish ones): the law's citation is kept, its text translated.
SIC_EN = (
    "Superintendencia de Industria y Comercio (SIC), the consumer and personal data protection "
    "authority: www.sic.gov.co."
)
CO_EXTENSION_EN = (
    " Paragraph: when the request cannot be resolved within the term, the filer is told before it "
    "expires and it is resolved within a term not exceeding twice the original one."
)
ENGLISH = {
    "PET": {
        "name": "Petition",
        "legal_basis": "Ley 1755 de 2015, article 14: every petition is resolved within the fifteen (15) "
        "days following its receipt." + CO_EXTENSION_EN,
        "recourse": SIC_EN,
    },
    "DOC": {
        "name": "Request for documents and information",
        "legal_basis": "Ley 1755 de 2015, article 14, item 1: requests for documents and information are "
        "resolved within the ten (10) days following their receipt." + CO_EXTENSION_EN,
        "recourse": SIC_EN,
    },
    "CON": {
        "name": "Consultation",
        "legal_basis": "Ley 1755 de 2015, article 14, item 2: consultations are resolved within the thirty "
        "(30) days following their receipt." + CO_EXTENSION_EN,
        "recourse": SIC_EN,
    },
    "QUE": {
        "name": "Complaint",
        "legal_basis": "Ley 1755 de 2015, article 14: fifteen (15) business days following its receipt."
        + CO_EXTENSION_EN,
        "recourse": SIC_EN,
    },
    "REC": {
        "name": "Claim",
        "legal_basis": "Ley 1755 de 2015, article 14: fifteen (15) business days following its receipt."
        + CO_EXTENSION_EN,
        "recourse": SIC_EN,
    },
    "HDC": {
        "name": "Personal data inquiry (habeas data)",
        "legal_basis": "Ley 1581 de 2012, article 14: the inquiry is answered within ten (10) business days "
        "of its receipt at most; when that is not possible, the data subject is told the reasons for the "
        "delay and the date of the answer, which may not be later than five (5) business days after the "
        "first term expires.",
        "recourse": SIC_EN,
    },
    "HDR": {
        "name": "Personal data claim (habeas data)",
        "legal_basis": "Ley 1581 de 2012, article 15: the claim is answered within fifteen (15) business "
        "days from the day after its receipt at most; when that is not possible, the data subject is told "
        "the reasons for the delay and the date of the answer, which may not be later than eight (8) "
        "business days after the first term expires.",
        "recourse": SIC_EN,
    },
    "GAR": {
        "name": "Warranty claim",
        "legal_basis": "Ley 1480 de 2011 (Consumer Statute), articles 7 to 11 and 58: the warranty is "
        "honoured by repair, replacement of the good or refund, and the claim is answered within the "
        "fifteen (15) business days following its receipt.",
        "recourse": SIC_EN,
    },
    "ARCO": {
        "name": "ARCO rights (personal data)",
        "legal_basis": "Federal Law on the Protection of Personal Data Held by Private Parties (LFPDPPP): "
        "the answer to a request for access, rectification, cancellation or objection is given within "
        "twenty (20) business days of its receipt at most, extendable once by an equal period when the "
        "circumstances justify it, informing the data subject.",
        "recourse": "The federal personal data protection authority, before which the data subject may "
        "start the rights protection procedure when they receive no answer or disagree with it.",
    },
    "QCO": {
        "name": "Consumer complaint",
        "legal_basis": "Federal Consumer Protection Law: the company handles its consumers' complaints "
        "within the term its customer service policy sets (adjust it on this type).",
        "recourse": "Procuraduría Federal del Consumidor (PROFECO): www.gob.mx/profeco.",
    },
    "RCO": {
        "name": "Consumer claim",
        "legal_basis": "Real Decreto Legislativo 1/2007 (TRLGDCU), article 21.3: consumers' claims are "
        "answered as soon as possible and in any case within one month of their filing.",
        "recourse": "The Consumer Arbitration System or the consumer authority of the autonomous community.",
    },
    "SAC": {
        "name": "Claim to the customer service",
        "legal_basis": "Ley 10/2025, regulating customer service: complaints and claims are answered "
        "within fifteen (15) business days of their filing at most.",
        "recourse": "The Consumer Arbitration System or the consumer authority of the autonomous community.",
    },
    "RGPD": {
        "name": "Data protection rights request (GDPR)",
        "legal_basis": "Regulation (EU) 2016/679 (GDPR), article 12.3: information on action taken on the "
        "request is provided within one month of its receipt, extendable by two further months where "
        "necessary, the data subject being told of the extension and its reasons within the first month.",
        "recourse": "Agencia Española de Protección de Datos (AEPD): www.aepd.es.",
    },
}
TRANSLATED_FIELDS = ("name", "legal_basis", "recourse")


class CqPqrsType(models.Model):
    _inherit = "cq.pqrs.type"

    @api.model
    def _cq_load_legal_pack(self, country_code, company, supersede=True):
        """Create for `company` the types of the legal pack of `country_code`
        it does not have yet (matched by code, archived types included, and
        the shared types whose numbers it uses); return the created types.
        With `supersede`, the shared types the pack's replace are no longer
        offered to the company (res.company cq_superseded_type_ids).

        A pack is the law of one country: it loads only into a company of that
        country, whose public holidays its terms count."""
        company.ensure_one()
        if country_code not in LEGAL_PACKS:
            raise UserError(self.env._("There is no legal pack for the country code %(code)s.", code=country_code))
        if not company.country_id:
            raise UserError(self.env._(
                "Set the country of %(company)s before loading a legal pack: the pack's terms count the "
                "public holidays of that country.",
                company=company.name,
            ))
        if company.country_id.code != country_code:
            raise UserError(self.env._(
                "The legal PQRS types of %(pack)s cannot be loaded into %(company)s, a company of "
                "%(country)s: a pack follows the law and the public holidays of its own country.",
                pack=self.env["res.country"].search([("code", "=", country_code)], limit=1).name,
                company=company.name, country=company.country_id.name,
            ))
        known = self.sudo().with_context(active_test=False).search([("company_id", "in", [company.id, False])])
        existing = set(known.mapped("code"))
        vals_list = [
            dict(
                {key: value for key, value in values.items() if key != "supersedes"},
                **ENGLISH.get(values["code"], {}), company_id=company.id,
            )
            for values in LEGAL_PACKS[country_code] if values["code"] not in existing
        ]
        # created with their English wording, then given the law's own words in Spanish
        created = self.with_context(lang="en_US").create(vals_list)
        created._cq_translate_pack_types()
        if not supersede:
            return created
        # the shared types the pack's own types replace are no longer offered to the company
        own = set(known.filtered("company_id").mapped("code")) | set(created.mapped("code"))
        superseded = self.browse()
        for values in LEGAL_PACKS[country_code]:
            shared = values.get("supersedes") and self.env.ref(values["supersedes"], raise_if_not_found=False)
            if shared and not shared.company_id and values["code"] in own:
                superseded |= shared
        if superseded - company.sudo().cq_superseded_type_ids:
            company.sudo().cq_superseded_type_ids |= superseded
        return created

    def _cq_translate_pack_types(self):
        """The pack's own words (Spanish) in every Spanish language of the
        database; the other languages read the English wording."""
        spanish_langs = [code for code, _name in self.env["res.lang"].get_installed() if code.split("_")[0] == "es"]
        if not spanish_langs:
            return
        entries = {entry["code"]: entry for entries in LEGAL_PACKS.values() for entry in entries}
        for pack_type in self:
            values = entries.get(pack_type.code, {})
            for field in TRANSLATED_FIELDS:
                if values.get(field):
                    pack_type.update_field_translations(field, dict.fromkeys(spanish_langs, values[field]))

    def _cq_equivalent_for(self, company, portal=False):
        """The type `company` offers for what this type of another company is
        (a customer of two of our companies files about the documents of the
        one whose form they did not open): that company's own type of the same
        code, else the shared type this pack type replaces, when offered."""
        self.ensure_one()
        offered = self._cq_offered_online(company, portal=portal)
        same = offered.filtered(lambda t: t.company_id == company and t.code == self.code)
        if same:
            return same[:1]
        replaced = next(
            (entry.get("supersedes") for entries in LEGAL_PACKS.values() for entry in entries
             if entry["code"] == self.code), None,
        )
        shared = replaced and self.env.ref(replaced, raise_if_not_found=False)
        return shared if shared and shared in offered else self.browse()
