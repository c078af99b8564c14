from . import test_insurance_policy
from . import test_accident
from . import test_insurance_access
from . import test_insurance_followup
from . import test_insurance_views
from . import test_accident_tour
from . import test_insurance_guards
