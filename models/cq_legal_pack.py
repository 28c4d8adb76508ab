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

from .cq_legal_term import BUSINESS_DAYS, CALENDAR_DAYS, MONTHS

# the labels are translated through the settings field that uses this list
LEGAL_PACK_COUNTRIES = [
    ("CO", "Colombia"),
    ("MX", "Mexico"),
    ("ES", "Spain"),
    ("PE", "Peru"),
    ("CL", "Chile"),
]

SIC = (
    "Superintendencia de Industria y Comercio (SIC), autoridad de protección al consumidor y de datos "
    "personales: www.sic.gov.co."
)
MX_CONSUMER = (
    "Procuraduría Federal del Consumidor (PROFECO): www.gob.mx/profeco."
)
MX_DATA = (
    "Secretaría Anticorrupción y Buen Gobierno, ante la que el titular puede presentar la solicitud de "
    "protección de derechos dentro de los quince (15) días siguientes a la respuesta, o vencido el plazo sin "
    "respuesta (Ley Federal de Protección de Datos Personales en Posesión de los Particulares, artículo 40)."
)
ES_CONSUMER = (
    "El Sistema Arbitral de Consumo (arbitraje de consumo) o la autoridad de consumo de su comunidad "
    "autónoma."
)
ES_DATA = "Agencia Española de Protección de Datos (AEPD): www.aepd.es."
PE_CONSUMER = (
    "Instituto Nacional de Defensa de la Competencia y de la Protección de la Propiedad Intelectual (INDECOPI): "
    "el reclamo no impide acudir a otras vías de solución de controversias ni es requisito previo para "
    "interponer una denuncia ante el INDECOPI (Reglamento del Libro de Reclamaciones, D.S. 011-2011-PCM, "
    "artículo 13): www.indecopi.gob.pe."
)
PE_DATA = (
    "La Autoridad Nacional de Protección de Datos Personales (Ministerio de Justicia y Derechos Humanos), en "
    "vía de reclamación, o el Poder Judicial, mediante el proceso de hábeas data (Ley 29733, artículo 24)."
)
CL_CONSUMER = (
    "El Juzgado de Policía Local de su domicilio o del domicilio del proveedor (Ley 19.496, artículo 50 A); el "
    "Servicio Nacional del Consumidor (SERNAC) orienta a los consumidores: www.sernac.cl."
)
CL_DATA = (
    "La Agencia de Protección de Datos Personales, ante la que el titular puede reclamar dentro de los treinta "
    "días hábiles siguientes a la respuesta o al vencimiento del plazo sin ella (Ley 21.719, artículo 11)."
)

LEY_1755 = "Ley 1755 de 2015, artículo 14"
LEY_1755_EXTENSION = (
    " Parágrafo: cuando no sea posible resolver en el plazo, se informa al peticionario antes de su "
    "vencimiento y se resuelve en un plazo que no excede el doble del inicialmente previsto."
)

# The legal steps of a pack's types (cq.pqrs.step) besides the answer term: (values, Spanish legal
# basis, English legal basis[, Spanish note, English note]). A step left out is not offered.
ISO_PROCEDURE = (
    "Procedimiento de tratamiento de peticiones y quejas de la empresa (ISO 10002:2018, cláusula 8)",
    "Company procedure for handling requests and complaints (ISO 10002:2018, clause 8)",
)
OWN_TERM_NOTE = (
    "La ley no fija este plazo: es el de la empresa; ajústelo a su procedimiento.",
    "The law sets no such term: it is the company's own; adjust it to your procedure.",
)
REOPENING = ({"kind": "reopening", "amount": 15, "unit": "calendar_days"}, *ISO_PROCEDURE, *OWN_TERM_NOTE)
# the filer accepts the decision or not, once reviewed; then the external recourse of the type
ACCEPTANCE = ({"kind": "acceptance"}, *ISO_PROCEDURE)
CO_PETITION_STEPS = [
    ({"kind": "completion_request", "amount": 10, "unit": BUSINESS_DAYS},
     "Ley 1755 de 2015, art. 17", "Ley 1755 de 2015, article 17"),
    ({"kind": "completion", "amount": 1, "unit": MONTHS, "extension_amount": 1, "outcome": "tacit_withdrawal"},
     "Ley 1755 de 2015, art. 17", "Ley 1755 de 2015, article 17"),
    ({"kind": "withdrawal", "allow_continue": True}, "Ley 1755 de 2015, art. 18", "Ley 1755 de 2015, article 18"),
    ({"kind": "transfer", "amount": 5, "unit": BUSINESS_DAYS, "warning_amount": 3},
     "Ley 1755 de 2015, art. 21", "Ley 1755 de 2015, article 21"),
    ({"kind": "reiteration"}, "Ley 1755 de 2015, art. 19", "Ley 1755 de 2015, article 19"),
    REOPENING,
    ACCEPTANCE,
    ({"kind": "extension"}, "Ley 1755 de 2015, art. 14, parágrafo", "Ley 1755 de 2015, article 14, paragraph"),
]
CO_WITHDRAWAL = ({"kind": "withdrawal", "allow_continue": True},
                 "Ley 1755 de 2015, art. 18", "Ley 1755 de 2015, article 18")
