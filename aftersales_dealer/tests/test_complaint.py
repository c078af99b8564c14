from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common_care import TODAY, AftersalesCareCase

NOW = datetime(2031, 3, 10, 9, 0)


@tagged("post_install", "-at_install")
class TestComplaint(AftersalesCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls._partner("靖西边贸物流 Test")
        cls.truck = cls._vehicle(cls.partner, "桂L·C0001")

    def _complaint(self, **vals):
        return (
            self.env["aftersales.complaint"]
            .with_user(self.clerk)
            .create(
                {
                    "partner_id": self.partner.id,
                    "vehicle_id": self.truck.id,
                    "description": "等待时间太长",
                    "complaint_date": NOW,
                    **vals,
                }
            )
        )

    @freeze_time(NOW)
    def test_deadlines_and_activities_from_settings(self):
        complaint = self._complaint()
        self.assertTrue(complaint.name.startswith("TS"))
        self.assertEqual(complaint.respond_deadline, NOW + timedelta(hours=24))
        self.assertEqual(complaint.resolve_deadline, NOW + timedelta(days=7))
        self.assertEqual(len(complaint.activity_ids), 1)
        self.assertEqual(complaint.activity_ids.date_deadline, TODAY + timedelta(days=1))
        self.assertEqual(complaint.activity_ids.user_id, self.clerk)
        self.assertFalse(complaint.is_overdue)
        complaint.action_respond()
        self.assertEqual(complaint.state, "responded")
        self.assertEqual(complaint.responded_date, NOW)
        self.assertEqual(complaint.activity_ids.date_deadline, TODAY + timedelta(days=7))
        with self.assertRaises(UserError):
            complaint.action_resolve()  # no resolution written
        complaint.resolution = "<p>免费更换空滤并致歉</p>"
        complaint.action_resolve()
        self.assertRecordValues(complaint, [{"state": "resolved", "resolved_date": NOW}])
        self.assertFalse(complaint.activity_ids)

    def test_overdue_highlighting(self):
        with freeze_time(NOW):
            complaint = self._complaint()
        with freeze_time(NOW + timedelta(hours=25)):
            complaint.invalidate_recordset(["is_overdue"])
            self.assertTrue(complaint.is_overdue, "not responded within 24 hours")
            self.assertIn(
                complaint, self.env["aftersales.complaint"].search([("is_overdue", "=", True)])
            )
            complaint.action_respond()
            complaint.invalidate_recordset(["is_overdue"])
            self.assertFalse(complaint.is_overdue, "responded, resolution not yet late")
        with freeze_time(NOW + timedelta(days=8)):
            complaint.invalidate_recordset(["is_overdue"])
            self.assertTrue(complaint.is_overdue, "not resolved within 7 days")

    def test_customer_came_back(self):
        with freeze_time(NOW):
            complaint = self._complaint()
        self.assertFalse(complaint.customer_returned)
        before = self._delivered_repair(self.partner, self.truck, TODAY - timedelta(days=10))
        self.assertTrue(before)
        complaint.invalidate_recordset(["customer_returned"])
        self.assertFalse(complaint.customer_returned, "a visit before the complaint is no return")
        self._delivered_repair(self.partner, self.truck, TODAY + timedelta(days=20))
        complaint.invalidate_recordset(["customer_returned", "return_date"])
        self.assertTrue(complaint.customer_returned)
        self.assertTrue(complaint.return_date > NOW)

    def test_company_isolation(self):
        other_company = self.env["res.company"].create({"name": "柳州服务站"})
        complaint = self.env["aftersales.complaint"].create(
            {
                "partner_id": self.partner.id,
                "description": "别的公司的投诉",
                "company_id": other_company.id,
            }
        )
        self.assertFalse(
            self.env["aftersales.complaint"]
            .with_user(self.clerk)
            .search([("id", "=", complaint.id)])
        )
        with self.assertRaises(AccessError):
            complaint.with_user(self.clerk).read(["name"])

    def test_plain_user_cannot_delete(self):
        advisor = new_test_user(
            self.env, login="care_advisor", groups="aftersales_dealer.group_aftersales_user"
        )
        complaint = self._complaint()
        with self.assertRaises(AccessError):
            complaint.with_user(advisor).unlink()
