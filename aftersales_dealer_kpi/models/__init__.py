
from . import aftersales_grading_grade
from . import aftersales_grading_history
from . import aftersales_grading_assessment
from . import aftersales_incentive_labor_share
from . import aftersales_incentive_repair_order
from . import aftersales_annual_inspection
from . import aftersales_parts_quality_issue
from . import aftersales_incentive_scheme
from . import aftersales_incentive_scheme_rate
from . import aftersales_incentive_period
from . import aftersales_incentive_statement
from . import aftersales_incentive_statement_line
from . import aftersales_work_instruction
from . import aftersales_work_instruction_ack
from . import aftersales_grading_hr_employee
