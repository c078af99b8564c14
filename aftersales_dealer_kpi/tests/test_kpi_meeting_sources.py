from datetime import date, datetime

from odoo.tests import tagged

from .kpi_common import AftersalesKpiCommon

CODES = ("complaint_count", "complaint_resolved_count", "rescue_count", "warranty_claim_count")


@tagged("post_install", "-at_install")
class TestKpiMeetingSources(AftersalesKpiCommon):
    """The service manager's figures over complaints, rescues and warranty claims."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.source_metrics = cls.env["aftersales.kpi.metric"].search([("code", "in", CODES)])
        Complaint = cls.env["aftersales.complaint"].with_company(cls.company)
        base = {
            "company_id": cls.company.id,
            "partner_id": cls.customer_1.id,
            "description": "交车后制动异响",
        }
        Complaint.create(
            [
                {
                    **base,
                    "complaint_date": datetime(2026, 3, 10, 9),
                    "repair_id": cls.orders["r1"].id,
                },
                {**base, "complaint_date": datetime(2026, 3, 11, 9), "state": "cancelled"},
                {
                    **base,
                    "complaint_date": datetime(2026, 3, 3, 9),
                    "state": "resolved",
                    "resolved_date": datetime(2026, 3, 12, 9),
                },
                {
                    **base,
                    "complaint_date": datetime(2026, 3, 12, 9),
                    "state": "resolved",
                    "resolved_date": datetime(2026, 3, 13, 9),
                },
            ]
        )
        Complaint.with_company(cls.other_company).create(
            {
                **base,
                "company_id": cls.other_company.id,
                "partner_id": cls.other_customer.id,
                "complaint_date": datetime(2026, 3, 10, 9),
            }
        )
        Rescue = cls.env["aftersales.rescue"].with_company(cls.company)
        Rescue.create(
            [
                {
                    "company_id": cls.company.id,
                    "location": "G324国道 田阳段 K1820",
                    "request_date": datetime(2026, 3, 10, 2),
                },
                {
                    "company_id": cls.company.id,
                    "location": "百色城区",
                    "state": "cancel",
                    "request_date": datetime(2026, 3, 11, 2),
                },
                {
                    "company_id": cls.company.id,
                    "location": "南百高速",
                    "request_date": datetime(2026, 3, 5, 2),
                },
            ]
        )
        Claim = cls.env["aftersales.warranty.claim"]
        Claim.create(
            [
                {
                    "repair_id": cls.orders["r3"].id,
                    "state": "submitted",
                    "submitted_date": date(2026, 3, 12),
                },
                {
                    "repair_id": cls.orders["r3"].id,
                    "state": "approved",
                    "submitted_date": date(2026, 3, 6),
                },
                {"repair_id": cls.orders["r3"].id},
            ]
        )

    def test_service_manager_source_figures(self):
        meeting = self._meeting()
        meeting._compute_metric_lines(self.source_metrics.with_user(self.manager))
        self.assertEqual(self._figure(meeting, "complaint_count"), 2)
        self.assertEqual(self._figure(meeting, "complaint_resolved_count"), 2)
        self.assertEqual(self._figure(meeting, "rescue_count"), 1)
        self.assertEqual(self._previous(meeting, "rescue_count"), 1)
        self.assertEqual(self._figure(meeting, "warranty_claim_count"), 1)
        self.assertEqual(self._previous(meeting, "warranty_claim_count"), 1)

    def test_warranty_and_quality_analyses(self):
        self.env.flush_all()
        Warranty = self.env["aftersales.kpi.warranty.report"].with_user(self.manager)
        # the claims of this test's orders, whatever else the database holds
        orders = [order.id for order in self.orders.values()]
        [(claims, approval)] = Warranty._read_group(
            [("state", "!=", "draft"), ("repair_id", "in", orders)],
            [],
            ["claim_count:sum", "approval_rate:avg"],
        )
        self.assertEqual((claims, approval), (2, 1.0))
        Quality = self.env["aftersales.kpi.quality.report"].with_user(self.manager)
        [(complaints, rate)] = Quality._read_group(
            [
                ("date", ">=", "2026-03-09"),
                ("date", "<", "2026-03-16"),
                ("repair_id", "in", orders),
            ],
            [],
            ["complaint_count:sum", "complaint_rate:avg"],
        )
        self.assertEqual(complaints, 1)
        self.assertAlmostEqual(rate, 1 / 6)
