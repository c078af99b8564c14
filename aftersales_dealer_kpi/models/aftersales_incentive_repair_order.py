from odoo import fields, models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    rework_employee_id = fields.Many2one(
        "hr.employee",
        string="Rework Attributed To",
        check_company=True,
        tracking=True,
        help="For a rework: whose work had to be redone. A quality deduction is made "
        "from that employee's incentive for the month the truck came back.",
    )
