# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "After-Sales: Insurance and Accident Vehicles",
    "summary": "Insurers, policies and renewals, accident cases from hotline to collected payment",
    "version": "18.0.1.1.0",
    "category": "Services/After-Sales",
    "website": "https://github.com/truck-aftersales/aftersales-dealer",
    "author": "Truck After-Sales Team",
    "license": "LGPL-3",
    "depends": ["aftersales_dealer"],
    "data": [
        "security/ir.model.access.csv",
        "views/aftersales_insurance_menus.xml",
        "security/aftersales_insurance_security.xml",
        "data/aftersales_insurance_data.xml",
        "views/aftersales_accident_views.xml",
        "views/aftersales_accident_payment_views.xml",
        "views/aftersales_insurance_policy_views.xml",
        "views/res_partner_views.xml",
        "views/aftersales_insurance_agreement_views.xml",
        "views/aftersales_insurance_config_views.xml",
        "views/fleet_vehicle_views.xml",
        "views/repair_order_views.xml",
        "views/res_config_settings_views.xml",
        "report/aftersales_accident_report_views.xml",
        "report/aftersales_accident_reports.xml",
    ],
    "demo": [
        "demo/aftersales_insurance_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "aftersales_dealer_insurance/static/src/js/tours/*.js",
        ],
    },
}
