from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


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

    @api.constrains("coverage_type_id")
    def _check_overlap(self):
        self.policy_id._check_overlap()
