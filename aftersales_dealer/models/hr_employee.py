from odoo import fields, models

AFTERSALES_ROLES = [
    ("advisor", "Service Advisor"),
    ("technician", "Technician"),
    ("team_leader", "Repair Team Leader"),
    ("info_clerk", "Information Clerk"),
    ("accident_leader", "Insurance-Accident Team Leader"),
    ("service_manager", "Service Manager"),
    ("parts_manager", "Parts Manager"),
    ("technical_manager", "Technical Manager"),
]


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    aftersales_role = fields.Selection(
        AFTERSALES_ROLES,
        string="After-Sales Role",
        tracking=True,
        help="The role this employee reports for at the weekly meeting.",
    )
    aftersales_grade = fields.Many2one(
        "aftersales.grade",
        string="After-Sales Grade",
        tracking=True,
        ondelete="restrict",
        domain="[('role', '=', aftersales_role)]",
        # the commission level: HR and after-sales managers, not every colleague
        groups="aftersales_dealer.group_aftersales_manager,hr.group_hr_user",
        help="The employee's level in the role; it sets the commission level.",
    )
    aftersales_quality_inspector = fields.Boolean(
        string="Quality Inspector",
        help="May sign the final quality check before delivery.",
    )
    # the advisor profile of the seed: read by managers only
    aftersales_education = fields.Selection(
        [
            ("middle_school", "Middle School"),
            ("high_school", "High School"),
            ("vocational", "Vocational School"),
            ("college", "College"),
            ("bachelor", "Bachelor"),
            ("master", "Master or Higher"),
        ],
        string="Education",
        groups="aftersales_dealer.group_aftersales_manager",
    )
    aftersales_experience_years = fields.Integer(
        string="Years of Experience",
        groups="aftersales_dealer.group_aftersales_manager",
        help="Years of work in truck service.",
    )
    aftersales_driving_licence = fields.Selection(
        [
            ("A1", "A1"),
            ("A2", "A2"),
            ("B1", "B1"),
            ("B2", "B2"),
            ("C1", "C1"),
            ("C2", "C2"),
            ("none", "None"),
        ],
        string="Driving Licence Class",
        groups="aftersales_dealer.group_aftersales_manager",
    )

    _sql_constraints = [
        (
            "aftersales_experience_years_positive",
            "CHECK(aftersales_experience_years >= 0)",
            "Years of experience cannot be negative.",
        ),
    ]
