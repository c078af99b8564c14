# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "After-Sales for Truck Dealers",
    "summary": "Reception, repair orders, follow-ups, complaints and churn "
    "for commercial-truck service stations",
    "version": "18.0.1.0.0",
    "category": "Services/After-Sales",
    "website": "https://github.com/truck-aftersales/aftersales-dealer",
    "author": "Truck After-Sales Team",
    "license": "LGPL-3",
    "application": True,
    "depends": ["repair", "sale_management", "fleet", "crm", "hr", "utm"],
    "data": [
        "security/aftersales_security.xml",
        "security/ir.model.access.csv",
        "data/aftersales_churn_reason_data.xml",
        "data/ir_cron_data.xml",
        "wizard/aftersales_churn_wizard_views.xml",
        "views/aftersales_menus.xml",
        "views/fleet_vehicle_views.xml",
        "views/fleet_vehicle_model_views.xml",
        "views/res_partner_views.xml",
        "views/hr_employee_views.xml",
        "views/aftersales_grade_views.xml",
        "views/aftersales_churn_reason_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/aftersales_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "aftersales_dealer/static/src/js/tours/*.js",
        ],
    },
    "installable": True,
}
