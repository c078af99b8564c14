from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    is_emergency = fields.Boolean(
        string="Emergency Purchase",
        tracking=True,
        help="Bought outside the normal supply plan because a repair was waiting for the part.",
    )
    emergency_reason = fields.Selection(
        [
            ("no_stock", "Part out of stock"),
            ("not_stocked", "Part not kept in stock"),
            ("wrong_forecast", "Demand above forecast"),
            ("supplier_delay", "Regular supplier late"),
            ("other", "Other"),
        ],
        tracking=True,
    )
    emergency_note = fields.Text(string="Emergency Analysis")
    aftersales_repair_id = fields.Many2one(
        "repair.order",
        string="Waiting Repair Order",
        check_company=True,
        index="btree_not_null",
    )

    @api.constrains("is_emergency", "emergency_reason")
    def _check_emergency_reason(self):
        if any(order.is_emergency and not order.emergency_reason for order in self):
            raise ValidationError(_("An emergency purchase needs a reason."))
