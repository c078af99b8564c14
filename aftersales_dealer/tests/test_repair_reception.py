from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common_repair import AftersalesRepairCase


@tagged("post_install", "-at_install")
class TestRepairReception(AftersalesRepairCase):
    @freeze_time("2026-03-02 08:00:00")
    def test_receive_records_odometer_and_last_visit(self):
        self.company.aftersales_own_brand_id = self.brand
        self.assertEqual(self.customer.aftersales_segment, "potential")
        repair = self._new_order(odometer=112000, visit_type="maintenance_routine")
        wizard_action = repair.action_open_receive_wizard()
        wizard = Form(
            self.env[wizard_action["res_model"]]
            .with_user(self.advisor)
            .with_context(**wizard_action["context"])
        )
        self.assertEqual(wizard.odometer, 112000)
        wizard.promised_date = datetime(2026, 3, 2, 17, 0)
        wizard.customer_complaint = "刹车有异响"
        wizard.save().action_confirm()

        self.assertEqual(repair.reception_date, datetime(2026, 3, 2, 8, 0))
        self.assertEqual(repair.promised_date, datetime(2026, 3, 2, 17, 0))
        reading = self.truck.odometer_log_ids.filtered(lambda r: r.value == 112000)
        self.assertEqual(reading.date, date(2026, 3, 2))
        self.assertEqual(self.truck.odometer, 112000)
        self.assertEqual(self.truck.last_visit_date, date(2026, 3, 2))
        self.assertEqual(self.customer.last_visit_date, date(2026, 3, 2))
        self.assertEqual(self.customer.aftersales_segment, "retained")
        with self.assertRaises(UserError):
            repair.action_receive()

    @freeze_time("2026-03-02 08:00:00")
    def test_receive_refuses_odometer_going_back(self):
        repair = self._new_order(odometer=95000)
        with self.assertRaises(ValidationError):
            repair.action_receive()
        # nothing half-saved: the order is still waiting for reception
        self.assertFalse(repair.reception_date)
        self.assertFalse(self.truck.last_visit_date)
        self.assertEqual(self.truck.odometer, 100000)
        with self.assertRaises(ValidationError):
            self._new_order(odometer=-5)

    def test_vehicle_fills_customer_and_odometer(self):
        with Form(self.env["repair.order"].with_user(self.advisor)) as form:
            form.vehicle_id = self.truck
            self.assertEqual(form.partner_id, self.customer)
            self.assertEqual(form.odometer, 100000)

    @freeze_time("2026-03-02 08:00:00")
    def test_pre_inspection_findings_and_decisions(self):
        repair = self._new_order(odometer=110000)
        repair.action_receive()
        action = repair.with_user(self.advisor).action_open_pre_inspection()
        inspection = (
            self.env["aftersales.pre.inspection"].with_user(self.advisor).browse(action["res_id"])
        )
        self.assertEqual(inspection.template_id, self.template, "checklist of the truck's category")
        self.assertEqual(len(inspection.line_ids), 3)
        brake, tyre, light = inspection.line_ids
        with self.assertRaises(UserError):
            inspection.action_done()  # unchecked items
        brake.write(
            {
                "result": "finding",
                "note": "前刹车片剩 3 毫米",
                "severity": "safety",
                "advice": "建议本次更换",
                "remaining_km": 2000,
                "remaining_days": 10,
                "estimated_amount": 855,
            }
        )
        tyre.write(
            {
                "result": "finding",
                "note": "后轮胎花纹偏磨",
                "severity": "soon",
                "remaining_days": 30,
                "estimated_amount": 1800,
            }
        )
        light.result = "ok"
        with self.assertRaises(ValidationError):
            light.remaining_km = -1
        inspection.action_done()

        self.assertTrue(repair.pre_inspection_done)
        self.assertEqual(inspection.state, "done")
        brake_finding, tyre_finding = brake.finding_id, tyre.finding_id
        self.assertEqual(repair.finding_ids, brake_finding | tyre_finding)
        self.assertEqual(brake_finding.stage, "pre_inspection")
        self.assertEqual(brake_finding.vehicle_id, self.truck)
        self.assertEqual(brake_finding.severity, "safety")
        self.assertEqual(brake_finding.labor_hours, 2.5)

        brake_finding.with_user(self.advisor).action_accept()
        self.assertEqual(brake_finding.decision, "accepted")
        self.assertEqual(brake_finding.move_id.product_id, self.part)
        self.assertEqual(brake_finding.move_id.repair_id, repair)
        self.assertEqual(brake_finding.labor_line_id.repair_id, repair)
        self.assertEqual(repair.labor_hours, 2.5)
        self.assertEqual(repair.labor_amount, 2.5 * 150)
        self.assertFalse(brake_finding.reminder_date)

        tyre_finding.with_user(self.advisor).action_decline()
        self.assertEqual(tyre_finding.decision_date, date(2026, 3, 2))
        self.assertEqual(tyre_finding.reminder_date, date(2026, 4, 1))
        tyre_finding.reminder_date = date(2026, 3, 20)  # set by hand
        self.assertEqual(tyre_finding.reminder_date, date(2026, 3, 20))

    def test_in_repair_finding_deferred(self):
        repair = self._new_order()
        finding = (
            self.env["aftersales.finding"]
            .with_user(self.advisor)
            .create(
                {
                    "repair_id": repair.id,
                    "name": "变速箱油渗漏",
                    "stage": "in_repair",
                    "remaining_days": 15,
                }
            )
        )
        self.assertEqual(finding.vehicle_id, self.truck)
        self.assertEqual(finding.partner_id, self.customer)
        with freeze_time("2026-03-05"):
            finding.action_defer()
        self.assertEqual(finding.reminder_date, date(2026, 3, 20))
        with self.assertRaises(ValidationError):
            finding.estimated_amount = -100
        with self.assertRaises(ValidationError):
            finding.remaining_days = -3

    def test_later_order_recaptures_declined_finding(self):
        with freeze_time("2026-01-10 09:00:00"):
            first = self._new_order()
            first.action_receive()
            declined = self.env["aftersales.finding"].create(
                {
                    "repair_id": first.id,
                    "name": "刹车片偏薄",
                    "item_id": self.brake_item.id,
                    "labor_standard_id": self.brake_standard.id,
                    "remaining_days": 20,
                }
            )
            declined.action_decline()
            other_truck_finding = self.env["aftersales.finding"].create(
                {
                    "vehicle_id": self.other_truck.id,
                    "name": "刹车片偏薄",
                    "item_id": self.brake_item.id,
                }
            )
            other_truck_finding.action_decline()
        with freeze_time("2026-02-10 09:00:00"):
            second = self._new_order()
            second.action_receive()
            self.assertEqual(second.recapturable_finding_ids, declined)
            fix = (
                self.env["aftersales.finding"]
                .with_user(self.advisor)
                .create(
                    {
                        "repair_id": second.id,
                        "name": "更换刹车片",
                        "item_id": self.brake_item.id,
                        "labor_standard_id": self.brake_standard.id,
                    }
                )
            )
            fix.action_accept()
        self.assertEqual(declined.recaptured_repair_id, second)
        self.assertFalse(other_truck_finding.recaptured_repair_id)
        second.invalidate_recordset(["recapturable_finding_ids"])
        self.assertFalse(second.recapturable_finding_ids)

    def test_manual_recapture(self):
        first = self._new_order()
        declined = self.env["aftersales.finding"].create(
            {"repair_id": first.id, "name": "空调不制冷"}
        )
        declined.action_decline()
        second = self._new_order()
        declined.with_user(self.advisor).with_context(
            recapture_repair_id=second.id
        ).action_recapture()
        self.assertEqual(declined.recaptured_repair_id, second)
        foreign = self._new_order(vehicle=self.other_truck)
        with self.assertRaises(UserError):
            declined.with_context(recapture_repair_id=foreign.id).action_recapture()

    def test_labour_line_figures(self):
        repair = self._new_order()
        line = (
            self.env["aftersales.labor.line"]
            .with_user(self.advisor)
            .create(
                {
                    "repair_id": repair.id,
                    "standard_id": self.brake_standard.id,
                    "technician_id": self.technician.id,
                }
            )
        )
        self.assertEqual(line.name, "Replace front brake linings")
        self.assertEqual(line.hours, 2.5)
        self.assertEqual(line.product_id, self.labor_product)
        self.assertEqual(line.amount, 375)
        with self.assertRaises(ValidationError):
            line.hours = -1
        with self.assertRaises(ValidationError):
            line.actual_hours = -2
        with self.assertRaises(ValidationError):
            self.brake_standard.hours = -1
