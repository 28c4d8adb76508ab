from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The acknowledgement email links the tracking page with the case's number filled in (never the
    lookup code) instead of printing the bare path /pqrs/track. The template is noupdate, so it is
    reset here (a customised body is replaced by the new one, in every installed language)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref("customer_quality.mail_template_cq_pqrs_acknowledgement", raise_if_not_found=False)
    if template and template.template_fs:
        template.reset_template()
