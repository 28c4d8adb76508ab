from . import cq_contract_checklist_report
from . import cq_customer_lifecycle_report
from . import cq_indicator_report
from . import cq_pqrs_register_report
from . import cq_survey_campaign_report
