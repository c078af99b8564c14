"""Issue 11, insurance add-on: each hole tried by the user who would use it, and refused."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import InsuranceCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15 10:00:00")
class TestInsuranceGuards(InsuranceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = cls.env["hr.employee"].create(
            {"name": "Seller Lu", "user_id": cls.user_plain.id}
        )
        cls.colleague = cls.env["hr.employee"].create({"name": "Colleague Qin"})

    def _sold_policy(self, **kw):
        policy = (
            self.env["aftersales.insurance.policy"]
            .with_user(self.user_plain)
            .create(self._policy_vals(sold_by_id=self.colleague.id, **kw))
        )
        policy.action_activate()
        self.assertEqual(policy.state, "active")
        return policy

    def _accident(self, **vals):
        return (
            self.env["aftersales.accident"]
            .with_user(self.user_accident)
            .create(
                {
                    "vehicle_id": self.truck.id,
                    "accident_date": datetime(2026, 6, 14, 21, 30),
                    **vals,
                }
            )
        )

    def _done_call(self, **vals):
        return self.env["aftersales.followup"].create(
            {
                "name": "Call",
                "partner_id": self.customer.id,
                "vehicle_id": self.truck.id,
                "due_date": date(2026, 6, 15),
                "state": "done",
                "outcome": "not_interested",
                **vals,
            }
        )

    # ------------------------------------------------------------------ policies

    def test_hole_seller_set_to_himself_on_colleagues_policy(self):
        policy = self._sold_policy(name="P-SELLER")
        line = policy.line_ids[0]
        with self.assertRefused(AccessError, "only the after-sales manager"):
            policy.write({"sold_by_id": self.seller.id})
        with self.assertRefused(AccessError, "only the after-sales manager"):
            line.write({"premium": 40000})
        with self.assertRefused(AccessError, "only the after-sales manager"):
            line.unlink()
        with self.assertRefused(AccessError, "only the after-sales manager"):
            self.env["aftersales.insurance.policy.line"].with_user(self.user_plain).create(
                {"policy_id": policy.id, "coverage_type_id": self.cov_damage.id, "premium": 9000}
            )
        self.assertEqual(policy.sold_by_id, self.colleague)
        self.assertEqual(policy.premium, 4480 + 2860)
        # the manager corrects the seller; the chatter says who changed what
        policy.with_user(self.user_manager).write({"sold_by_id": self.seller.id})
        self.assertEqual(policy.sold_by_id, self.seller)
        body = policy.message_ids[0].body
        self.assertIn("Changed by 服务经理", body)
        self.assertIn("Colleague Qin → Seller Lu", body)

    def test_hole_premium_of_a_million(self):
        Policy = self.env["aftersales.insurance.policy"].with_user(self.user_plain)
        with self.assertRefused(ValidationError, "not plausible"):
            Policy.create(
                self._policy_vals(
                    name="P-MILLION",
                    coverages=[(self.cov_damage, 1_000_000)],
                )
            )
        self.assertFalse(Policy.search([("name", "=", "P-MILLION")]))
        policy = self._sold_policy(name="P-RAISED")
        with self.assertRefused(ValidationError, "more than its sum insured|not plausible"):
            policy.line_ids[0].with_user(self.user_manager).write({"premium": 1_000_000})
        self.assertEqual(policy.premium, 4480 + 2860)

    def test_hole_sold_policy_cancelled_or_reset(self):
        policy = self._sold_policy(name="P-CANCEL-G")
        with self.assertRefused(AccessError, "manager"):
            policy.action_cancel()
        self.assertEqual(policy.state, "active")
        policy.with_user(self.user_manager).action_cancel()
        self.assertEqual(policy.state, "cancelled")
        # back to draft, the seller would be free again: the manager's decision too
        with self.assertRefused(AccessError, "manager"):
            policy.action_reset_to_draft()
        self.assertEqual(policy.state, "cancelled")

    def test_hole_policy_deleted_with_its_calls(self):
        policy = self._sold_policy(name="P-CALLS")
        call = self._done_call(policy_id=policy.id, followup_type="insurance_renewal")
        with self.assertRefused(UserError, "cannot be deleted"):
            policy.with_user(self.user_manager).unlink()
        policy.with_user(self.user_manager).action_cancel()
        with self.assertRefused(UserError, "cannot be deleted"):
            policy.with_user(self.user_manager).unlink()
        self.assertTrue(policy.exists())
        self.assertEqual(call.policy_id, policy)
        # a draft nobody called about may go
        draft = self.env["aftersales.insurance.policy"].create(self._policy_vals(name="P-GONE"))
        draft.with_user(self.user_manager).unlink()
        self.assertFalse(draft.exists())

    def test_policy_dates_plausible(self):
        Policy = self.env["aftersales.insurance.policy"].with_user(self.user_plain)
        with self.assertRefused(ValidationError, "not plausible"):
            Policy.create(
                self._policy_vals(name="P-1990", start=date(1990, 1, 1), end=date(1990, 12, 31))
            )
        with self.assertRefused(ValidationError, "not plausible"):
            Policy.create(
                self._policy_vals(name="P-LONG", start=date(2026, 1, 1), end=date(2036, 12, 31))
            )
        self.assertFalse(Policy.search([("name", "in", ("P-1990", "P-LONG"))]))

    # ------------------------------------------------------------------ accidents

    def test_hole_accident_reported_before_it_happened(self):
        with self.assertRefused(ValidationError, "reported before it happened"):
            self._accident(
                accident_date=datetime(2026, 6, 15, 9, 0),
                reported_date=datetime(2026, 6, 14, 9, 0),
            )
        with self.assertRefused(ValidationError, "in the future"):
            self._accident(accident_date=datetime(2999, 1, 1))
        with self.assertRefused(ValidationError, "in the future"):
            self._accident(arrival_date=datetime(2026, 6, 20, 9, 0))
        self.assertFalse(
            self.env["aftersales.accident"].search([("vehicle_id", "=", self.truck.id)])
        )

    def test_hole_collection_dated_1900(self):
        accident = self._accident(amount_billed_customer=1000)
        Payment = self.env["aftersales.accident.payment"].with_user(self.user_accident)
        for day in (date(1900, 1, 1), date(2026, 6, 13), date(2026, 7, 1)):
            with self.assertRefused(ValidationError, "cannot be dated"):
                Payment.create(
                    {"accident_id": accident.id, "payer": "customer", "amount": 100, "date": day}
                )
        with self.assertRefused(ValidationError, "more than"):
            Payment.create({"accident_id": accident.id, "payer": "customer", "amount": 1001})
        self.assertFalse(accident.payment_ids)
        self.assertEqual(accident.amount_outstanding, 1000)

    def test_accident_state_moves(self):
        accident = self._accident(close_reason="no_claim")
        with self.assertRefused(UserError, "cannot go from"):
            accident.write({"state": "paid"})
        self.assertEqual(accident.state, "reported")
        accident.action_close()
        Payment = self.env["aftersales.accident.payment"].with_user(self.user_accident)
        with self.assertRefused(AccessError, "closed"):
            accident.write({"state": "reported"})
        with self.assertRefused(AccessError, "manager"):
            accident.action_reopen()
        with self.assertRefused(AccessError, "closed"):
            Payment.create({"accident_id": accident.id, "payer": "customer", "amount": 1})
        self.assertEqual(accident.state, "closed")
        accident.with_user(self.user_manager).action_reopen()
        self.assertEqual(accident.state, "reported")
        self.assertIn("Reopened by 服务经理", accident.message_ids[0].body)

    def test_hole_accident_deleted_with_its_calls(self):
        accident = self._accident(
            amount_billed_customer=1000,
            payment_ids=[Command.create({"payer": "customer", "amount": 500})],
        )
        call = self._done_call(accident_id=accident.id, followup_type="post_accident")
        with self.assertRefused(UserError, "cannot be deleted"):
            accident.with_user(self.user_manager).unlink()
        self.assertTrue(accident.exists())
        self.assertEqual(call.accident_id, accident)
        self.assertEqual(accident.amount_collected, 500)
