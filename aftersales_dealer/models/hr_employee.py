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
