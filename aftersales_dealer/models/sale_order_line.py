from odoo import _, api, models
from odoo.exceptions import AccessError
from odoo.tools import float_compare

from .aftersales_guards import can_set_prices, records_changing


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # the quotation of a repair order: its prices and discounts are the advisor's
    @api.model_create_multi
    def create(self, vals_list):
        if can_set_prices(self.env):
            return super().create(vals_list)
        orders = self.env["sale.order"].browse(
            [vals["order_id"] for vals in vals_list if vals.get("discount")]
        )
        if orders.filtered("repair_order_ids"):
            self._raise_repair_price_rights()
        lines = super().create(vals_list)
        priced = self.browse(
            [line.id for line, vals in zip(lines, vals_list, strict=True) if "price_unit" in vals]
        )
        for line in priced.filtered(lambda line: line.order_id.repair_order_ids):
            if not any(
                float_compare(line.price_unit, price, 6) == 0
                for price in line._repair_known_prices()
            ):
                self._raise_repair_price_rights()
        return lines

    def _repair_known_prices(self):
        """The prices a repair's quotation line may get without anyone deciding one: the
        catalogue's, or what an advisor already set on the repair's labour or parts."""
        self.ensure_one()
        repairs = self.order_id.repair_order_ids
        prices = [self.product_id.lst_price]
        if any(repairs.mapped("under_warranty")):
            prices.append(0.0)
        prices += repairs.labor_line_ids.filtered(
            lambda labour: labour.product_id == self.product_id
        ).mapped("price_unit")
        prices += repairs.move_ids.filtered(lambda move: move.product_id == self.product_id).mapped(
            "price_unit"
        )
        return prices

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
