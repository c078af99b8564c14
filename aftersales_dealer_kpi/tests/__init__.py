from . import test_aftersales_grading
from . import test_aftersales_incentive
from . import test_aftersales_incentive_queries
from . import test_aftersales_work_instruction
from . import test_kpi_meeting
from . import test_kpi_parts
from . import test_kpi_exports
from . import test_kpi_reports
