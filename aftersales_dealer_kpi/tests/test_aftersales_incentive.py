import io

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import AftersalesIncentiveCommon


@tagged("post_install", "-at_install")
class TestAftersalesIncentive(AftersalesIncentiveCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Tech A is promoted from T2 to T3 in the middle of March.
        assessment = cls.env["aftersales.grading.assessment"].create(
            {
                "employee_id": cls.tech_a.id,
                "date": "2026-03-14",
                "effective_date": "2026-03-16",
                "training_score": 90,
                "ability_score": 88,
            }
        )
        with freeze_time("2026-03-14"):
            assessment.with_user(cls.user_manager).action_approve()
        # 10 h split 60/40 before the promotion, 5 h alone after it.
        cls.order_1 = cls._delivered_order(
            "2026-03-05 04:00:00",
            labour=[(cls.tech_a, 10.0, [(cls.tech_a, 60.0), (cls.tech_b, 40.0)])],
            advisor_user=cls.user_advisor,
            team_leader=cls.team_leader,
            revenue=10000.0,
        )
        cls.order_2 = cls._delivered_order(
            "2026-03-20 04:00:00",
            labour=[(cls.tech_a, 5.0, [])],
            advisor_user=cls.user_advisor,
            team_leader=cls.team_leader,
            revenue=5000.0,
        )
        # Delivered in April (local time): not in March's pay.
        cls.order_april = cls._delivered_order(
            "2026-03-31 17:00:00",
            labour=[(cls.tech_a, 8.0, [])],
            advisor_user=cls.user_advisor,
            team_leader=cls.team_leader,
            revenue=3000.0,
        )
        cls.rework = cls.env["repair.order"].create(
            {
                "partner_id": cls.partner.id,
                "is_rework": True,
                "rework_of_id": cls.order_1.id,
                "rework_employee_id": cls.tech_a.id,
            }
        )
        cls.rework.reception_date = "2026-03-25 02:00:00"
        cls.env["aftersales.parts.quality.issue"].create(
            {"name": "Wrong filter", "date": "2026-03-12", "employee_id": cls.tech_a.id}
        )
        truck_model = cls.env["fleet.vehicle.model"].create(
            {
                "name": "J6P",
                "brand_id": cls.env["fleet.vehicle.model.brand"].create({"name": "FAW"}).id,
            }
        )
        # one truck per inspection: a truck passes once a year (twice past ten years)
        Inspection = cls.env["aftersales.annual.inspection"]
        for plate, day in (
            ("桂L12344", "2026-03-03"),
            ("桂L12345", "2026-03-28"),
            ("桂L12346", "2026-02-27"),
        ):
            vehicle = cls.env["fleet.vehicle"].create(
                {"model_id": truck_model.id, "license_plate": plate, "customer_id": cls.partner.id}
            )
            Inspection.create(
                {"vehicle_id": vehicle.id, "date": day, "employee_id": cls.advisor.id}
            )
            if day == "2026-03-28":
                cls.vehicle = vehicle

    def _statement(self, employee):
        return self.env["aftersales.incentive.statement"].search(
            [("employee_id", "=", employee.id), ("date_from", "=", "2026-03-01")]
        )

    def _lines(self, statement, scheme, line_type="earning"):
        return statement.line_ids.filtered(
            lambda line: line.scheme_id == scheme and line.line_type == line_type
        )

    def test_known_month_every_kind(self):
        self.period.with_user(self.user_manager).action_compute_statements()

        # Technician A: 6 h at T2 (30) before the promotion, 5 h at T3 (40) after.
        tech_a = self._statement(self.tech_a)
        earnings = self._lines(tech_a, self.scheme_tech).sorted("rate")
        self.assertEqual(earnings.mapped("grade_id"), self.grade_t2 | self.grade_t3)
        self.assertEqual(earnings.mapped("basis"), [6.0, 5.0])
        self.assertEqual(earnings.mapped("amount"), [180.0, 200.0])
        self.assertIn(self.order_1.name, earnings[0].source_ref)
        self.assertNotIn(self.order_april.name, earnings[1].source_ref)
        factor = self._lines(tech_a, self.scheme_tech, "factor")
        self.assertAlmostEqual(factor.amount, 380.0 * 0.9 - 380.0)
        deductions = self._lines(tech_a, self.scheme_tech, "deduction")
        self.assertEqual(sorted(deductions.mapped("amount")), [-50.0, -30.0])
        self.assertIn(self.rework.name, " ".join(deductions.mapped("source_ref")))
        self.assertAlmostEqual(tech_a.earning_amount, 380.0)
        self.assertAlmostEqual(tech_a.deduction_amount, -80.0)
        self.assertAlmostEqual(tech_a.total_amount, 342.0 - 80.0)

        # Technician B: 4 h of the split at T1 (20) = 80, x 0.9 = 72, raised to the floor.
        tech_b = self._statement(self.tech_b)
        earning = self._lines(tech_b, self.scheme_tech)
        self.assertEqual((earning.basis, earning.rate, earning.amount), (4.0, 20.0, 80.0))
        self.assertAlmostEqual(self._lines(tech_b, self.scheme_tech, "floor").amount, 28.0)
        self.assertAlmostEqual(tech_b.total_amount, 100.0)

        # Advisor: 2 % of 15 000 delivered = 300, x 0.9 = 270, capped at 250;
        # plus 2 inspections in March at 15.
        advisor = self._statement(self.advisor)
        revenue = self._lines(advisor, self.scheme_advisor)
        self.assertEqual((revenue.basis, revenue.rate, revenue.amount), (15000.0, 2.0, 300.0))
        self.assertAlmostEqual(self._lines(advisor, self.scheme_advisor, "factor").amount, -30.0)
        self.assertAlmostEqual(self._lines(advisor, self.scheme_advisor, "cap").amount, -20.0)
        inspections = self._lines(advisor, self.scheme_inspection)
        self.assertEqual((inspections.basis, inspections.amount), (2.0, 30.0))
        self.assertAlmostEqual(advisor.total_amount, 280.0)

        # Team leader: the team's 15 h at 5, no factor.
        leader = self._statement(self.team_leader)
        self.assertEqual(leader.line_ids.mapped("basis"), [15.0])
        self.assertAlmostEqual(leader.total_amount, 75.0)

        # Service manager: 2 orders delivered, target 2 met: one bonus of 500.
        manager = self._statement(self.service_manager)
        self.assertEqual(manager.line_ids.mapped("amount"), [500.0])

        # Every earning is exactly basis x rate.
        for line in (tech_a | tech_b | advisor | leader | manager).line_ids.filtered(
            lambda line: line.line_type == "earning"
        ):
            self.assertAlmostEqual(line.amount, line._check_amount_rule())

    def test_target_missed_pays_nothing(self):
        self.scheme_operations.target_value = 3
        self.period.action_compute_statements()
        manager = self._statement(self.service_manager)
        self.assertEqual(manager.line_ids.mapped("basis"), [0.0])
        self.assertEqual(manager.total_amount, 0.0)

    def test_recompute_draft_then_freeze(self):
        self.period.action_compute_statements()
        statement = self._statement(self.tech_b)
        self.assertAlmostEqual(statement.earning_amount, 80.0)
        # More work, more pay: a new order recomputes the draft.
        self._delivered_order("2026-03-22 04:00:00", labour=[(self.tech_b, 10.0, [])])
        statement.action_recompute()
        self.assertAlmostEqual(statement.earning_amount, 280.0)

        with self.assertRaises(UserError):
            statement.with_user(self.user_tech_b).action_confirm()
        statement.with_user(self.user_manager).action_confirm()
        self.assertEqual(statement.state, "confirmed")
        self.assertEqual(statement.confirmed_by_id, self.user_manager)
        self._delivered_order("2026-03-23 04:00:00", labour=[(self.tech_b, 10.0, [])])
        with self.assertRaises(UserError):
            statement.action_recompute()
        with self.assertRaises(UserError):
            statement.line_ids[0].amount = 1_000_000.0
        with self.assertRaises(UserError):
            statement.write({"manufacturer_factor": 2.0})
        with self.assertRaises(UserError):
            statement.unlink()
        # Recomputing the month leaves the confirmed statement as it was.
        self.period.action_compute_statements()
        self.assertAlmostEqual(statement.earning_amount, 280.0)
        statement.with_user(self.user_manager).action_mark_paid()
        self.assertEqual(statement.state, "paid")
        with self.assertRaises(UserError):
            statement.with_user(self.user_manager).action_reset_draft()

    def test_bad_input_refused(self):
        with self.assertRaises(ValidationError):
            self.scheme_tech.rate_ids[0].rate = -5.0
        with self.assertRaises(ValidationError):
            self.env["aftersales.incentive.scheme.rate"].create(
                {"scheme_id": self.scheme_team.id, "rate": -1.0}
            )
        with self.assertRaises(ValidationError):
            self.period.manufacturer_factor = -0.1
        with self.assertRaises(ValidationError):
            self.scheme_advisor.rework_deduction = -10.0
        with self.assertRaises(ValidationError):
            self.scheme_advisor.floor_amount = 300.0  # above its cap of 250
        with self.assertRaises(ValidationError):
            self._delivered_order(
                "2026-03-05 04:00:00",
                labour=[(self.tech_a, 4.0, [(self.tech_a, 50.0), (self.tech_b, 30.0)])],
            )

    def test_access_own_statements_only(self):
        self.period.action_compute_statements()
        mine = self._statement(self.tech_a)
        other = self._statement(self.tech_b)
        Statement = self.env["aftersales.incentive.statement"].with_user(self.user_tech_a)
        visible = Statement.search([("date_from", "=", "2026-03-01")])
        self.assertEqual(visible, mine)
        self.assertTrue(mine.with_user(self.user_tech_a).line_ids)
        with self.assertRaises(AccessError):
            other.with_user(self.user_tech_a).read(["total_amount"])
        with self.assertRaises(AccessError):
            mine.with_user(self.user_tech_a).write({"paid_date": "2026-04-05"})
        lines = (
            self.env["aftersales.incentive.statement.line"].with_user(self.user_tech_a).search([])
        )
        self.assertEqual(lines.statement_id, mine)
        # Managers read and confirm everybody's.
        all_visible = Statement.with_user(self.user_manager).search(
            [("date_from", "=", "2026-03-01")]
        )
        self.assertIn(other, all_visible)
        other.with_user(self.user_manager).action_confirm()
        self.assertEqual(other.state, "confirmed")

    def test_other_company_invisible(self):
        company_b = self.env["res.company"].create({"name": "Nanning Station"})
        employee_b = self.env["hr.employee"].create(
            {"name": "Tech Nanning", "company_id": company_b.id, "aftersales_role": "technician"}
        )
        statement_b = self.env["aftersales.incentive.statement"].create(
            {"employee_id": employee_b.id, "company_id": company_b.id, "date_from": "2026-03-01"}
        )
        manager = new_test_user(
            self.env,
            "manager_a_only",
            groups="aftersales_dealer.group_aftersales_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        found = self.env["aftersales.incentive.statement"].with_user(manager).search([])
        self.assertNotIn(statement_b, found)
        with self.assertRaises(AccessError):
            statement_b.with_user(manager).read(["total_amount"])

    def test_xlsx_export_for_payroll(self):
        self.period.action_compute_statements()
        statements = self.period.statement_ids
        content = statements._export_xlsx_content()
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        summary = workbook.worksheets[0]
        rows = list(summary.iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(rows), len(statements))
        by_employee = {row[1]: row for row in rows}
        self.assertEqual(by_employee["Tech B"][0], "2026-03")
        self.assertAlmostEqual(by_employee["Tech B"][6], 100.0)
        self.assertAlmostEqual(by_employee["Advisor"][6], 280.0)
        detail_rows = list(workbook.worksheets[1].iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(detail_rows), len(statements.line_ids))
        tech_b_rows = {row[3]: row[6] for row in detail_rows if row[1] == "Tech B"}
        self.assertEqual(tech_b_rows["Technician hours - T1"], 80.0)
        self.assertAlmostEqual(tech_b_rows["Floor"], 28.0)
        action = self.period.with_user(self.user_manager).action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")

    def test_inspection_moves_next_due_date(self):
        self.assertEqual(str(self.vehicle.annual_inspection_date), "2027-03-28")

    def test_cron_computes_last_month_drafts(self):
        with freeze_time("2026-04-03"):
            self.env["aftersales.incentive.period"]._cron_compute_last_month()
        statement = self.env["aftersales.incentive.statement"].search(
            [("employee_id", "=", self.tech_b.id), ("date_from", "=", "2026-03-01")]
        )
        self.assertAlmostEqual(statement.total_amount, 100.0)
        with self.assertRaises(UserError):
            statement.with_user(self.user_tech_b).action_recompute()


@tagged("post_install", "-at_install")
class TestAftersalesIncentiveParallelSources(AftersalesIncentiveCommon):
    """Pay sources from the other addons' documents: insurance policies, complaints."""

    def test_insurance_premium_share(self):
        insurer = self.env["res.partner"].create({"name": "PICC Baise", "is_insurer": True})
        vehicle = self.env["fleet.vehicle"].create(
            {
                "model_id": self.env["fleet.vehicle.model"]
                .create(
                    {
                        "name": "J7",
                        "brand_id": self.env["fleet.vehicle.model.brand"]
                        .create({"name": "FAW"})
                        .id,
                    }
                )
                .id,
                "customer_id": self.partner.id,
            }
        )
        scheme = self.env["aftersales.incentive.scheme"].create(
            {
                "name": "Insurance",
                "kind": "insurance_premium",
                "apply_manufacturer_factor": False,
                "rate_ids": [
                    Command.create({"rate": 3.0}),
                    Command.create({"coverage_code": "compulsory", "rate": 0.5}),
                ],
            }
        )
        coverage = self.env["aftersales.insurance.coverage.type"]
        policy = self.env["aftersales.insurance.policy"].create(
            {
                "name": "PDAA2026450000001",
                "vehicle_id": vehicle.id,
                "partner_id": self.partner.id,
                "insurer_id": insurer.id,
                "date_start": "2026-03-08",
                "date_end": "2027-03-07",
                "sold_by_id": self.advisor.id,
                "line_ids": [
                    Command.create(
                        {
                            "coverage_type_id": coverage.search([("code", "=", "compulsory")]).id,
                            "premium": 950.0,
                        }
                    ),
                    Command.create(
                        {
                            "coverage_type_id": coverage.search(
                                [("code", "=", "vehicle_damage")]
                            ).id,
                            "premium": 7050.0,
                        }
                    ),
                ],
            }
        )
        policy.action_activate()
        self.period.action_compute_statements()
        statement = self.env["aftersales.incentive.statement"].search(
            [("employee_id", "=", self.advisor.id), ("date_from", "=", "2026-03-01")]
        )
        lines = statement.line_ids.filtered(lambda line: line.scheme_id == scheme)
        by_rate = {line.rate: (line.basis, line.amount) for line in lines}
        # Compulsory cover at its own 0.5 %, the rest at the scheme's 3 %.
        self.assertEqual(by_rate, {0.5: (950.0, 4.75), 3.0: (7050.0, 211.5)})
        self.assertIn(policy.name, lines[0].source_ref)

    def test_upheld_complaint_deduction(self):
        Complaint = self.env["aftersales.complaint"]
        values = {
            "partner_id": self.partner.id,
            "description": "Brake noise again after the repair",
            "responsible_employee_id": self.tech_a.id,
        }
        Complaint.create(dict(values, complaint_date="2026-03-18 03:00:00"))
        Complaint.create(dict(values, complaint_date="2026-03-19 03:00:00")).action_cancel()
        Complaint.create(dict(values, complaint_date="2026-04-02 03:00:00"))
        self.period.action_compute_statements()
        statement = self.env["aftersales.incentive.statement"].search(
            [("employee_id", "=", self.tech_a.id), ("date_from", "=", "2026-03-01")]
        )
        complaints = statement.line_ids.filtered(
            lambda line: line.line_type == "deduction" and line.rate == -40.0
        )
        # One upheld complaint in March: the cancelled one and April's do not count.
        self.assertEqual((complaints.basis, complaints.amount), (1.0, -40.0))
