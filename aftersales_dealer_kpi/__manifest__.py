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
    "depends": ["aftersales_dealer_insurance", "survey", "purchase", "spreadsheet_dashboard"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/ir.model.access.csv",
        "views/aftersales_kpi_menus.xml",
        "security/aftersales_incentive_security.xml",
        "data/aftersales_grading_cron.xml",
        "views/aftersales_performance_menus.xml",
        "views/aftersales_grading_views.xml",
        "views/aftersales_incentive_scheme_views.xml",
        "views/aftersales_incentive_statement_views.xml",
        "views/aftersales_incentive_source_views.xml",
        "views/aftersales_work_instruction_views.xml",
    ],
    "demo": [
        "demo/aftersales_incentive_demo.xml",
        "demo/aftersales_work_instruction_demo.xml",
    ],
    "installable": True,
}
