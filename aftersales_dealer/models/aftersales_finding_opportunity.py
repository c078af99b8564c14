from odoo import models


class AftersalesFinding(models.Model):
    _name = "aftersales.finding"
    _inherit = ["aftersales.finding", "aftersales.opportunity.mixin"]

    def _prepare_opportunity_values(self):
        values = super()._prepare_opportunity_values()
        values.update(
            partner_id=(self.partner_id or self.vehicle_id.customer_id).id,
            expected_revenue=self.estimated_amount,
        )
        return values
