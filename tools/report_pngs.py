# Render the first page of every QWeb report of the addon, for demo records, in
# Spanish, to docs/reports/<name>.png (wkhtmltopdf + pdftoppm). Run by
# tools/report_pngs.sh inside `odoo shell` (`env` exists) on a demo database.
import os
import subprocess
import tempfile
from datetime import date

from dateutil.relativedelta import relativedelta

LANG = os.environ.get("CQ_REPORT_LANG", "es_CO")
OUT = os.environ["CQ_DOCS_DIR"]
env = env(context=dict(env.context, lang=LANG, force_report_rendering=True))  # noqa: F821
env["res.lang"]._activate_lang(LANG)
env["ir.module.module"].search([("name", "=", "customer_quality")])._update_translations([LANG], overwrite=True)
env.user.lang = LANG
Param = env["ir.config_parameter"].sudo()
if os.environ.get("CQ_REPORT_URL"):
    # where wkhtmltopdf fetches the report's CSS and fonts: the local server
    Param.set_param("report.url", os.environ["CQ_REPORT_URL"])
# the links printed in the letters (rating, tracking, portal) point where the customer goes: the
# production address, frozen so that a login to the local server does not rewrite it
Param.set_param("web.base.url", os.environ.get("CQ_BASE_URL", "https://calidad.neumaticaandina.example.com"))
Param.set_param("web.base.url.freeze", "True")
Pqrs = env["cq.pqrs"]
today = date.today()
quarter_start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
last_quarter = (quarter_start - relativedelta(months=3), quarter_start - relativedelta(days=1))


def wizard(model, values):
    record = env[model].create(values)
    action = record.action_print()
    return record, action.get("data")


jobs = [
    ("pqrs_acknowledgement", "customer_quality.cq_pqrs_ack_report_action",
     Pqrs.search([("partner_id", "!=", False), ("state", "not in", ("cancelled",))], limit=1), None),
    ("pqrs_answer_letter", "customer_quality.cq_pqrs_answer_report_action",
     Pqrs.search([("date_answered", "!=", False), ("partner_id", "!=", False)], limit=1), None),
    ("pqrs_warranty_letter", "customer_quality.cq_pqrs_answer_report_action",
     env.ref("customer_quality.cq_pqrs_demo_warranty", raise_if_not_found=False), None),
    ("pqrs_register", "customer_quality.cq_pqrs_register_report_action",
     *wizard("cq.pqrs.register.wizard", {"date_from": today - relativedelta(months=6), "date_to": today})),
    ("contract_checklist", "customer_quality.cq_contract_checklist_report_action",
     env["cq.contract"].search([("state", "in", ("active", "closed")), ("obligation_ids", "!=", False)], limit=1), None),
    ("contract_checklist_year", "customer_quality.cq_contract_checklist_year_report_action",
     *wizard("cq.contract.checklist.wizard", {"year": today.year})),
    ("contract_review", "customer_quality.cq_contract_review_report_action",
     env["cq.contract.review"].search([], limit=1), None),
    ("satisfaction_campaign", "customer_quality.cq_survey_campaign_report_action",
     env.ref("customer_quality.cq_survey_campaign_demo_satisfaction"), None),
    ("indicator_report", "customer_quality.cq_indicator_report_action",
     *wizard("cq.indicator.report.wizard", {"date_from": last_quarter[0], "date_to": last_quarter[1]})),
    ("action_plan", "customer_quality.cq_action_plan_report_action",
     env.ref("customer_quality.cq_action_plan_demo_audit"), None),
    ("customer_file", "customer_quality.res_partner_customer_file_report_action",
     env.ref("customer_quality.res_partner_demo_01"), None),
    # the Peruvian store's complaints book: an answered sheet, and the notice of the establishment
    ("book_sheet", "customer_quality.cq_book_sheet_report_action",
     env.ref("customer_quality.cq_pe_sheet_answered", raise_if_not_found=False), None),
    ("book_notice", "customer_quality.cq_book_notice_report_action",
     env.ref("customer_quality.cq_demo_establishment_miraflores", raise_if_not_found=False), None),
    # what regulators ask: the half-year report of the data protection claims (RNBD), the yearly
    # evaluation of the customer service, the channels and terms the customers are told
    ("rnbd_report", "customer_quality.cq_rnbd_report_pdf_action",
     env.ref("customer_quality.cq_rnbd_demo_report", raise_if_not_found=False), None),
    ("service_evaluation", "customer_quality.cq_service_evaluation_report_action",
     env.ref("customer_quality.cq_service_evaluation_demo", raise_if_not_found=False), None),
    ("channels", "customer_quality.cq_channels_report_action", env.ref("base.main_company"), None),
]
os.makedirs(OUT, exist_ok=True)
with tempfile.TemporaryDirectory() as tmp:
    only = set(filter(None, os.environ.get("CQ_REPORT_ONLY", "").split(",")))
    for name, report, records, data in jobs:
        if only and name not in only:
            continue
        if not records:
            print(f"SKIPPED {name}: no demo record")
            continue
        pdf, _type = env["ir.actions.report"]._render_qweb_pdf(report, records[:1].ids, data=data)
        path = os.path.join(tmp, f"{name}.pdf")
        with open(path, "wb") as handle:
            handle.write(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", path, os.path.join(OUT, name)],
            check=True,
        )
        # the text layer: a letter drawn as paths has none (fonts-lato missing, report_fonts.scss)
        text = subprocess.run(["pdftotext", path, "-"], capture_output=True, check=True, text=True).stdout
        print(f"{name}: {os.path.join(OUT, name)}.png ({len(text.split())} words of text in the PDF)")
env.cr.commit()  # the production address stays for tools/ui_pngs.py
