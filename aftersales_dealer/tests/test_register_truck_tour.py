from odoo.tests import new_test_user, tagged

from .common_browser import AftersalesBrowserCase


@tagged("post_install", "-at_install")
class TestRegisterTruckTour(AftersalesBrowserCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Tour Jiefang"})
        cls.env["fleet.vehicle.model"].create({"name": "Tour J6P", "brand_id": brand.id})
        cls.env["res.partner"].create({"name": "Tour Logistics", "is_company": True})
        new_test_user(cls.env, "tour_advisor", groups="aftersales_dealer.group_aftersales_user")

    def test_register_truck_and_find_it_by_plate(self):
        self.start_tour("/odoo", "aftersales_register_truck", login="tour_advisor")
        truck = self.env["fleet.vehicle"].search([("license_plate", "=", "桂L·T9999")])
        self.assertEqual(len(truck), 1)
        self.assertEqual(truck.customer_id.name, "Tour Logistics")
        self.assertEqual(truck.vin_sn, "LFWSRXSJ1T1A09999")
