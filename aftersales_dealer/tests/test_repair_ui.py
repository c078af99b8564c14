import json

from odoo.tests import new_test_user, tagged

from .common_browser import AftersalesBrowserCase

# Waits until an element matching the selector shows the expected text; console.error
# fails the test, so a screen that renders without the record it must show fails too.
WAIT_FOR_TEXT = """
(async () => {
    const selector = %(selector)s;
    const text = %(text)s;
    const deadline = Date.now() + 30000;
    // what the user reads: the text, and the values of the inputs (many2one fields)
    const content = (el) => [el.textContent]
        .concat([...el.querySelectorAll("input, textarea")].map((input) => input.value))
        .join(" ");
    const shown = () => [...document.querySelectorAll(selector)].some(
        (el) => content(el).includes(text)
    );
    while (!shown()) {
        if (Date.now() > deadline) {
            const found = [...document.querySelectorAll(selector)].map(content);
            console.error(`${selector} does not show ${text}: ${JSON.stringify(found)}`);
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    console.log("test successful");
})();
"""


@tagged("post_install", "-at_install")
class TestRepairScreens(AftersalesBrowserCase):
    """The screens open for an after-sales user without a client error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # same time zone as the set-up's reception: both readings fall on the same day
        cls.advisor = new_test_user(
            cls.env,
            login="ui_advisor",
            groups="aftersales_dealer.group_aftersales_user",
            tz=cls.env.user.tz or "UTC",
        )
        customer = cls.env["res.partner"].create({"name": "百色顺达物流", "mobile": "13800000009"})
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "解放"})
        model = cls.env["fleet.vehicle.model"].create({"name": "J6P", "brand_id": brand.id})
        truck = cls.env["fleet.vehicle"].create(
            {"model_id": model.id, "customer_id": customer.id, "license_plate": "桂L·U0001"}
        )
        technician = cls.env["hr.employee"].create({"name": "张伟"})
        cls.repair = cls.env["repair.order"].create(
            {
                "partner_id": customer.id,
                "vehicle_id": truck.id,
                "user_id": cls.advisor.id,
                "odometer": 1000,
                "is_appointment": True,
                "technician_ids": [(6, 0, technician.ids)],
                "team_leader_id": technician.id,
            }
        )
        cls.repair.action_receive()
        cls.env["aftersales.finding"].create(
            {"repair_id": cls.repair.id, "name": "刹车片偏薄", "remaining_days": 30}
        ).action_decline()
        cls.env["aftersales.labor.line"].create(
            {"repair_id": cls.repair.id, "name": "更换刹车片", "hours": 2}
        )
        cls.claim = cls.env["aftersales.warranty.claim"].create({"repair_id": cls.repair.id})

    def test_reception_tour(self):
        repair = self.env["repair.order"].create(
            {
                "partner_id": self.repair.partner_id.id,
                "vehicle_id": self.repair.vehicle_id.id,
                "user_id": self.advisor.id,
            }
        )
        self.start_tour(
            f"/odoo/action-aftersales_dealer.repair_order_action_aftersales/{repair.id}",
            "aftersales_reception_tour",
            login="ui_advisor",
        )
        self.assertTrue(repair.reception_date)
        self.assertEqual(repair.vehicle_id.odometer, 1200)
        self.assertTrue(repair.pre_inspection_ids.line_ids)

    def _open(self, path, selector, text):
        """Open ``path`` as the advisor and wait for ``selector`` to show ``text``."""
        code = WAIT_FOR_TEXT % {"selector": json.dumps(selector), "text": json.dumps(text)}
        self.browser_js(path, code, login="ui_advisor")

    def test_workshop_board(self):
        # the received truck's card, with its plate, in its team leader's column
        self._open(
            "/odoo/action-aftersales_dealer.repair_order_action_workshop_board",
            ".o_kanban_group .o_kanban_record",
            "桂L·U0001",
        )

    def test_repair_order_form(self):
        # the form of the order shows the truck it was opened for
        self._open(
            f"/odoo/action-aftersales_dealer.repair_order_action_aftersales/{self.repair.id}",
            ".o_form_view .o_field_widget[name=vehicle_id]",
            "桂L·U0001",
        )

    def test_appointment_calendar(self):
        # the appointment stands in this week's calendar under the order's reference
        self._open(
            "/odoo/action-aftersales_dealer.repair_order_action_appointments",
            ".o_calendar_view .fc-event",
            self.repair.name,
        )

    def test_warranty_claim_form(self):
        # the claim names the order it claims for
        self._open(
            f"/odoo/action-aftersales_dealer.aftersales_warranty_claim_action/{self.claim.id}",
            ".o_form_view .o_field_widget[name=repair_id]",
            self.repair.name,
        )
