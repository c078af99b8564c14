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

    @api.constrains("scheme_id", "grade_id", "coverage_code")
    def _check_unique_rate(self):
        # the SQL rule lets empty grade or coverage columns through (NULLs differ): the
        # scheme's default rate would be ambiguous
        for line in self:
            if self.search_count(
                [
                    ("id", "!=", line.id),
                    ("scheme_id", "=", line.scheme_id.id),
                    ("grade_id", "=", line.grade_id.id),
                    ("coverage_code", "=", line.coverage_code or False),
                ],
                limit=1,
            ):
                raise ValidationError(
                    _(
                        "Scheme %(scheme)s already has a rate for %(grade)s%(coverage)s.",
                        scheme=line.scheme_id.name,
                        grade=line.grade_id.name or _("all grades"),
                        coverage=line.coverage_code and f" / {line.coverage_code}" or "",
                    )
                )

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
