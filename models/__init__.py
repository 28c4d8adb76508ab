from . import cq_lost_reason
from . import cq_prospect_indicator
from . import mail_activity_type
from . import res_config_settings
from . import res_partner
from . import sale_order
