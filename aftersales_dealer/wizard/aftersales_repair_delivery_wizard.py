from odoo import fields, models


class AftersalesRepairDeliveryWizard(models.TransientModel):
    _name = "aftersales.repair.delivery.wizard"
    _description = "Deliver a Truck"

    repair_id = fields.Many2one("repair.order", required=True, ondelete="cascade")
    delivered_date = fields.Datetime(required=True, default=fields.Datetime.now)
    promised_date = fields.Datetime(related="repair_id.promised_date")
    work_explained = fields.Boolean(help="The advisor walked the customer through the work done.")
    old_parts_shown = fields.Boolean(
        help="The replaced parts were shown to the customer (旧件出示)."
    )
    reminder_given = fields.Boolean(
        string="Next Service Reminder Given",
        help="The customer was told when the next maintenance or declined work is due (提醒服务).",
    )

    def action_confirm(self):
        self.ensure_one()
        self.repair_id.action_deliver(
            delivered_date=self.delivered_date,
            work_explained=self.work_explained,
            old_parts_shown=self.old_parts_shown,
            reminder_given=self.reminder_given,
        )
        return {"type": "ir.actions.act_window_close"}
