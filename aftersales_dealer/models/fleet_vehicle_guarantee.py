from datetime import timedelta

from odoo import api, fields, models


def _reach_date(readings):
    """A function giving the day the odometer reaches ``km``: the first reading at or
    above it, else the last reading plus the days the average daily mileage needs."""
    first_date, first_value = readings[0]
    last_date, last_value = readings[-1]
    days = (last_date - first_date).days
    rate = (last_value - first_value) / days if days > 0 else 0.0

    def reach(km):
        for date, value in readings:
            if value >= km:
                return date
        if rate <= 0:
            return None
        return last_date + timedelta(days=int((km - last_value) // rate))

    return reach


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    guarantee_repair_count = fields.Integer(
        string="Running Guarantees", compute="_compute_guarantee_repair_count"
    )

    def _aftersales_odometer_projection(self):
        """Per truck, ``{"reach_date": f}`` where ``f(km)`` is the day the odometer
        reaches ``km`` from the reading history (one query for all trucks)."""
        readings = {}
        for reading in self.env["fleet.vehicle.odometer"].search_fetch(
            [("vehicle_id", "in", [vid for vid in self._origin.ids if vid])],
            ["vehicle_id", "date", "value"],
            order="vehicle_id, date, value",
        ):
            if reading.date:
                readings.setdefault(reading.vehicle_id.id, []).append((reading.date, reading.value))
        return {vid: {"reach_date": _reach_date(values)} for vid, values in readings.items()}

    @api.depends("repair_order_ids.guarantee_expiry_date")
    def _compute_guarantee_repair_count(self):
        counts = dict(
            self.env["repair.order"]._read_group(
                [("vehicle_id", "in", self._origin.ids), ("guarantee_active", "=", True)],
                ["vehicle_id"],
                ["__count"],
            )
        )
        for vehicle in self:
            vehicle.guarantee_repair_count = counts.get(vehicle._origin, 0)

    def action_view_guarantees(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_dealer.repair_order_guarantee_action"
        )
        action["domain"] = [("vehicle_id", "=", self.id), ("guarantee_end_date", "!=", False)]
        return action
