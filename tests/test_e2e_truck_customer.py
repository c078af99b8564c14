"""End to end across the core addon: a customer's life at the station, as the staff see it."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install", "aftersales_e2e")
class TestTruckCustomerLifecycle(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "E2E Jiefang"})
        cls.env.company.write(
            {"aftersales_own_brand_id": brand.id, "aftersales_retained_window_days": 180}
        )
        cls.model = cls.env["fleet.vehicle.model"].create(
            {
                "name": "E2E J7",
                "brand_id": brand.id,
                "maintenance_interval_km": 40000,
                "maintenance_interval_days": 120,
            }
        )
        cls.advisor = new_test_user(
            cls.env, "e2e_advisor", groups="aftersales_dealer.group_aftersales_user"
        )
        cls.clerk = new_test_user(
            cls.env, "e2e_clerk", groups="aftersales_dealer.group_aftersales_info_clerk"
        )

    @freeze_time("2026-03-01")
    def test_customer_from_registration_to_lost_and_back(self):
        env = self.env(user=self.advisor)
        with Form(env["res.partner"]) as partner_form:
            partner_form.name = "右江运输"
            partner_form.company_type = "company"
            partner_form.phone = "0776-2825678"
        customer = partner_form.record
        with Form(
            env["fleet.vehicle"], view="aftersales_dealer.fleet_vehicle_view_form_aftersales"
        ) as truck_form:
            truck_form.license_plate = "桂L·E2E01"
            truck_form.model_id = self.model
            truck_form.customer_id = customer
            truck_form.vin_sn = "LTSTRXSJ0E2E00001"
            truck_form.last_maintenance_date = date(2026, 1, 1)
            truck_form.last_maintenance_odometer = 100000
        truck = truck_form.record
        self.assertEqual(truck.axle_configuration, False)
        self.assertEqual(truck.maintenance_interval_km, 40000)
        # a month of odometer history: 1,000 km a day
        env["fleet.vehicle.odometer"].create(
            [
                {"vehicle_id": truck.id, "date": date(2026, 1, 1), "value": 100000},
                {"vehicle_id": truck.id, "date": date(2026, 1, 31), "value": 130000},
            ]
        )
        # 140,000 km is 10 days after the last reading; 120 days after 01-01 comes later
        self.assertEqual(truck.next_maintenance_date, date(2026, 2, 10))
        self.assertIn(
            truck, env["fleet.vehicle"].search([("next_maintenance_date", "<", date(2026, 3, 1))])
        )
        self.assertEqual(customer.aftersales_segment, "potential", "never visited")
        customer.last_visit_date = date(2026, 2, 15)  # reception writes it
        self.assertEqual(customer.aftersales_segment, "retained")
        with freeze_time("2026-08-15"):
            self.env["res.partner"]._cron_recompute_aftersales_segment()
            self.assertEqual(customer.aftersales_segment, "potential")
        clerk_env = self.env(user=self.clerk)
        action = customer.with_env(clerk_env).action_mark_lost()
        with Form(clerk_env[action["res_model"]].with_context(**action["context"])) as wizard_form:
            wizard_form.churn_reason_id = self.env.ref(
                "aftersales_dealer.churn_reason_service_quality"
            )
        wizard_form.record.action_confirm()
        self.assertEqual((customer.churn_state, customer.churn_date), ("lost", date(2026, 3, 1)))
        by_cause = dict(
            env["res.partner"]._read_group(
                [("churn_state", "=", "lost"), ("id", "=", customer.id)],
                ["churn_reason_id"],
                ["__count"],
            )
        )
        self.assertEqual(
            by_cause, {self.env.ref("aftersales_dealer.churn_reason_service_quality"): 1}
        )
        customer.with_env(clerk_env).action_reactivate()
        self.assertEqual(customer.churn_state, "active")
