from . import test_kpi_meeting
