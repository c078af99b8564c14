from datetime import date, datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .kpi_common import AftersalesKpiCommon

# metrics over repair orders, findings, follow-ups and customers; accidents, complaints,
# rescues and warranty claims come with their own issues and are tested in
# test_kpi_meeting_sources and test_kpi_meeting_accidents
CORE_CODES = (
    "ro_count",
    "warranty_ro_count",
    "body_paint_ro_count",
    "maintenance_first_count",
    "maintenance_routine_count",
    "preinspection_rate",
    "advisor_ro_count",
    "reminder_given_count",
    "old_parts_shown_count",
    "left_without_repair_count",
    "on_time_delivery_rate",
    "rework_count",
    "rework_rate",
    "team_on_time_delivery_rate",
    "first_time_fix_rate",
    "appointment_show_rate",
    "preinspection_declined_count",
    "inrepair_declined_count",
    "declined_recapture_rate",
    "followup_problem_count",
    "dissatisfied_count",
    "churned_customer_count",
    "new_customer_count",
    "hours_per_ro",
    "effective_labor_rate",
)


@tagged("post_install", "-at_install")
class TestKpiMeeting(AftersalesKpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.core_metrics = cls.env["aftersales.kpi.metric"].search([("code", "in", CORE_CODES)])

    def _computed(self, company=None):
        meeting = self._meeting(company)
        meeting._compute_metric_lines(self.core_metrics.with_user(self.manager))
        return meeting

    def test_metric_data_covers_design(self):
        design_codes = {
            "ro_count",
            "warranty_ro_count",
            "body_paint_ro_count",
            "maintenance_first_count",
            "maintenance_routine_count",
            "followup_problem_count",
            "dissatisfied_count",
            "churned_customer_count",
            "accident_in_count",
            "accident_open_count",
            "accident_collected_amount",
            "accident_unpaid_amount",
            "preinspection_rate",
            "rescue_count",
            "new_customer_count",
            "complaint_count",
            "complaint_resolved_count",
            "warranty_claim_count",
            "advisor_ro_count",
            "preinspection_declined_count",
            "inrepair_declined_count",
            "reminder_given_count",
            "old_parts_shown_count",
            "left_without_repair_count",
            "on_time_delivery_rate",
            "parts_sales_amount",
            "inventory_gain_loss_amount",
            "emergency_purchase_count",
            "fill_rate",
            "appointment_parts_rate",
            "rework_count",
            "rework_rate",
            "first_time_fix_rate",
            "declined_recapture_rate",
            "hours_per_ro",
            "effective_labor_rate",
            "appointment_show_rate",
        }
        self.assertLessEqual(design_codes, set(self.metrics.mapped("code")))
        rates = self.metrics.filtered(lambda metric: metric.unit == "rate")
        self.assertTrue(all(0 <= metric.target <= 1 for metric in rates))

    def test_info_clerk_figures(self):
        meeting = self._computed()
        expected = {
            "ro_count": 6,
            "warranty_ro_count": 1,
            "body_paint_ro_count": 1,
            "maintenance_first_count": 1,
            "maintenance_routine_count": 1,
            "followup_problem_count": 2,
            "dissatisfied_count": 3,
            "churned_customer_count": 1,
        }
        for code, value in expected.items():
            self.assertEqual(self._figure(meeting, code), value, code)
        # who caused the dissatisfactions
        self.assertEqual(self._figure(meeting, "dissatisfied_count", self.technician), 2)
        self.assertEqual(self._figure(meeting, "dissatisfied_count", self.receptionist), 1)

    def test_service_manager_figures(self):
        meeting = self._computed()
        self.assertAlmostEqual(self._figure(meeting, "preinspection_rate"), 4 / 6)
        # customer 4's first visit is this week; customer 2's was the week before
        self.assertEqual(self._figure(meeting, "new_customer_count"), 1)
        self.assertEqual(self._previous(meeting, "new_customer_count"), 1)

    def test_advisor_figures(self):
        meeting = self._computed()
        adv1, adv2 = self.advisor_1, self.advisor_2
        self.assertEqual(self._figure(meeting, "advisor_ro_count", adv1), 4)
        self.assertEqual(self._figure(meeting, "advisor_ro_count", adv2), 2)
        self.assertEqual(self._figure(meeting, "preinspection_declined_count"), 2)
        self.assertEqual(self._figure(meeting, "preinspection_declined_count", adv1), 1)
        self.assertEqual(self._figure(meeting, "preinspection_declined_count", adv2), 1)
        self.assertEqual(self._figure(meeting, "inrepair_declined_count", adv1), 0)
        self.assertEqual(self._figure(meeting, "inrepair_declined_count", adv2), 1)
        self.assertEqual(self._figure(meeting, "reminder_given_count", adv1), 1)
        self.assertEqual(self._figure(meeting, "old_parts_shown_count", adv1), 2)
        self.assertEqual(self._figure(meeting, "old_parts_shown_count", adv2), 0)
        self.assertEqual(self._figure(meeting, "left_without_repair_count", adv2), 1)
        self.assertEqual(self._figure(meeting, "left_without_repair_count"), 1)
        self.assertEqual(self._figure(meeting, "on_time_delivery_rate"), 0.5)
        self.assertEqual(self._figure(meeting, "on_time_delivery_rate", adv1), 0.5)
        # advisor 2 delivered nothing: the rate is empty, not zero
        self.assertIsNone(self._figure(meeting, "on_time_delivery_rate", adv2))
        line = meeting.line_ids.filtered(
            lambda line: line.metric_id.code == "on_time_delivery_rate" and line.user_id == adv2
        )
        self.assertEqual(line.value_display, "—")

    def test_team_leader_figures(self):
        meeting = self._computed()
        tl1, tl2 = self.team_leader_1, self.team_leader_2
        self.assertEqual(self._figure(meeting, "rework_count"), 1)
        self.assertAlmostEqual(self._figure(meeting, "rework_rate"), 1 / 6)
        self.assertEqual(self._figure(meeting, "rework_count", tl2), 1)
        self.assertEqual(self._figure(meeting, "rework_rate", tl1), 0.0)
        self.assertEqual(self._figure(meeting, "rework_rate", tl2), 0.5)
        self.assertEqual(self._figure(meeting, "team_on_time_delivery_rate", tl1), 0.5)
        self.assertIsNone(self._figure(meeting, "team_on_time_delivery_rate", tl2))

    def test_technical_manager_figures(self):
        meeting = self._computed()
        # truck 1 came back as a rework 3 days after its first-maintenance delivery
        self.assertAlmostEqual(self._figure(meeting, "first_time_fix_rate"), 2 / 3)
        self.assertAlmostEqual(self._previous(meeting, "first_time_fix_rate"), 1 / 2)
        self.assertAlmostEqual(self._figure(meeting, "declined_recapture_rate"), 1 / 3)
        self.assertEqual(self._figure(meeting, "hours_per_ro"), 2.0)
        self.assertEqual(self._figure(meeting, "appointment_show_rate"), 0.5)
        # 6 hours sold at 80 on the delivered orders
        self.assertEqual(self._figure(meeting, "effective_labor_rate"), 80.0)
        # nothing booked the week before: empty
        self.assertIsNone(self._previous(meeting, "appointment_show_rate"))

    def test_effective_labor_rate(self):
        # a warranty repair delivered this week adds hours but no labour revenue
        self.orders["r3"].write({"delivered_date": datetime(2026, 3, 13, 16), "state": "done"})
        meeting = self._computed()
        self.assertEqual(self._figure(meeting, "effective_labor_rate"), 480 / 10)
        self.assertEqual(self._figure(meeting, "hours_per_ro"), 10 / 4)

    def test_week_over_week_change(self):
        meeting = self._computed()
        ro_line = meeting.line_ids.filtered(
            lambda line: line.metric_id.code == "ro_count" and not line.person_name
        )
        self.assertEqual((ro_line.value, ro_line.previous_value, ro_line.change), (6, 2, 4))
        self.assertEqual(ro_line.trend, "better")
        on_time = meeting.line_ids.filtered(
            lambda line: line.metric_id.code == "on_time_delivery_rate" and not line.person_name
        )
        self.assertEqual((on_time.value, on_time.previous_value), (0.5, 1.0))
        self.assertEqual(on_time.change, -0.5)
        self.assertEqual(on_time.trend, "worse")
        self.assertEqual(on_time.change_display, "-50.0%")
        self.assertEqual(meeting.previous_date_from, date(2026, 3, 2))
        self.assertEqual(meeting.previous_date_to, date(2026, 3, 8))
        # an advisor with figures this week only still shows last week's zero
        self.assertEqual(self._previous(meeting, "advisor_ro_count", self.advisor_2), 1)

    def test_company_isolation(self):
        meeting = self._computed()
        other = self._meeting(self.other_company, user=self.env.user)
        other._compute_metric_lines(self.core_metrics)
        self.assertEqual(self._figure(meeting, "ro_count"), 6)
        self.assertEqual(self._figure(other, "ro_count"), 1)
        self.assertEqual(self._figure(other, "on_time_delivery_rate"), 0.0)
        self.assertEqual(self._figure(other, "churned_customer_count"), 1)
        self.assertEqual(self._figure(other, "dissatisfied_count"), 0)
        # a manager of one station does not see the other's meeting
        with self.assertRaises(AccessError):
            other.with_user(self.manager).read(["name"])
        self.assertFalse(
            self.env["aftersales.kpi.meeting.line"]
            .with_user(self.manager)
            .search([("meeting_id", "=", other.id)])
        )

    def test_held_meeting_keeps_figures(self):
        meeting = self._computed()
        meeting.action_done()
        self._order(
            user_id=self.advisor_1.id,
            partner_id=self.customer_1.id,
            vehicle_id=self.truck_2.id,
            reception_date=datetime(2026, 3, 12, 9),
        )
        with self.assertRaises(UserError):
            meeting.action_compute()
        self.assertEqual(self._figure(meeting, "ro_count"), 6)
        meeting.action_draft()
        meeting._compute_metric_lines(self.core_metrics)
        self.assertEqual(self._figure(meeting, "ro_count"), 7)

    def test_week_runs_from_the_station_midnight(self):
        self.company.partner_id.tz = "Asia/Shanghai"
        self.manager.tz = "UTC"  # the station's days, whoever computes the meeting
        before = self._figure(self._computed(), "ro_count")
        for reception in (
            datetime(2026, 3, 8, 23, 30),  # Monday 9 March, 07:30 in Baise: this week
            datetime(2026, 3, 15, 16, 30),  # Monday 16 March, 00:30 in Baise: next week
        ):
            self._order(
                user_id=self.advisor_1.id,
                partner_id=self.customer_1.id,
                vehicle_id=self.truck_2.id,
                reception_date=reception,
            )
        self.assertEqual(self._figure(self._computed(), "ro_count"), before + 1)

    def test_advisor_reads_but_cannot_compute(self):
        meeting = self._computed()
        self.assertTrue(meeting.with_user(self.advisor_1).line_ids)
        with self.assertRaises(AccessError):
            meeting.with_user(self.advisor_1).action_done()

    def test_period_must_not_end_before_start(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.env["aftersales.kpi.meeting"].create(
                {
                    "company_id": self.company.id,
                    "date_from": date(2026, 3, 15),
                    "date_to": date(2026, 3, 9),
                }
            )
        self.assertFalse(
            self.env["aftersales.kpi.meeting"].search([("company_id", "=", self.company.id)])
        )

    def test_rates_stay_fractions(self):
        metric = self.env.ref("aftersales_dealer_kpi.kpi_metric_fill_rate")
        with self.assertRaises(ValidationError), self.cr.savepoint():
            metric.with_user(self.manager).target = 95
        self.assertEqual(metric.target, 0.9)
        meeting = self._computed()
        line = meeting.line_ids.filtered(lambda line: line.metric_id.code == "rework_rate")[0]
        with self.assertRaises(ValidationError), self.cr.savepoint():
            line.value = 1.5
        self.assertLessEqual(line.value, 1)

    def test_query_count_does_not_grow(self):
        meeting = self._computed()
        metrics = self.core_metrics.with_user(self.manager)
        meeting.invalidate_recordset()
        with self.assertQueryCount(__system__=QUERIES, kpi_manager=QUERIES):
            meeting._compute_metric_lines(metrics)
        figures = len(meeting.line_ids)
        # ten times the orders, findings and follow-ups, by the same people
        for day in range(9, 15):
            for _i in range(10):
                self._order(
                    user_id=self.advisor_1.id,
                    team_leader_id=self.team_leader_1.id,
                    partner_id=self.customer_2.id,
                    vehicle_id=self.truck_3.id,
                    reception_date=datetime(2026, 3, day, 10),
                    delivered_date=datetime(2026, 3, day, 16),
                    promised_date=datetime(2026, 3, day, 18),
                    state="done",
                )
            self.findings[1].copy({"decision_date": date(2026, 3, day)})
            self.followups[0].copy({"done_date": date(2026, 3, day)})
        self.env.flush_all()
        meeting.invalidate_recordset()
        with self.assertQueryCount(__system__=QUERIES, kpi_manager=QUERIES):
            meeting._compute_metric_lines(metrics)
        self.assertEqual(len(meeting.line_ids), figures)
        self.assertEqual(self._figure(meeting, "ro_count"), 66)


# measured: at most 32 with warm caches once the workshop, care and insurance addons are
# in (reading the station's time zone included): per period, one grouped query per source
# and date field (orders received, delivered and booked, findings, follow-ups) and the
# churn hook; the same budget holds at ten times the records
QUERIES = 32
