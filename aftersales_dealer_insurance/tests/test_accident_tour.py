from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_dealer.tests.common_browser import AftersalesBrowserCase


@tagged("post_install", "-at_install")
class TestAccidentTour(AftersalesBrowserCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        customer = cls.env["res.partner"].create(
            {"name": "Tour Hotline Logistics", "is_company": True}
        )
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Tour Jiefang"})
        model = cls.env["fleet.vehicle.model"].create({"name": "Tour J6P", "brand_id": brand.id})
        cls.truck = cls.env["fleet.vehicle"].create(
            {"model_id": model.id, "customer_id": customer.id, "license_plate": "桂L·T7777"}
        )
        new_test_user(
            cls.env, "tour_accident", groups="aftersales_dealer.group_aftersales_accident"
        )

    def test_hotline_call_to_arrival(self):
        self.start_tour("/odoo", "aftersales_accident_case", login="tour_accident")
        accident = self.env["aftersales.accident"].search([("vehicle_id", "=", self.truck.id)])
        self.assertEqual(len(accident), 1)
        self.assertEqual(accident.state, "assessment")
        self.assertEqual(accident.accident_place, "G75 兰海高速 田东段")
        self.assertTrue(accident.arrival_date)
