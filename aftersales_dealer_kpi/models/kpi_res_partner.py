from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # the weekly meeting counts the customers lost in a week among all the customers
    churn_date = fields.Date(index="btree_not_null")
