from . import test_repair_reception
from . import test_repair_workshop
