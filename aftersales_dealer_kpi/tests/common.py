from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user


class AftersalesIncentiveCommon(TransactionCase):
    """A station with graded employees, schemes of every kind and a known month
    (March 2026, in Baise's time zone)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.env.user.tz = "Asia/Shanghai"
        Grade = cls.env["aftersales.grade"]
        # Fresh tables: archive whatever grades the database already holds.
        Grade.search([]).active = False
        cls.grade_t1 = Grade.create(
            {"name": "T1", "role": "technician", "level": 1, "min_score": 0, "max_score": 70}
        )
        cls.grade_t2 = Grade.create(
            {"name": "T2", "role": "technician", "level": 2, "min_score": 70, "max_score": 85}
        )
        cls.grade_t3 = Grade.create(
            {"name": "T3", "role": "technician", "level": 3, "min_score": 85, "max_score": 100}
        )
        cls.grade_a1 = Grade.create(
            {"name": "A1", "role": "advisor", "level": 1, "min_score": 0, "max_score": 80}
        )
        cls.grade_a2 = Grade.create(
            {"name": "A2", "role": "advisor", "level": 2, "min_score": 80, "max_score": 100}
        )
        cls.grade_tl1 = Grade.create(
            {"name": "TL1", "role": "team_leader", "level": 1, "min_score": 0, "max_score": 100}
        )

        group_user = "aftersales_dealer.group_aftersales_user"
        group_manager = "aftersales_dealer.group_aftersales_manager"
        cls.user_tech_a = new_test_user(cls.env, "tech_a", groups=group_user)
        cls.user_tech_b = new_test_user(cls.env, "tech_b", groups=group_user)
        cls.user_advisor = new_test_user(cls.env, "advisor", groups=group_user)
        cls.user_manager = new_test_user(cls.env, "manager", groups=group_manager)
        Employee = cls.env["hr.employee"]
        cls.tech_a = Employee.create(
            {
                "name": "Tech A",
                "user_id": cls.user_tech_a.id,
                "aftersales_role": "technician",
                "aftersales_grade": cls.grade_t2.id,
            }
        )
        cls.tech_b = Employee.create(
            {
                "name": "Tech B",
                "user_id": cls.user_tech_b.id,
                "aftersales_role": "technician",
                "aftersales_grade": cls.grade_t1.id,
            }
        )
        cls.advisor = Employee.create(
            {
                "name": "Advisor",
                "user_id": cls.user_advisor.id,
                "aftersales_role": "advisor",
                "aftersales_grade": cls.grade_a2.id,
            }
        )
        cls.team_leader = Employee.create(
            {
                "name": "Team Leader",
                "aftersales_role": "team_leader",
                "aftersales_grade": cls.grade_tl1.id,
            }
        )
        cls.service_manager = Employee.create(
            {
                "name": "Service Manager",
                "user_id": cls.user_manager.id,
                "aftersales_role": "service_manager",
            }
        )
        cls.partner = cls.env["res.partner"].create({"name": "Baise Transport"})
        cls.service_product = cls.env["product.product"].create(
            {"name": "Labour", "type": "service", "list_price": 100.0}
        )

        Scheme = cls.env["aftersales.incentive.scheme"]
        Scheme.search([]).active = False
        cls.scheme_tech = Scheme.create(
            {
                "name": "Technician hours",
                "kind": "technician_hours",
                "role": "technician",
                "rework_deduction": 50.0,
                "parts_issue_deduction": 30.0,
                "complaint_deduction": 40.0,
                "floor_amount": 100.0,
                "rate_ids": [
                    Command.create({"grade_id": cls.grade_t1.id, "rate": 20.0}),
                    Command.create({"grade_id": cls.grade_t2.id, "rate": 30.0}),
                    Command.create({"grade_id": cls.grade_t3.id, "rate": 40.0}),
                ],
            }
        )
        cls.scheme_advisor = Scheme.create(
            {
                "name": "Advisor revenue",
                "kind": "advisor_revenue",
                "role": "advisor",
                "cap_amount": 250.0,
                "rate_ids": [
                    Command.create({"grade_id": cls.grade_a1.id, "rate": 1.0}),
                    Command.create({"grade_id": cls.grade_a2.id, "rate": 2.0}),
                ],
            }
        )
        cls.scheme_team = Scheme.create(
            {
                "name": "Team hours",
                "kind": "team_leader_hours",
                "role": "team_leader",
                "apply_manufacturer_factor": False,
                "rate_ids": [Command.create({"grade_id": cls.grade_tl1.id, "rate": 5.0})],
            }
        )
        cls.scheme_inspection = Scheme.create(
            {
                "name": "Annual inspections",
                "kind": "annual_inspection",
                "apply_manufacturer_factor": False,
                "rate_ids": [Command.create({"rate": 15.0})],
            }
        )
        cls.scheme_operations = Scheme.create(
            {
                "name": "Operations target",
                "kind": "operations_target",
                "role": "service_manager",
                "target_measure": "ro_count",
                "target_value": 2,
                "apply_manufacturer_factor": False,
                "rate_ids": [Command.create({"rate": 500.0})],
            }
        )
        cls.period = cls.env["aftersales.incentive.period"].create(
            {"date_from": "2026-03-01", "manufacturer_factor": 0.9}
        )

    @classmethod
    def _delivered_order(
        cls, delivered, labour=(), advisor_user=None, team_leader=None, revenue=0.0
    ):
        """A delivered repair order with labour lines ``(technician, hours, shares)``,
        priced so that their amounts make ``revenue``."""
        hours_sold = sum(hours for __, hours, __ in labour)
        order = cls.env["repair.order"].create(
            {
                "partner_id": cls.partner.id,
                "user_id": (advisor_user or cls.env.user).id,
                "team_leader_id": team_leader and team_leader.id,
            }
        )
        for technician, hours, shares in labour:
            cls.env["aftersales.labor.line"].create(
                {
                    "repair_id": order.id,
                    "name": "Operation",
                    "technician_id": technician.id,
                    "hours": hours,
                    "price_unit": revenue / hours_sold if revenue else 0.0,
                    "share_ids": [
                        Command.create({"employee_id": employee.id, "share": share})
                        for employee, share in shares
                    ],
                }
            )
        # received the same day, before delivery: delivery needs a reception
        values = {
            "reception_date": fields.Datetime.to_datetime(delivered).replace(hour=0, minute=0),
            "delivered_date": delivered,
        }
        order.write(values)
        return order
