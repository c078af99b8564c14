from odoo import fields, models

from .hr_employee import AFTERSALES_ROLES


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    aftersales_role = fields.Selection(AFTERSALES_ROLES, readonly=True)
    # the grade sets the commission level: not shown to every colleague
    aftersales_grade = fields.Many2one(
        "aftersales.grade", readonly=True, groups="aftersales_dealer.group_aftersales_manager"
    )
