from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

DEPARTMENTS = [
    ("finance", "Finance"),
    ("service", "Service"),
    ("parts", "Parts"),
    ("advisor", "Service Advisors"),
]
# The service advisors' seven core processes.
CORE_PROCESSES = [
    ("appointment", "Appointment"),
    ("reception", "Reception"),
    ("estimate", "Diagnosis and Estimate"),
    ("dispatch", "Work Dispatch and Repair"),
    ("quality_check", "Quality Check"),
    ("delivery", "Delivery"),
    ("followup", "Follow-up"),
]
# technical documents share the manuals' versions and acknowledgements
DOCUMENT_TYPES = [
    ("manual", "Work-Instruction Manual"),
    ("service_bulletin", "Service Bulletin"),
    ("repair_plan", "Repair Technical Plan"),
]


class AftersalesWorkInstruction(models.Model):
    _name = "aftersales.work.instruction"
    _description = "Work-Instruction Manual"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "department, core_process, name, id"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    code = fields.Char(string="Document No.")
    document_type = fields.Selection(
        DOCUMENT_TYPES, required=True, default="manual", tracking=True, index=True
    )
    vehicle_model_ids = fields.Many2many(
        "fleet.vehicle.model",
        string="Truck Models",
        help="Service bulletins and repair plans: the truck models they apply to.",
    )
    failure = fields.Char(
        string="Failure", help="The failure or symptom a bulletin or repair plan deals with."
    )
    active = fields.Boolean(default=True)
    department = fields.Selection(DEPARTMENTS, required=True, tracking=True)
    core_process = fields.Selection(
        CORE_PROCESSES, help="For the service advisors: which of the seven core processes."
    )
    version = fields.Char(
        required=True,
        default="1.0",
        tracking=True,
        help="A new version asks every employee concerned to acknowledge it again.",
    )
    effective_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    owner_id = fields.Many2one("hr.employee", required=True, tracking=True, check_company=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    body = fields.Html(sanitize_style=True)
    attachment_ids = fields.Many2many(
        "ir.attachment", string="Documents", help="Scanned or original document of the manual."
    )
    review_interval_months = fields.Integer(default=12)
    next_review_date = fields.Date(required=True, tracking=True)
    review_overdue = fields.Boolean(
        compute="_compute_review_overdue", search="_search_review_overdue"
    )
    employee_ids = fields.Many2many(
        "hr.employee",
        "aftersales_work_instruction_employee_rel",
        "instruction_id",
        "employee_id",
        string="Must Follow",
        check_company=True,
    )
    acknowledgement_ids = fields.One2many(
        "aftersales.work.instruction.ack", "instruction_id", string="Acknowledgements"
    )
    acknowledged_employee_ids = fields.Many2many(
        "hr.employee",
        compute="_compute_acknowledgement_state",
        compute_sudo=True,
        string="Acknowledged Current Version",
    )
    missing_employee_ids = fields.Many2many(
        "hr.employee",
        compute="_compute_acknowledgement_state",
        compute_sudo=True,
        string="Still to Acknowledge",
    )
    missing_ack_count = fields.Integer(
        string="Missing Acknowledgements",
        compute="_compute_missing_ack_count",
        compute_sudo=True,
        store=True,
    )
    my_ack_needed = fields.Boolean(compute="_compute_my_ack_needed")

    _sql_constraints = [
        (
            "review_interval_positive",
            "CHECK(review_interval_months >= 0)",
            "The review interval cannot be negative.",
        ),
    ]

    @api.depends(
        "version", "employee_ids", "acknowledgement_ids.version", "acknowledgement_ids.employee_id"
    )
    def _compute_acknowledgement_state(self):
        for instruction in self:
            acknowledged = instruction.acknowledgement_ids.filtered(
                lambda ack, i=instruction: ack.version == i.version
            ).employee_id
            instruction.acknowledged_employee_ids = acknowledged & instruction.employee_ids
            instruction.missing_employee_ids = instruction.employee_ids - acknowledged

    @api.depends(
        "version", "employee_ids", "acknowledgement_ids.version", "acknowledgement_ids.employee_id"
    )
    def _compute_missing_ack_count(self):
        for instruction in self:
            instruction.missing_ack_count = len(instruction.missing_employee_ids)

    def _compute_review_overdue(self):
        today = fields.Date.context_today(self)
        for instruction in self:
            instruction.review_overdue = bool(
                instruction.next_review_date and instruction.next_review_date < today
            )

    def _search_review_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on overdue reviews."))
        today = fields.Date.context_today(self)
        overdue = [("next_review_date", "<", today)]
        if (operator == "=") == value:
            return overdue
        return ["|", ("next_review_date", "=", False), ("next_review_date", ">=", today)]

    @api.depends_context("uid")
    @api.depends("missing_employee_ids")
    def _compute_my_ack_needed(self):
        my_employees = self.env.user.employee_ids
        for instruction in self:
            instruction.my_ack_needed = bool(my_employees & instruction.missing_employee_ids)

    @api.constrains("effective_date", "next_review_date")
    def _check_dates(self):
        for instruction in self:
            if instruction.next_review_date < instruction.effective_date:
                raise ValidationError(
                    _(
                        "The next review of %(title)s cannot come before it takes effect.",
                        title=instruction.name,
                    )
                )

    def action_acknowledge(self):
        """The current user acknowledges the current version of each manual."""
        employee = (
            self.env.user.employee_ids.filtered(lambda e: e.company_id in self.company_id)[:1]
            or self.env.user.employee_ids[:1]
        )
        if not employee:
            raise UserError(_("Your user is not linked to an employee."))
        to_create = []
        for instruction in self:
            if employee in instruction.acknowledged_employee_ids:
                continue
            to_create.append(
                {
                    "instruction_id": instruction.id,
                    "employee_id": employee.id,
                    "version": instruction.version,
                }
            )
        self.env["aftersales.work.instruction.ack"].create(to_create)
        return True

    def action_mark_reviewed(self):
        """Record a review: the next one falls an interval later."""
        today = fields.Date.context_today(self)
        for instruction in self:
            instruction.next_review_date = fields.Date.add(
                today, months=instruction.review_interval_months or 12
            )
            instruction.message_post(body=_("Manual reviewed."))

    def action_request_acknowledgement(self):
        """Remind every employee still to acknowledge with a to-do activity."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for instruction in self:
            for user in instruction.missing_employee_ids.user_id:
                instruction.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=user.id,
                    summary=_(
                        "Read and acknowledge version %(version)s", version=instruction.version
                    ),
                )
        return True
