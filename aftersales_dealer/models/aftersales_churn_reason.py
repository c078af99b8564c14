from odoo import fields, models


class AftersalesChurnReason(models.Model):
    _name = "aftersales.churn.reason"
    _description = "Customer Churn Cause"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "This churn cause already exists."),
    ]
