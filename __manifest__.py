# Copyright 2026 Customer Quality contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Customer Quality",
    "summary": "ISO 9001 customer processes: prospects, captive customers, "
    "PQRS, contracts, satisfaction and indicators",
    "version": "18.0.1.0.0",
    "category": "Sales/Customer Quality",
    "author": "Customer Quality contributors",
    "website": "https://github.com/customer-quality/customer_quality",
    "license": "LGPL-3",
    "depends": [
        "mail",
        "portal",
        "rating",
        "utm",
        "resource",
        "sale_management",
        "account",
        "survey",
    ],
    "external_dependencies": {"python": ["holidays"]},
    "data": [
        "security/customer_quality_groups.xml",
        "security/ir.model.access.csv",
        "security/customer_quality_rules.xml",
        "data/utm_data.xml",
        "data/mail_activity_type_data.xml",
        "data/cq_lost_reason_data.xml",
        "data/ir_config_parameter_data.xml",
        "reports/cq_customer_lifecycle_report_views.xml",
        "wizards/cq_partner_convert_wizard_views.xml",
        "wizards/cq_partner_lost_wizard_views.xml",
        "wizards/cq_prospect_indicator_wizard_views.xml",
        "views/res_partner_views.xml",
        "views/cq_lost_reason_views.xml",
        "views/res_config_settings_views.xml",
        "views/customer_quality_menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/res_users_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "customer_quality/static/tests/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
