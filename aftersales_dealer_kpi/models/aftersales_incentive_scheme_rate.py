from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AftersalesIncentiveSchemeRate(models.Model):
    _name = "aftersales.incentive.scheme.rate"
    _description = "Incentive Rate by Grade"
    _order = "scheme_id, grade_id, coverage_code, id"

    scheme_id = fields.Many2one(
        "aftersales.incentive.scheme", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="scheme_id.company_id", store=True)
    scheme_role = fields.Selection(related="scheme_id.role")
    grade_id = fields.Many2one(
        "aftersales.grade",
        domain="[('role', '=?', scheme_role)]",
        help="Empty: the rate of employees whose grade has no line of its own.",
    )
    coverage_code = fields.Char(
        help="Insurance business only: code of the coverage type (e.g. the compulsory "
        "traffic insurance) this rate applies to. Empty: every coverage.",
    )
    rate = fields.Float(
        required=True,
        digits=(16, 4),
        help="Money per hour, inspection or met target; percent for shares of revenue or premium.",
    )

    _sql_constraints = [
        (
            "scheme_grade_coverage_uniq",
            "unique(scheme_id, grade_id, coverage_code)",
            "A scheme has one rate per grade and coverage.",
        ),
    ]

    @api.constrains("rate")
    def _check_rate(self):
        for line in self:
            if line.rate < 0:
                raise ValidationError(
                    _(
                        "The rate of %(grade)s in scheme %(scheme)s cannot be negative.",
                        grade=line.grade_id.name or _("all grades"),
                        scheme=line.scheme_id.name,
                    )
                )
