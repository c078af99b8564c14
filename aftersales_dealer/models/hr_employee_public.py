from odoo import fields, models

from .hr_employee import AFTERSALES_ROLES


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    aftersales_role = fields.Selection(AFTERSALES_ROLES, readonly=True)
    # the grade sets the commission level: not shown to every colleague
    aftersales_grade = fields.Many2one(
        "aftersales.grade", readonly=True, groups="aftersales_dealer.group_aftersales_manager"
    )
    aftersales_quality_inspector = fields.Boolean(string="Quality Inspector", readonly=True)
    # the advisor profile stays manager-only on the public profile too: a manager without
    # HR rights reads employees through this model
    aftersales_education = fields.Selection(
        related="employee_id.aftersales_education",
        groups="aftersales_dealer.group_aftersales_manager",
    )
    aftersales_experience_years = fields.Integer(
        related="employee_id.aftersales_experience_years",
        groups="aftersales_dealer.group_aftersales_manager",
    )
    aftersales_driving_licence = fields.Selection(
        related="employee_id.aftersales_driving_licence",
        groups="aftersales_dealer.group_aftersales_manager",
    )
