from odoo import fields, models

AXLE_CONFIGURATIONS = [
    ("4x2", "4x2"),
    ("4x4", "4x4"),
    ("6x2", "6x2"),
    ("6x4", "6x4"),
    ("6x6", "6x6"),
    ("8x4", "8x4"),
    ("other", "Other"),
]


class FleetVehicleModel(models.Model):
    _inherit = "fleet.vehicle.model"

    maintenance_interval_km = fields.Integer(
        string="Maintenance Interval (km)",
        help="Default maintenance interval of trucks of this model; "
        "empty uses the company default.",
    )
    maintenance_interval_days = fields.Integer(
        string="Maintenance Interval (days)",
        help="Default maintenance interval of trucks of this model; "
        "empty uses the company default.",
    )
    axle_configuration = fields.Selection(AXLE_CONFIGURATIONS)
    gross_vehicle_weight = fields.Float(string="Gross Vehicle Weight (t)")
    engine_model = fields.Char()

    _sql_constraints = [
        (
            "maintenance_interval_positive",
            "CHECK(maintenance_interval_km >= 0 AND maintenance_interval_days >= 0)",
            "Maintenance intervals cannot be negative.",
        ),
    ]
