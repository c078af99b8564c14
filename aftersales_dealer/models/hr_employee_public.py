from odoo import fields, models

from .hr_employee import AFTERSALES_ROLES


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    aftersales_role = fields.Selection(AFTERSALES_ROLES, readonly=True)
    aftersales_grade = fields.Many2one("aftersales.grade", readonly=True)
    aftersales_quality_inspector = fields.Boolean(readonly=True)
