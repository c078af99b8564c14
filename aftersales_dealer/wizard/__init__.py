from . import aftersales_churn_wizard
from . import aftersales_repair_receive_wizard
from . import aftersales_repair_delivery_wizard
from . import aftersales_repair_cancel_wizard
from . import aftersales_followup_done_wizard
from . import aftersales_campaign_wizard
