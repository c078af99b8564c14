from odoo.tests import TransactionCase, new_test_user


class AftersalesRepairCase(TransactionCase):
    """Trucks, people and catalogue shared by the reception and workshop tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.advisor = new_test_user(
            cls.env,
            login="as_advisor",
            name="Advisor Li",
            groups="aftersales_dealer.group_aftersales_user",
        )
        cls.manager = new_test_user(
            cls.env,
            login="as_manager",
            name="Manager Chen",
            groups="aftersales_dealer.group_aftersales_manager",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Baise Shunda Logistics", "mobile": "13800000001"}
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Youjiang Transport", "mobile": "13800000002"}
        )
        cls.brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Test Jiefang"})
        cls.category = cls.env["fleet.vehicle.model.category"].create({"name": "Tractor"})
        cls.vehicle_model = cls.env["fleet.vehicle.model"].create(
            {
                "name": "J6P Test",
                "brand_id": cls.brand.id,
                "category_id": cls.category.id,
                "maintenance_interval_km": 30000,
                "maintenance_interval_days": 90,
            }
        )
        cls.truck = cls.env["fleet.vehicle"].create(
            {
                "model_id": cls.vehicle_model.id,
                "customer_id": cls.customer.id,
                "license_plate": "桂L·T0001",
            }
        )
        cls.other_truck = cls.env["fleet.vehicle"].create(
            {
                "model_id": cls.vehicle_model.id,
                "customer_id": cls.other_customer.id,
                "license_plate": "桂L·T0002",
            }
        )
        cls.env["fleet.vehicle.odometer"].create(
            {"vehicle_id": cls.truck.id, "value": 100000, "date": "2026-01-05"}
        )
        cls.technician = cls.env["hr.employee"].create(
            {"name": "Technician Zhang", "aftersales_role": "technician"}
        )
        cls.team_leader = cls.env["hr.employee"].create(
            {"name": "Team Leader Zhao", "aftersales_role": "team_leader"}
        )
        cls.labor_product = cls.env.ref("aftersales_dealer.product_labor_hour")
        cls.labor_product.lst_price = 150.0
        cls.part = cls.env["product.product"].create(
            {
                "name": "Brake Lining Set",
                "type": "consu",
                "list_price": 480.0,
                "invoice_policy": "order",
            }
        )
        cls.brake_standard = cls.env["aftersales.labor.standard"].create(
            {
                "name": "Replace front brake linings",
                # not the demo catalogue's BR-01: a code holds one line per model and company
                "code": "TBR-01",
                "system": "brakes",
                "hours": 2.5,
            }
        )
        cls.template = cls.env["aftersales.inspection.template"].create(
            {
                "name": "Tractor checklist",
                "category_ids": [(6, 0, cls.category.ids)],
                "item_ids": [
                    (
                        0,
                        0,
                        {
                            "system": "brakes",
                            "name": "Brake linings",
                            "labor_standard_id": cls.brake_standard.id,
                            "product_id": cls.part.id,
                        },
                    ),
                    (0, 0, {"system": "tyres", "name": "Tyres"}),
                    (0, 0, {"system": "lights", "name": "Lights"}),
                ],
            }
        )
        cls.brake_item, cls.tyre_item, cls.light_item = cls.template.item_ids

    @classmethod
    def _new_order(cls, user=None, vehicle=None, **values):
        vehicle = vehicle or cls.truck
        vals = {
            "partner_id": vehicle.customer_id.id,
            "vehicle_id": vehicle.id,
            "user_id": (user or cls.advisor).id,
        }
        vals.update(values)
        return cls.env["repair.order"].with_user(user or cls.advisor).create(vals)
