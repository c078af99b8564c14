from odoo import _, api, models
from odoo.exceptions import AccessError

from .aftersales_guards import can_set_prices, records_changing


class StockMove(models.Model):
    _inherit = "stock.move"

    # a repair's part line carries the price the customer's sale line gets
    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("repair_id") and vals.get("price_unit") for vals in vals_list):
            self._check_repair_price_rights()
        return super().create(vals_list)

    def write(self, vals):
        repair_moves = self.filtered(lambda move: move.repair_id and move.state != "done")
        if records_changing(repair_moves, vals, ["price_unit"]):
            self._check_repair_price_rights()
        return super().write(vals)

    def _check_repair_price_rights(self):
        if not can_set_prices(self.env):
            raise AccessError(
                _("Only a service advisor or the manager can set the price of a repair's parts.")
            )
