from odoo import fields, models


class AftersalesLaborLine(models.Model):
    _name = "aftersales.labor.line"
    _description = "Repair Labour Line"
    _order = "repair_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    repair_id = fields.Many2one(
        "repair.order", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    name = fields.Char(string="Operation", required=True)
    technician_id = fields.Many2one("hr.employee", check_company=True)
    hours = fields.Float(string="Standard Hours", help="Flat-rate hours sold to the customer.")

    _sql_constraints = [
        ("hours_positive", "CHECK(hours >= 0)", "Labour hours cannot be negative."),
    ]
