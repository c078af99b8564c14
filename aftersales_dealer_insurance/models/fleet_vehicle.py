from odoo import fields, models


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    insurance_policy_ids = fields.One2many(
        "aftersales.insurance.policy", "vehicle_id", string="Insurance Policies"
    )
    accident_ids = fields.One2many("aftersales.accident", "vehicle_id", string="Accident Cases")
    insurance_policy_count = fields.Integer(compute="_compute_insurance_counts")
    accident_count = fields.Integer(compute="_compute_insurance_counts")

    def _compute_insurance_counts(self):
        domain = [("vehicle_id", "in", self._origin.ids)]
        policies = dict(
            self.env["aftersales.insurance.policy"]._read_group(domain, ["vehicle_id"], ["__count"])
        )
        accidents = dict(
            self.env["aftersales.accident"]._read_group(domain, ["vehicle_id"], ["__count"])
        )
        for vehicle in self:
            vehicle.insurance_policy_count = policies.get(vehicle._origin, 0)
            vehicle.accident_count = accidents.get(vehicle._origin, 0)

    def action_view_insurance_policies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_dealer_insurance.aftersales_insurance_policy_action"
        )
        action["domain"] = [("vehicle_id", "=", self.id)]
        action["context"] = {"default_vehicle_id": self.id}
        return action

    def action_view_accidents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_dealer_insurance.aftersales_accident_action"
        )
        action["domain"] = [("vehicle_id", "=", self.id)]
        action["context"] = {"default_vehicle_id": self.id}
        return action
