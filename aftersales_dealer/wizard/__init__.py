from . import aftersales_churn_wizard
