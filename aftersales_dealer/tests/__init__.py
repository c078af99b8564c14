from . import test_followup_rules
from . import test_followup_idempotence
from . import test_followup_outcomes
from . import test_complaint
from . import test_churn
from . import test_campaign
