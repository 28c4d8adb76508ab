from . import cq_partner_convert_wizard
from . import cq_partner_lost_wizard
from . import cq_prospect_indicator_wizard
from . import cq_pqrs_cancel_wizard
from . import cq_pqrs_extension_wizard
from . import cq_sale_rejection_wizard
from . import cq_sale_review_waiver_wizard
