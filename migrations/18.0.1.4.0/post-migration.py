from odoo import SUPERUSER_ID, api

# the reopening window was one setting for every case; it is now each type's reopening step
REOPEN_DAYS_PARAM = "customer_quality.pqrs_reopen_days"
# the shared types cited Colombian law; they are the company's own procedure (ISO 10002): the
# legal packs bring each country's law
SHARED_TERMS = {
    "petition": 15, "complaint": 15, "claim": 15, "suggestion": 15, "consultation": 30, "information": 10,
    "compliment": 15, "warranty": 15, "support": 15,
}
ISO_EN = ("Company procedure for handling requests and complaints (ISO 10002:2018, clause 8): answered "
          "within {term} business days of filing.")
# the default consent text of the public form named a Colombian law
OLD_CONSENT = ("<p>I authorise the company to process my personal data to handle this request, in accordance "
               "with Ley 1581 de 2012 and its personal data policy.</p>")
# the letters of the steps cite the step's legal basis instead of a Colombian article written in them
STEP_LETTERS = (
    # the acknowledgement: the term with its plural for every unit, and the external recourse
    "mail_template_cq_pqrs_acknowledgement",
    "mail_template_cq_pqrs_completion_request", "mail_template_cq_pqrs_withdrawal",
    "mail_template_cq_pqrs_tacit_withdrawal", "mail_template_cq_pqrs_transfer_entity",
    "mail_template_cq_pqrs_transfer_filer", "mail_template_cq_pqrs_extension",
)
ISO_ES = ("Procedimiento de tratamiento de peticiones y quejas de la empresa (ISO 10002:2018, cláusula 8): "
          "se responden dentro de los {term} días hábiles siguientes a su radicación.")


def migrate(cr, version):
    """Legal steps as data (cq.pqrs.step):
    - the shared types get their steps from data/cq_pqrs_step_data.xml (new records of a noupdate
      file: created by the update), the types of a loaded legal pack the steps of their pack;
    - a reopening window set in the settings becomes the term of every reopening step;
    - the shared types whose legal basis nobody changed cite the company's procedure (ISO 10002)
      instead of a country's law;
    - the letters of the steps are reset to cite the step's legal basis (in every language).
    Filed cases keep their dates: transfer limits are recomputed only for open cases."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    Type = env["cq.pqrs.type"].with_context(active_test=False)
    Type.search([("company_id", "!=", False)])._cq_seed_pack_steps()

    param = env["ir.config_parameter"].sudo()
    days = param.get_param(REOPEN_DAYS_PARAM)
    if days and days.isdigit() and int(days) > 0:
        env["cq.pqrs.step"].search([("kind", "=", "reopening"), ("unit", "=", "calendar_days")]).write(
            {"amount": int(days)}
        )
    param.search([("key", "=", REOPEN_DAYS_PARAM)]).unlink()

    spanish_langs = Type._cq_spanish_langs()
    for xmlid, term in SHARED_TERMS.items():
        shared = env.ref(f"customer_quality.cq_pqrs_type_{xmlid}", raise_if_not_found=False)
        basis = shared and shared.with_context(lang="en_US").legal_basis or ""
        if "1755" in basis or "1480" in basis:
            translations = {"en_US": ISO_EN.format(term=term)}
            translations.update(dict.fromkeys(spanish_langs, ISO_ES.format(term=term)))
            shared.update_field_translations("legal_basis", translations)

    for xmlid in STEP_LETTERS:
        template = env.ref(f"customer_quality.{xmlid}", raise_if_not_found=False)
        if template and template.template_fs:
            template.reset_template()

    # the companies that kept the default consent text get the new default, in every language
    Company = env["res.company"].with_context(active_test=False, lang="en_US")
    kept = Company.search([]).filtered(lambda c: c.cq_pqrs_consent_text == OLD_CONSENT)
    if kept:
        kept.write({"cq_pqrs_consent_text": Company._cq_default_consent_text()})
        kept._cq_translate_default_texts([code for code, _name in env["res.lang"].get_installed()])

    # the open cases' transfer limits follow their type's transfer step
    cases = env["cq.pqrs"].search([("state", "in", ("new", "analysis", "waiting"))])
    env.add_to_compute(env["cq.pqrs"]._fields["transfer_limit"], cases)
    env.add_to_compute(env["cq.pqrs"]._fields["transfer_warn_date"], cases)
    cases.flush_recordset()
