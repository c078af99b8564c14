from odoo import _, api, models
from odoo.exceptions import AccessError
from odoo.tools import float_compare

from .aftersales_guards import can_set_prices, records_changing


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # the quotation of a repair order: its prices and discounts are the advisor's
    @api.model_create_multi
    def create(self, vals_list):
        if not can_set_prices(self.env):
            orders = self.env["sale.order"].browse(
                [vals["order_id"] for vals in vals_list if vals.get("discount")]
            )
            if orders.filtered("repair_order_ids"):
                self._raise_repair_price_rights()
        return super().create(vals_list)

    def write(self, vals):
        if {"price_unit", "discount"} & set(vals) and not can_set_prices(self.env):
            repair_lines = self.filtered(lambda line: line.order_id.repair_order_ids)
            changing = records_changing(repair_lines, vals, ["price_unit", "discount"])
            if changing:
                self._check_repair_price_change(changing, vals)
        return super().write(vals)

    def _check_repair_price_change(self, lines, vals):
        if records_changing(lines, vals, ["discount"]):
            self._raise_repair_price_rights()
        if "price_unit" not in vals:
            return
        # a labour line's rate reaches its sale line: that rate was already checked
        labour_rates = {
            labour.sale_line_id.id: labour.price_unit
            for labour in self.env["aftersales.labor.line"].search(
                [("sale_line_id", "in", lines.ids)]
            )
        }
        for line in lines:
            rate = labour_rates.get(line.id)
            if rate is None or float_compare(vals.get("price_unit", rate), rate, 6):
                self._raise_repair_price_rights()

    def _raise_repair_price_rights(self):
        raise AccessError(
            _("Only a service advisor or the manager can set prices and discounts of a repair.")
        )
