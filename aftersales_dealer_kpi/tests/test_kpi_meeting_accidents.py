from datetime import date, datetime

from odoo import Command
from odoo.tests import tagged

from .kpi_common import AftersalesKpiCommon

CODES = (
    "accident_in_count",
    "accident_open_count",
    "accident_collected_amount",
    "accident_unpaid_amount",
)


@tagged("post_install", "-at_install")
class TestKpiMeetingAccidents(AftersalesKpiCommon):
    """The accident-team leader's figures: arrivals, open cases, and the money by the day
    it moves: collected = collections dated in the week, unpaid = billed and not collected
    when the week ends (until 18.0.1.1.0 both only looked at the cases arrived in the
    week, and showed nothing collected in a week the insurers paid for older cases)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accident_metrics = cls.env["aftersales.kpi.metric"].search([("code", "in", CODES)])
        Accident = cls.env["aftersales.accident"].with_company(cls.company)

        def accident(truck, arrival, state, insurer=0, customer=0, submitted=False, paid=()):
            return Accident.create(
                {
                    "company_id": truck.company_id.id,
                    "vehicle_id": truck.id,
                    "accident_date": arrival,
                    "arrival_date": arrival,
                    "state": state,
                    "amount_billed_insurer": insurer,
                    "amount_billed_customer": customer,
                    "claim_submitted_date": submitted,
                    "payment_ids": [
                        Command.create({"amount": amount, "payer": payer, "date": day})
                        for payer, amount, day in paid
                    ],
                }
            )

        # arrived the week before, billed on Saturday 7 March; the customer paid the
        # deductible the day before, the insurer 4,000 this week
        cls.last_week = accident(
            cls.truck_1,
            datetime(2026, 3, 3, 8),
            "claim_submitted",
            insurer=9000,
            customer=1000,
            submitted=date(2026, 3, 7),
            paid=[("customer", 1000, date(2026, 3, 6)), ("insurer", 4000, date(2026, 3, 11))],
        )
        # arrived, billed and paid in full this week
        cls.paid_this_week = accident(
            cls.truck_2,
            datetime(2026, 3, 10, 8),
            "paid",
            insurer=5000,
            submitted=date(2026, 3, 12),
            paid=[("insurer", 3000, date(2026, 3, 13)), ("insurer", 2000, date(2026, 3, 14))],
        )
        # in the workshop this week, not billed yet, an advance received
        cls.in_repair = accident(
            cls.truck_3,
            datetime(2026, 3, 12, 8),
            "repairing",
            insurer=8000,
            paid=[("insurer", 500, date(2026, 3, 12))],
        )
        # a February case the insurer paid this week
        cls.february = accident(
            cls.truck_4,
            datetime(2026, 2, 1, 8),
            "paid",
            insurer=3000,
            submitted=date(2026, 2, 10),
            paid=[("insurer", 3000, date(2026, 3, 10))],
        )
        # arrives next week; and another station's money
        accident(cls.truck_5, datetime(2026, 3, 16, 8), "assessment", insurer=2000)
        accident(
            cls.other_truck,
            datetime(2026, 3, 10, 8),
            "paid",
            insurer=7000,
            submitted=date(2026, 3, 10),
            paid=[("insurer", 7000, date(2026, 3, 11))],
        )

    def test_accident_figures(self):
        meeting = self._meeting()
        meeting._compute_metric_lines(self.accident_metrics.with_user(self.manager))
        self.assertEqual(self._figure(meeting, "accident_in_count"), 2)
        self.assertEqual(self._previous(meeting, "accident_in_count"), 1)
        # 4,000 + 3,000 + 2,000 + 500 + 3,000 collected this week, 1,000 the week before
        self.assertEqual(self._figure(meeting, "accident_collected_amount"), 12500)
        self.assertEqual(self._previous(meeting, "accident_collected_amount"), 1000)
        # billed by Sunday: 10,000 + 5,000 + 3,000; collected on those by then: 13,000
        self.assertEqual(self._figure(meeting, "accident_unpaid_amount"), 5000)
        # billed by the Sunday before: 10,000 + 3,000, of which 1,000 collected
        self.assertEqual(self._previous(meeting, "accident_unpaid_amount"), 12000)
        # arrived by the end of the week and neither paid nor closed
        self.assertEqual(self._figure(meeting, "accident_open_count"), 2)

    def test_same_money_as_collection_and_ageing_reports(self):
        meeting = self._meeting()
        meeting._compute_metric_lines(self.accident_metrics.with_user(self.manager))
        self.env.flush_all()
        [(collected,)] = self.env["aftersales.accident.payment"]._read_group(
            [
                ("company_id", "=", self.company.id),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
            ],
            [],
            ["amount:sum"],
        )
        self.assertEqual(self._figure(meeting, "accident_collected_amount"), collected)
        # nothing was collected after the week: today's ageing is the week's end balance
        [(outstanding,)] = self.env["aftersales.accident.report"]._read_group(
            [("company_id", "=", self.company.id), ("billing_date", "<=", self.date_to)],
            [],
            ["amount_outstanding:sum"],
        )
        self.assertEqual(self._figure(meeting, "accident_unpaid_amount"), outstanding)
