from collections import defaultdict
from datetime import timedelta

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestKpiDemo(TransactionCase):
    """The demo reads like a real station: tests/run.sh always installs it, and this checks
    that the held demo meeting shows activity for every role (it tests the demo itself)."""

    # figures the demo's history makes happen every week (see aftersales.kpi.demo), so the
    # held meeting (last week) shows them whatever the weekday the demo was installed on
    EXPECTED = {
        "info_clerk": [
            "ro_count",
            "warranty_ro_count",
            "maintenance_first_count",
            "maintenance_routine_count",
            "followup_problem_count",
            "dissatisfied_count",
        ],
        "accident_leader": [
            "accident_in_count",
            "accident_open_count",
            "accident_collected_amount",
            "accident_unpaid_amount",
        ],
        "service_manager": [
            "preinspection_rate",
            "rescue_count",
            "new_customer_count",
            "complaint_count",
            "complaint_resolved_count",
            "warranty_claim_count",
        ],
        "advisor": [
            "advisor_ro_count",
            "preinspection_declined_count",
            "inrepair_declined_count",
            "reminder_given_count",
            "old_parts_shown_count",
            "left_without_repair_count",
            "on_time_delivery_rate",
        ],
        "parts_manager": [
            "parts_sales_amount",
            "inventory_gain_loss_amount",
            "emergency_purchase_count",
            "fill_rate",
            "appointment_parts_rate",
        ],
        "team_leader": ["rework_count", "rework_rate", "team_on_time_delivery_rate"],
        "technical_manager": [
            "first_time_fix_rate",
            "declined_recapture_rate",
            "hours_per_ro",
            "effective_labor_rate",
            "appointment_show_rate",
        ],
    }

    def test_demo_station(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.currency_id, self.env.ref("base.CNY"))
        self.assertEqual(company.partner_id.tz, "Asia/Shanghai")
        self.assertEqual(company.state_id, self.env.ref("base.state_cn_GX"))
        self.assertIn("百色", company.name)

    def test_held_meeting_shows_every_role_at_work(self):
        meeting = self.env.ref("aftersales_dealer_kpi.kpi_demo_meeting_previous")
        self.assertEqual(meeting.state, "done")
        station = meeting.line_ids.filtered(lambda line: not line.user_id and not line.employee_id)
        lines = {line.metric_id.code: line for line in station}
        for role, codes in self.EXPECTED.items():
            for code in codes:
                with self.subTest(role=role, code=code):
                    line = lines.get(code)
                    self.assertTrue(line, f"no {code} figure in the held demo meeting")
                    self.assertEqual(line.role, role)
                    self.assertFalse(line.value_empty)
                    self.assertNotEqual(line.value, 0.0)
        # the weeks differ: a comparison with the week before has something to say
        moved = station.filtered(lambda line: not line.change_empty and line.change)
        self.assertGreaterEqual(len(moved), 10)

    def test_history_spans_twelve_weeks(self):
        """The dashboard's trend has a figure in each of the twelve weeks before this one."""
        company = self.env.ref("base.main_company")
        today = company._aftersales_today()
        monday = today - timedelta(days=today.weekday())
        # weeks as the station counts them, in its own time zone
        report = self.env["aftersales.kpi.service.report"].with_context(tz="Asia/Shanghai")
        groups = report._read_group(
            [
                ("company_id", "=", company.id),
                ("state", "!=", "cancel"),
                ("date", ">=", company._aftersales_day_start(monday - timedelta(weeks=12))),
                ("date", "<", company._aftersales_day_start(monday)),
            ],
            ["date:day"],
            ["order_count:sum", "labor_hours:sum"],
        )
        weeks = defaultdict(lambda: [0, 0.0])
        for day, orders, hours in groups:
            week = weeks[day - timedelta(days=day.weekday())]
            week[0] += orders
            week[1] += hours
        self.assertEqual(len(weeks), 12)
        self.assertTrue(all(orders and hours for orders, hours in weeks.values()))
        # the business moves from week to week
        self.assertGreater(len({orders for orders, _hours in weeks.values()}), 3)
