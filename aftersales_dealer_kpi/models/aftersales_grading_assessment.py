from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.aftersales_dealer.models.hr_employee import AFTERSALES_ROLES

# Moved only by the workflow buttons (_write_workflow), never by a plain write.
WORKFLOW_FIELDS = {"state", "approved_by_id", "approved_date", "previous_grade_id"}
# An approved assessment keeps its scores and result; notes and chatter stay open.
WRITABLE_WHEN_APPROVED = {
    "note",
    "message_main_attachment_id",
    "activity_ids",
    "message_follower_ids",
}


class AftersalesGradingAssessment(models.Model):
    _name = "aftersales.grading.assessment"
    _description = "Grading Assessment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    role = fields.Selection(
        AFTERSALES_ROLES,
        required=True,
        compute="_compute_role",
        store=True,
        readonly=False,
        precompute=True,
    )
    date = fields.Date(string="Assessment Date", required=True, default=fields.Date.context_today)
    effective_date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="From this day the resulting grade sets the employee's commission level.",
    )
    training_score = fields.Float(
        string="Training Test Score",
        compute="_compute_training_score",
        store=True,
        readonly=False,
        precompute=True,
        help="0-100: the average exam score of the training sessions held in the 12 months "
        "up to the assessment date, unless a manager sets it by hand.",
    )
    training_score_manual = fields.Boolean(
        string="Training Score Set by Hand",
        help="A manager typed the training score instead of taking it from the training results.",
    )
    training_result_count = fields.Integer(
        string="Exam Results",
        compute="_compute_training_score",
        store=True,
        precompute=True,
        help="Exam results the training score averages.",
    )
    ability_score = fields.Float(string="Overall Ability Score", help="0-100")
    score = fields.Float(
        compute="_compute_score", store=True, help="Average of the two test scores."
    )
    previous_grade_id = fields.Many2one("aftersales.grade", readonly=True, copy=False)
    grade_id = fields.Many2one(
        "aftersales.grade",
        string="Resulting Grade",
        compute="_compute_grade_id",
        store=True,
        help="Read from the grade table of the role: the band holding the score.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    approved_date = fields.Datetime(readonly=True, copy=False)
    note = fields.Html()

    @api.depends("employee_id.name", "date")
    def _compute_name(self):
        for assessment in self:
            assessment.name = f"{assessment.employee_id.name or ''} {assessment.date or ''}".strip()

    @api.depends("employee_id")
    def _compute_role(self):
        for assessment in self:
            if assessment.employee_id.aftersales_role:
                assessment.role = assessment.employee_id.aftersales_role

    def _training_period(self):
        self.ensure_one()
        return self.date - relativedelta(months=12), self.date

    @api.depends("employee_id", "date", "training_score_manual")
    def _compute_training_score(self):
        auto = self.filtered(
            lambda a: not a.training_score_manual and a.state == "draft" and a.employee_id
        )
        for assessment in self - auto:
            assessment.training_score = assessment.training_score
            assessment.training_result_count = assessment.training_result_count
        if not auto:
            return
        date_from = min(a._training_period()[0] for a in auto)
        date_to = max(a.date for a in auto)
        # one grouped query for all assessments: per employee and day, summed below
        rows = self.env["aftersales.training.attendance"]._read_group(
            [
                ("employee_id", "in", auto.employee_id.ids),
                ("session_state", "=", "done"),
                ("attended", "=", True),
                ("exam_taken", "=", True),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ],
            ["employee_id", "date:day"],
            ["score:sum", "__count"],
        )
        for assessment in auto:
            start, end = assessment._training_period()
            total = count = 0
            for employee, day, score_sum, day_count in rows:
                if employee == assessment.employee_id and start <= day <= end:
                    total += score_sum
                    count += day_count
            assessment.training_score = total / count if count else 0.0
            assessment.training_result_count = count

    @api.model
    def _aftersales_refresh_training_scores(self, employees):
        """Training results changed: recompute the draft assessments they feed."""
        # sudo: whoever records the training, every draft it feeds is recomputed (a
        # computed score, not a decision; approved assessments are left out below)
        assessments = self.sudo().search(
            [
                ("employee_id", "in", employees.ids),
                ("state", "=", "draft"),
                ("training_score_manual", "=", False),
            ]
        )
        if assessments:
            self.env.add_to_compute(self._fields["training_score"], assessments)
            self.env.add_to_compute(self._fields["training_result_count"], assessments)

    def _check_training_override(self, vals):
        if vals.get("training_score_manual") and not self.env.user.has_group(
            "aftersales_dealer.group_aftersales_manager"
        ):
            raise AccessError(_("Only an after-sales manager can set the training score by hand."))

    @api.depends("training_score", "ability_score")
    def _compute_score(self):
        for assessment in self:
            assessment.score = (assessment.training_score + assessment.ability_score) / 2

    @api.depends("score", "role", "company_id")
    def _compute_grade_id(self):
        grade_model = self.env["aftersales.grade"]
        for assessment in self:
            if assessment.state != "draft" and assessment.grade_id:
                continue  # an approved result stays as approved
            assessment.grade_id = grade_model._grade_for_score(
                assessment.role, assessment.score, assessment.company_id
            )

    @api.constrains("training_score", "ability_score")
    def _check_scores(self):
        for assessment in self:
            for score in (assessment.training_score, assessment.ability_score):
                if not 0 <= score <= 100:
                    raise ValidationError(_("Test scores lie between 0 and 100."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state", "draft") != "draft" or any(
                vals.get(field) for field in WORKFLOW_FIELDS - {"state"}
            ):
                raise UserError(_("A grading assessment is created as a draft."))
            # a typed score is a manual one
            if "training_score" in vals and "training_score_manual" not in vals:
                vals["training_score_manual"] = True
            self._check_training_override(vals)
        return super().create(vals_list)

    def write(self, vals):
        self.check_access("write")
        if "training_score" in vals and "training_score_manual" not in vals:
            vals = dict(vals, training_score_manual=True)
        self._check_training_override(vals)
        if WORKFLOW_FIELDS & set(vals):
            raise UserError(
                _(
                    "A grading assessment changes state only through its buttons "
                    "(Approve, Cancel, Reset to Draft)."
                )
            )
        if set(vals) - WRITABLE_WHEN_APPROVED and self.filtered(lambda a: a.state == "approved"):
            raise UserError(_("An approved assessment cannot be changed; make a new one."))
        return super().write(vals)

    def _write_workflow(self, vals):
        """The only path that moves the state: private (not callable over RPC), and no
        context key a caller could set."""
        return super().write(vals)

    def _check_grading_manager(self):
        if not self.env.user.has_group("aftersales_dealer.group_aftersales_manager"):
            raise UserError(_("Only an after-sales manager can approve a grading assessment."))
        if self.filtered(lambda a: a.employee_id.user_id == self.env.user):
            raise UserError(_("Nobody approves or cancels their own grading assessment."))

    def unlink(self):
        if self.filtered(lambda a: a.state == "approved"):
            raise UserError(_("An approved assessment stays in the grade history."))
        return super().unlink()

    def action_approve(self):
        self._check_grading_manager()
        # sudo: the history is written only here and by a manager's tracked grade change,
        # nobody creates it directly (read-only access)
        history = self.env["aftersales.grading.history"].sudo()
        today = fields.Date.context_today(self)
        for assessment in self:
            if assessment.state != "draft":
                raise UserError(_("Only draft assessments can be approved."))
            if not assessment.grade_id:
                raise UserError(
                    _(
                        "No grade of the role %(role)s covers the score %(score)s: "
                        "complete the grade table first.",
                        role=dict(AFTERSALES_ROLES)[assessment.role],
                        score=assessment.score,
                    )
                )
            employee = assessment.employee_id
            # Keep the grade held before the first assessment, so pay before the
            # effective date still uses it.
            if employee.aftersales_grade and not history.search_count(
                [("employee_id", "=", employee.id)], limit=1
            ):
                history.create(
                    {
                        "employee_id": employee.id,
                        "company_id": employee.company_id.id,
                        "grade_id": employee.aftersales_grade.id,
                        "date_from": False,
                    }
                )
            history.create(
                {
                    "employee_id": employee.id,
                    "company_id": employee.company_id.id,
                    "grade_id": assessment.grade_id.id,
                    "date_from": assessment.effective_date,
                    "assessment_id": assessment.id,
                }
            )
            assessment._write_workflow(
                {
                    "state": "approved",
                    "previous_grade_id": employee.aftersales_grade.id,
                    "approved_by_id": self.env.user.id,
                    "approved_date": fields.Datetime.now(),
                }
            )
            if assessment.effective_date <= today:
                # Grading belongs to the after-sales manager (checked above), not to
                # HR: only this one field of the employee is written with sudo.
                employee.sudo()._aftersales_apply_grade(assessment.grade_id)
        return True

    def action_cancel(self):
        self._check_grading_manager()
        if self.filtered(lambda a: a.state == "approved"):
            raise UserError(_("An approved assessment stays in the grade history."))
        self._write_workflow({"state": "cancelled"})

    def action_draft(self):
        self._check_grading_manager()
        self.filtered(lambda a: a.state == "cancelled")._write_workflow({"state": "draft"})

    @api.model
    def _cron_apply_effective_grades(self):
        """Set employees' grade once an approved assessment's effective date is reached.

        Only the last 62 days are scanned: older ones were applied by earlier runs.
        """
        today = fields.Date.context_today(self)
        assessments = self.search(
            [
                ("state", "=", "approved"),
                ("effective_date", "<=", today),
                ("effective_date", ">=", fields.Date.subtract(today, days=62)),
            ],
            order="effective_date asc, id asc",
        )
        latest = {}
        for assessment in assessments:  # ascending: the latest effective one wins
            latest[assessment.employee_id] = assessment.grade_id
        for employee, grade in latest.items():
            if employee.aftersales_grade != grade:
                # the approval already wrote the dated history
                employee._aftersales_apply_grade(grade)
