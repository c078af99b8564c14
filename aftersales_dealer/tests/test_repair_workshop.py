from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged
from odoo.tools import mute_logger

from .common_repair import AftersalesRepairCase


@tagged("post_install", "-at_install")
class TestRepairWorkshop(AftersalesRepairCase, HttpCase):
    # an HttpCase: wkhtmltopdf fetches the printed documents' assets from the running
    # server, whose request must share the test's transaction instead of waiting for it

    def _received_order(self, when="2026-03-02 08:00:00", **values):
        with freeze_time(when):
            repair = self._new_order(**values)
            repair.action_receive()
        return repair

    def _add_part(self, repair, product=None, qty=1.0):
        return (
            self.env["stock.move"]
            .with_user(self.advisor)
            .create(
                {
                    "repair_id": repair.id,
                    "repair_line_type": "add",
                    "product_id": (product or self.part).id,
                    "product_uom_qty": qty,
                }
            )
        )

    def _repair_and_finish(self, repair):
        repair = repair.with_user(self.advisor)
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")

    def test_labour_and_parts_invoiced_through_sale_order(self):
        repair = self._received_order(
            odometer=105000,
            promised_date="2026-03-02 17:00:00",
            team_leader_id=self.team_leader.id,
            technician_ids=[(6, 0, self.technician.ids)],
        )
        self._add_part(repair, qty=2)
        self.env["aftersales.labor.line"].with_user(self.advisor).create(
            {
                "repair_id": repair.id,
                "standard_id": self.brake_standard.id,
                "technician_id": self.technician.id,
                "actual_hours": 3,
            }
        )
        repair.with_user(self.advisor).action_create_sale_order()
        order = repair.sale_order_id
        self.assertTrue(order)
        labour_line = order.order_line.filtered(lambda line: line.product_id == self.labor_product)
        part_line = order.order_line.filtered(lambda line: line.product_id == self.part)
        self.assertEqual(labour_line.product_uom_qty, 2.5)
        self.assertEqual(labour_line.price_unit, 150)
        self.assertEqual(labour_line.name, "Replace front brake linings")
        self.assertEqual(part_line.product_uom_qty, 2)

        # labour added once the quotation exists flows into it too
        extra = (
            self.env["aftersales.labor.line"]
            .with_user(self.advisor)
            .create({"repair_id": repair.id, "name": "检查制动气路", "hours": 0.5})
        )
        self.assertEqual(extra.sale_line_id.order_id, order)
        extra.hours = 1.0
        self.assertEqual(extra.sale_line_id.product_uom_qty, 1.0)

        self._repair_and_finish(repair)
        order.with_user(self.advisor).action_confirm()
        invoice = order._create_invoices()
        self.assertEqual(invoice.state, "draft")
        by_product = {line.product_id: line for line in invoice.invoice_line_ids}
        self.assertEqual(by_product[self.part].quantity, 2)
        self.assertEqual(by_product[self.part].price_unit, 480)
        self.assertEqual(
            sum(
                invoice.invoice_line_ids.filtered(
                    lambda line: line.product_id == self.labor_product
                ).mapped("price_subtotal")
            ),
            2.5 * 150 + 1.0 * 150,
        )
        self.assertEqual(invoice.amount_untaxed, 2 * 480 + 3.5 * 150)

    def test_warranty_labour_is_free(self):
        repair = self._new_order(under_warranty=True, visit_type="warranty")
        line = self.env["aftersales.labor.line"].create(
            {"repair_id": repair.id, "standard_id": self.brake_standard.id}
        )
        self.assertEqual(line.price_unit, 0)
        self.assertEqual(repair.labor_amount, 0)

    def test_delivery_checklist_on_time_and_maintenance(self):
        repair = self._received_order(
            odometer=128000, visit_type="maintenance_routine", promised_date="2026-03-02 17:00:00"
        )
        self._repair_and_finish(repair)
        action = repair.with_user(self.advisor).action_open_delivery_wizard()
        with freeze_time("2026-03-02 16:30:00"):
            wizard = Form(
                self.env[action["res_model"]]
                .with_user(self.advisor)
                .with_context(**action["context"])
            )
            wizard.work_explained = True
            wizard.old_parts_shown = True
            wizard.reminder_given = True
            wizard.save().action_confirm()
        self.assertEqual(repair.delivered_date, datetime(2026, 3, 2, 16, 30))
        self.assertTrue(repair.delivered_on_time)
        self.assertTrue(repair.old_parts_shown and repair.reminder_given and repair.work_explained)
        self.assertEqual(self.truck.last_maintenance_date, date(2026, 3, 2))
        self.assertEqual(self.truck.last_maintenance_odometer, 128000)
        # 500 km a day since January: the 30,000 km interval comes before the 90 days
        self.assertEqual(self.truck.next_maintenance_date, date(2026, 5, 1))
        with self.assertRaises(UserError):
            repair.action_deliver()

    def test_late_delivery_and_repair_visit_keeps_maintenance(self):
        repair = self._received_order(promised_date="2026-03-02 12:00:00", visit_type="repair")
        repair.action_deliver(delivered_date=datetime(2026, 3, 3, 10, 0))
        self.assertFalse(repair.delivered_on_time)
        self.assertFalse(self.truck.last_maintenance_date)

    def test_delivery_before_reception_refused(self):
        repair = self._new_order()
        with self.assertRaises(UserError):
            repair.with_user(self.advisor).action_deliver()
        self.assertFalse(repair.delivered_date)
        received = self._received_order()
        with self.assertRaises(ValidationError):
            received.with_user(self.advisor).action_deliver(
                delivered_date=datetime(2026, 3, 1, 9, 0)
            )
        self.assertFalse(received.delivered_date)

    def test_rework_must_be_earlier_order_of_same_truck(self):
        first = self._received_order(when="2026-02-01 08:00:00")
        first.action_deliver(delivered_date=datetime(2026, 2, 1, 15, 0))
        action = first.with_user(self.advisor).action_create_rework()
        rework = self.env["repair.order"].browse(action["res_id"])
        self.assertTrue(rework.is_rework)
        self.assertEqual(rework.rework_of_id, first)
        self.assertEqual(rework.vehicle_id, self.truck)

        foreign = self._received_order(when="2026-02-01 08:00:00", vehicle=self.other_truck)
        with self.assertRaises(ValidationError):
            self._new_order(is_rework=True, rework_of_id=foreign.id)
        # first is delivered: only the manager may still touch its rework attribution
        with self.assertRaises(ValidationError):
            first.with_user(self.manager).write({"is_rework": True, "rework_of_id": first.id})
        later = self._received_order(when="2026-03-01 08:00:00")
        with self.assertRaises(ValidationError):
            first.with_user(self.manager).write({"is_rework": True, "rework_of_id": later.id})

    def test_cancel_with_reason_needs_manager(self):
        repair = self._new_order()
        with self.assertRaises(AccessError):
            repair.with_user(self.advisor).write({"cancel_reason": "customer_left"})
        with self.assertRaises(AccessError):
            self.env["aftersales.repair.cancel.wizard"].with_user(self.advisor).create(
                {"repair_ids": [(6, 0, repair.ids)], "cancel_reason": "customer_left"}
            )
        wizard = (
            self.env["aftersales.repair.cancel.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "repair_ids": [(6, 0, repair.ids)],
                    "cancel_reason": "customer_left",
                    "cancel_note": "嫌等待时间太长",
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(repair.state, "cancel")
        self.assertEqual(repair.cancel_reason, "customer_left")
        with self.assertRaises(UserError):
            repair.action_receive()

    def test_printed_repair_order_and_delivery_note(self):
        repair = self._received_order(odometer=101000, customer_complaint="起步抖动")
        self.env["aftersales.finding"].create(
            {
                "repair_id": repair.id,
                "name": "离合器片磨损",
                "advice": "建议更换离合器片",
                "severity": "soon",
                "estimated_amount": 2600,
            }
        ).action_decline()
        self._add_part(repair)
        self.env["aftersales.labor.line"].create(
            {
                "repair_id": repair.id,
                "standard_id": self.brake_standard.id,
                "technician_id": self.technician.id,
            }
        )
        self._repair_and_finish(repair)
        repair.action_deliver(old_parts_shown=True)

        report = self.env["ir.actions.report"].with_user(self.advisor)
        html = report._render_qweb_html(
            "aftersales_dealer.action_report_aftersales_repair_order", repair.ids
        )[0].decode()
        self.assertIn(repair.name, html)
        self.assertIn("离合器片磨损", html)
        self.assertIn("建议更换离合器片", html)
        self.assertIn("Declined", html)
        self.assertIn("Customer Signature", html)
        self.assertIn("桂L·T0001", html)

        html = report._render_qweb_html(
            "aftersales_dealer.action_report_aftersales_delivery_note", repair.ids
        )[0].decode()
        self.assertIn("Replace front brake linings", html)
        self.assertIn("Brake Lining Set", html)
        self.assertIn("Old Parts", html)
        self.assertIn("Technician Zhang", html)

        for ref in (
            "aftersales_dealer.action_report_aftersales_repair_order",
            "aftersales_dealer.action_report_aftersales_delivery_note",
        ):
            # wkhtmltopdf warns it cannot fetch the assets without a running server
            with mute_logger("odoo.addons.base.models.ir_actions_report"):
                pdf, content_type = report.with_context(
                    force_report_rendering=True
                )._render_qweb_pdf(ref, repair.ids)
            self.assertEqual(content_type, "pdf")
            self.assertTrue(pdf.startswith(b"%PDF"))
