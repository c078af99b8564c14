from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAftersalesWorkInstruction(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a = new_test_user(
            cls.env, "wi_a", groups="aftersales_dealer.group_aftersales_user"
        )
        cls.user_b = new_test_user(
            cls.env, "wi_b", groups="aftersales_dealer.group_aftersales_user"
        )
        cls.manager = new_test_user(
            cls.env, "wi_manager", groups="aftersales_dealer.group_aftersales_manager"
        )
        Employee = cls.env["hr.employee"]
        cls.employee_a = Employee.create({"name": "Advisor A", "user_id": cls.user_a.id})
        cls.employee_b = Employee.create({"name": "Advisor B", "user_id": cls.user_b.id})
        cls.owner = Employee.create({"name": "Service Manager", "user_id": cls.manager.id})
        cls.manual = (
            cls.env["aftersales.work.instruction"]
            .with_user(cls.manager)
            .create(
                {
                    "name": "Reception standard",
                    "department": "advisor",
                    "core_process": "reception",
                    "version": "1.0",
                    "effective_date": "2026-01-01",
                    "next_review_date": "2026-06-30",
                    "owner_id": cls.owner.id,
                    "body": "<p>Walk around the truck with the driver.</p>",
                    "employee_ids": [(6, 0, [cls.employee_a.id, cls.employee_b.id])],
                }
            )
        )

    def test_acknowledge_each_version(self):
        self.assertEqual(self.manual.missing_ack_count, 2)
        manual_a = self.manual.with_user(self.user_a)
        self.assertTrue(manual_a.my_ack_needed)
        manual_a.action_acknowledge()
        self.assertEqual(self.manual.missing_employee_ids, self.employee_b)
        self.assertEqual(self.manual.missing_ack_count, 1)
        self.assertFalse(manual_a.my_ack_needed)
        # A new version asks everybody again; the old acknowledgement stays.
        self.manual.with_user(self.manager).version = "2.0"
        self.assertEqual(self.manual.missing_ack_count, 2)
        self.assertEqual(len(self.manual.acknowledgement_ids), 1)
        self.assertFalse(self.manual.acknowledgement_ids.is_current)
        missing = (
            self.env["aftersales.work.instruction"]
            .with_user(self.manager)
            .search([("missing_ack_count", ">", 0)])
        )
        self.assertIn(self.manual, missing)
        self.manual.with_user(self.manager).action_request_acknowledgement()
        self.assertEqual(self.manual.activity_ids.user_id, self.user_a | self.user_b)

    def test_employee_cannot_acknowledge_for_another(self):
        with self.assertRaises(AccessError):
            self.env["aftersales.work.instruction.ack"].with_user(self.user_a).create(
                {
                    "instruction_id": self.manual.id,
                    "employee_id": self.employee_b.id,
                    "version": "1.0",
                }
            )
        with self.assertRaises(AccessError):
            self.manual.with_user(self.user_a).write({"version": "9"})

    def test_overdue_review_visible(self):
        Manual = self.env["aftersales.work.instruction"].with_user(self.manager)
        with freeze_time("2026-05-01"):
            self.assertNotIn(self.manual, Manual.search([("review_overdue", "=", True)]))
        with freeze_time("2026-07-01"):
            self.assertIn(self.manual, Manual.search([("review_overdue", "=", True)]))
            self.manual.invalidate_recordset(["review_overdue"])
            self.assertTrue(self.manual.review_overdue)
            self.manual.with_user(self.manager).action_mark_reviewed()
            self.assertEqual(str(self.manual.next_review_date), "2027-07-01")

    def test_review_before_effective_refused(self):
        with self.assertRaises(ValidationError):
            self.manual.next_review_date = "2025-12-31"
