from odoo import SUPERUSER_ID, Command, api


def migrate(cr, version):
    """The acknowledgement email no longer attaches the PDF, which the cron
    rendered for every case: its body carries the filing record and a link to
    the PDF rendered on demand. The template is noupdate, so it is reset here
    (a customised body is replaced by the new one, in every installed language)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref("customer_quality.mail_template_cq_pqrs_acknowledgement", raise_if_not_found=False)
    report = env.ref("customer_quality.cq_pqrs_ack_report_action", raise_if_not_found=False)
    if not template:
        return
    if report:
        template.report_template_ids = [Command.unlink(report.id)]
    if template.template_fs:
        template.reset_template()
