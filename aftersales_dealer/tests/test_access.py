from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestAccess(AftersalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.truck = cls._create_vehicle("LTSTRXSJ7G1A00101")
        cls.internal = new_test_user(cls.env, "plain_internal", groups="base.group_user")
        cls.company_b = cls.env["res.company"].create({"name": "Nanning Jiefang Station"})
        cls.truck_b = cls.env["fleet.vehicle"].create(
            {
                "model_id": cls.model_j6p.id,
                "vin_sn": "LTSTRXSJ7G1A00999",
                "company_id": cls.company_b.id,
            }
        )
        cls.grade_b = cls.env["aftersales.grade"].create(
            {"name": "B advisor", "role": "advisor", "level": 1, "company_id": cls.company_b.id}
        )

    def test_user_without_aftersales_group_cannot_read(self):
        for model in (
            "fleet.vehicle",
            "aftersales.grade",
            "aftersales.churn.reason",
            "aftersales.finding",
            "aftersales.followup",
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.internal).search([])

    def test_aftersales_user_registers_trucks_but_cannot_delete(self):
        Vehicle = self.env["fleet.vehicle"].with_user(self.user)
        truck = Vehicle.create(
            {
                "model_id": self.model_j6p.id,
                "customer_id": self.customer.id,
                "license_plate": "桂L·T0001",
            }
        )
        self.assertEqual(Vehicle.search([("license_plate", "=", "桂L·T0001")]), truck)
        self.env["fleet.vehicle.odometer"].with_user(self.user).create(
            {"vehicle_id": truck.id, "value": 1000}
        )
        with self.assertRaises(AccessError):
            truck.unlink()
        with self.assertRaises(AccessError):
            self.model_j6p.with_user(self.user).write({"maintenance_interval_km": 1})
        truck.with_user(self.manager).unlink()

    def test_other_company_records_invisible(self):
        self.assertEqual(self.user.company_ids, self.env.company)
        Vehicle = self.env["fleet.vehicle"].with_user(self.user)
        self.assertIn(self.truck, Vehicle.search([]))
        self.assertNotIn(self.truck_b, Vehicle.search([]))
        with self.assertRaises(AccessError):
            self.truck_b.with_user(self.user).read(["vin_sn"])
        self.assertNotIn(self.grade_b, self.env["aftersales.grade"].with_user(self.user).search([]))

    def test_employee_role_and_grade(self):
        grade = self.env["aftersales.grade"].create(
            # a level of its own: two shared grades of one role and level are refused
            {"name": "Senior advisor", "role": "advisor", "level": 99}
        )
        employee = self.env["hr.employee"].create(
            {"name": "Li Ming", "aftersales_role": "advisor", "aftersales_grade": grade.id}
        )
        # after-sales users who are not HR officers still see who does what, but not the
        # grade: it sets the commission level, for after-sales managers only
        public = self.env["hr.employee.public"].with_user(self.user).browse(employee.id)
        self.assertEqual(public.aftersales_role, "advisor")
        with self.assertRaises(AccessError):
            public.read(["aftersales_grade"])
        self.assertEqual(public.with_user(self.manager).aftersales_grade, grade)
