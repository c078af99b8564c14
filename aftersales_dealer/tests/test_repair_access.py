from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common_repair import AftersalesRepairCase

LIST_SPEC = {
    "name": {},
    "schedule_date": {},
    "partner_id": {"fields": {"display_name": {}}},
    "vehicle_id": {"fields": {"display_name": {}}},
    "license_plate": {},
    "visit_type": {},
    "reception_date": {},
    "promised_date": {},
    "delivered_date": {},
    "delivered_on_time": {},
    "is_rework": {},
    "labor_hours": {},
    "state": {},
    "priority": {},
    "user_id": {"fields": {"display_name": {}}},
    "team_leader_id": {"fields": {"display_name": {}}},
    "technician_ids": {"fields": {"display_name": {}}},
}


FINDING_LIST_SPEC = {
    "repair_id": {"fields": {"display_name": {}}},
    "vehicle_id": {"fields": {"display_name": {}}},
    "partner_id": {"fields": {"display_name": {}}},
    "stage": {},
    "name": {},
    "severity": {},
    "estimated_amount": {},
    "decision": {},
    "decision_date": {},
    "reminder_date": {},
    "recaptured_repair_id": {"fields": {"display_name": {}}},
    "currency_id": {"fields": {"display_name": {}}},
}


@tagged("post_install", "-at_install")
class TestRepairAccess(AftersalesRepairCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Nanning Branch"})
        cls.other_truck_company = cls.env["fleet.vehicle"].create(
            {
                "model_id": cls.vehicle_model.id,
                "license_plate": "桂A·N0001",
                "company_id": cls.other_company.id,
            }
        )
        cls.other_advisor = new_test_user(
            cls.env,
            login="as_advisor_nn",
            groups="aftersales_dealer.group_aftersales_user",
            company_id=cls.other_company.id,
            company_ids=[(6, 0, cls.other_company.ids)],
        )
        cls.foreign_repair = (
            cls.env["repair.order"]
            .with_company(cls.other_company)
            .create(
                {
                    "partner_id": cls.customer.id,
                    "vehicle_id": cls.other_truck_company.id,
                    "company_id": cls.other_company.id,
                }
            )
        )

    def test_users_see_repair_orders_of_their_company_only(self):
        own = self._new_order()
        Repair = self.env["repair.order"].with_user(self.advisor)
        self.assertIn(own, Repair.search([]))
        self.assertNotIn(self.foreign_repair, Repair.search([]))
        with self.assertRaises(AccessError):
            self.foreign_repair.with_user(self.advisor).read(["name"])
        with self.assertRaises(AccessError):
            own.with_user(self.other_advisor).read(["name"])
        claim = self.env["aftersales.warranty.claim"].create({"repair_id": own.id})
        with self.assertRaises(AccessError):
            claim.with_user(self.other_advisor).read(["name"])
        rescue = self.env["aftersales.rescue"].create({"location": "百色城区"})
        with self.assertRaises(AccessError):
            rescue.with_user(self.other_advisor).read(["name"])

    def test_only_manager_deletes_and_configures(self):
        own = self._new_order()
        claim = self.env["aftersales.warranty.claim"].create({"repair_id": own.id})
        with self.assertRaises(AccessError):
            claim.with_user(self.advisor).unlink()
        with self.assertRaises(AccessError):
            self.env["aftersales.labor.standard"].with_user(self.advisor).create(
                {"name": "x", "hours": 1}
            )
        with self.assertRaises(AccessError):
            self.template.with_user(self.advisor).write({"name": "y"})
        self.template.with_user(self.manager).write({"name": "y"})
        self.assertEqual(self.template.name, "y")

    def _read_board(self, orders):
        self.env.invalidate_all()
        return (
            self.env["repair.order"]
            .with_user(self.advisor)
            .web_search_read([("id", "in", orders.ids)], LIST_SPEC)
        )

    def _make_orders(self, count):
        orders = self.env["repair.order"]
        for index in range(count):
            truck = self.env["fleet.vehicle"].create(
                {
                    "model_id": self.vehicle_model.id,
                    "customer_id": self.customer.id,
                    "license_plate": f"桂L·Q{index:04d}",
                }
            )
            technician = self.env["hr.employee"].create({"name": f"技师 {index}"})
            leader = self.env["hr.employee"].create({"name": f"组长 {index}"})
            orders |= self._new_order(
                vehicle=truck,
                team_leader_id=leader.id,
                technician_ids=[(6, 0, technician.ids)],
                odometer=1000,
            )
            self.env["aftersales.labor.line"].create(
                {"repair_id": orders[-1].id, "name": "保养", "hours": 1.5}
            )
        return orders

    def test_list_and_board_query_count_constant(self):
        small, large = self._make_orders(2), self._make_orders(8)
        self._read_board(small)  # warm the access caches
        with self.assertQueryCount(9):
            result = self._read_board(small)
        self.assertEqual(result["length"], 2)
        with self.assertQueryCount(9):
            result = self._read_board(large)
        self.assertEqual(result["length"], 8)

    def _read_findings(self, findings):
        self.env.invalidate_all()
        return (
            self.env["aftersales.finding"]
            .with_user(self.advisor)
            .web_search_read([("id", "in", findings.ids)], FINDING_LIST_SPEC)
        )

    def test_findings_list_query_count_constant(self):
        orders = self._make_orders(8)
        Finding = self.env["aftersales.finding"]
        small, large = Finding, Finding
        for index, order in enumerate(orders):
            finding = Finding.create(
                {
                    "repair_id": order.id,
                    "name": f"发现 {index}",
                    "item_id": self.brake_item.id,
                    "remaining_days": 10,
                    "estimated_amount": 100,
                }
            )
            finding.action_decline()
            large |= finding
            if index < 2:
                small |= finding
        self._read_findings(small)
        with self.assertQueryCount(6):
            self._read_findings(small)
        with self.assertQueryCount(6):
            result = self._read_findings(large)
        self.assertEqual(result["length"], 8)
