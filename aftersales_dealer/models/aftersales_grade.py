from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .hr_employee import AFTERSALES_ROLES


class AftersalesGrade(models.Model):
    _name = "aftersales.grade"
    _description = "After-Sales Grade"
    _order = "role, level, id"

    name = fields.Char(required=True, translate=True)
    role = fields.Selection(AFTERSALES_ROLES, required=True)
    level = fields.Integer(
        default=1, help="Higher levels are more senior; they set the commission level."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Leave empty to share the grade.")

    _sql_constraints = [
        (
            "role_level_company_uniq",
            "unique(role, level, company_id)",
            "A role has only one grade per level.",
        ),
        ("level_positive", "CHECK(level > 0)", "A grade level must be positive."),
    ]

    @api.constrains("role", "level", "company_id", "active")
    def _check_unique_level(self):
        # the SQL rule lets two shared grades (empty company) of one role and level through;
        # a company's own grade may stand beside a shared one of the same level
        others = self.search(
            [("role", "in", self.mapped("role")), ("id", "not in", self.ids), ("active", "=", True)]
        )
        for grade in self.filtered("active"):
            for other in others | self.filtered("active") - grade:
                if (
                    other.role == grade.role
                    and other.level == grade.level
                    and other.company_id == grade.company_id
                ):
                    raise ValidationError(
                        _(
                            "Grades %(grade)s and %(other)s have the same role and level: "
                            "a role has one grade per level.",
                            grade=grade.name,
                            other=other.name,
                        )
                    )

    def unlink(self):
        # sudo: whether anyone holds the grade, not who (HR data)
        holders = (
            self.env["hr.employee"]
            .sudo()
            .with_context(active_test=False)
            ._read_group([("aftersales_grade", "in", self.ids)], ["aftersales_grade"], ["__count"])
        )
        if holders:
            raise UserError(
                _(
                    "Grade %(grade)s is held by %(count)s employee(s): archive it instead, "
                    "or move them to another grade first.",
                    grade=holders[0][0].name,
                    count=holders[0][1],
                )
            )
        return super().unlink()
