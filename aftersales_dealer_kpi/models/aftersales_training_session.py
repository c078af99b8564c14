from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# the seed's theory topics for service advisors, and practical training
TRAINING_TOPICS = [
    ("product_knowledge", "Product Knowledge"),
    ("reception_standard", "Reception Standard"),
    ("etiquette", "Etiquette"),
    ("insurance_inspection", "Insurance and Annual Inspection"),
    ("diagnosis", "Diagnosis"),
    ("warranty_rules", "Warranty Rules"),
    ("practical", "Practical Training"),
    ("other", "Other"),
]


class AftersalesTrainingSession(models.Model):
    _name = "aftersales.training.session"
    _description = "Training Session"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    topic = fields.Selection(TRAINING_TOPICS, required=True, tracking=True)
    training_type = fields.Selection(
        [("theory", "Theory"), ("practical", "Practical")],
        required=True,
        default="theory",
        compute="_compute_training_type",
        store=True,
        readonly=False,
        precompute=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    hours = fields.Float(required=True, default=2.0, help="Length of the session in hours.")
    trainer_id = fields.Many2one("hr.employee", string="Trainer", check_company=True)
    trainer_name = fields.Char(
        string="External Trainer", help="E.g. the truck maker's regional service engineer."
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Held"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
        copy=False,
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Exam",
        domain="[('certification', '=', True)]",
        help="The certification survey the attendees take as the exam.",
    )
    pass_score = fields.Float(
        default=60.0, help="Score (0-100) an attendee needs to pass when the exam has no survey."
    )
    skill_id = fields.Many2one(
        "hr.skill", string="Skill Gained", help="Given to the attendees who pass."
    )
    skill_type_id = fields.Many2one(related="skill_id.skill_type_id")
    skill_level_id = fields.Many2one(
        "hr.skill.level", string="Skill Level", domain="[('skill_type_id', '=', skill_type_id)]"
    )
    attendance_ids = fields.One2many(
        "aftersales.training.attendance", "session_id", string="Attendees", copy=False
    )
    attendee_count = fields.Integer(compute="_compute_attendance_totals", store=True)
    person_hours = fields.Float(
        string="Person-Hours", compute="_compute_attendance_totals", store=True
    )
    note = fields.Html(string="Content")
    attachment_ids = fields.Many2many("ir.attachment", string="Course Material")

    _sql_constraints = [
        ("hours_positive", "CHECK(hours > 0)", "A training session lasts some hours."),
        (
            "pass_score_range",
            "CHECK(pass_score >= 0 AND pass_score <= 100)",
            "The pass score lies between 0 and 100.",
        ),
    ]

    @api.depends("topic")
    def _compute_training_type(self):
        for session in self:
            session.training_type = "practical" if session.topic == "practical" else "theory"

    @api.depends("attendance_ids.attended", "attendance_ids.hours")
    def _compute_attendance_totals(self):
        for session in self:
            present = session.attendance_ids.filtered("attended")
            session.attendee_count = len(present)
            session.person_hours = sum(present.mapped("hours"))

    @api.constrains("skill_id", "skill_level_id")
    def _check_skill_level(self):
        for session in self:
            if session.skill_id and not session.skill_level_id:
                raise ValidationError(_("Choose the level of the skill the training gives."))
            if session.skill_level_id.skill_type_id != session.skill_id.skill_type_id:
                raise ValidationError(_("The skill level must belong to the skill's type."))

    def write(self, vals):
        res = super().write(vals)
        if {"state", "date"} & set(vals):
            self.env["aftersales.grading.assessment"]._aftersales_refresh_training_scores(
                self.attendance_ids.employee_id
            )
        return res

    def action_done(self):
        for session in self:
            if session.state != "planned":
                raise UserError(_("Only a planned session can be marked as held."))
            if not session.attendance_ids.filtered("attended"):
                raise UserError(_("Record who attended %(session)s first.", session=session.name))
        self.write({"state": "done"})
        self._aftersales_grant_skills()
        return True

    def action_cancel(self):
        if self.filtered(lambda s: s.state == "done"):
            raise UserError(_("A session that was held stays in the training records."))
        self.write({"state": "cancelled"})

    def action_plan(self):
        self.filtered(lambda s: s.state == "cancelled").write({"state": "planned"})

    def action_fetch_exam_results(self):
        """Link each attendee's latest finished certification attempt of the exam."""
        inputs = self.env["survey.user_input"].search(
            [
                ("survey_id", "in", self.survey_id.ids),
                ("state", "=", "done"),
            ],
            order="create_date asc, id asc",
        )
        latest = {}
        for user_input in inputs:  # ascending: the last attempt wins
            latest[(user_input.survey_id, user_input.partner_id)] = user_input
        for attendance in self.attendance_ids:
            partners = (
                attendance.employee_id.work_contact_id | attendance.employee_id.user_id.partner_id
            )
            found = [latest.get((attendance.session_id.survey_id, p)) for p in partners]
            found = [f for f in found if f]
            if found:
                attendance.survey_user_input_id = found[-1]
        return True

    def _aftersales_grant_skills(self):
        """Passed attendees get the session's skill at its level (or keep a higher one)."""
        employee_skill = self.env["hr.employee.skill"]
        for session in self.filtered("skill_id"):
            passed = session.attendance_ids.filtered(lambda a: a.attended and a.passed)
            existing = employee_skill.search(
                [
                    ("employee_id", "in", passed.employee_id.ids),
                    ("skill_id", "=", session.skill_id.id),
                ]
            )
            by_employee = {skill.employee_id: skill for skill in existing}
            to_create = []
            for employee in passed.employee_id:
                skill = by_employee.get(employee)
                if not skill:
                    to_create.append(
                        {
                            "employee_id": employee.id,
                            "skill_id": session.skill_id.id,
                            "skill_type_id": session.skill_type_id.id,
                            "skill_level_id": session.skill_level_id.id,
                        }
                    )
                elif skill.skill_level_id.level_progress < session.skill_level_id.level_progress:
                    skill.skill_level_id = session.skill_level_id
            employee_skill.create(to_create)
