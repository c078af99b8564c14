from . import aftersales_kpi_service_report
from . import aftersales_kpi_followup_report
from . import aftersales_kpi_quality_report
from . import aftersales_kpi_finding_report
from . import aftersales_kpi_parts_report
from . import aftersales_kpi_survey_report
from . import aftersales_kpi_warranty_report
