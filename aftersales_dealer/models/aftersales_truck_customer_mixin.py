from odoo import api, models


class AftersalesTruckCustomerMixin(models.AbstractModel):
    """A document about a customer's truck: its customer follows the truck's owner.

    Inheriting models declare ``vehicle_id`` and ``partner_id`` themselves (labels and
    requiredness differ) with ``compute="_compute_partner_id"``, ``store=True`` and
    ``readonly=False``."""

    _name = "aftersales.truck.customer.mixin"
    _description = "Document of a Customer's Truck"

    @api.depends("vehicle_id")
    def _compute_partner_id(self):
        # a truck without a registered owner keeps the customer chosen by hand
        for record in self:
            record.partner_id = record.vehicle_id.customer_id or record.partner_id
