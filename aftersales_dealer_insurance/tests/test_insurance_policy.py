from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import InsuranceCommon


@tagged("post_install", "-at_install")
class TestInsurancePolicy(InsuranceCommon):
    def test_premium_is_sum_of_coverages(self):
        Policy = self.env["aftersales.insurance.policy"].with_user(self.user_plain)
        policy = Policy.create(
            self._policy_vals(
                coverages=[
                    (self.cov_compulsory, 4480),
                    (self.cov_third_party, 2860),
                    (self.cov_damage, 6150),
                ]
            )
        )
        self.assertEqual(policy.premium, 13490)
        self.assertEqual(
            policy.partner_id, self.customer, "the insured defaults to the truck's owner"
        )
        self.assertEqual(policy.agreement_id.name, "人保合作协议")
        policy.line_ids.filtered(
            lambda line: line.coverage_type_id == self.cov_damage
        ).premium = 6000
        self.assertEqual(policy.premium, 13340)

    def test_form_defaults_customer_from_truck(self):
        with Form(self.env["aftersales.insurance.policy"].with_user(self.user_plain)) as form:
            form.vehicle_id = self.truck
            form.insurer_id = self.insurer
            form.name = "PDAA-FORM-1"
            with form.line_ids.new() as line:
                line.coverage_type_id = self.cov_compulsory
                line.premium = 4480
            self.assertEqual(form.partner_id, self.customer)
        self.assertEqual(form.record.premium, 4480)
        self.assertTrue(form.record.sold_here)

    def test_end_before_start_refused_nothing_saved(self):
        Policy = self.env["aftersales.insurance.policy"]
        with self.assertRefused(ValidationError, "before it starts"):
            Policy.create(
                self._policy_vals(name="BAD-1", start=date(2026, 6, 1), end=date(2026, 5, 1))
            )
        self.assertFalse(Policy.search([("name", "=", "BAD-1")]))
        self.assertFalse(
            self.env["aftersales.insurance.policy.line"].search([("policy_id.name", "=", "BAD-1")])
        )

    def test_negative_premium_refused(self):
        Policy = self.env["aftersales.insurance.policy"]
        with self.assertRefused(ValidationError, "cannot be negative"):
            Policy.create(self._policy_vals(name="BAD-2", coverages=[(self.cov_compulsory, -10)]))
        self.assertFalse(Policy.search([("name", "=", "BAD-2")]))

    @freeze_time("2026-06-15")
    def test_overlapping_active_same_coverage_refused(self):
        self._active_policy(name="P-1")
        overlapping = self.env["aftersales.insurance.policy"].create(
            self._policy_vals(
                name="P-2",
                start=date(2026, 6, 1),
                end=date(2027, 5, 31),
                coverages=[(self.cov_third_party, 2000)],
            )
        )
        with self.assertRefused(ValidationError, "already covered"):
            overlapping.action_activate()
        self.assertEqual(overlapping.state, "draft")
        # another coverage over the same days is fine: vehicle damage bought separately
        damage_only = self.env["aftersales.insurance.policy"].create(
            self._policy_vals(
                name="P-3",
                start=date(2026, 6, 1),
                end=date(2027, 5, 31),
                coverages=[(self.cov_damage, 6000)],
            )
        )
        damage_only.action_activate()
        self.assertEqual(damage_only.state, "active")
        # adding the taken coverage to the active policy is refused too
        with self.assertRefused(ValidationError, "already covered"):
            damage_only.write(
                {
                    "line_ids": [
                        Command.create({"coverage_type_id": self.cov_compulsory.id, "premium": 1})
                    ]
                }
            )

    def test_activation_needs_number_and_coverage(self):
        Policy = self.env["aftersales.insurance.policy"]
        draft = Policy.create(self._policy_vals(name="/"))
        with self.assertRefused(UserError, "policy number"):
            draft.action_activate()
        empty = Policy.create(self._policy_vals(name="P-EMPTY"))
        empty.line_ids.unlink()
        with self.assertRefused(UserError, "no coverage"):
            empty.action_activate()
        self.assertEqual((draft | empty).mapped("state"), ["draft", "draft"])

    @freeze_time("2026-06-15")
    def test_renewal_chain(self):
        first = self._active_policy(
            name="P-2026",
            promotion_ids=[
                Command.link(self.env.ref("aftersales_dealer_insurance.promotion_free_wash").id)
            ],
        )
        action = first.with_user(self.user_plain).action_renew()
        second = self.env["aftersales.insurance.policy"].browse(action["res_id"])
        self.assertEqual(second.previous_policy_id, first)
        self.assertEqual(second.state, "draft")
        self.assertEqual(second.date_start, date(2027, 1, 1))
        self.assertEqual(second.date_end, date(2027, 12, 31))
        self.assertEqual(second.premium, first.premium)
        self.assertEqual(second.line_ids.coverage_type_id, first.line_ids.coverage_type_id)
        self.assertEqual(first.renewal_ids, second)
        with self.assertRefused(UserError, "already has a renewal"):
            first.action_renew()
        second.name = "P-2027"
        second.action_activate()
        self.assertEqual(first.state, "renewed")
        self.assertEqual(second.state, "active")
        # the chain goes on
        third = self.env["aftersales.insurance.policy"].browse(second.action_renew()["res_id"])
        self.assertEqual(third.previous_policy_id.previous_policy_id, first)
        with self.assertRefused(UserError, "Only an active or expired"):
            first.action_renew()

    @freeze_time("2026-06-15")
    def test_cron_expires_policies(self):
        running = self._active_policy(name="P-RUN", start=date(2026, 3, 1), end=date(2027, 2, 28))
        ending = self._active_policy(
            name="P-END", truck=self.truck_elsewhere, start=date(2025, 7, 1), end=date(2026, 6, 30)
        )
        draft = self.env["aftersales.insurance.policy"].create(
            self._policy_vals(name="P-DRAFT", start=date(2025, 1, 1), end=date(2025, 12, 31))
        )
        with freeze_time("2026-07-01"):
            expired = self.env["aftersales.insurance.policy"]._cron_update_policy_states()
        self.assertEqual(expired, ending)
        self.assertEqual(ending.state, "expired")
        self.assertEqual(running.state, "active")
        self.assertEqual(draft.state, "draft")
        # an expired policy can still be renewed, and its renewal retires it
        renewal = self.env["aftersales.insurance.policy"].browse(ending.action_renew()["res_id"])
        renewal.name = "P-END-2"
        renewal.action_activate()
        self.assertEqual(ending.state, "renewed")

    @freeze_time("2026-06-15")
    def test_cancel_and_reset(self):
        policy = self._active_policy(name="P-CANCEL")
        policy.action_cancel()
        self.assertEqual(policy.state, "cancelled")
        with self.assertRaises(UserError):
            policy.action_cancel()
        policy.action_reset_to_draft()
        self.assertEqual(policy.state, "draft")

    @freeze_time("2026-06-15")
    def test_customers_not_insured_here(self):
        self._active_policy(name="P-HERE")
        self._active_policy(name="P-ELSEWHERE", truck=self.truck_elsewhere, sold_here=False)
        Partner = self.env["res.partner"].with_user(self.user_plain)
        domain = Partner._insurance_renewal_target_domain()
        targets = Partner.search(
            domain + [("id", "in", (self.customer | self.customer_elsewhere).ids)]
        )
        self.assertEqual(targets, self.customer_elsewhere)
        self.assertTrue(self.customer.insured_here)
        self.assertFalse(self.customer_elsewhere.insured_here)
        self.assertEqual(self.customer.insurance_policy_count, 1)

    @freeze_time("2026-07-01")
    def test_cron_works_in_batches(self):
        Policy = self.env["aftersales.insurance.policy"]
        with freeze_time("2026-06-15"):
            ended = self._active_policy(name="P-E1", start=date(2025, 7, 1), end=date(2026, 6, 30))
            ended |= self._active_policy(
                name="P-E2",
                truck=self.truck_elsewhere,
                start=date(2025, 7, 1),
                end=date(2026, 6, 30),
            )
        first = Policy._cron_update_policy_states(batch_size=1)
        self.assertEqual(len(first), 1)
        second = Policy._cron_update_policy_states(batch_size=1)
        self.assertEqual(first | second, ended)
        self.assertFalse(
            Policy._cron_update_policy_states(batch_size=1), "nothing left: the runner stops"
        )
        self.assertEqual(set(ended.mapped("state")), {"expired"})

    @freeze_time("2026-06-15")
    def test_partner_figures_without_query_per_partner(self):
        partners = self.env["res.partner"].create([{"name": f"客户 {i}"} for i in range(6)])
        model = self.truck.model_id
        for index, partner in enumerate(partners):
            truck = self.env["fleet.vehicle"].create(
                {"model_id": model.id, "customer_id": partner.id}
            )
            self._active_policy(name=f"P-Q{index}", truck=truck, sold_here=bool(index % 2))
        partners = partners.with_user(self.user_plain)
        # warm the access caches with another partner, then read all six at once
        self.customer.with_user(self.user_plain).mapped("insured_here")
        self.customer.with_user(self.user_plain).mapped("insurance_policy_count")
        partners.invalidate_recordset()
        with self.assertQueryCount(2):
            counts = partners.mapped("insurance_policy_count")
            insured = partners.mapped("insured_here")
        self.assertEqual(counts, [1] * 6)
        self.assertEqual(insured, [False, True] * 3)
