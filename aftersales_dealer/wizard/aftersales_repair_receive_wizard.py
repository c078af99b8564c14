from odoo import api, fields, models


class AftersalesRepairReceiveWizard(models.TransientModel):
    _name = "aftersales.repair.receive.wizard"
    _description = "Receive a Truck"

    repair_id = fields.Many2one("repair.order", required=True, ondelete="cascade")
    vehicle_id = fields.Many2one(related="repair_id.vehicle_id")
    last_odometer = fields.Float(related="repair_id.vehicle_id.odometer", string="Last Reading")
    odometer = fields.Float(
        compute="_compute_from_repair", store=True, readonly=False, precompute=True
    )
    visit_type = fields.Selection(related="repair_id.visit_type", readonly=False)
    promised_date = fields.Datetime(
        compute="_compute_from_repair", store=True, readonly=False, precompute=True
    )
    customer_complaint = fields.Text(
        string="Customer Request",
        compute="_compute_from_repair",
        store=True,
        readonly=False,
        precompute=True,
    )

    @api.depends("repair_id")
    def _compute_from_repair(self):
        for wizard in self:
            repair = wizard.repair_id
            wizard.odometer = repair.odometer or repair.vehicle_id.odometer
            wizard.promised_date = repair.promised_date
            wizard.customer_complaint = repair.customer_complaint

    def action_confirm(self):
        self.ensure_one()
        self.repair_id.write(
            {
                "odometer": self.odometer,
                "promised_date": self.promised_date,
                "customer_complaint": self.customer_complaint,
            }
        )
        self.repair_id.action_receive()
        return {"type": "ir.actions.act_window_close"}
