from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    guarantee_repair_count = fields.Integer(
        string="Running Guarantees", compute="_compute_guarantee_repair_count"
    )

    def _compute_guarantee_repair_count(self):
        counts = dict(
            self.env["repair.order"]._read_group(
                [("partner_id", "in", self._origin.ids), ("guarantee_active", "=", True)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.guarantee_repair_count = counts.get(partner._origin, 0)

    def action_view_guarantees(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_dealer.repair_order_guarantee_action"
        )
        action["domain"] = [("partner_id", "=", self.id), ("guarantee_end_date", "!=", False)]
        return action
