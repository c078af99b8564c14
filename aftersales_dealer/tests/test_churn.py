from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import AftersalesCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestChurn(AftersalesCommon):
    def test_seven_causes_as_data(self):
        causes = self.env["aftersales.churn.reason"].search([])
        self.assertGreaterEqual(len(causes), 7)
        self.assertTrue(self.env.ref("aftersales_dealer.churn_reason_staff_left"))

    def test_mark_lost_and_back_to_active(self):
        self._create_vehicle("LTSTRXSJ7G1A00101")
        customer = self.customer.with_user(self.clerk)
        action = customer.action_mark_lost()
        wizard_form = Form(
            self.env[action["res_model"]].with_user(self.clerk).with_context(**action["context"])
        )
        wizard_form.churn_reason_id = self.env.ref("aftersales_dealer.churn_reason_competitor")
        wizard_form.note = "Moved to a competitor's station in Tianyang"
        wizard_form.save().action_confirm()
        self.assertEqual(customer.churn_state, "lost")
        self.assertEqual(customer.churn_date, date(2026, 6, 30))
        self.assertEqual(
            customer.churn_reason_id, self.env.ref("aftersales_dealer.churn_reason_competitor")
        )
        self.assertIn("competitor", customer.message_ids[0].body)
        lost = self.env["res.partner"].search([("churn_state", "=", "lost")])
        self.assertIn(self.customer, lost)
        customer.action_reactivate()
        self.assertEqual(customer.churn_state, "active")
        self.assertFalse(customer.churn_reason_id)
        self.assertFalse(customer.churn_date)

    def test_future_churn_date_refused(self):
        wizard = (
            self.env["aftersales.churn.wizard"]
            .with_user(self.clerk)
            .create(
                {
                    "partner_ids": [(6, 0, self.customer.ids)],
                    "churn_reason_id": self.env.ref("aftersales_dealer.churn_reason_natural").id,
                    "churn_date": date(2026, 7, 1),
                }
            )
        )
        with self.assertRaisesRegex(UserError, "future"):
            wizard.action_confirm()
        self.assertEqual(self.customer.churn_state, "active")

    def test_only_clerks_mark_customers_lost(self):
        with self.assertRaises(AccessError):
            self.env["aftersales.churn.wizard"].with_user(self.user).create(
                {
                    "partner_ids": [(6, 0, self.customer.ids)],
                    "churn_reason_id": self.env.ref("aftersales_dealer.churn_reason_natural").id,
                }
            )
