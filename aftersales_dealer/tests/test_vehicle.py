from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestVehicle(AftersalesCommon):
    def test_truck_data_and_intervals_from_model(self):
        truck = self._create_vehicle("LTSTRXSJ7G1A00101")
        self.assertEqual(truck.axle_configuration, "6x4")
        self.assertEqual(truck.gross_vehicle_weight, 25)
        self.assertEqual(truck.engine_model, "CA6DM2")
        self.assertEqual(
            (truck.maintenance_interval_km, truck.maintenance_interval_days), (30000, 120)
        )
        self.assertTrue(truck.is_own_brand)
        other = self._create_vehicle("LTSTXC358J1000506", model=self.model_other)
        # the model sets no interval: the company default applies
        self.assertEqual(
            (other.maintenance_interval_km, other.maintenance_interval_days), (20000, 90)
        )
        self.assertFalse(other.is_own_brand)

    def test_vin_normalised_and_valid(self):
        truck = self._create_vehicle(" ltstrxsj7g1a 00101 ")
        self.assertEqual(truck.vin_sn, "LTSTRXSJ7G1A00101")

    def test_vin_malformed_refused(self):
        count = self.env["fleet.vehicle"].search_count([])
        for vin in (
            "LTSTRXSJ7G1A0010",
            "LTSTRXSJ7G1A001011",
            "LFWSRXSJ7G1I00101",
            "LFWSRXSJ7G1O00101",
            "LFWSRXSJ7G1Q00101",
            "LTSTRXSJ7G1A0010-",
        ):
            with (
                self.subTest(vin=vin),
                self.assertRaisesRegex(ValidationError, "17 characters"),
                self.env.cr.savepoint(),
            ):
                self._create_vehicle(vin)
        self.assertEqual(self.env["fleet.vehicle"].search_count([]), count, "nothing saved")
        truck = self._create_vehicle("LTSTRXSJ7G1A00101")
        with self.assertRaises(ValidationError):
            truck.vin_sn = "LTSTRXSJ7G1A0010O"

    def test_vin_unique_per_company(self):
        self._create_vehicle("LTSTRXSJ7G1A00101")
        other_company = self.env["res.company"].create({"name": "Nanning Station"})
        twin = self.env["fleet.vehicle"].create(
            {
                "model_id": self.model_j6p.id,
                "vin_sn": "LTSTRXSJ7G1A00101",
                "company_id": other_company.id,
            }
        )
        self.assertEqual(twin.company_id, other_company)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self._create_vehicle("LTSTRXSJ7G1A00101", license_plate="桂L·99999")

    def test_odometer_cannot_go_back(self):
        truck = self._create_vehicle("LTSTRXSJ7G1A00101")
        Odometer = self.env["fleet.vehicle.odometer"]
        Odometer.create({"vehicle_id": truck.id, "date": date(2026, 1, 1), "value": 100000})
        Odometer.create({"vehicle_id": truck.id, "date": date(2026, 2, 1), "value": 105000})
        with self.assertRaisesRegex(ValidationError, "cannot go back"), self.env.cr.savepoint():
            Odometer.create({"vehicle_id": truck.id, "date": date(2026, 3, 1), "value": 104000})
        with self.assertRaisesRegex(ValidationError, "cannot go back"), self.env.cr.savepoint():
            # a back-dated reading higher than a later one is just as wrong
            Odometer.create({"vehicle_id": truck.id, "date": date(2026, 1, 15), "value": 106000})
        with self.assertRaises(UserError), self.env.cr.savepoint():
            truck.odometer = 90000  # fleet's own inverse refuses it too
        truck.invalidate_recordset()
        self.assertEqual(truck.odometer_count, 2, "no reading was saved")
        self.assertEqual(truck.odometer, 105000)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            Odometer.create({"vehicle_id": truck.id, "date": date(2026, 3, 1), "value": -5})

    def test_next_maintenance_by_days(self):
        truck = self._create_vehicle(
            "LTSTRXSJ7G1A00101",
            last_maintenance_date=date(2026, 1, 1),
            last_maintenance_odometer=10000,
        )
        self.assertEqual(truck.next_maintenance_date, date(2026, 5, 1), "2026-01-01 + 120 days")
        # slow mileage: 100 km a day reaches the 30,000 km interval after the 120 days
        self.env["fleet.vehicle.odometer"].create(
            [
                {"vehicle_id": truck.id, "date": date(2026, 1, 1), "value": 10000},
                {"vehicle_id": truck.id, "date": date(2026, 1, 31), "value": 13000},
            ]
        )
        self.assertEqual(truck.next_maintenance_date, date(2026, 5, 1))

    def test_next_maintenance_by_mileage(self):
        truck = self._create_vehicle(
            "LTSTRXSJ7G1A00101",
            last_maintenance_date=date(2026, 1, 1),
            last_maintenance_odometer=10000,
        )
        # 500 km a day: 40,000 km is reached 30 days after the 25,000 km of 2026-01-31
        self.env["fleet.vehicle.odometer"].create(
            [
                {"vehicle_id": truck.id, "date": date(2026, 1, 1), "value": 10000},
                {"vehicle_id": truck.id, "date": date(2026, 1, 31), "value": 25000},
            ]
        )
        self.assertEqual(truck.next_maintenance_date, date(2026, 3, 2))
        # a new maintenance moves both the date and the mileage baseline
        truck.write(
            {"last_maintenance_date": date(2026, 2, 20), "last_maintenance_odometer": 35000}
        )
        # 35,000 + 30,000 = 65,000 km: 80 days after 2026-01-31; 2026-02-20 + 120 days is later
        self.assertEqual(truck.next_maintenance_date, date(2026, 4, 21))

    def test_next_maintenance_without_history_uses_registration(self):
        truck = self._create_vehicle("LTSTRXSJ7G1A00101", acquisition_date=date(2026, 3, 1))
        self.assertEqual(truck.next_maintenance_date, date(2026, 6, 29))
        truck.maintenance_interval_days = 30
        self.assertEqual(truck.next_maintenance_date, date(2026, 3, 31))

    def test_negative_truck_figures_refused(self):
        for field in ("engine_hours", "gross_vehicle_weight", "maintenance_interval_km"):
            with (
                self.subTest(field=field),
                self.assertRaises(IntegrityError),
                mute_logger("odoo.sql_db"),
                self.env.cr.savepoint(),
            ):
                self._create_vehicle("LTSTRXSJ7G1A00101", **{field: -1})

    def test_own_brand_follows_setting(self):
        truck = self._create_vehicle("LTSTXC358J1000506", model=self.model_other)
        self.assertFalse(truck.is_own_brand)
        self.company.aftersales_own_brand_id = self.brand_other
        self.assertTrue(truck.is_own_brand)

    def test_repair_order_smart_button(self):
        truck = self._create_vehicle("LTSTRXSJ7G1A00101")
        self.env["repair.order"].create({"partner_id": self.customer.id, "vehicle_id": truck.id})
        self.assertEqual(truck.repair_order_count, 1)
        action = truck.action_view_repair_orders()
        self.assertEqual(self.env["repair.order"].search(action["domain"]), truck.repair_order_ids)
        self.assertEqual(
            truck.action_view_odometer_history()["context"]["default_vehicle_id"], truck.id
        )

    def test_truck_list_query_count_constant(self):
        """The truck list and the customer list read a constant number of queries."""
        fields_list = [
            "license_plate",
            "model_id",
            "customer_id",
            "vin_sn",
            "odometer",
            "next_maintenance_date",
            "repair_order_count",
        ]
        partner_fields = [
            "name",
            "vehicle_count",
            "aftersales_segment",
            "churn_state",
            "last_visit_date",
        ]

        def make(n, offset):
            partners = self.env["res.partner"].create(
                [{"name": f"Owner {offset + i}", "phone": "1"} for i in range(n)]
            )
            vehicles = self.env["fleet.vehicle"].create(
                [
                    {
                        "model_id": self.model_j6p.id,
                        "customer_id": partners[i].id,
                        "vin_sn": "LTSTRXSJ7G1A%05d" % (offset + i),
                    }
                    for i in range(n)
                ]
            )
            return partners, vehicles

        small_partners, small = make(3, 0)
        large_partners, large = make(30, 100)
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        small.with_user(self.user).read(fields_list)
        small_partners.with_user(self.user).read(partner_fields)
        queries = self.env.cr.sql_log_count - before
        self.env.invalidate_all()
        with self.assertQueryCount(queries):
            large.with_user(self.user).read(fields_list)
            large_partners.with_user(self.user).read(partner_fields)
