from odoo import fields, models


class UtmCampaign(models.Model):
    _inherit = "utm.campaign"

    aftersales_followup_ids = fields.One2many(
        "aftersales.followup", "campaign_id", string="Campaign Calls"
    )
    aftersales_followup_count = fields.Integer(
        string="Calls", compute="_compute_aftersales_response"
    )
    aftersales_reached_count = fields.Integer(
        string="Calls Reached", compute="_compute_aftersales_response"
    )
    aftersales_appointment_count = fields.Integer(
        string="Appointments Booked", compute="_compute_aftersales_response"
    )

    def _compute_aftersales_response(self):
        stats = {campaign: [0, 0, 0] for campaign in self}
        for campaign, state, outcome, count in self.env["aftersales.followup"]._read_group(
            [("campaign_id", "in", self.ids)], ["campaign_id", "state", "outcome"], ["__count"]
        ):
            stats[campaign][0] += count
            if state == "done":
                stats[campaign][1] += count
            if outcome == "appointment":
                stats[campaign][2] += count
        for campaign in self:
            (
                campaign.aftersales_followup_count,
                campaign.aftersales_reached_count,
                campaign.aftersales_appointment_count,
            ) = stats[campaign]

    def action_view_aftersales_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_dealer.aftersales_followup_action_queue"
        )
        action.update(
            domain=[("campaign_id", "=", self.id)],
            context={"default_campaign_id": self.id, "default_followup_type": "promotion"},
        )
        return action
