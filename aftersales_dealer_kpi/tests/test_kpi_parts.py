from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .kpi_common import AftersalesKpiCommon

PARTS_CODES = (
    "parts_sales_amount",
    "inventory_gain_loss_amount",
    "emergency_purchase_count",
    "fill_rate",
    "appointment_parts_rate",
)


@tagged("post_install", "-at_install")
class TestKpiParts(AftersalesKpiCommon):
    """The parts manager's figures, recorded where they happen."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.parts_metrics = cls.env["aftersales.kpi.metric"].search([("code", "in", PARTS_CODES)])
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        Product = cls.env["product.product"].with_company(cls.company)
        cls.filter_part = Product.create(
            {"name": "机油滤清器", "is_storable": True, "type": "consu", "standard_price": 100}
        )
        cls.missing_part = Product.create(
            {"name": "离合器片", "is_storable": True, "type": "consu", "standard_price": 300}
        )
        cls.env["stock.quant"].with_company(cls.company)._update_available_quantity(
            cls.filter_part, cls.warehouse.lot_stock_id, 10
        )
        cls.supplier = cls.env["res.partner"].create({"name": "一汽解放配件中心"})

    def _parts_meeting(self):
        meeting = self._meeting()
        meeting._compute_metric_lines(self.parts_metrics.with_user(self.manager))
        return meeting

    def _repair(self, lines, **vals):
        return (
            self.env["repair.order"]
            .with_company(self.company)
            .create(
                {
                    "company_id": self.company.id,
                    "partner_id": self.customer_1.id,
                    "vehicle_id": self.truck_1.id,
                    "schedule_date": datetime(2026, 3, 20),
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": qty,
                                "repair_line_type": "add",
                            }
                        )
                        for product, qty in lines
                    ],
                    **vals,
                }
            )
        )

    def test_fill_rate_and_appointment_parts_recorded_at_confirmation(self):
        short = self._repair([(self.filter_part, 2), (self.missing_part, 1)], is_appointment=True)
        ready = self._repair([(self.filter_part, 1)], is_appointment=True)
        walk_in = self._repair([(self.filter_part, 3)])
        with freeze_time("2026-03-11 10:00:00"):
            (short | ready | walk_in).with_user(self.manager)._action_repair_confirm()
        self.assertEqual(short.move_ids.mapped("aftersales_served_from_stock"), [True, False])
        self.assertFalse(short.aftersales_parts_ready)
        self.assertTrue(ready.aftersales_parts_ready)
        # stock arriving later does not rewrite what the customer lived at confirmation
        self.env["stock.quant"]._update_available_quantity(
            self.missing_part, self.warehouse.lot_stock_id, 5
        )
        meeting = self._parts_meeting()
        self.assertAlmostEqual(self._figure(meeting, "fill_rate"), 3 / 4)
        self.assertEqual(self._figure(meeting, "appointment_parts_rate"), 0.5)
        self.assertIsNone(self._previous(meeting, "fill_rate"))

    def test_emergency_purchases(self):
        def purchase(**vals):
            return (
                self.env["purchase.order"]
                .with_company(self.company)
                .create(
                    {
                        "partner_id": self.supplier.id,
                        "company_id": self.company.id,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": self.missing_part.id,
                                    "product_qty": 2,
                                    "price_unit": 280,
                                }
                            )
                        ],
                        **vals,
                    }
                )
            )

        urgent = purchase(
            is_emergency=True,
            emergency_reason="no_stock",
            aftersales_repair_id=self.orders["r3"].id,
        )
        draft_urgent = purchase(is_emergency=True, emergency_reason="supplier_delay")
        regular = purchase()
        with freeze_time("2026-03-12 09:00:00"):
            (urgent | regular).button_confirm()
        meeting = self._parts_meeting()
        self.assertEqual(self._figure(meeting, "emergency_purchase_count"), 1)
        self.assertTrue(draft_urgent.is_emergency)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            purchase(is_emergency=True)

    def test_inventory_gains_and_losses(self):
        Quant = self.env["stock.quant"].with_company(self.company)
        location = self.warehouse.lot_stock_id
        with freeze_time("2026-03-10 16:00:00"):
            Quant.create(
                {
                    "product_id": self.missing_part.id,
                    "location_id": location.id,
                    "inventory_quantity": 4,
                }
            ).action_apply_inventory()
        with freeze_time("2026-03-13 16:00:00"):
            quant = Quant.search(
                [("product_id", "=", self.missing_part.id), ("location_id", "=", location.id)]
            )
            quant.inventory_quantity = 3
            quant.action_apply_inventory()
        meeting = self._parts_meeting()
        # four clutch plates found (+1200), one lost (-300)
        self.assertEqual(self._figure(meeting, "inventory_gain_loss_amount"), 900.0)

    def test_parts_sales_amount(self):
        labour = self.env["product.product"].create({"name": "工时费", "type": "service"})

        def sale(partner, company):
            return (
                self.env["sale.order"]
                .with_company(company)
                .create(
                    {
                        "partner_id": partner.id,
                        "company_id": company.id,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": self.filter_part.id,
                                    "product_uom_qty": 2,
                                    "price_unit": 150,
                                }
                            ),
                            Command.create(
                                {"product_id": labour.id, "product_uom_qty": 1, "price_unit": 200}
                            ),
                        ],
                    }
                )
            )

        here = sale(self.customer_1, self.company)
        elsewhere = sale(self.other_customer, self.other_company)
        quotation = sale(self.customer_2, self.company)
        with freeze_time("2026-03-12 11:00:00"):
            here.action_confirm()
            elsewhere.action_confirm()
        meeting = self._parts_meeting()
        self.assertEqual(self._figure(meeting, "parts_sales_amount"), 300.0)
        self.assertEqual(quotation.state, "draft")
