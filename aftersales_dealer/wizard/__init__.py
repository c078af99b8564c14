from . import aftersales_churn_wizard
from . import aftersales_followup_done_wizard
from . import aftersales_campaign_wizard
