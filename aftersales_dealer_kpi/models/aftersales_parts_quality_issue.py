from odoo import fields, models


class AftersalesPartsQualityIssue(models.Model):
    _name = "aftersales.parts.quality.issue"
    _description = "Parts Quality Problem"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Problem", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    employee_id = fields.Many2one(
        "hr.employee",
        string="Responsible",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        help="The employee whose incentive bears the quality deduction.",
    )
    repair_id = fields.Many2one("repair.order", string="Repair Order", check_company=True)
    product_id = fields.Many2one("product.product", string="Part")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    description = fields.Text()
