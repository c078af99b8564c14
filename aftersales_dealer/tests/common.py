from odoo.tests import TransactionCase, new_test_user


class AftersalesCommon(TransactionCase):
    """Own data for the core tests: a Jiefang station with its users and trucks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.brand_own = cls.env["fleet.vehicle.model.brand"].create({"name": "Test Jiefang"})
        cls.brand_other = cls.env["fleet.vehicle.model.brand"].create({"name": "Test Dongfeng"})
        cls.company.write(
            {
                "aftersales_own_brand_id": cls.brand_own.id,
                "aftersales_retained_window_days": 365,
                "aftersales_maintenance_interval_km": 20000,
                "aftersales_maintenance_interval_days": 90,
            }
        )
        cls.model_j6p = cls.env["fleet.vehicle.model"].create(
            {
                "name": "Test J6P",
                "brand_id": cls.brand_own.id,
                "axle_configuration": "6x4",
                "gross_vehicle_weight": 25,
                "engine_model": "CA6DM2",
                "maintenance_interval_km": 30000,
                "maintenance_interval_days": 120,
            }
        )
        cls.model_other = cls.env["fleet.vehicle.model"].create(
            {"name": "Test Tianlong", "brand_id": cls.brand_other.id}
        )
        groups = "aftersales_dealer.group_aftersales_user"
        cls.user = new_test_user(cls.env, "as_user", groups=groups, name="Advisor")
        cls.clerk = new_test_user(
            cls.env,
            "as_clerk",
            groups="aftersales_dealer.group_aftersales_info_clerk",
            name="Clerk",
        )
        cls.manager = new_test_user(
            cls.env,
            "as_manager",
            groups="aftersales_dealer.group_aftersales_manager,base.group_system",
            name="Manager",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Shunda Logistics", "is_company": True, "phone": "0776-2881234"}
        )

    @classmethod
    def _create_vehicle(cls, vin, customer=None, model=None, **vals):
        return cls.env["fleet.vehicle"].create(
            {
                "model_id": (model or cls.model_j6p).id,
                "customer_id": (customer or cls.customer).id,
                "license_plate": vals.pop("license_plate", "桂L·%s" % vin[-5:]),
                "vin_sn": vin,
                **vals,
            }
        )
