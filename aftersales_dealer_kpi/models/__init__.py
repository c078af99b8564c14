from . import kpi_metric
from . import kpi_meeting
from . import kpi_meeting_line
from . import kpi_stock_move
from . import kpi_repair_order
from . import kpi_purchase_order
from . import kpi_survey_user_input
from . import kpi_followup
