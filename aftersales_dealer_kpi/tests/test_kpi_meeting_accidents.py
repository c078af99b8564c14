from datetime import datetime

from odoo import Command
from odoo.tests import tagged

from ..models.kpi_meeting import KPI_SOURCES
from .kpi_common import AftersalesKpiCommon


@tagged("post_install", "-at_install")
class TestKpiMeetingAccidents(AftersalesKpiCommon):
    """The accident-team leader's figures: arrivals, open cases, collected and unpaid fees."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        codes = KPI_SOURCES["_kpi_accident_figures"]
        cls.accident_metrics = cls.env["aftersales.kpi.metric"].search([("code", "in", codes)])
        Accident = cls.env["aftersales.accident"].with_company(cls.company)

        def accident(truck, arrival, state, billed, paid=(), company=cls.company):
            return Accident.with_company(company).create(
                {
                    "company_id": company.id,
                    "vehicle_id": truck.id,
                    "accident_date": arrival or datetime(2026, 3, 14, 6),
                    "arrival_date": arrival,
                    "state": state,
                    "amount_billed_insurer": billed,
                    "payment_ids": [
                        Command.create({"amount": amount, "payer": "insurer"}) for amount in paid
                    ],
                }
            )

        # partly paid, fully paid, arrived the week before, not arrived yet, elsewhere
        cls.partly_paid = accident(
            cls.truck_1, datetime(2026, 3, 10, 8), "repairing", 10000, [4000]
        )
        cls.fully_paid = accident(cls.truck_2, datetime(2026, 3, 12, 8), "paid", 5000, [3000, 2000])
        cls.last_week = accident(cls.truck_3, datetime(2026, 3, 3, 8), "assessment", 8000)
        cls.on_the_road = accident(cls.truck_4, False, "reported", 0)
        accident(cls.other_truck, datetime(2026, 3, 10, 8), "paid", 7000, [7000], cls.other_company)

    def test_accident_figures(self):
        meeting = self._meeting()
        meeting._compute_metric_lines(self.accident_metrics.with_user(self.manager))
        self.assertEqual(self._figure(meeting, "accident_in_count"), 2)
        self.assertEqual(self._previous(meeting, "accident_in_count"), 1)
        self.assertEqual(self._figure(meeting, "accident_collected_amount"), 9000)
        self.assertEqual(self._figure(meeting, "accident_unpaid_amount"), 6000)
        self.assertEqual(self._previous(meeting, "accident_unpaid_amount"), 8000)
        # arrived by the end of the week and neither paid nor closed
        self.assertEqual(self._figure(meeting, "accident_open_count"), 2)
