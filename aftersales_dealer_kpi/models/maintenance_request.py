from odoo import fields, models


class MaintenanceRequest(models.Model):
    _inherit = "maintenance.request"

    aftersales_calibration = fields.Boolean(
        string="Calibration or Inspection",
        help="Done, it records the equipment's calibration on the day it was closed.",
    )

    def write(self, vals):
        res = super().write(vals)
        if "stage_id" in vals:
            self._aftersales_record_calibration()
        return res

    def _aftersales_record_calibration(self):
        for request in self.filtered(
            lambda r: r.aftersales_calibration and r.stage_id.done and r.equipment_id
        ):
            done_on = request.close_date or fields.Date.context_today(self)
            equipment = request.equipment_id
            if not equipment.last_calibration_date or equipment.last_calibration_date < done_on:
                equipment.last_calibration_date = done_on
