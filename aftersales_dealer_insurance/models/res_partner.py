from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_insurer = fields.Boolean(
        string="Is an Insurer", index=True, help="An insurance company the station works with."
    )
    insurance_policy_ids = fields.One2many(
        "aftersales.insurance.policy", "partner_id", string="Insurance Policies"
    )
    insurance_policy_count = fields.Integer(compute="_compute_insurance_policy_count")
    insured_here = fields.Boolean(
        compute="_compute_insured_here",
        search="_search_insured_here",
        help="The customer holds an active policy sold by the station.",
    )

    def _insured_here_domain(self):
        return [("state", "=", "active"), ("sold_here", "=", True)]

    def _compute_insurance_policy_count(self):
        counts = dict(
            self.env["aftersales.insurance.policy"]._read_group(
                [("partner_id", "in", self._origin.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.insurance_policy_count = counts.get(partner._origin, 0)

    def _compute_insured_here(self):
        insured = {
            partner
            for [partner] in self.env["aftersales.insurance.policy"]._read_group(
                [("partner_id", "in", self._origin.ids), *self._insured_here_domain()],
                ["partner_id"],
            )
        }
        for partner in self:
            partner.insured_here = partner._origin in insured

    def _search_insured_here(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        policies = self.env["aftersales.insurance.policy"]._search(self._insured_here_domain())
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", policies.subselect("partner_id"))]

    @api.model
    def _insurance_renewal_target_domain(self):
        """Customers with trucks but no policy sold here: they repair accidents elsewhere."""
        return [("vehicle_ids", "!=", False), ("insured_here", "=", False)]

    def action_view_insurance_policies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_dealer_insurance.aftersales_insurance_policy_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
