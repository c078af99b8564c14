from odoo import _, models


class AftersalesInsurancePolicy(models.Model):
    _inherit = "aftersales.insurance.policy"

    def write(self, vals):
        # the seller who loses a sold policy, or its old month, is paid less: flag him too
        before = {}
        if {"sold_by_id", "date_start"} & set(vals):
            before = {
                policy: (policy.sold_by_id, policy.date_start)
                for policy in self.filtered(lambda p: p.state != "draft")
            }
        res = super().write(vals)
        for policy, (seller, day) in before.items():
            if (policy.sold_by_id, policy.date_start) != (seller, day):
                policy._aftersales_flag_statements(
                    seller, day, _("%(policy)s: seller or start changed", policy=policy.name)
                )
        return res

    def _post_sold_policy_change(self, changes):
        super()._post_sold_policy_change(changes)
        if changes:
            self._aftersales_flag_statements(
                self.sold_by_id, self.date_start, "%s: %s" % (self.name, "; ".join(changes))
            )

    def _aftersales_flag_statements(self, seller, day, description):
        self.ensure_one()
        self.env["aftersales.incentive.statement"]._flag_pay_change(
            self.company_id, seller, day, description
        )
