from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AftersalesGrade(models.Model):
    _inherit = "aftersales.grade"

    min_score = fields.Float(
        string="Score From",
        help="Lowest assessment score (0-100) that gives this grade.",
    )
    max_score = fields.Float(
        string="Score To",
        help="Highest assessment score (0-100) that gives this grade. Bands of one role may "
        "touch at their bounds (a score on the bound gives the higher grade) but not overlap. "
        "0: no band, the grade is not given by assessments.",
    )

    @api.constrains("min_score", "max_score", "role", "company_id", "active")
    def _check_score_band(self):
        for grade in self:
            if not (0 <= grade.min_score <= grade.max_score <= 100):
                raise ValidationError(
                    _(
                        "The score band of grade %(grade)s must lie between 0 and 100, "
                        "its start not above its end.",
                        grade=grade.display_name,
                    )
                )
        # One query for all roles touched: the bands of the same role and company
        # (a shared grade competes with every company) must not overlap.
        others = self.search(
            [
                ("role", "in", self.mapped("role")),
                ("id", "not in", self.ids),
                ("active", "=", True),
            ]
        )
        for grade in self.filtered("active"):
            for other in (others | self).filtered(
                lambda g, grade=grade: (
                    g != grade
                    and g.active
                    and g.role == grade.role
                    and (
                        not g.company_id or not grade.company_id or g.company_id == grade.company_id
                    )
                )
            ):
                if grade.min_score < other.max_score and other.min_score < grade.max_score:
                    raise ValidationError(
                        _(
                            "The score bands of grades %(grade)s (%(min1)s-%(max1)s) and "
                            "%(other)s (%(min2)s-%(max2)s) overlap: a score must give "
                            "exactly one grade.",
                            grade=grade.display_name,
                            min1=grade.min_score,
                            max1=grade.max_score,
                            other=other.display_name,
                            min2=other.min_score,
                            max2=other.max_score,
                        )
                    )

    @api.model
    def _grade_for_score(self, role, score, company):
        """The grade of ``role`` whose band holds ``score`` (the higher band on a bound)."""
        return self.search(
            [
                ("role", "=", role),
                ("min_score", "<=", score),
                ("max_score", ">=", score),
                ("max_score", ">", 0),
                ("company_id", "in", [company.id, False]),
            ],
            order="min_score desc, id",
            limit=1,
        )