CO_DATA_INQUIRY_STEPS = [
    CO_WITHDRAWAL,
    REOPENING,
    ACCEPTANCE,
    ({"kind": "extension"}, "Ley 1581 de 2012, art. 14", "Ley 1581 de 2012, article 14"),
]
CO_DATA_CLAIM_STEPS = [
    ({"kind": "completion_request", "amount": 5, "unit": BUSINESS_DAYS},
     "Ley 1581 de 2012, art. 15", "Ley 1581 de 2012, article 15",
     "El artículo dice «cinco (5) días»: se cuentan hábiles, como los demás términos de la ley.",
     "The article says \"five (5) days\": counted as business days, as the law's other terms."),
    ({"kind": "completion", "amount": 2, "unit": MONTHS, "outcome": "tacit_withdrawal"},
     "Ley 1581 de 2012, art. 15", "Ley 1581 de 2012, article 15"),
    CO_WITHDRAWAL,
    ({"kind": "transfer", "amount": 2, "unit": BUSINESS_DAYS, "warning_amount": 1},
     "Ley 1581 de 2012, art. 15", "Ley 1581 de 2012, article 15"),
    REOPENING,
    ACCEPTANCE,
    ({"kind": "extension"}, "Ley 1581 de 2012, art. 15", "Ley 1581 de 2012, article 15"),
]
CO_WARRANTY_STEPS = [CO_WITHDRAWAL, REOPENING, ACCEPTANCE]
# no law of these countries sets the express withdrawal: the company's own procedure offers it
OWN_WITHDRAWAL = ({"kind": "withdrawal"}, *ISO_PROCEDURE)
MX_ARCO_STEPS = [
    OWN_WITHDRAWAL,
    REOPENING,
    ACCEPTANCE,
    ({"kind": "extension"}, "Ley Federal de Protección de Datos Personales en Posesión de los Particulares, art. 31",
     "Federal Law on the Protection of Personal Data Held by Private Parties, article 31"),
]
# the steps of a type whose law sets none: the company's own withdrawal, reopening and acceptance
OWN_STEPS = [OWN_WITHDRAWAL, REOPENING, ACCEPTANCE]
# a sheet of Peru's complaints book may end by an agreement the consumer accepts on the spot
PE_BOOK_STEPS = [
    *OWN_STEPS,
    ({"kind": "agreement"},
     "Reglamento del Libro de Reclamaciones (D.S. 011-2011-PCM), art. 6-A: acuerdo aceptado para solucionar "
     "el reclamo o la queja en el momento",
     "Complaints Book Regulation (Supreme Decree 011-2011-PCM), article 6-A: an agreement accepted to settle "
     "the claim or complaint on the spot",
     "Si el proveedor ofrece la solución a distancia, el plazo de respuesta se suspende hasta cinco días hábiles "
     "mientras el consumidor la acepta: esa suspensión no se lleva aquí; registre el acuerdo cuando sea aceptado.",
     "When the supplier offers the solution remotely, the answer term is suspended for up to five business days "
     "while the consumer accepts it: that suspension is not kept here; record the agreement once accepted."),
]
ES_SUPERVISOR_REVIEW = (
    {"kind": "supervisor_review", "amount": 15, "unit": BUSINESS_DAYS},
    "Ley 10/2025, art. 17.1 (plazo general de respuesta)", "Ley 10/2025, article 17.1 (the general answer term)",
    "La revisión por un supervisor a petición del cliente no se pudo leer en el texto de la ley (solo en "
    "resúmenes): se responde en el plazo general de quince días hábiles del art. 17.1, contado desde la "
    "petición. Confírmelo con el BOE.",
    "The review by a supervisor at the customer's request could not be read in the law's text (only in "
    "summaries): it is answered within the general term of fifteen business days of article 17.1, counted from "
    "the request. Confirm it against the official gazette (BOE).",
)
ES_SERVICE_STEPS = [
    ES_SUPERVISOR_REVIEW,
    ({"kind": "completion", "amount": 10, "unit": BUSINESS_DAYS, "outcome": "suspension"},
     "Ley 10/2025, art. 13.3", "Ley 10/2025, article 13.3",
     "La ley da al cliente un plazo no inferior a diez días hábiles para subsanar; el plazo de respuesta empieza "
     "con la subsanación y, si no se subsana, la reclamación se considera resuelta: ciérrela con su respuesta.",
     "The law gives the customer no less than ten business days to complete the claim; the answer term starts "
     "when it is completed and, if it is not, the claim is deemed resolved: close it with your answer."),
    OWN_WITHDRAWAL,
    REOPENING,
    ACCEPTANCE,
]
PE_DATA_STEPS = [
    ({"kind": "completion_request", "amount": 7, "unit": BUSINESS_DAYS},
     "D.S. 016-2024-JUS, Reglamento de la Ley 29733, art. 70", "Supreme Decree 016-2024-JUS, article 70"),
    ({"kind": "completion", "amount": 10, "unit": BUSINESS_DAYS, "outcome": "suspension"},
     "D.S. 016-2024-JUS, Reglamento de la Ley 29733, art. 70", "Supreme Decree 016-2024-JUS, article 70",
     "El plazo de respuesta se suspende mientras el titular aporta la información pedida. Si la solicitud "
     "está incompleta (art. 66.2: observaciones en 5 días, subsanación en 5 días), se tiene por no presentada: "
     "ciérrela usted.",
     "The answer term is suspended while the data subject provides the information asked for. An incomplete "
     "request (article 66.2: observations within 5 days, completed within 5 days) is deemed not filed: close it."),
    OWN_WITHDRAWAL,
    REOPENING,
    ACCEPTANCE,
    ({"kind": "extension"}, "D.S. 016-2024-JUS, Reglamento de la Ley 29733, art. 71",
     "Supreme Decree 016-2024-JUS, article 71"),
]
CL_DATA_STEPS = [
    OWN_WITHDRAWAL,
    REOPENING,
    ACCEPTANCE,
    ({"kind": "extension"}, "Ley 21.719, art. 11", "Ley 21.719, article 11"),
]
ES_DATA_STEPS = [
    ({"kind": "completion", "outcome": "suspension"},
     "Reglamento (UE) 2016/679 (RGPD), art. 12.6", "Regulation (EU) 2016/679 (GDPR), article 12.6",
     "El artículo 12.6 permite pedir la información necesaria para confirmar la identidad; no fija plazo al "
     "interesado ni dice que el plazo de respuesta se suspenda (las Directrices 01/2022 del CEPD, apartado 159, "
     "lo admiten, según una cita que no se ha podido leer en su fuente): confírmelo antes de aplicarlo.",
     "Article 12.6 allows asking for the information needed to confirm the identity; it sets the data subject "
     "no period nor says that the answer term is suspended (EDPB Guidelines 01/2022, paragraph 159, admit it, "
     "as quoted by a source that could not be read in the original): confirm it before applying it."),
    OWN_WITHDRAWAL,
    REOPENING,
    ACCEPTANCE,
    ({"kind": "extension"}, "Reglamento (UE) 2016/679 (RGPD), art. 12.3", "Regulation (EU) 2016/679 (GDPR), article 12.3"),
]

