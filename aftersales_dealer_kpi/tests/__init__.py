from . import test_kpi_meeting
from . import test_kpi_parts
from . import test_kpi_exports
from . import test_kpi_reports
