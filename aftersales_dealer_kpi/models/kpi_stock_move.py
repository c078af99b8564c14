from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    # the service analysis sums each repair order's parts
    repair_id = fields.Many2one(index="btree_not_null")

    # recorded when the repair order is confirmed: later reservations do not change it
    aftersales_confirm_date = fields.Datetime(
        string="Confirmed for Repair", readonly=True, copy=False, index="btree_not_null"
    )
    aftersales_served_from_stock = fields.Boolean(
        string="Served from Stock",
        readonly=True,
        copy=False,
        help="The part was fully available in stock when the repair order was confirmed "
        "(fill rate).",
    )
