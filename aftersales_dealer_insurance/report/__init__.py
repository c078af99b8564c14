from . import aftersales_accident_report
