from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AftersalesGradingHistory(models.Model):
    _name = "aftersales.grading.history"
    _description = "Employee Grade History"
    _order = "employee_id, date_from desc nulls last, id desc"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    grade_id = fields.Many2one("aftersales.grade", required=True)
    role = fields.Selection(related="grade_id.role", store=True)
    date_from = fields.Date(
        string="Effective From", help="Empty: the grade the employee held before any assessment."
    )
    assessment_id = fields.Many2one("aftersales.grading.assessment", ondelete="set null")

    def write(self, vals):
        # the dated grades behind past pay: kept as written
        self.check_access("write")
        raise UserError(_("The grade history cannot be changed: approve a new assessment."))

    def unlink(self):
        self.check_access("unlink")
        raise UserError(_("The grade history cannot be deleted: it explains past pay."))

    @api.model
    def _grade_timelines(self, employees):
        """{employee_id: [(date_from or None, grade_id), ...] sorted ascending}, one query."""
        timelines = {}
        rows = self.search_fetch(
            [("employee_id", "in", employees.ids)],
            ["employee_id", "grade_id", "date_from"],
            order="employee_id, date_from asc nulls first, id",
        )
        for row in rows:
            timelines.setdefault(row.employee_id.id, []).append((row.date_from, row.grade_id.id))
        return timelines

    @api.model
    def _grade_at(self, timelines, employee, day):
        """Grade id of ``employee`` on ``day`` from preloaded timelines (no query)."""
        grade_id = False
        timeline = timelines.get(employee.id)
        if not timeline:
            return employee.aftersales_grade.id
        for date_from, history_grade_id in timeline:
            if not date_from or date_from <= day:
                grade_id = history_grade_id
            else:
                break
        return grade_id or False
