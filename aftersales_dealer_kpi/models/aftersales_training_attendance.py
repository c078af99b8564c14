from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AftersalesTrainingAttendance(models.Model):
    _name = "aftersales.training.attendance"
    _description = "Training Attendance and Exam Result"
    _order = "date desc, id desc"
    _check_company_auto = True

    session_id = fields.Many2one(
        "aftersales.training.session", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    date = fields.Date(related="session_id.date", store=True)
    topic = fields.Selection(related="session_id.topic", store=True)
    session_state = fields.Selection(
        related="session_id.state", store=True, string="Session Status"
    )
    employee_id = fields.Many2one("hr.employee", required=True, index=True, check_company=True)
    attended = fields.Boolean(default=True)
    hours = fields.Float(
        compute="_compute_hours",
        store=True,
        readonly=False,
        precompute=True,
        help="Hours the employee attended; the session's length by default.",
    )
    survey_user_input_id = fields.Many2one(
        "survey.user_input", string="Exam Attempt", help="The certification attempt."
    )
    exam_taken = fields.Boolean(
        compute="_compute_exam_result",
        store=True,
        readonly=False,
        precompute=True,
        help="The employee sat the exam; its score counts in the grading's training score.",
    )
    score = fields.Float(
        string="Exam Score",
        compute="_compute_exam_result",
        store=True,
        readonly=False,
        precompute=True,
        help="0-100: the certification's score, or typed for a paper exam.",
    )
    passed = fields.Boolean(compute="_compute_passed", store=True, readonly=False, precompute=True)

    _sql_constraints = [
        (
            "session_employee_uniq",
            "unique(session_id, employee_id)",
            "An employee is listed once per training session.",
        ),
        ("hours_positive", "CHECK(hours >= 0)", "Attended hours cannot be negative."),
        ("score_range", "CHECK(score >= 0 AND score <= 100)", "Exam scores lie between 0 and 100."),
    ]

    @api.depends("session_id.hours", "attended")
    def _compute_hours(self):
        for attendance in self:
            attendance.hours = attendance.session_id.hours if attendance.attended else 0.0

    @api.depends("survey_user_input_id.scoring_percentage")
    def _compute_exam_result(self):
        for attendance in self:
            if attendance.survey_user_input_id:
                attendance.exam_taken = True
                attendance.score = attendance.survey_user_input_id.scoring_percentage

    @api.depends(
        "exam_taken",
        "score",
        "attended",
        "survey_user_input_id.scoring_success",
        "session_id.pass_score",
    )
    def _compute_passed(self):
        for attendance in self:
            if attendance.survey_user_input_id:
                attendance.passed = attendance.survey_user_input_id.scoring_success
            elif attendance.exam_taken:
                attendance.passed = attendance.score >= attendance.session_id.pass_score
            else:
                # without an exam, attending is what the training asks
                attendance.passed = attendance.attended

    @api.constrains("survey_user_input_id", "session_id")
    def _check_exam_survey(self):
        for attendance in self:
            user_input = attendance.survey_user_input_id
            if user_input and user_input.survey_id != attendance.session_id.survey_id:
                raise ValidationError(
                    _(
                        "The exam attempt must be of the session's exam %(exam)s.",
                        exam=attendance.session_id.survey_id.display_name or "-",
                    )
                )

    def _refresh_grading(self, employees=None):
        self.env["aftersales.grading.assessment"]._aftersales_refresh_training_scores(
            (employees or self.env["hr.employee"]) | self.employee_id
        )

    @api.model_create_multi
    def create(self, vals_list):
        attendances = super().create(vals_list)
        attendances._refresh_grading()
        return attendances

    def write(self, vals):
        employees = self.employee_id
        res = super().write(vals)
        self._refresh_grading(employees)
        return res

    def unlink(self):
        employees = self.employee_id
        res = super().unlink()
        self.env["aftersales.grading.assessment"]._aftersales_refresh_training_scores(employees)
        return res
