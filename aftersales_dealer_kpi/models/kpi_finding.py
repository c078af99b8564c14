from odoo import fields, models


class AftersalesFinding(models.Model):
    _inherit = "aftersales.finding"

    # the weekly meeting selects a week of decisions by this date among years of history
    decision_date = fields.Date(index="btree_not_null")
