from odoo import Command
from odoo.tests import tagged

from .common import AftersalesIncentiveCommon


@tagged("post_install", "-at_install")
class TestAftersalesIncentiveQueries(AftersalesIncentiveCommon):
    """Computing a month costs the same number of queries for 5 or 50 technicians."""

    def _month_with_technicians(self, count, month):
        technicians = self.env["hr.employee"].create(
            [
                {
                    "name": f"Technician {month}-{index}",
                    "aftersales_role": "technician",
                    "aftersales_grade": (self.grade_t1 if index % 2 else self.grade_t2).id,
                }
                for index in range(count)
            ]
        )
        orders = self.env["repair.order"].create(
            [
                {"partner_id": self.partner.id, "team_leader_id": self.team_leader.id}
                for __ in technicians
            ]
        )
        self.env["aftersales.labor.line"].create(
            [
                {
                    "repair_id": order.id,
                    "name": "Brake overhaul",
                    "technician_id": technician.id,
                    "hours": 3.0,
                    "share_ids": [
                        Command.create({"employee_id": technician.id, "share": 50.0}),
                        Command.create({"employee_id": self.tech_b.id, "share": 50.0}),
                    ],
                }
                for order, technician in zip(orders, technicians, strict=True)
            ]
        )
        orders.write(
            {"reception_date": f"{month}-10 01:00:00", "delivered_date": f"{month}-10 04:00:00"}
        )
        self.env["aftersales.parts.quality.issue"].create(
            [
                {"name": "Leaking seal", "date": f"{month}-11", "employee_id": technician.id}
                for technician in technicians
            ]
        )
        return technicians

    def test_query_count_does_not_grow(self):
        small = self._month_with_technicians(5, "2026-05")
        large = self._month_with_technicians(50, "2026-06")
        Statement = self.env["aftersales.incentive.statement"]

        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=QUERIES):
            statements = Statement._generate_month(self.company, "2026-05-01")
            self.env.flush_all()
        self.assertEqual(len(statements.filtered(lambda s: s.employee_id in small)), 5)

        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=QUERIES):
            statements = Statement._generate_month(self.company, "2026-06-01")
            self.env.flush_all()
        self.assertEqual(len(statements.filtered(lambda s: s.employee_id in large)), 50)
        # Each technician: half of 3 h at the grade's rate, less one parts problem.
        odd = statements.filtered(lambda s: s.employee_id == large[1])
        self.assertAlmostEqual(odd.earning_amount, 1.5 * 20.0)
        self.assertAlmostEqual(odd.deduction_amount, -30.0)


# measured with the three addons installed: 34 for the first month, which also warms a
# few caches, 32 for the ten-times-larger second; one bound for both sizes
QUERIES = 34
