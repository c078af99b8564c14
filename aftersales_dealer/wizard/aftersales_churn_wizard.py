from odoo import _, fields, models
from odoo.exceptions import UserError


class AftersalesChurnWizard(models.TransientModel):
    _name = "aftersales.churn.wizard"
    _description = "Mark Customers as Lost"

    partner_ids = fields.Many2many("res.partner", string="Customers", required=True)
    churn_reason_id = fields.Many2one(
        "aftersales.churn.reason", string="Churn Cause", required=True
    )
    churn_date = fields.Date(required=True, default=fields.Date.context_today)
    note = fields.Text(help="What happened, for the customer's history.")

    def action_confirm(self):
        self.ensure_one()
        if self.churn_date > fields.Date.context_today(self):
            raise UserError(_("A customer cannot be lost on a future date."))
        self.partner_ids.write(
            {
                "churn_state": "lost",
                "churn_reason_id": self.churn_reason_id.id,
                "churn_date": self.churn_date,
            }
        )
        if self.note:
            for partner in self.partner_ids:
                partner.message_post(body=self.note)
        return {"type": "ir.actions.act_window_close"}
