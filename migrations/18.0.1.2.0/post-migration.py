from odoo import SUPERUSER_ID, api
from odoo.tools.sql import column_exists


def migrate(cr, version):
    """Terms get a unit (business days, calendar days, months, hours) and one
    number; extensions get a rule per type.  Types: emergencies count hours
    (their term_hours), the others business days (their term_days); an
    emergency could not be extended before (its term in business days was
    0), so it still cannot.  Filed cases keep their dates and get the unit
    and term they were filed with; their extension is in business days.
    The extension notice is reset to its new body."""
    if column_exists(cr, "cq_pqrs_type", "term_days"):
        cr.execute(
            """
            UPDATE cq_pqrs_type
               SET term_unit = CASE WHEN is_emergency THEN 'hours' ELSE 'business_days' END,
                   term = COALESCE(CASE WHEN is_emergency THEN term_hours ELSE term_days END, term)
            """
        )
    cr.execute("UPDATE cq_pqrs_type SET extension_allowed = FALSE WHERE is_emergency")
    cr.execute(
        """
        UPDATE cq_pqrs
           SET term_unit = CASE WHEN COALESCE(term_hours, 0) > 0 THEN 'hours' ELSE 'business_days' END,
               term = CASE WHEN COALESCE(term_hours, 0) > 0 THEN term_hours ELSE term_days END
         WHERE term_unit IS NULL AND date_radicated IS NOT NULL
        """
    )
    cr.execute(
        """
        UPDATE cq_pqrs
           SET extension_term = extension_days, extension_unit = 'business_days'
         WHERE COALESCE(extension_count, 0) > 0 AND extension_unit IS NULL
        """
    )
    # the extension notice states the extension in its unit (2 months, 20 calendar days): its old body
    # said "business days" whatever the unit; the template is noupdate, so it is reset here
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref("customer_quality.mail_template_cq_pqrs_extension", raise_if_not_found=False)
    if template and template.template_fs:
        template.reset_template()
