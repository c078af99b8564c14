# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "After-Sales: Weekly Meeting, Analyses and Incentives",
    "summary": "Per-role KPIs for the weekly meeting, monthly analyses, survey forms, "
    "grading and incentive pay",
    "version": "18.0.1.0.0",
    "category": "Services/After-Sales",
    "website": "https://github.com/truck-aftersales/aftersales-dealer",
    "author": "Truck After-Sales Team",
    "license": "LGPL-3",
    "depends": [
        "aftersales_dealer_insurance",
        "survey",
        "purchase",
        "spreadsheet_dashboard",
        "stock_account",
    ],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/ir.model.access.csv",
        "views/aftersales_kpi_menus.xml",
        "security/kpi_security.xml",
        "data/kpi_metric_data.xml",
        "data/kpi_survey_data.xml",
        "report/kpi_meeting_report.xml",
        "views/kpi_metric_views.xml",
        "views/kpi_report_views.xml",
        "views/kpi_meeting_views.xml",
        "views/kpi_meeting_line_views.xml",
        "views/kpi_purchase_order_views.xml",
        "data/kpi_dashboard_data.xml",
    ],
    "demo": [
        "demo/kpi_demo.xml",
    ],
    "installable": True,
}
