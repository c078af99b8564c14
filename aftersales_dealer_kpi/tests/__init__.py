from . import test_aftersales_grading
from . import test_aftersales_incentive
from . import test_aftersales_incentive_queries
from . import test_aftersales_work_instruction
