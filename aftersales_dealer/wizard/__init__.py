from . import aftersales_churn_wizard
from . import aftersales_repair_receive_wizard
from . import aftersales_repair_delivery_wizard
from . import aftersales_repair_cancel_wizard
