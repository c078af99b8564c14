from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_repair import AftersalesRepairCase


@tagged("post_install", "-at_install")
class TestWarrantyRescueWash(AftersalesRepairCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.repair = cls._new_order(visit_type="warranty", under_warranty=True)

    def _claim(self):
        return (
            self.env["aftersales.warranty.claim"]
            .with_user(self.advisor)
            .create(
                {
                    "repair_id": self.repair.id,
                    "appraisal": "高压油泵柱塞磨损，属材料缺陷",
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "line_type": "part",
                                "product_id": self.part.id,
                                "name": "高压油泵",
                                "quantity": 1,
                                "price_unit": 3200,
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                "line_type": "labor",
                                "name": "更换高压油泵",
                                "quantity": 4,
                                "price_unit": 100,
                            },
                        ),
                    ],
                }
            )
        )

    def test_claim_flow_submitted_approved_paid(self):
        claim = self._claim()
        self.assertNotEqual(claim.name, "/")
        self.assertEqual(claim.vehicle_id, self.truck)
        self.assertEqual(claim.amount_claimed, 3600)
        self.assertEqual(self.repair.warranty_claim_count, 1)
        with freeze_time("2026-03-03"):
            claim.action_submit()
        self.assertEqual(claim.state, "submitted")
        self.assertEqual(claim.submitted_date, date(2026, 3, 3))
        with self.assertRaises(AccessError):
            claim.action_approve()
        claim.with_user(self.manager).action_approve()
        self.assertEqual(claim.state, "approved")
        self.assertEqual(claim.amount_approved, 3600)
        with self.assertRaises(AccessError):
            claim.action_paid()
        claim.with_user(self.manager).action_paid()
        self.assertEqual(claim.state, "paid")
        self.assertEqual(claim.amount_paid, 3600)
        with self.assertRaises(UserError):
            claim.with_user(self.manager).action_approve()

    def test_claim_prefilled_from_repair_order(self):
        self.part.standard_price = 300
        self.env["stock.move"].create(
            {
                "repair_id": self.repair.id,
                "repair_line_type": "add",
                "product_id": self.part.id,
                "product_uom_qty": 2,
            }
        )
        self.env["aftersales.labor.line"].create(
            {"repair_id": self.repair.id, "standard_id": self.brake_standard.id}
        )
        action = self.repair.with_user(self.advisor).action_create_warranty_claim()
        claim = self.env["aftersales.warranty.claim"].browse(action["res_id"])
        self.assertEqual(claim.state, "draft")
        self.assertEqual(sorted(claim.line_ids.mapped("line_type")), ["labor", "part"])
        # parts at cost, labour at the hourly rate even if the customer paid nothing
        self.assertEqual(claim.amount_claimed, 2 * 300 + 2.5 * 150)

    def test_claim_rejected_and_bad_input(self):
        claim = self._claim()
        empty = (
            self.env["aftersales.warranty.claim"]
            .with_user(self.advisor)
            .create({"repair_id": self.repair.id})
        )
        with self.assertRaises(UserError):
            empty.action_submit()
        self.assertEqual(empty.state, "draft")
        claim.action_submit()
        with self.assertRaises(AccessError):
            claim.with_user(self.advisor).action_reject()
        with self.assertRaises(UserError):
            claim.with_user(self.manager).action_reject()  # no reason given
        claim.rejection_reason = "超出三包期"
        claim.with_user(self.manager).action_reject()
        self.assertEqual(claim.state, "rejected")
        with self.assertRaises(ValidationError):
            claim.line_ids[0].price_unit = -10
        with self.assertRaises(ValidationError):
            claim.with_user(self.manager).amount_approved = -1

    def test_rescue_response_time(self):
        with freeze_time("2026-03-04 10:00:00"):
            rescue = (
                self.env["aftersales.rescue"]
                .with_user(self.advisor)
                .create(
                    {
                        "vehicle_id": self.truck.id,
                        "partner_id": self.customer.id,
                        "location": "G80 广昆高速 田阳段 K1520",
                        "distance_km": 38,
                        "description": "水温高，发动机熄火",
                    }
                )
            )
        self.assertTrue(rescue.name.startswith("JY"))
        with freeze_time("2026-03-04 10:10:00"):
            rescue.action_dispatch()
        with freeze_time("2026-03-04 10:55:00"):
            rescue.action_arrive()
        self.assertEqual(rescue.response_minutes, 55)
        with self.assertRaises(UserError):
            rescue.action_done()  # outcome missing
        rescue.outcome = "towed"
        with freeze_time("2026-03-04 12:30:00"):
            rescue.action_done()
        self.assertEqual(rescue.state, "done")
        action = rescue.action_create_repair()
        self.assertEqual(rescue.repair_id.id, action["res_id"])
        self.assertEqual(rescue.repair_id.vehicle_id, self.truck)
        with self.assertRaises(ValidationError):
            rescue.arrival_date = datetime(2026, 3, 4, 9, 0)
        with self.assertRaises(ValidationError):
            rescue.distance_km = -3

    def test_wash_visit_by_plate_to_finding_and_opportunity(self):
        with freeze_time("2026-03-05 09:00:00"):
            visit = (
                self.env["aftersales.wash.visit"]
                .with_user(self.advisor)
                .create(
                    {
                        "license_plate": "桂l·t0001",
                        "usage_route": "百色—南宁",
                        "usage_load": "铝矾土 35 吨",
                        "usage_purpose": "mining",
                        "opportunity": "驾驶室座椅破损，可推荐更换",
                        "remaining_days": 20,
                    }
                )
            )
        self.assertEqual(visit.vehicle_id, self.truck)
        self.assertEqual(visit.partner_id, self.customer)
        visit.action_create_finding()
        finding = visit.finding_id
        self.assertEqual(finding.decision, "deferred")
        self.assertEqual(finding.vehicle_id, self.truck)
        self.assertEqual(finding.reminder_date, date(2026, 3, 25))
        visit.action_create_opportunity()
        self.assertEqual(visit.opportunity_id.type, "opportunity")
        self.assertEqual(visit.opportunity_id.partner_id, self.customer)

        unknown = (
            self.env["aftersales.wash.visit"]
            .with_user(self.advisor)
            .create({"license_plate": "粤B·99999", "opportunity": "外地车，轮胎磨损"})
        )
        self.assertFalse(unknown.vehicle_id)
        with self.assertRaises(UserError):
            unknown.action_create_finding()
        with self.assertRaises(ValidationError):
            unknown.remaining_days = -1
