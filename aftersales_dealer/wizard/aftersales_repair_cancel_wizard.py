from odoo import fields, models


class AftersalesRepairCancelWizard(models.TransientModel):
    _name = "aftersales.repair.cancel.wizard"
    _description = "Cancel Repair Orders with a Reason"

    repair_ids = fields.Many2many("repair.order", required=True)
    cancel_reason = fields.Selection(
        selection=lambda self: self.env["repair.order"]._fields["cancel_reason"].selection,
        required=True,
    )
    cancel_note = fields.Text(string="Details")

    def action_confirm(self):
        self.ensure_one()
        self.repair_ids.action_repair_cancel()
        self.repair_ids.write(
            {"cancel_reason": self.cancel_reason, "cancel_note": self.cancel_note}
        )
        return {"type": "ir.actions.act_window_close"}
