from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import InsuranceCommon


@tagged("post_install", "-at_install")
class TestInsuranceFollowup(InsuranceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.aftersales_insurance_renewal_days = 30
        cls.Followup = cls.env["aftersales.followup"]

    def _create(self, vals_list):
        return self.Followup.create(vals_list)

    @freeze_time("2026-06-15")
    def test_renewal_followup_once_per_policy(self):
        soon = self._active_policy(name="P-SOON", start=date(2025, 7, 5), end=date(2026, 7, 4))
        later = self._active_policy(
            name="P-LATER",
            truck=self.truck_elsewhere,
            start=date(2025, 9, 1),
            end=date(2026, 8, 31),
        )
        today = date(2026, 6, 15)
        vals_list = self.Followup._generate_insurance_renewal(today, 100)
        self.assertEqual(len(vals_list), 1, "only the policy ending within 30 days")
        vals = vals_list[0]
        self.assertEqual(vals["policy_id"], soon.id)
        self.assertEqual(vals["followup_type"], "insurance_renewal")
        self.assertEqual(
            vals["due_date"], date(2026, 6, 15), "30 days before 4 July is already past: due today"
        )
        self.assertEqual(vals["partner_id"], self.customer.id)
        self.assertEqual(vals["source_key"], f"insurance_renewal:{soon.id}")
        self.assertEqual(
            vals["user_id"],
            self.company.aftersales_followup_user_id.id,
            "nobody sold it here with a user: the clerks' caller",
        )
        followup = self._create(vals_list)
        self.assertEqual(followup.policy_id, soon)
        self.assertEqual(self.Followup._generate_insurance_renewal(today, 100), [], "idempotent")
        # two months later the second policy comes due; the first, now renewed, is not called again
        renewal = self.env["aftersales.insurance.policy"].browse(soon.action_renew()["res_id"])
        renewal.write({"name": "P-SOON-2"})
        renewal.action_activate()
        vals_list = self.Followup._generate_insurance_renewal(date(2026, 8, 10), 100)
        self.assertEqual([v["policy_id"] for v in vals_list], [later.id])
        self.assertEqual(vals_list[0]["due_date"], date(2026, 8, 10))

    @freeze_time("2026-06-15")
    def test_renewal_lead_time_is_a_company_setting(self):
        policy = self._active_policy(name="P-LEAD", start=date(2025, 8, 15), end=date(2026, 8, 14))
        today = date(2026, 6, 15)
        self.assertEqual(self.Followup._generate_insurance_renewal(today, 10), [])
        settings = self.env["res.config.settings"].create({"aftersales_insurance_renewal_days": 60})
        settings.execute()
        self.assertEqual(self.company.aftersales_insurance_renewal_days, 60)
        vals_list = self.Followup._generate_insurance_renewal(today, 10)
        self.assertEqual([v["policy_id"] for v in vals_list], [policy.id])
        self.assertEqual(vals_list[0]["due_date"], date(2026, 6, 15))

    @freeze_time("2026-06-15")
    def test_renewal_batches_respect_limit(self):
        trucks = self.truck | self.truck_elsewhere
        for index, truck in enumerate(trucks):
            self._active_policy(
                name=f"P-B{index}", truck=truck, start=date(2025, 7, 1), end=date(2026, 6, 30)
            )
        today = date(2026, 6, 15)
        first = self.Followup._generate_insurance_renewal(today, 1)
        self.assertEqual(len(first), 1)
        self._create(first)
        second = self.Followup._generate_insurance_renewal(today, 1)
        self.assertEqual(len(second), 1)
        self.assertNotEqual(first[0]["source_key"], second[0]["source_key"])
        self._create(second)
        self.assertEqual(self.Followup._generate_insurance_renewal(today, 1), [])

    @freeze_time("2026-06-15 10:00:00")
    def test_post_accident_call_after_delivery(self):
        Accident = self.env["aftersales.accident"]
        delivered = Accident.create(
            {"vehicle_id": self.truck.id, "accident_date": datetime(2026, 6, 1)}
        )
        delivered.action_arrive()
        delivered.action_start_repair()
        for repair in delivered.repair_ids:
            repair.action_validate()
            repair.action_repair_start()
            repair.action_repair_end()
        delivered.action_deliver()
        still_repairing = Accident.create(
            {"vehicle_id": self.truck_elsewhere.id, "accident_date": datetime(2026, 6, 10)}
        )
        still_repairing.action_arrive()
        still_repairing.action_start_repair()
        today = date(2026, 6, 15)
        vals_list = self.Followup._generate_post_accident(today, 100)
        self.assertEqual(len(vals_list), 1)
        self.assertEqual(vals_list[0]["accident_id"], delivered.id)
        self.assertEqual(vals_list[0]["followup_type"], "post_accident")
        self.assertEqual(vals_list[0]["due_date"], today + timedelta(days=3))
        followup = self._create(vals_list)
        self.assertEqual(delivered.post_accident_followup_ids, followup)
        self.assertEqual(self.Followup._generate_post_accident(today, 100), [])

    def test_rules_and_post_repair_domain_with_engine(self):
        """The core engine runs the insurance rules and leaves accident repairs to them."""
        Followup = self.Followup
        rules = Followup._followup_rules()
        self.assertIn("_generate_insurance_renewal", rules)
        self.assertIn("_generate_post_accident", rules)
        domain = Followup._post_repair_domain(date(2026, 6, 15))
        self.assertIn(("accident_id", "=", False), domain)

    @freeze_time("2026-06-15 10:00:00")
    def test_no_post_accident_call_for_old_deliveries(self):
        accident = self.env["aftersales.accident"].create(
            {"vehicle_id": self.truck.id, "accident_date": datetime(2026, 1, 5)}
        )
        accident.write({"state": "delivered", "delivered_date": datetime(2026, 1, 20, 17, 0)})
        self.assertEqual(self.Followup._generate_post_accident(date(2026, 6, 15), 10), [])
        self.assertEqual(len(self.Followup._generate_post_accident(date(2026, 2, 1), 10)), 1)

    @freeze_time("2026-06-15 10:00:00")
    def test_engine_generates_one_call_per_accident_and_renewals(self):
        """The daily engine of the core addon runs the insurance rules."""
        with freeze_time("2026-06-01"):
            policy = self._active_policy(
                name="P-ENGINE", start=date(2025, 7, 2), end=date(2026, 7, 1)
            )
        accident = self.env["aftersales.accident"].create(
            {
                "vehicle_id": self.truck.id,
                "accident_date": datetime(2026, 6, 1),
                "assessed_amount": 8000,
            }
        )
        accident.action_arrive()
        accident.action_start_repair()
        plain_repair = self.env["repair.order"].create(
            {
                "partner_id": self.customer_elsewhere.id,
                "vehicle_id": self.truck_elsewhere.id,
                "visit_type": "repair",
            }
        )
        repairs = accident.repair_ids | plain_repair
        for repair in repairs:
            repair.action_validate()
            repair.action_repair_start()
            repair.action_repair_end()
        repairs.write(
            {
                "reception_date": datetime(2026, 6, 2, 9, 0),
                "delivered_date": datetime(2026, 6, 10, 17, 0),
            }
        )
        accident.action_deliver()

        self.Followup._cron_generate_followups()
        followups = self.Followup.search(
            [("vehicle_id", "in", (self.truck | self.truck_elsewhere).ids)]
        )
        by_type = {}
        for followup in followups:
            by_type.setdefault(followup.followup_type, self.Followup)
            by_type[followup.followup_type] |= followup
        self.assertEqual(by_type["post_accident"].accident_id, accident)
        self.assertEqual(
            by_type["post_repair"].repair_id,
            plain_repair,
            "the accident repair gets one call, not two",
        )
        self.assertEqual(by_type["insurance_renewal"].policy_id, policy)
        self.assertEqual(
            self.Followup._cron_generate_followups(), 0, "a second run creates nothing"
        )