# One dict per type: the cq.pqrs.type values; anything left out takes the
# type's default (extension allowed once, up to the term again; business days).
# "supersedes": the shared type (seeded by the addon) that the pack's type
# replaces for the company: it is no longer offered there (res.company
# cq_superseded_type_ids), so that a form never lists "Petición" twice.
LEGAL_PACKS = {
    "CO": [
        {
            "code": "PET", "steps": CO_PETITION_STEPS, "supersedes": "customer_quality.cq_pqrs_type_petition", "name": "Petición", "sequence": 110, "term": 15, "escalation_days": 3,
            "legal_basis": LEY_1755 + ": toda petición deberá resolverse dentro de los quince (15) días "
            "siguientes a su recepción." + LEY_1755_EXTENSION,
            "recourse": SIC,
        },
        {
            "code": "DOC", "steps": CO_PETITION_STEPS, "supersedes": "customer_quality.cq_pqrs_type_information", "name": "Petición de documentos e información", "sequence": 120, "term": 10,
            "escalation_days": 2, "allow_anonymous": False,
            "legal_basis": LEY_1755 + ", numeral 1: las peticiones de documentos y de información "
            "deberán resolverse dentro de los diez (10) días siguientes a su recepción." + LEY_1755_EXTENSION,
            "recourse": SIC,
        },
        {
            "code": "CON", "steps": CO_PETITION_STEPS, "supersedes": "customer_quality.cq_pqrs_type_consultation", "name": "Consulta", "sequence": 130, "term": 30, "escalation_days": 5,
            "legal_basis": LEY_1755 + ", numeral 2: las consultas deberán resolverse dentro de los treinta "
            "(30) días siguientes a su recepción." + LEY_1755_EXTENSION,
            "recourse": SIC,
        },
        {
            "code": "QUE", "steps": CO_PETITION_STEPS, "supersedes": "customer_quality.cq_pqrs_type_complaint", "name": "Queja", "sequence": 140, "term": 15, "escalation_days": 3,
            "requires_root_cause": True,
            "legal_basis": LEY_1755 + ": quince (15) días hábiles siguientes a su recepción."
            + LEY_1755_EXTENSION,
            "recourse": SIC,
        },
        {
            "code": "REC", "steps": CO_PETITION_STEPS, "supersedes": "customer_quality.cq_pqrs_type_claim", "name": "Reclamo", "sequence": 150, "term": 15, "escalation_days": 3,
            "requires_root_cause": True,
            "legal_basis": LEY_1755 + ": quince (15) días hábiles siguientes a su recepción."
            + LEY_1755_EXTENSION,
            "recourse": SIC,
        },
        {
            "code": "HDC", "steps": CO_DATA_INQUIRY_STEPS, "name": "Consulta de datos personales (habeas data)", "sequence": 160, "term": 10,
            "escalation_days": 2, "extension_max": 5, "allow_anonymous": False,
            "legal_basis": "Ley 1581 de 2012, artículo 14: la consulta se atiende en un término máximo de diez "
            "(10) días hábiles contados a partir de su recibo; cuando no fuere posible, se informa al "
            "interesado los motivos de la demora y la fecha de respuesta, que no podrá superar cinco (5) "
            "días hábiles siguientes al vencimiento del primer término.",
            "recourse": SIC,
        },
        {
            "code": "HDR", "steps": CO_DATA_CLAIM_STEPS, "name": "Reclamo de datos personales (habeas data)", "sequence": 170, "term": 15,
            "escalation_days": 3, "extension_max": 8, "requires_root_cause": True, "allow_anonymous": False,
            "rnbd_reported": True,
            "legal_basis": "Ley 1581 de 2012, artículo 15: el reclamo se atiende en un término máximo de quince "
            "(15) días hábiles contados a partir del día siguiente a su recibo; cuando no fuere posible, se "
            "informa al interesado los motivos de la demora y la fecha de respuesta, que no podrá superar "
            "ocho (8) días hábiles siguientes al vencimiento del primer término.",
            "recourse": SIC,
        },
        {
            "code": "GAR", "steps": CO_WARRANTY_STEPS, "supersedes": "customer_quality.cq_pqrs_type_warranty", "name": "Reclamación por garantía", "sequence": 180, "term": 15, "escalation_days": 3,
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
            "code": "ARCO", "steps": MX_ARCO_STEPS, "name": "Derechos ARCO (datos personales)", "sequence": 110, "term": 20,
            "escalation_days": 5, "extension_max": 20, "extension_unit": BUSINESS_DAYS,
            "allow_anonymous": False,
            "legal_basis": "Ley Federal de Protección de Datos Personales en Posesión de los Particulares (2025), "
            "artículo 31: la determinación adoptada sobre una solicitud de acceso, rectificación, cancelación u "
            "oposición se comunica en un plazo máximo de veinte días (hábiles, artículo 2) desde su recepción, "
            "ampliable una sola vez por un periodo igual cuando las circunstancias lo justifiquen.",
            "recourse": MX_DATA,
        },
        {
            "code": "QCO", "steps": OWN_STEPS, "name": "Queja del consumidor", "sequence": 120, "term": 15, "escalation_days": 3,
            "requires_root_cause": True,
            "legal_basis": "Ley Federal de Protección al Consumidor: la empresa atiende las quejas de sus "
            "consumidores en el plazo que fija su política de atención (ajústelo en este tipo).",
            "recourse": MX_CONSUMER,
        },
    ],
    "ES": [
        {
            "code": "RCO", "steps": OWN_STEPS, "name": "Reclamación de consumo", "sequence": 110,
            "term": 15, "term_unit": CALENDAR_DAYS,
            "escalation_days": 5, "extension_allowed": False, "requires_root_cause": True,
            "shows_dispute_body": True,
            "legal_basis": "Real Decreto Legislativo 1/2007 (TRLGDCU), artículo 21.3, en la redacción de la Ley "
            "10/2025: las reclamaciones se responden en el plazo más breve posible y, en todo caso, en el plazo "
            "máximo de quince días desde su presentación (la ley no dice si son hábiles: se cuentan naturales).",
            "recourse": ES_CONSUMER,
        },
        {
            "code": "SAC", "steps": ES_SERVICE_STEPS, "name": "Reclamación al servicio de atención a la clientela", "sequence": 120,
            "term": 15, "escalation_days": 3, "extension_allowed": False, "requires_root_cause": True,
            "shows_dispute_body": True, "keeps_service": True,
            "legal_basis": "Ley 10/2025, de servicios de atención a la clientela, artículo 17.1: las quejas y "
            "reclamaciones se responden en el plazo máximo de quince días hábiles desde su presentación, salvo "
            "que la normativa sectorial establezca un plazo distinto.",
            "recourse": ES_CONSUMER,
        },
        {
            "code": "RGPD", "steps": ES_DATA_STEPS, "name": "Ejercicio de derechos de protección de datos (RGPD)", "sequence": 130,
            "term": 1, "term_unit": MONTHS, "escalation_days": 5, "extension_max": 2, "extension_unit": MONTHS,
            "allow_anonymous": False,
            "legal_basis": "Reglamento (UE) 2016/679 (RGPD), artículo 12.3: la información sobre las "
            "actuaciones derivadas de la solicitud se facilita en el plazo de un mes a partir de su "
            "recepción, prorrogable otros dos meses en caso necesario, informando al interesado de la "
            "prórroga y de sus motivos dentro del primer mes.",
            "recourse": ES_DATA,
        },
    ],
    "PE": [
        {
            "code": "RLR", "steps": PE_BOOK_STEPS, "name": "Reclamo (Libro de Reclamaciones)", "sequence": 110,
            "is_book_sheet": True,
            "book_definition": "Disconformidad relacionada a los productos o servicios.",
            "term": 15, "escalation_days": 3, "extension_allowed": False, "requires_root_cause": True,
            "allow_anonymous": False,
            "legal_basis": "Ley 29571, Código de Protección y Defensa del Consumidor, artículo 24.1, y Reglamento "
            "del Libro de Reclamaciones, artículo 6: disconformidad relacionada con los bienes o servicios; el "
            "proveedor responde en un plazo no mayor a quince (15) días hábiles improrrogables, por escrito (carta "
            "o correo electrónico, según lo pida el consumidor).",
            "recourse": PE_CONSUMER,
        },
        {
            "code": "QLR", "steps": PE_BOOK_STEPS, "name": "Queja (Libro de Reclamaciones)", "sequence": 120,
            "is_book_sheet": True,
            "book_definition": "Disconformidad no relacionada a los productos o servicios; o, malestar o "
            "descontento respecto a la atención al público.",
            "term": 15, "escalation_days": 3, "extension_allowed": False, "requires_root_cause": True,
            "allow_anonymous": False,
            "legal_basis": "Ley 29571, Código de Protección y Defensa del Consumidor, artículos 24.1 y 152, y "
            "Reglamento del Libro de Reclamaciones, artículo 6-B: disconformidad no relacionada con los bienes o "
            "servicios, o malestar respecto de la atención al público; respuesta en un plazo no mayor a quince "
            "(15) días hábiles improrrogables.",
            "recourse": PE_CONSUMER,
        },
        {
            "code": "PDA", "steps": PE_DATA_STEPS, "name": "Derecho de acceso a datos personales", "sequence": 130,
            "term": 20, "escalation_days": 5, "extension_max": 20, "extension_unit": BUSINESS_DAYS,
            "allow_anonymous": False,
            "legal_basis": "Ley 29733 y su Reglamento (D.S. 016-2024-JUS), artículos 69.2 y 71: la solicitud de "
            "acceso se responde en veinte (20) días hábiles contados desde el día siguiente a su recepción, "
            "ampliables una sola vez por un plazo igual, informando el motivo dentro del plazo original.",
            "recourse": PE_DATA,
        },
        {
            "code": "PDR", "steps": PE_DATA_STEPS, "name": "Rectificación, cancelación u oposición (datos personales)",
            "sequence": 140, "term": 10, "escalation_days": 3, "extension_max": 10, "extension_unit": BUSINESS_DAYS,
            "allow_anonymous": False,
            "legal_basis": "Ley 29733 y su Reglamento (D.S. 016-2024-JUS), artículos 69.3 y 71: la solicitud de "
            "rectificación, cancelación u oposición se responde en diez (10) días hábiles contados desde el día "
            "siguiente a su recepción, ampliables una sola vez por un plazo igual.",
            "recourse": PE_DATA,
        },
    ],
    "CL": [
        {
            "code": "RCL", "steps": OWN_STEPS, "name": "Reclamo del consumidor", "sequence": 110,
            "term": 10, "escalation_days": 3, "extension_allowed": False, "requires_root_cause": True,
            "legal_basis": "Ley 19.496, sobre protección de los derechos de los consumidores: la ley no fija un "
            "plazo general para que el proveedor responda los reclamos; diez (10) días hábiles es el plazo de la "
            "empresa, el mismo que el artículo 56 exige a los proveedores financieros con sello SERNAC "
            "(ajústelo en este tipo).",
            "recourse": CL_CONSUMER,
        },
        {
            "code": "DPC", "steps": CL_DATA_STEPS, "name": "Derechos del titular de datos personales", "sequence": 120,
            "term": 30, "term_unit": CALENDAR_DAYS, "escalation_days": 5, "extension_max": 30,
            "extension_unit": CALENDAR_DAYS, "allow_anonymous": False,
            "legal_basis": "Ley 21.719, que regula la protección y el tratamiento de los datos personales, "
            "artículo 11: el responsable acusa recibo y se pronuncia a más tardar dentro de los treinta días "
            "corridos siguientes a la fecha de ingreso de la solicitud, prorrogables por una sola vez hasta por "
            "treinta días corridos.",
            "recourse": CL_DATA,
        },
        {
            "code": "GCL", "steps": OWN_STEPS, "supersedes": "customer_quality.cq_pqrs_type_warranty",
            "name": "Garantía legal", "sequence": 130, "term": 10, "escalation_days": 3, "extension_allowed": False,
            "requires_root_cause": True, "requires_warranty_link": True, "is_post_sale": True,
            "technical_service": True, "allow_anonymous": False,
            "legal_basis": "Ley 19.496, artículos 19 a 21: ante un producto con falla el consumidor elige la "
            "reparación gratuita, la reposición o la devolución de lo pagado, ejercida ante el vendedor dentro del "
            "plazo de la garantía legal contado desde la recepción del producto (seis meses según la Ley 21.398, "
            "no confirmado en el texto de la ley; el texto consolidado consultado, anterior a 2022, dice tres "
            "meses). La ley no fija un plazo para responder: diez (10) días hábiles es el plazo de la empresa.",
            "recourse": CL_CONSUMER,
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
    "GCL": {
        "name": "Legal warranty",
        "legal_basis": "Ley 19.496, articles 19 to 21: for a faulty product the consumer chooses free repair, "
        "replacement or refund, claimed from the seller within the legal warranty period counted from the "
        "product's receipt (six months under Ley 21.398, not confirmed in the law's text; the consolidated "
        "text read, earlier than 2022, says three months). The law sets no term to answer: ten (10) business "
        "days are the company's.",
        "recourse": "The Juzgado de Policía Local of the consumer's or the supplier's domicile (Ley 19.496, "
        "article 50 A); the Servicio Nacional del Consumidor (SERNAC) guides consumers: www.sernac.cl.",
    },
    "ARCO": {
        "name": "ARCO rights (personal data)",
        "legal_basis": "Federal Law on the Protection of Personal Data Held by Private Parties (2025), article "
        "31: the decision on a request for access, rectification, cancellation or objection is communicated "
        "within twenty days (business days, article 2) of its receipt at most, extendable once by an equal "
        "period when the circumstances justify it.",
        "recourse": "Secretaría Anticorrupción y Buen Gobierno, before which the data subject may file the rights "
        "protection request within fifteen (15) days of the answer, or once the term passed without one "
        "(Federal Law on the Protection of Personal Data Held by Private Parties, article 40).",
    },
    "QCO": {
        "name": "Consumer complaint",
        "legal_basis": "Federal Consumer Protection Law: the company handles its consumers' complaints "
        "within the term its customer service policy sets (adjust it on this type).",
        "recourse": "Procuraduría Federal del Consumidor (PROFECO): www.gob.mx/profeco.",
    },
    "RCO": {
        "name": "Consumer claim",
        "legal_basis": "Real Decreto Legislativo 1/2007 (TRLGDCU), article 21.3, as worded by Ley 10/2025: claims "
        "are answered as soon as possible and in any case within fifteen days of their filing (the law does not "
        "say business days: they are counted as calendar days).",
        "recourse": "The Consumer Arbitration System or the consumer authority of the autonomous community.",
    },
    "SAC": {
        "name": "Claim to the customer service",
        "legal_basis": "Ley 10/2025, on customer services, article 17.1: complaints and claims are answered within "
        "fifteen business days of their filing at most, unless sector rules set another term.",
        "recourse": "The Consumer Arbitration System or the consumer authority of the autonomous community.",
    },
    "RGPD": {
        "name": "Data protection rights request (GDPR)",
        "legal_basis": "Regulation (EU) 2016/679 (GDPR), article 12.3: information on action taken on the "
        "request is provided within one month of its receipt, extendable by two further months where "
        "necessary, the data subject being told of the extension and its reasons within the first month.",
        "recourse": "Agencia Española de Protección de Datos (AEPD): www.aepd.es.",
    },
    "RLR": {
        "name": "Claim (Complaints Book)",
        "book_definition": "Disagreement related to the products or services.",
        "legal_basis": "Ley 29571, Consumer Protection and Defence Code, article 24.1, and the Complaints Book "
        "Regulation, article 6: disagreement about the goods or services; the supplier answers within fifteen "
        "(15) business days at most, which cannot be extended, in writing (letter or email, as the consumer asks).",
        "recourse": "INDECOPI: the claim does not prevent other means of settling the dispute nor is it required "
        "before filing a complaint with INDECOPI (Complaints Book Regulation, article 13): www.indecopi.gob.pe.",
    },
    "QLR": {
        "name": "Complaint (Complaints Book)",
        "book_definition": "Disagreement not related to the products or services; or dissatisfaction with the "
        "attention to the public.",
        "legal_basis": "Ley 29571, Consumer Protection and Defence Code, articles 24.1 and 152, and the Complaints "
        "Book Regulation, article 6-B: disagreement not about the goods or services, or dissatisfaction with the "
        "customer service; answered within fifteen (15) business days at most, which cannot be extended.",
        "recourse": "INDECOPI: the complaint does not prevent other means of settling the dispute nor is it "
        "required before filing a complaint with INDECOPI (Complaints Book Regulation, article 13): "
        "www.indecopi.gob.pe.",
    },
    "PDA": {
        "name": "Right of access to personal data",
        "legal_basis": "Ley 29733 and its Regulation (Supreme Decree 016-2024-JUS), articles 69.2 and 71: a request "
        "for access is answered within twenty (20) business days from the day after its receipt, extendable once "
        "by an equal period, the reason given within the original term.",
        "recourse": "The National Personal Data Protection Authority (Ministry of Justice and Human Rights), by a "
        "claim, or the courts, by habeas data (Ley 29733, article 24).",
    },
    "PDR": {
        "name": "Rectification, erasure or objection (personal data)",
        "legal_basis": "Ley 29733 and its Regulation (Supreme Decree 016-2024-JUS), articles 69.3 and 71: a request "
        "for rectification, erasure or objection is answered within ten (10) business days from the day after its "
        "receipt, extendable once by an equal period.",
        "recourse": "The National Personal Data Protection Authority (Ministry of Justice and Human Rights), by a "
        "claim, or the courts, by habeas data (Ley 29733, article 24).",
    },
    "RCL": {
        "name": "Consumer claim",
        "legal_basis": "Ley 19.496 on consumer protection: the law sets no general term for the supplier to answer "
        "claims; ten (10) business days is the company's own term, the one article 56 sets for financial suppliers "
        "holding the SERNAC seal (adjust it on this type).",
        "recourse": "The local police court (Juzgado de Policía Local) of your domicile or the supplier's (Ley "
        "19.496, article 50 A); the National Consumer Service (SERNAC) advises consumers: www.sernac.cl.",
    },
    "DPC": {
        "name": "Personal data subject's rights",
        "legal_basis": "Ley 21.719 on the protection and processing of personal data, article 11: the controller "
        "acknowledges the request and decides on it within thirty calendar days of its filing at most, "
        "extendable once by up to thirty calendar days.",
        "recourse": "The Personal Data Protection Agency, before which the data subject may file a claim within "
        "thirty business days of the answer, or of the term passing without one (Ley 21.719, article 11).",
    },
}
# Reports a regulator asks of a company, per country of its legal pack: the claims of a period
# (`period_months` long, from January) are reported within a window of `amount` `unit` that opens with
# the month `report_month_offset` months after the period's last month; `legal_basis` is printed on the
# report (es) / `legal_basis_en`.
REGULATORY_REPORTS = {
    "CO": {
        "period_months": 6,
        "report_month_offset": 2,
        "amount": 15,
        "unit": "business_days",
        "legal_basis": "Decreto 1074 de 2015 (art. 2.2.2.26.1.2, modificado por el Decreto 090 de 2018: "
        "sociedades y entidades sin ánimo de lucro con activos totales superiores a 100.000 UVT y entidades "
        "públicas) y Circular Única de la SIC, título V, capítulo segundo, numeral 2.3 (Circular Externa 003 "
        "de 2018): los reclamos presentados por los titulares en el semestre calendario anterior se reportan "
        "al Registro Nacional de Bases de Datos dentro de los quince (15) primeros días hábiles de febrero y "
        "agosto, aun cuando no haya reclamos. Texto oficial no leído: confirmado en boletines profesionales "
        "que lo citan.",
        "legal_basis_en": "Decreto 1074 de 2015 (art. 2.2.2.26.1.2, as amended by Decreto 090 de 2018: companies "
        "and non-profits with total assets above 100,000 UVT, and public entities) and the SIC's Circular "
        "Única, title V, chapter two, item 2.3 (Circular Externa 003 de 2018): the claims filed by data "
        "subjects in the previous calendar half-year are reported to the national register of databases "
        "(RNBD) within the first fifteen (15) business days of February and August, even when there were "
        "none. The official text was not read: confirmed by professional bulletins that quote it.",
    },
}
TRANSLATED_FIELDS = ("name", "legal_basis", "recourse", "book_definition")
# every pack's type by its code (codes are unique across packs)
PACK_ENTRIES = {entry["code"]: entry for entries in LEGAL_PACKS.values() for entry in entries}


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
                {key: value for key, value in values.items() if key not in ("supersedes", "steps")},
                **ENGLISH.get(values["code"], {}), company_id=company.id,
            )
            for values in LEGAL_PACKS[country_code] if values["code"] not in existing
        ]
        # created with their English wording, then given the law's own words in Spanish
        created = self.with_context(lang="en_US").create(vals_list)
        created._cq_translate_pack_types()
        created._cq_seed_pack_steps()
        # the numbering named in the company's language, now that the types have their Spanish words
        for pack_type in created.sudo().filtered("sequence_id"):
            pack_type.sequence_id.name = pack_type._prepare_sequence_values()["name"]
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

    def _cq_translate_pack_types(self, langs=None):
        """The pack's own words (Spanish) in every Spanish language of the
        database; the other languages read the English wording. With `langs`
        (languages just added), only those, and only where the type still
        reads its English wording there (a company's own words are kept);
        the steps' legal bases too."""
        spanish_langs = self._cq_spanish_langs()
        if langs is not None:
            spanish_langs = [code for code in spanish_langs if code in langs]
        if not spanish_langs:
            return
        for pack_type in self:
            values = PACK_ENTRIES.get(pack_type.code, {})
            for field in TRANSLATED_FIELDS:
                if values.get(field):
                    targets = spanish_langs if langs is None else pack_type._cq_untranslated(field, spanish_langs)
                    if targets:
                        pack_type.update_field_translations(field, dict.fromkeys(targets, values[field]))
            if langs is not None:
                pack_type._cq_translate_pack_steps(values.get("steps", []), spanish_langs)

    @api.model
    def _cq_spanish_langs(self):
        """The installed Spanish languages, which read the packs' own words."""
        return [code for code, _name in self.env["res.lang"].get_installed() if code.split("_")[0] == "es"]

    def _cq_untranslated(self, field, langs, record=None):
        """Of `langs`, those in which `field` of `record` (default: self) still reads its English wording."""
        record = record or self
        english = record.with_context(lang="en_US")[field]
        return [lang for lang in langs if record.with_context(lang=lang)[field] == english]

    def _cq_translate_pack_steps(self, steps, langs):
        """The pack's Spanish legal basis and note of this type's steps, in `langs` where still English."""
        self.ensure_one()
        by_kind = {values["kind"]: (basis_es, notes) for values, basis_es, _basis_en, *notes in steps}
        for step in self.sudo().step_ids:
            if step.kind not in by_kind:
                continue
            basis_es, notes = by_kind[step.kind]
            targets = self._cq_untranslated("legal_basis", langs, step)
            if targets:
                step.update_field_translations("legal_basis", dict.fromkeys(targets, basis_es))
            targets = notes and self._cq_untranslated("note", langs, step)
            if targets:
                step.update_field_translations("note", dict.fromkeys(targets, notes[0]))

    def _cq_seed_pack_steps(self):
        """Give the pack types among these that have no legal step yet the
        steps of their pack (a pack loaded before steps existed gets them on
        upgrade): created with their English wording, the law's own words in
        every Spanish language."""
        spanish_langs = self._cq_spanish_langs()
        Step = self.env["cq.pqrs.step"].sudo().with_context(lang="en_US")
        for pack_type in self.sudo().filtered(lambda t: t.company_id and not t.step_ids):
            steps = PACK_ENTRIES.get(pack_type.code, {}).get("steps", [])
            Step.create([
                dict(values, type_id=pack_type.id, legal_basis=basis_en, note=notes[1] if notes else False)
                for values, _basis_es, basis_en, *notes in steps
            ])
            pack_type._cq_translate_pack_steps(steps, spanish_langs)

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
        replaced = PACK_ENTRIES.get(self.code, {}).get("supersedes")
        shared = replaced and self.env.ref(replaced, raise_if_not_found=False)
        return shared if shared and shared in offered else self.browse()
