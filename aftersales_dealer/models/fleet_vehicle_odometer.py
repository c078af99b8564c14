from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from .aftersales_guards import MAX_ODOMETER_KM


class FleetVehicleOdometer(models.Model):
    _inherit = "fleet.vehicle.odometer"

    vehicle_id = fields.Many2one(ondelete="cascade", index=True)

    _sql_constraints = [
        ("value_positive", "CHECK(value >= 0)", "An odometer reading cannot be negative."),
    ]

    @api.constrains("value", "date", "vehicle_id")
    def _check_odometer(self):
        for reading in self:
            if reading.value > MAX_ODOMETER_KM:
                raise ValidationError(
                    _(
                        "An odometer reading above %(max)s km is not plausible (%(vehicle)s).",
                        max=int(MAX_ODOMETER_KM),
                        vehicle=reading.vehicle_id.display_name,
                    )
                )
            # a reading must not be lower than an earlier one, nor higher than a later one
            conflict = self.search(
                expression.AND(
                    [
                        [("vehicle_id", "=", reading.vehicle_id.id), ("id", "!=", reading.id)],
                        expression.OR(
                            [
                                [("date", "<=", reading.date), ("value", ">", reading.value)],
                                [("date", ">", reading.date), ("value", "<", reading.value)],
                            ]
                        ),
                    ]
                ),
                limit=1,
                order="value desc",
            )
            if conflict:
                raise ValidationError(
                    _(
                        "The odometer of %(vehicle)s cannot go back: %(value)s km on "
                        "%(date)s conflicts with the reading of %(other_value)s km on "
                        "%(other_date)s.",
                        vehicle=reading.vehicle_id.display_name,
                        value=reading.value,
                        date=reading.date,
                        other_value=conflict.value,
                        other_date=conflict.date,
                    )
                )
