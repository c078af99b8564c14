from odoo import _, fields, models
from odoo.exceptions import UserError

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

    def unlink(self):
        # employees' grades set their commission: archive a grade instead of deleting it
        in_use = (
            self.env["hr.employee"]
            .with_context(active_test=False)
            .search([("aftersales_grade", "in", self.ids)], limit=1)
        )
        if in_use:
            raise UserError(
                _(
                    "Grade %(grade)s is held by %(employee)s: archive it instead of deleting it.",
                    grade=in_use.aftersales_grade.display_name,
                    employee=in_use.name,
                )
            )
        return super().unlink()
