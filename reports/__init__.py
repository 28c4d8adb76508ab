from . import cq_customer_lifecycle_report
