from odoo import fields, models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    accident_id = fields.Many2one(
        "aftersales.accident",
        string="Accident Case",
        index="btree_not_null",
        check_company=True,
        copy=False,
        tracking=True,
    )
