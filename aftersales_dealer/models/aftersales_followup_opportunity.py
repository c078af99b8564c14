from odoo import models


class AftersalesFollowup(models.Model):
    _name = "aftersales.followup"
    _inherit = ["aftersales.followup", "aftersales.opportunity.mixin"]

    def _prepare_opportunity_values(self):
        values = super()._prepare_opportunity_values()
        values["description"] = self.note or self.problem or False
        if self.campaign_id:
            values["campaign_id"] = self.campaign_id.id
        return values
