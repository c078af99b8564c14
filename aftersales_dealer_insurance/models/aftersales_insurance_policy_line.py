from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.aftersales_dealer.models.aftersales_guards import (
    changes_since,
    records_changing,
    snapshot,
)

# what a coverage is worth: frozen once the policy is sold, like the policy's seller
LINE_LOCKED_FIELDS = ("policy_id", "coverage_type_id", "sum_insured", "premium")


class AftersalesInsurancePolicyLine(models.Model):
    _name = "aftersales.insurance.policy.line"
    _description = "Insurance Policy Coverage"
    _order = "policy_id, sequence, id"

    policy_id = fields.Many2one(
        "aftersales.insurance.policy", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="policy_id.currency_id")
    sequence = fields.Integer(default=10)
    coverage_type_id = fields.Many2one(
        "aftersales.insurance.coverage.type", string="Coverage", required=True, ondelete="restrict"
    )
    sum_insured = fields.Monetary(currency_field="currency_id")
    premium = fields.Monetary(currency_field="currency_id")

    _sql_constraints = [
        (
            "coverage_uniq",
            "unique(policy_id, coverage_type_id)",
            "A coverage appears only once on a policy.",
        ),
    ]

    @api.constrains("sum_insured", "premium")
    def _check_amounts(self):
        for line in self:
            if line.sum_insured < 0 or line.premium < 0:
                raise ValidationError(
                    _(
                        "The sum insured and the premium of %(coverage)s cannot be negative.",
                        coverage=line.coverage_type_id.display_name,
                    )
                )

    @api.constrains("sum_insured", "premium")
    def _check_premium_within_sum_insured(self):
        for line in self:
            if line.sum_insured and line.premium > line.sum_insured:
                raise ValidationError(
                    _(
                        "The premium of %(coverage)s cannot be more than its sum insured.",
                        coverage=line.coverage_type_id.display_name,
                    )
                )

    @api.constrains("coverage_type_id")
    def _check_overlap(self):
        self.policy_id._check_overlap()

    def _sold_policies(self, policies=None):
        sold = (self.policy_id if policies is None else policies).filtered(
            lambda p: p.state != "draft"
        )
        if sold:
            sold._check_sold_policy_change()
        return sold

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        for policy in lines._sold_policies():
            added = lines.filtered(lambda line, policy=policy: line.policy_id == policy)
            policy._post_sold_policy_change(
                [
                    # env._: inside a comprehension `_` cannot find the environment's language
                    self.env._(
                        "coverage added: %(coverage)s, premium %(premium)s",
                        coverage=line.coverage_type_id.display_name,
                        premium=line.premium,
                    )
                    for line in added
                ]
            )
        return lines

    def write(self, vals):
        changing = records_changing(self, vals, LINE_LOCKED_FIELDS)
        if vals.get("policy_id"):
            self._sold_policies(self.env["aftersales.insurance.policy"].browse(vals["policy_id"]))
        sold = changing._sold_policies()
        sold_lines = changing.filtered(lambda line: line.policy_id in sold)
        before = snapshot(sold_lines, LINE_LOCKED_FIELDS)
        res = super().write(vals)
        for policy in sold:
            policy._post_sold_policy_change(
                changes_since(
                    sold_lines.filtered(lambda line, policy=policy: line.policy_id == policy),
                    before,
                    LINE_LOCKED_FIELDS,
                )
            )
        return res

    def unlink(self):
        for policy in self._sold_policies():
            removed = self.filtered(lambda line, policy=policy: line.policy_id == policy)
            policy._post_sold_policy_change(
                [
                    # env._: inside a comprehension `_` cannot find the environment's language
                    self.env._(
                        "coverage removed: %(coverage)s, premium %(premium)s",
                        coverage=line.coverage_type_id.display_name,
                        premium=line.premium,
                    )
                    for line in removed
                ]
            )
        return super().unlink()
