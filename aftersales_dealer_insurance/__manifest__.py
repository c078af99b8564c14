# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "After-Sales: Insurance and Accident Vehicles",
    "summary": "Insurers, policies and renewals, accident cases from hotline to collected payment",
    "version": "18.0.1.0.0",
    "category": "Services/After-Sales",
    "website": "https://github.com/truck-aftersales/aftersales-dealer",
    "author": "Truck After-Sales Team",
    "license": "LGPL-3",
    "depends": ["aftersales_dealer"],
    "data": [
        "security/ir.model.access.csv",
        "views/aftersales_insurance_menus.xml",
    ],
    "demo": [],
    "installable": True,
}
