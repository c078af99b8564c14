from . import test_repair_reception
from . import test_repair_workshop
from . import test_warranty_rescue_wash
from . import test_repair_access
from . import test_repair_ui
