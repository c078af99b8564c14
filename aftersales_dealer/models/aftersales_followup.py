from odoo import fields, models

FOLLOWUP_TYPES = [
    ("post_repair", "Post-Repair Call"),
    ("maintenance_due", "Maintenance Due"),
    ("annual_inspection_due", "Annual Inspection Due"),
    ("declined_finding", "Declined Finding"),
    ("usage_check", "Usage Check"),
    ("promotion", "Promotion"),
]
FOLLOWUP_STATES = [
    ("todo", "To Do"),
    ("done", "Done"),
    ("unreachable", "Unreachable"),
    ("cancelled", "Cancelled"),
]


class AftersalesFollowup(models.Model):
    _name = "aftersales.followup"
    _description = "Follow-Up Call"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "due_date, id"
    _check_company_auto = True

    name = fields.Char(string="Subject", required=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True)
    vehicle_id = fields.Many2one("fleet.vehicle", string="Truck", index=True, check_company=True)
    followup_type = fields.Selection(FOLLOWUP_TYPES, string="Type", required=True, index=True)
    due_date = fields.Date(required=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Assigned To", tracking=True, default=lambda self: self.env.user
    )
    state = fields.Selection(FOLLOWUP_STATES, default="todo", required=True, tracking=True, index=True)
    done_date = fields.Date(copy=False)
    satisfaction = fields.Integer(help="1 (very dissatisfied) to 5 (very satisfied).")
    has_problem = fields.Boolean(string="Problem Found")
    problem = fields.Text()
    responsible_employee_id = fields.Many2one(
        "hr.employee",
        string="Responsible Employee",
        check_company=True,
        help="Who caused the dissatisfaction or the problem.",
    )
    # the source of the call; ``source_key`` makes generation idempotent
    repair_id = fields.Many2one("repair.order", string="Repair Order", index="btree_not_null")
    finding_id = fields.Many2one("aftersales.finding", string="Finding", index="btree_not_null")
    source_key = fields.Char(
        readonly=True,
        copy=False,
        help="Identifies the source and occasion of a generated follow-up; "
        "the same source never gives two follow-ups.",
    )

    _sql_constraints = [
        ("source_key_uniq", "unique(source_key)", "This follow-up was already generated."),
        (
            "satisfaction_range",
            "CHECK(satisfaction IS NULL OR satisfaction = 0 OR satisfaction BETWEEN 1 AND 5)",
            "Satisfaction is a score from 1 to 5.",
        ),
    ]
