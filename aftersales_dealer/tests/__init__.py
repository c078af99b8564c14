from . import test_vehicle
from . import test_customer_segment
from . import test_churn
from . import test_access
from . import test_register_truck_tour
