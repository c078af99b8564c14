from datetime import datetime, time, timedelta

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common_care import TODAY, AftersalesCareCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestFollowupRules(AftersalesCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls._partner("百色顺达物流 Test")
        cls.truck = cls._vehicle(cls.partner, "桂L·T0001")

    # post-repair -----------------------------------------------------------

    def test_post_repair_due_n_days_after_delivery(self):
        on_time = self._delivered_repair(self.partner, self.truck, TODAY - timedelta(days=3))
        too_early = self._delivered_repair(self.partner, self.truck, TODAY - timedelta(days=2))
        too_old = self._delivered_repair(self.partner, self.truck, TODAY - timedelta(days=34))
        oldest_kept = self._delivered_repair(self.partner, self.truck, TODAY - timedelta(days=33))
        cancelled = self._delivered_repair(self.partner, self.truck, TODAY - timedelta(days=5))
        cancelled.action_repair_cancel()
        vals_list = self.followup_model._generate_post_repair(TODAY, 100)
        self.assertEqual(
            self._keys(vals_list),
            {f"post_repair:{on_time.id}", f"post_repair:{oldest_kept.id}"},
            "only delivered orders whose call is due, within the maximum age, not cancelled",
        )
        by_repair = {vals["repair_id"]: vals for vals in vals_list}
        self.assertEqual(by_repair[on_time.id]["due_date"], TODAY)
        # a late call is due today, never created overdue
        self.assertEqual(by_repair[oldest_kept.id]["due_date"], TODAY)
        self.assertEqual(by_repair[on_time.id]["user_id"], self.clerk.id)
        self.assertNotIn(too_early.id, by_repair)
        self.assertNotIn(too_old.id, by_repair)

    def test_post_repair_call_counts_the_station_days(self):
        # delivered at 07:30 in Baise, which is 23:30 UTC the evening before
        self.company.partner_id.tz = "Asia/Shanghai"
        self.env.user.tz = "UTC"
        repair = self._delivered_repair(self.partner, self.truck, TODAY - timedelta(days=3))
        delivered = datetime.combine(TODAY - timedelta(days=4), time(23, 30))
        repair.write(
            {"reception_date": delivered - timedelta(hours=1), "delivered_date": delivered}
        )
        day_before = self.followup_model._generate_post_repair(TODAY - timedelta(days=1), 100)
        self.assertNotIn(repair.id, [vals["repair_id"] for vals in day_before])
        [vals] = [
            vals
            for vals in self.followup_model._generate_post_repair(TODAY, 100)
            if vals["repair_id"] == repair.id
        ]
        self.assertEqual(vals["due_date"], TODAY)
        # the cron's today is the station's: 20:00 UTC is already the next morning there
        with freeze_time(datetime.combine(TODAY - timedelta(days=1), time(20, 0))):
            self.followup_model._cron_generate_followups()
        followup = self.followup_model.search([("repair_id", "=", repair.id)])
        self.assertEqual(followup.due_date, TODAY)

    def test_rule_returns_next_batch_then_nothing(self):
        repairs = self.env["repair.order"]
        for _i in range(5):
            repairs |= self._delivered_repair(self.partner, self.truck, TODAY - timedelta(days=4))
        first = self.followup_model._generate_post_repair(TODAY, 2)
        self.assertEqual(len(first), 2)
        self.followup_model._create_followups(first)
        second = self.followup_model._generate_post_repair(TODAY, 2)
        self.assertEqual(len(second), 2)
        self.assertFalse(self._keys(first) & self._keys(second), "the next batch, not the same")
        self.followup_model._create_followups(second)
        third = self.followup_model._generate_post_repair(TODAY, 2)
        self.assertEqual(len(third), 1)
        self.followup_model._create_followups(third)
        self.assertEqual(self.followup_model._generate_post_repair(TODAY, 2), [])
        self.assertEqual(self.followup_model.search_count([("repair_id", "in", repairs.ids)]), 5)

    # maintenance and inspection ---------------------------------------------

    def test_maintenance_due_within_lead_time(self):
        due_in_lead = self._vehicle(
            self.partner,
            "桂L·T0002",
            maintenance_interval_days=90,
            last_maintenance_date=TODAY + timedelta(days=7) - timedelta(days=90),
        )
        beyond_lead = self._vehicle(
            self.partner,
            "桂L·T0003",
            maintenance_interval_days=90,
            last_maintenance_date=TODAY + timedelta(days=8) - timedelta(days=90),
        )
        no_customer = self._vehicle(
            self.partner,
            "桂L·T0004",
            maintenance_interval_days=90,
            last_maintenance_date=TODAY - timedelta(days=90),
        )
        no_customer.customer_id = False
        self.assertEqual(due_in_lead.next_maintenance_date, TODAY + timedelta(days=7))
        vals_list = self.followup_model._generate_maintenance_due(TODAY, 100)
        self.assertEqual(
            self._keys(vals_list),
            {f"maintenance_due:{due_in_lead.id}:{due_in_lead.next_maintenance_date}"},
        )
        self.assertEqual(vals_list[0]["due_date"], TODAY)
        self.assertNotIn(beyond_lead.id, [vals["vehicle_id"] for vals in vals_list])
        self.followup_model._create_followups(vals_list)
        self.assertEqual(self.followup_model._generate_maintenance_due(TODAY, 100), [])
        # maintained again: the next due date makes a new occasion
        due_in_lead.last_maintenance_date = TODAY - timedelta(days=85)
        vals_list = self.followup_model._generate_maintenance_due(TODAY, 100)
        self.assertEqual(
            self._keys(vals_list),
            {f"maintenance_due:{due_in_lead.id}:{TODAY + timedelta(days=5)}"},
        )

    def test_annual_inspection_due(self):
        soon = self._vehicle(
            self.partner, "桂L·T0005", annual_inspection_date=TODAY + timedelta(days=30)
        )
        later = self._vehicle(
            self.partner, "桂L·T0006", annual_inspection_date=TODAY + timedelta(days=31)
        )
        stale = self._vehicle(
            self.partner, "桂L·T0007", annual_inspection_date=TODAY - timedelta(days=31)
        )
        vals_list = self.followup_model._generate_annual_inspection_due(TODAY, 100)
        self.assertEqual(
            self._keys(vals_list),
            {f"annual_inspection_due:{soon.id}:{soon.annual_inspection_date}"},
        )
        self.assertEqual(vals_list[0]["due_date"], TODAY)
        self.assertEqual(vals_list[0]["partner_id"], self.partner.id)
        self.assertTrue({later.id, stale.id}.isdisjoint(v["vehicle_id"] for v in vals_list))

    # findings ------------------------------------------------------------------

    def test_declined_and_deferred_findings_on_reminder_date(self):
        def finding(name, decision, reminder, **vals):
            return self.env["aftersales.finding"].create(
                {
                    "name": name,
                    "vehicle_id": self.truck.id,
                    "decision": decision,
                    "decision_date": TODAY - timedelta(days=20),
                    "reminder_date": reminder,
                    **vals,
                }
            )

        declined = finding("刹车片磨损", "declined", TODAY)
        deferred = finding("轮胎花纹浅", "deferred", TODAY - timedelta(days=2))
        finding("空滤堵塞", "pending", TODAY)
        finding("钢板弹簧断片", "declined", TODAY + timedelta(days=1))
        repair = self._delivered_repair(self.partner, self.truck, TODAY - timedelta(days=1))
        finding("水箱渗漏", "declined", TODAY, recaptured_repair_id=repair.id)
        vals_list = self.followup_model._generate_declined_finding(TODAY, 100)
        self.assertEqual(
            self._keys(vals_list),
            {
                f"declined_finding:{declined.id}:{TODAY}",
                f"declined_finding:{deferred.id}:{TODAY - timedelta(days=2)}",
            },
        )
        # the customer comes from the truck when the finding has none
        self.assertEqual({vals["partner_id"] for vals in vals_list}, {self.partner.id})
        created = self.followup_model._create_followups(vals_list)
        self.assertEqual(created.finding_id, declined | deferred)
        self.assertEqual(self.followup_model._generate_declined_finding(TODAY, 100), [])

    # usage check and churn -------------------------------------------------------

    def test_usage_check_puts_quiet_retained_customer_at_risk(self):
        quiet = self._partner("田阳鸿运 Test", last_visit_date=TODAY - timedelta(days=91))
        self._vehicle(quiet, "桂L·T0010")
        boundary = self._partner("右江运输 Test", last_visit_date=TODAY - timedelta(days=90))
        self._vehicle(boundary, "桂L·T0011")
        other_brand = self._partner("外品牌 Test", last_visit_date=TODAY - timedelta(days=200))
        self._vehicle(other_brand, "桂L·T0012", model_id=self.model_other.id)
        self.assertEqual(quiet.aftersales_segment, "retained")
        self.assertEqual(other_brand.aftersales_segment, "unknown")
        vals_list = self.followup_model._generate_usage_check(TODAY, 100)
        self.assertEqual(self._keys(vals_list), {f"usage_check:{quiet.id}:{quiet.last_visit_date}"})
        created = self.followup_model._create_followups(vals_list)
        self.assertEqual(created.followup_type, "usage_check")
        self.assertEqual(quiet.churn_state, "at_risk")
        self.assertEqual(quiet.at_risk_date, TODAY)
        self.assertEqual(boundary.churn_state, "active")
        self.assertEqual(self.followup_model._generate_usage_check(TODAY, 100), [])

    def test_cron_runs_every_rule(self):
        repair = self._delivered_repair(self.partner, self.truck, TODAY - timedelta(days=3))
        inspected = self._vehicle(
            self.partner, "桂L·T0020", annual_inspection_date=TODAY + timedelta(days=10)
        )
        quiet = self._partner("德保矿业 Test", last_visit_date=TODAY - timedelta(days=100))
        self._vehicle(quiet, "桂L·T0021")
        done = self.followup_model._cron_generate_followups(batch_size=1)
        self.assertEqual(done, 3)
        created = self.followup_model.search(
            [
                "|",
                "|",
                ("repair_id", "=", repair.id),
                ("vehicle_id", "=", inspected.id),
                ("partner_id", "=", quiet.id),
            ]
        )
        self.assertEqual(
            set(created.mapped("followup_type")),
            {"post_repair", "annual_inspection_due", "usage_check"},
        )
        self.assertEqual(self.followup_model._cron_generate_followups(batch_size=1), 0)

    def test_settings_feed_the_rules_and_refuse_bad_values(self):
        settings = self.env["res.config.settings"].create(
            {"aftersales_post_repair_delay_days": 5, "aftersales_followup_max_attempts": 4}
        )
        settings.execute()
        self.assertEqual(self.company.aftersales_post_repair_delay_days, 5)
        self.assertEqual(self.company.aftersales_followup_max_attempts, 4)
        repair = self._delivered_repair(self.partner, self.truck, TODAY - timedelta(days=4))
        self.assertNotIn(
            f"post_repair:{repair.id}",
            self._keys(self.followup_model._generate_post_repair(TODAY, 100)),
            "now due five days after delivery",
        )
        with self.assertRaises(ValidationError):
            self.company.aftersales_maintenance_lead_days = -1
        with self.assertRaises(ValidationError):
            self.company.aftersales_followup_max_attempts = 0
