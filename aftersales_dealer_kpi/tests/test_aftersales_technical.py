from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_dealer.tests.common_repair import AftersalesRepairCase


@tagged("post_install", "-at_install")
class TestAftersalesTechnical(AftersalesRepairCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tech_manager_user = new_test_user(
            cls.env,
            login="as_tech_manager",
            name="Technical Manager Ma",
            groups="aftersales_dealer.group_aftersales_manager",
        )
        cls.tech_manager = cls.env["hr.employee"].create(
            {
                "name": "Technical Manager Ma",
                "aftersales_role": "technical_manager",
                "user_id": cls.tech_manager_user.id,
            }
        )
        cls.tech_user = new_test_user(
            cls.env,
            login="as_technician",
            name="Technician Zhang",
            groups="aftersales_dealer.group_aftersales_user",
        )
        cls.technician.user_id = cls.tech_user
        cls.leader_user = new_test_user(
            cls.env,
            login="as_team_leader",
            groups="aftersales_dealer.group_aftersales_user",
        )

    # ------------------------------------------------------------------
    # tools and calibration
    # ------------------------------------------------------------------
    def _equipment(self, name, last, months=12, **values):
        return (
            self.env["maintenance.equipment"]
            .with_user(self.tech_manager_user)
            .create(
                {
                    "name": name,
                    "calibration_interval_months": months,
                    "last_calibration_date": last,
                    **values,
                }
            )
        )

    def test_equipment_due_in_the_weekly_meeting(self):
        # the technical manager's figure reads the equipment view: a tool overdue for
        # calibration by the week's end raises it by one, a tool calibrated lately does not
        today = date.today()
        monday = today - timedelta(days=today.weekday())
        metric = self.env.ref("aftersales_dealer_kpi.kpi_metric_equipment_calibration_due_count")
        meeting = (
            self.env["aftersales.kpi.meeting"]
            .with_user(self.tech_manager_user)
            .create(
                {
                    "company_id": self.company.id,
                    "date_from": monday,
                    "date_to": monday + timedelta(days=6),
                }
            )
        )

        def company_figure():
            line = meeting.line_ids.filtered(
                lambda line: line.metric_id == metric and not line.employee_id and not line.user_id
            )
            self.assertEqual(len(line), 1)
            return line.value

        meeting.action_compute()
        before = company_figure()
        self._equipment("Torque wrench 340 N·m", today - relativedelta(months=13))
        self._equipment("Diagnostic tester", today - relativedelta(months=3))
        meeting.action_compute()
        self.assertEqual(company_figure(), before + 1)

    def test_equipment_out_of_calibration_reminded_and_in_view(self):
        # the SQL view compares with PostgreSQL's own date: dates relative to today
        today = date.today()
        overdue = self._equipment("Torque wrench 340 N·m", today - relativedelta(months=13))
        due_soon = self._equipment("Brake tester", today - relativedelta(months=12, days=-10))
        fine = self._equipment("Diagnostic tester", today - relativedelta(months=3))
        self.assertEqual(overdue.next_calibration_date, today - relativedelta(months=1))
        self.assertTrue(overdue.calibration_overdue)
        self.assertFalse(due_soon.calibration_overdue)
        Equipment = self.env["maintenance.equipment"].with_user(self.tech_manager_user)
        self.assertEqual(
            Equipment.search(
                [("calibration_overdue", "=", True), ("id", "in", (overdue | due_soon | fine).ids)]
            ),
            overdue,
        )
        # the row-level view the weekly meeting reads
        self.env.flush_all()
        rows = (
            self.env["aftersales.kpi.equipment.report"]
            .with_user(self.tech_manager_user)
            .search([("equipment_id", "in", (overdue | due_soon | fine).ids)])
        )
        by_equipment = {row.equipment_id: row for row in rows}
        self.assertEqual(by_equipment[overdue].is_overdue, 1)
        self.assertEqual(by_equipment[due_soon].is_overdue, 0)
        self.assertEqual(by_equipment[due_soon].is_due_soon, 1)
        self.assertEqual(by_equipment[fine].is_due_soon, 0)

        # the cron reminds the technical manager once and opens a preventive request
        Equipment._cron_calibration_reminders()
        activity_type = self.env.ref("aftersales_dealer_kpi.mail_act_calibration_due")
        for equipment in overdue | due_soon:
            activity = equipment.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            )
            self.assertEqual(activity.user_id, self.tech_manager_user)
        self.assertFalse(fine.activity_ids)
        requests = self.env["maintenance.request"].search(
            [("equipment_id", "in", (overdue | due_soon | fine).ids)]
        )
        self.assertEqual(requests.equipment_id, overdue | due_soon)
        self.assertEqual(set(requests.mapped("maintenance_type")), {"preventive"})
        Equipment._cron_calibration_reminders()
        self.assertEqual(len(overdue.activity_ids), 1)
        self.assertEqual(
            self.env["maintenance.request"].search_count(
                [("equipment_id", "in", (overdue | due_soon).ids)]
            ),
            2,
        )
        # calibrated: closing the request records it and clears the flag
        done_stage = self.env["maintenance.stage"].search([("done", "=", True)], limit=1)
        request = requests.filtered(lambda r: r.equipment_id == overdue)
        request.with_user(self.tech_manager_user).stage_id = done_stage
        self.assertEqual(overdue.last_calibration_date, today)
        self.assertFalse(overdue.calibration_overdue)
        self.env.flush_all()
        row = self.env["aftersales.kpi.equipment.report"].search(
            [("equipment_id", "=", overdue.id)]
        )
        self.assertEqual(row.is_overdue, 0)

    def test_equipment_register_is_the_manager_s(self):
        with self.assertRaises(AccessError):
            self.env["maintenance.equipment"].with_user(self.tech_user).create(
                {"name": "Own wrench", "calibration_interval_months": 12}
            )

    def test_special_tools_and_bulletins_on_the_repair_order(self):
        other_model = self.env["fleet.vehicle.model"].create(
            {"name": "Tianlong", "brand_id": self.brand.id}
        )
        tool = self._equipment(
            "J6P diagnostic tester",
            "2026-01-01",
            is_special_tool=True,
            vehicle_model_ids=[(6, 0, self.vehicle_model.ids)],
        )
        self._equipment(
            "Tianlong tester",
            "2026-01-01",
            is_special_tool=True,
            vehicle_model_ids=[(6, 0, other_model.ids)],
        )
        bulletin = (
            self.env["aftersales.work.instruction"]
            .with_user(self.tech_manager_user)
            .create(
                {
                    "name": "EGR valve sticking",
                    "document_type": "service_bulletin",
                    "department": "service",
                    "failure": "Engine light, low power",
                    "owner_id": self.tech_manager.id,
                    "next_review_date": "2027-12-31",
                    "vehicle_model_ids": [(6, 0, self.vehicle_model.ids)],
                    "employee_ids": [(6, 0, self.technician.ids)],
                }
            )
        )
        repair = self._new_order()
        repair = repair.with_user(self.tech_user)
        self.assertEqual(repair.special_tool_ids, tool)
        self.assertEqual(repair.technical_document_ids, bulletin)
        # the technician concerned acknowledges the bulletin like a manual
        self.assertEqual(bulletin.missing_employee_ids, self.technician)
        bulletin.with_user(self.tech_user).action_acknowledge()
        self.assertFalse(bulletin.missing_employee_ids)
        bulletin.with_user(self.tech_manager_user).version = "1.1"
        self.assertEqual(bulletin.missing_employee_ids, self.technician)

    # ------------------------------------------------------------------
    # training
    # ------------------------------------------------------------------
    def _session(self, day, **values):
        return (
            self.env["aftersales.training.session"]
            .with_user(self.tech_manager_user)
            .create({"name": "Training", "topic": "product_knowledge", "date": day, **values})
        )

    def test_training_results_move_the_grading_score(self):
        employee = self.technician
        Assessment = self.env["aftersales.grading.assessment"].with_user(self.tech_manager_user)
        assessment = Assessment.create(
            {"employee_id": employee.id, "date": "2026-03-10", "ability_score": 80}
        )
        self.assertEqual((assessment.training_score, assessment.training_result_count), (0, 0))

        skill_type = self.env["hr.skill.type"].create(
            {
                "name": "Truck systems",
                "skill_ids": [(0, 0, {"name": "J6P product"})],
                "skill_level_ids": [
                    (0, 0, {"name": "Basic", "level_progress": 30}),
                    (0, 0, {"name": "Certified", "level_progress": 80}),
                ],
            }
        )
        certified = skill_type.skill_level_ids.filtered(lambda level: level.level_progress == 80)
        first = self._session(
            "2026-01-20",
            hours=3,
            skill_id=skill_type.skill_ids.id,
            skill_level_id=certified.id,
            attendance_ids=[(0, 0, {"employee_id": employee.id, "exam_taken": True, "score": 90})],
        )
        # a planned session does not count yet
        self.assertEqual(assessment.training_score, 0)
        first.action_done()
        self.assertEqual(assessment.training_score, 90)
        self.assertEqual(assessment.score, 85)
        # the passed attendee gained the session's skill
        gained = self.env["hr.employee.skill"].search([("employee_id", "=", employee.id)])
        self.assertEqual(
            (gained.skill_id, gained.skill_level_id), (skill_type.skill_ids, certified)
        )

        # a certification survey as the exam: 1 of 2 questions right is 50
        survey = self.env["survey.survey"].create(
            {
                "title": "Warranty rules exam",
                "certification": True,
                "scoring_type": "scoring_without_answers",
                "scoring_success_min": 60,
                "question_and_page_ids": [
                    (
                        0,
                        0,
                        {
                            "title": f"Question {n}",
                            "question_type": "simple_choice",
                            "suggested_answer_ids": [
                                (0, 0, {"value": "Right", "is_correct": True, "answer_score": 10}),
                                (0, 0, {"value": "Wrong", "answer_score": 0}),
                            ],
                        },
                    )
                    for n in (1, 2)
                ],
            }
        )
        q1, q2 = survey.question_ids
        employee.work_contact_id = self.env["res.partner"].create({"name": employee.name})
        attempt = self.env["survey.user_input"].create(
            {
                "survey_id": survey.id,
                "partner_id": employee.work_contact_id.id,
                "predefined_question_ids": [(6, 0, survey.question_ids.ids)],
                "state": "done",
                "user_input_line_ids": [
                    (
                        0,
                        0,
                        {
                            "question_id": q.id,
                            "answer_type": "suggestion",
                            "suggested_answer_id": a.id,
                        },
                    )
                    for q, a in (
                        (q1, q1.suggested_answer_ids.filtered("is_correct")),
                        (q2, q2.suggested_answer_ids.filtered(lambda x: not x.is_correct)),
                    )
                ],
            }
        )
        self.assertEqual(attempt.scoring_percentage, 50)
        second = self._session(
            "2026-02-10",
            topic="warranty_rules",
            survey_id=survey.id,
            attendance_ids=[(0, 0, {"employee_id": employee.id})],
        )
        second.action_fetch_exam_results()
        line = second.attendance_ids
        self.assertEqual((line.survey_user_input_id, line.score, line.passed), (attempt, 50, False))
        second.action_done()
        self.assertEqual(assessment.training_score, 70)
        self.assertEqual(assessment.training_result_count, 2)
        # a session older than 12 months before the assessment does not count
        self._session(
            "2025-03-01",
            attendance_ids=[(0, 0, {"employee_id": employee.id, "exam_taken": True, "score": 10})],
        ).action_done()
        self.assertEqual(assessment.training_score, 70)

        # the manager may set it by hand; then results no longer move it
        assessment.write({"training_score": 75})
        self.assertTrue(assessment.training_score_manual)
        line.score = 100
        self.assertEqual(assessment.training_score, 75)
        # nobody else
        with self.assertRaises(AccessError):
            assessment.with_user(self.tech_user).write({"training_score_manual": False})
        self.assertTrue(assessment.training_score_manual)

    def test_training_view_counts_hours_held(self):
        other = self.env["hr.employee"].create({"name": "Technician Liu"})
        session = self._session(
            "2026-04-02",
            hours=2,
            attendance_ids=[
                (0, 0, {"employee_id": self.technician.id}),
                (0, 0, {"employee_id": other.id, "hours": 1}),
            ],
        )
        with self.assertRaises(UserError):
            session.with_user(self.tech_user).action_done()
        session.action_done()
        self.env.flush_all()
        rows = (
            self.env["aftersales.kpi.training.report"]
            .with_user(self.tech_manager_user)
            .search([("session_id", "=", session.id)])
        )
        self.assertEqual(sum(rows.mapped("session_hours")), 2)
        self.assertEqual(sum(rows.mapped("hours")), 3)
        self.assertEqual(sum(rows.mapped("attended")), 2)

    # ------------------------------------------------------------------
    # technical problems
    # ------------------------------------------------------------------
    @freeze_time("2026-05-20")
    def test_technical_problem_to_closure(self):
        rework = self._new_order(is_rework=True)
        Problem = self.env["aftersales.technical.problem"].with_user(self.leader_user)
        action = rework.with_user(self.leader_user).action_raise_technical_problem()
        problem = Problem.with_context(**action["context"]).create(
            {"name": "Brake valve leaks come back", "deadline": "2026-05-10"}
        )
        self.assertEqual(
            (problem.source, problem.repair_id, problem.vehicle_model_id),
            ("rework", rework, self.vehicle_model),
        )
        self.assertTrue(problem.is_overdue)
        self.assertIn(problem, Problem.search([("is_overdue", "=", True)]))
        with self.assertRaises(UserError):
            problem.action_start_plan()
        self.assertEqual(problem.state, "new")
        problem.write({"root_cause": "Water in the air tanks", "corrective_plan": "<p>Drain</p>"})
        problem.action_start_plan()
        with self.assertRaises(UserError):
            problem.action_close()
        self.env.flush_all()
        row = self.env["aftersales.kpi.technical.problem.report"].search(
            [("problem_id", "=", problem.id)]
        )
        self.assertEqual((row.is_open, row.is_overdue, row.deadline_missed), (1, 1, 1))
        problem.write({"result": "No leak for a month"})
        problem.action_close()
        self.assertEqual((problem.state, problem.closed_date), ("closed", date(2026, 5, 20)))
        self.assertFalse(problem.is_overdue)
        with self.assertRaises(UserError):
            problem.write({"deadline": "2026-06-30"})
        with self.assertRaises(UserError):
            problem.action_close()
        self.env.flush_all()
        row.invalidate_recordset()
        self.assertEqual((row.is_open, row.is_overdue, row.closed_on_time), (0, 0, 0))
        self.assertEqual(row.deadline_missed, 1)

    # ------------------------------------------------------------------
    # workshop quality analysis and annual inspections
    # ------------------------------------------------------------------
    def test_workshop_quality_view_rework_and_non_genuine_share(self):
        inspector = self.env["hr.employee"].create(
            {
                "name": "Inspector Lu",
                "aftersales_quality_inspector": True,
                "user_id": self.leader_user.id,
            }
        )
        self.env["aftersales.quality.check.template"].create(
            {"name": "Final", "item_ids": [(0, 0, {"name": "Road test"})]}
        )
        genuine = self.env["product.product"].create(
            {"name": "Genuine filter", "type": "consu", "is_genuine_part": True}
        )
        with freeze_time("2026-03-02 08:00:00"):
            repair = self._new_order()
            repair.action_receive()
        for product, qty in ((genuine, 3), (self.part, 1)):
            self.env["stock.move"].with_user(self.advisor).create(
                {
                    "repair_id": repair.id,
                    "repair_line_type": "add",
                    "product_id": product.id,
                    "product_uom_qty": qty,
                }
            )
        Check = self.env["aftersales.quality.check"].with_user(self.leader_user)
        failed = Check.create({"repair_id": repair.id, "checker_id": inspector.id})
        failed.line_ids.write({"result": "fail", "note": "noise"})
        failed.action_sign()
        passed = Check.create({"repair_id": repair.id, "checker_id": inspector.id})
        passed.line_ids.write({"result": "pass"})
        passed.action_sign()
        self.env.flush_all()
        row = (
            self.env["aftersales.kpi.workshop.quality.report"]
            .with_user(self.tech_manager_user)
            .search([("repair_id", "=", repair.id)])
        )
        self.assertEqual(
            (row.quality_checked, row.quality_check_passed, row.quality_check_count),
            (1, 1, 2),
        )
        self.assertEqual((row.quality_check_failed_count, row.internal_rework), (1, 1))
        self.assertEqual((row.part_qty, row.non_genuine_qty, row.has_non_genuine), (4, 1, 1))
        self.assertAlmostEqual(row.non_genuine_share, 0.25)
        with self.assertRaises(AccessError):
            self.env["aftersales.kpi.workshop.quality.report"].with_user(self.tech_user).search([])

    def test_annual_inspection_follows_the_age_rule(self):
        old_truck = self.other_truck
        old_truck.acquisition_date = date(2016, 3, 28)
        # the day before its tenth anniversary a year on; from that day on, six months
        self.assertEqual(
            old_truck._aftersales_next_inspection_date(date(2026, 3, 27)), date(2027, 3, 27)
        )
        self.assertEqual(
            old_truck._aftersales_next_inspection_date(date(2026, 3, 28)), date(2026, 9, 28)
        )
        # a recorded inspection moves the due date by that rule, never earlier than one set;
        # the manager records it, being past the handler's month to record his own
        employee = self.env["hr.employee"].create({"name": "Advisor Lan"})
        Inspection = self.env["aftersales.annual.inspection"].with_user(self.tech_manager_user)
        old_truck.annual_inspection_date = date(2027, 3, 27)
        inspection = Inspection.create(
            {"vehicle_id": old_truck.id, "date": "2026-03-28", "employee_id": employee.id}
        )
        self.assertEqual(old_truck.annual_inspection_date, date(2027, 3, 27))
        inspection.sudo().unlink()  # the test's own record: the next one is not a duplicate
        old_truck.annual_inspection_date = False
        Inspection.create(
            {"vehicle_id": old_truck.id, "date": "2026-03-28", "employee_id": employee.id}
        )
        self.assertEqual(old_truck.annual_inspection_date, date(2026, 9, 28))

    def test_zh_cn_terms(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["aftersales_dealer_kpi"], ["zh_CN"], overwrite=True
        )
        Session = self.env["aftersales.training.session"].with_context(lang="zh_CN")
        topic = Session.fields_get(["topic"])["topic"]
        self.assertIn(("warranty_rules", "三包索赔政策"), topic["selection"])
        menu = self.env.ref("aftersales_dealer_kpi.menu_aftersales_technical")
        self.assertEqual(menu.with_context(lang="zh_CN").name, "技术管理")

    def test_company_isolation(self):
        other_company = self.env["res.company"].create({"name": "Nanning Station"})
        foreign_problem = self.env["aftersales.technical.problem"].create(
            {
                "name": "Other station's problem",
                "deadline": "2026-12-31",
                "company_id": other_company.id,
            }
        )
        foreign_session = self.env["aftersales.training.session"].create(
            {
                "name": "Other station's training",
                "topic": "etiquette",
                "company_id": other_company.id,
            }
        )
        own_problem = self.env["aftersales.technical.problem"].create(
            {"name": "Our problem", "deadline": "2026-12-31"}
        )
        Problem = self.env["aftersales.technical.problem"].with_user(self.leader_user)
        self.assertEqual(
            Problem.search([("id", "in", (foreign_problem | own_problem).ids)]), own_problem
        )
        self.assertFalse(
            self.env["aftersales.training.session"]
            .with_user(self.tech_manager_user)
            .search([("id", "=", foreign_session.id)])
        )
        self.env.flush_all()
        self.assertFalse(
            self.env["aftersales.kpi.technical.problem.report"]
            .with_user(self.tech_manager_user)
            .search([("problem_id", "=", foreign_problem.id)])
        )
        # a plain user may not delete a problem, nor hold training records
        with self.assertRaises(AccessError):
            own_problem.with_user(self.leader_user).unlink()
        with self.assertRaises(AccessError):
            self.env["aftersales.training.session"].with_user(self.leader_user).create(
                {"name": "Self-declared training", "topic": "etiquette"}
            )
