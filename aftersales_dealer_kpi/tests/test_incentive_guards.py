"""Pay and approvals that cannot be gamed (issue 11): each hole, tried by the user who
would use it, is refused with a clear message and nothing is saved."""

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import AftersalesIncentiveCommon


@tagged("post_install", "-at_install")
class TestIncentiveGuards(AftersalesIncentiveCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_team_leader = new_test_user(
            cls.env, "team_leader_g", groups="aftersales_dealer.group_aftersales_user"
        )
        cls.team_leader.user_id = cls.user_team_leader
        cls.user_other_manager = new_test_user(
            cls.env, "manager_2", groups="aftersales_dealer.group_aftersales_manager"
        )
        cls.env["hr.employee"].create(
            {
                "name": "Station Head",
                "user_id": cls.user_other_manager.id,
                "aftersales_role": "service_manager",
            }
        )
        cls.user_hr_officer = new_test_user(cls.env, "hr_officer", groups="hr.group_hr_user")
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "FAW"})
        cls.truck_model = cls.env["fleet.vehicle.model"].create(
            {"name": "J6P", "brand_id": brand.id}
        )
        cls.truck = cls.env["fleet.vehicle"].create(
            {
                "model_id": cls.truck_model.id,
                "license_plate": "桂L·G0001",
                "customer_id": cls.partner.id,
            }
        )

    # ------------------------------------------------------------------ helpers
    def _refused(self, exception, regex=None):
        """assertRaises in a savepoint: the refused call leaves nothing behind."""
        return _Refused(self, exception, regex)

    def _statement(self, employee):
        return self.env["aftersales.incentive.statement"].search(
            [("employee_id", "=", employee.id), ("date_from", "=", "2026-03-01")]
        )

    def _share_order(self, delivered=True):
        """An order of the advisor and team leader: Tech A alone did 10 h."""
        order = self.env["repair.order"].create(
            {
                "partner_id": self.partner.id,
                "user_id": self.user_advisor.id,
                "team_leader_id": self.team_leader.id,
            }
        )
        line = self.env["aftersales.labor.line"].create(
            {
                "repair_id": order.id,
                "name": "Gearbox overhaul",
                "technician_id": self.tech_a.id,
                "hours": 10.0,
                "share_ids": [Command.create({"employee_id": self.tech_a.id, "share": 100.0})],
            }
        )
        if delivered:
            order.write(
                {
                    "reception_date": "2026-03-10 01:00:00",
                    "delivered_date": "2026-03-10 08:00:00",
                }
            )
        return order, line

    # ------------------------------------------------------------------ statements
    def test_paid_statement_frozen_for_everyone(self):
        self.period.action_compute_statements()
        statement = self._statement(self.tech_b)
        statement.with_user(self.user_manager).action_confirm()
        statement.with_user(self.user_manager).action_mark_paid()
        total = statement.total_amount
        manager = statement.with_user(self.user_manager)
        with self._refused(UserError, "only through its buttons"):
            manager.write({"state": "draft"})
        with self._refused(UserError, "frozen"):
            manager.write({"manufacturer_factor": 2.0})
        with self._refused(UserError, "frozen"):
            manager.line_ids[:1].write({"amount": 8000.0})
        with self._refused(UserError, "frozen"):
            manager.line_ids[:1].unlink()
        with self._refused(UserError, "cannot go back to draft"):
            manager.action_reset_draft()
        with self._refused(AccessError):
            statement.with_user(self.user_tech_b).write({"state": "draft"})
        self.assertEqual(statement.state, "paid")
        self.assertEqual(statement.total_amount, total)
        # nor can one be created already confirmed or paid
        with self._refused(UserError, "created as a draft"):
            self.env["aftersales.incentive.statement"].with_user(self.user_manager).create(
                {"employee_id": self.tech_a.id, "date_from": "2026-05-01", "state": "paid"}
            )

    def test_reopen_is_a_tracked_manager_action(self):
        self.period.action_compute_statements()
        statement = self._statement(self.tech_b)
        statement.with_user(self.user_manager).action_confirm()
        with self._refused(UserError, "after-sales manager"):
            statement.with_user(self.user_tech_b).action_reset_draft()
        statement.with_user(self.user_manager).action_reset_draft()
        self.assertEqual(statement.state, "draft")
        self.assertIn("reopened by manager", statement.message_ids[:1].body)
        # nobody confirms their own statement, even a manager
        own = self._statement(self.service_manager)
        with self._refused(UserError, "their own"):
            own.with_user(self.user_manager).action_confirm()
        self.assertEqual(own.state, "draft")
        own.with_user(self.user_other_manager).action_confirm()
        self.assertEqual(own.state, "confirmed")

    def test_manufacturer_factor_bounds_and_freeze(self):
        period = self.period.with_user(self.user_manager)
        with self._refused(ValidationError, "cannot exceed"):
            period.manufacturer_factor = 1000.0
        self.assertEqual(self.period.manufacturer_factor, 0.9)
        period.manufacturer_factor = 1.1
        period.action_compute_statements()
        self._statement(self.tech_b).with_user(self.user_manager).action_confirm()
        with self._refused(UserError, "already confirmed"):
            period.manufacturer_factor = 2.0
        with self._refused(UserError, "already confirmed"):
            period.unlink()
        self.assertEqual(self.period.manufacturer_factor, 1.1)

    # ------------------------------------------------------------------ labour shares
    def test_technician_manipulations_leave_his_statement_unchanged(self):
        order, line = self._share_order()
        draft_order, draft_line = self._share_order(delivered=False)
        self.period.action_compute_statements()
        before = self._statement(self.tech_b).total_amount
        Share = self.env["aftersales.labor.share"].with_user(self.user_tech_b)
        share_a = line.share_ids
        # 1. a share of a colleague's delivered labour for himself
        with self._refused(UserError, "delivered order"):
            Share.create({"labor_line_id": line.id, "employee_id": self.tech_b.id, "share": 100})
        # 2. the same on an order not yet delivered, where he is neither advisor nor leader
        with self._refused(AccessError, "advisor or team leader"):
            Share.create(
                {"labor_line_id": draft_line.id, "employee_id": self.tech_b.id, "share": 100}
            )
        # 3. turning a colleague's share into his own, or moving its percentage
        with self._refused(UserError, "delivered order"):
            share_a.with_user(self.user_tech_b).write({"employee_id": self.tech_b.id})
        with self._refused(UserError, "delivered order"):
            share_a.with_user(self.user_tech_b).write({"share": 10.0})
        # 4. removing the colleague's share so the split falls back elsewhere
        with self._refused(UserError, "delivered order"):
            share_a.with_user(self.user_tech_b).unlink()
        # 5. through the labour line's split field
        with self._refused(UserError, "delivered order"):
            line.with_user(self.user_tech_b).write(
                {"share_ids": [Command.create({"employee_id": self.tech_b.id, "share": 50})]}
            )
        self.assertEqual(line.share_ids, share_a)
        self.assertEqual((share_a.employee_id, share_a.share), (self.tech_a, 100.0))
        self._statement(self.tech_b).action_recompute()
        self.assertEqual(self._statement(self.tech_b).total_amount, before)
        # Not covered here: hours on a done order are locked by the core addon.

    def test_split_must_make_100_percent(self):
        __, line = self._share_order(delivered=False)
        Share = self.env["aftersales.labor.share"].with_user(self.user_advisor)
        # a direct create of a second share leaves 140 %: refused when the transaction ends
        with self._refused(ValidationError, "must make 100"):
            Share.create({"labor_line_id": line.id, "employee_id": self.tech_b.id, "share": 40})
            self.env.cr.flush()
        with self._refused(ValidationError, "must make 100"):
            line.share_ids.with_user(self.user_advisor).share = 40.0
            self.env.cr.flush()
        self.assertEqual(line.share_ids.mapped("share"), [100.0])
        # a split edited as a whole (as the form saves it) passes
        line.with_user(self.user_advisor).write(
            {
                "share_ids": [
                    Command.update(line.share_ids.id, {"share": 60.0}),
                    Command.create({"employee_id": self.tech_b.id, "share": 40.0}),
                ]
            }
        )
        self.env.cr.flush()
        self.assertEqual(sorted(line.share_ids.mapped("share")), [40.0, 60.0])
        # the advisor splits colleagues' work, never to himself
        with self._refused(AccessError, "to themselves"):
            line.with_user(self.user_advisor).write(
                {"share_ids": [Command.create({"employee_id": self.advisor.id, "share": 1})]}
            )

    def test_manager_changes_delivered_split_in_the_chatter(self):
        order, line = self._share_order()
        line.with_user(self.user_manager).write(
            {
                "share_ids": [
                    Command.update(line.share_ids.id, {"share": 70.0}),
                    Command.create({"employee_id": self.tech_b.id, "share": 30.0}),
                ]
            }
        )
        self.env.cr.flush()
        self.assertEqual(sorted(line.share_ids.mapped("share")), [30.0, 70.0])
        bodies = " ".join(order.message_ids.mapped("body"))
        self.assertIn("Labour split", bodies)
        self.assertIn("Tech B 30%", bodies)

    def test_manager_change_flags_confirmed_statements(self):
        order, line = self._share_order()
        self.period.action_compute_statements()
        statement = self._statement(self.tech_a)
        statement.with_user(self.user_manager).action_confirm()
        total = statement.total_amount
        # the technician's attempt is refused and flags nothing
        with self._refused(AccessError):
            line.with_user(self.user_tech_a).write({"hours": 20.0})
        self.assertFalse(statement.needs_review)
        # the manager's change stands, the confirmed statement is flagged, not rewritten
        line.with_user(self.user_manager).write({"hours": 12.0})
        self.assertTrue(statement.needs_review)
        self.assertEqual(statement.state, "confirmed")
        self.assertEqual(statement.total_amount, total)
        bodies = " ".join(statement.message_ids.mapped("body"))
        self.assertIn(f"{order.name}: ", bodies)
        self.assertIn("To review", bodies)
        # a change of the split flags the colleague who left it as well
        self.period.action_compute_statements()
        other = self._statement(self.tech_b)
        self.assertFalse(other.needs_review)
        line.with_user(self.user_manager).write(
            {
                "share_ids": [
                    Command.update(line.share_ids.id, {"share": 70.0}),
                    Command.create({"employee_id": self.tech_b.id, "share": 30.0}),
                ]
            }
        )
        self.env.cr.flush()
        self.assertTrue(other.needs_review)
        # the next computation of a draft clears its flag; the confirmed one keeps it
        self.period.action_compute_statements()
        self.assertFalse(other.needs_review)
        self.assertTrue(statement.needs_review)

    def test_manager_policy_change_flags_both_sellers(self):
        insurer = self.env["res.partner"].create({"name": "PICC Liuzhou", "is_insurer": True})
        policy = self.env["aftersales.insurance.policy"].create(
            {
                "name": "P-REVIEW",
                "vehicle_id": self.truck.id,
                "insurer_id": insurer.id,
                "date_start": "2026-03-05",
                "date_end": "2027-03-04",
                "sold_by_id": self.tech_a.id,
                "line_ids": [
                    Command.create(
                        {
                            "coverage_type_id": self.env.ref(
                                "aftersales_dealer_insurance.coverage_compulsory"
                            ).id,
                            "premium": 4480,
                        }
                    )
                ],
            }
        )
        policy.action_activate()
        self.period.action_compute_statements()
        statements = self._statement(self.tech_a) | self._statement(self.tech_b)
        statements.with_user(self.user_manager).action_confirm()
        with self._refused(AccessError):
            policy.with_user(self.user_tech_b).write({"sold_by_id": self.tech_b.id})
        self.assertFalse(any(statements.mapped("needs_review")))
        # the seller moves from Tech A to Tech B: both months are to review
        policy.with_user(self.user_manager).write({"sold_by_id": self.tech_b.id})
        self.assertEqual(statements.mapped("needs_review"), [True, True])
        for statement in statements:
            self.assertIn("P-REVIEW", " ".join(statement.message_ids.mapped("body")))

    def test_manager_complaint_change_flags_both_employees(self):
        complaint = self.env["aftersales.complaint"].create(
            {
                "partner_id": self.partner.id,
                "description": "Oil leak after the service",
                "complaint_date": "2026-03-12 02:00:00",
                "responsible_employee_id": self.tech_a.id,
                "resolution": "<p>Seal replaced free of charge</p>",
            }
        )
        complaint.action_resolve()
        self.period.action_compute_statements()
        statements = self._statement(self.tech_a) | self._statement(self.tech_b)
        statements.with_user(self.user_manager).action_confirm()
        with self._refused(AccessError):
            complaint.with_user(self.user_tech_a).write({"responsible_employee_id": self.tech_b.id})
        self.assertFalse(any(statements.mapped("needs_review")))
        complaint.with_user(self.user_manager).write({"responsible_employee_id": self.tech_b.id})
        self.assertEqual(statements.mapped("needs_review"), [True, True])
        for statement in statements:
            self.assertIn(complaint.name, " ".join(statement.message_ids.mapped("body")))

    # ------------------------------------------------------------------ inspections
    @freeze_time("2026-03-20 04:00:00")
    def test_inspection_credit_cannot_be_gamed(self):
        Inspection = self.env["aftersales.annual.inspection"].with_user(self.user_advisor)
        with self._refused(AccessError, "handled yourself"):
            Inspection.create(
                {"vehicle_id": self.truck.id, "date": "2026-03-18", "employee_id": self.tech_a.id}
            )
        with self._refused(ValidationError, "in the future"):
            Inspection.create({"vehicle_id": self.truck.id, "date": "2999-01-01"})
        with self._refused(ValidationError, "in the future"):
            self.env["aftersales.annual.inspection"].with_user(self.user_manager).create(
                {"vehicle_id": self.truck.id, "date": "2999-01-01", "employee_id": self.advisor.id}
            )
        with self._refused(ValidationError, "typing mistakes"):
            self.env["aftersales.annual.inspection"].with_user(self.user_manager).create(
                {"vehicle_id": self.truck.id, "date": "1900-01-01", "employee_id": self.advisor.id}
            )
        with self._refused(UserError, "older than 31 days"):
            Inspection.create({"vehicle_id": self.truck.id, "date": "2026-01-05"})
        due_before = self.truck.annual_inspection_date
        mine = Inspection.create({"vehicle_id": self.truck.id, "date": "2026-03-18"})
        self.assertEqual(mine.employee_id, self.advisor)
        self.assertNotEqual(due_before, date(3000, 1, 1))
        self.assertEqual(self.truck.annual_inspection_date, date(2027, 3, 18))
        # the same truck twice: the second would credit the same work again
        with self._refused(ValidationError, "cannot pass another"):
            Inspection.create({"vehicle_id": self.truck.id, "date": "2026-03-19"})
        # a colleague cannot take the credit, nor move the date
        theirs = self.env["aftersales.annual.inspection"].with_user(self.user_tech_a)
        with self._refused(AccessError, "only edit the inspections you handled"):
            mine.with_user(self.user_tech_a).write({"note": "mine now"})
        with self._refused(AccessError, "after-sales manager only"):
            mine.with_user(self.user_advisor).write({"employee_id": self.tech_a.id})
        with self._refused(AccessError):
            mine.with_user(self.user_advisor).unlink()
        self.assertFalse(theirs.search([("employee_id", "=", self.tech_a.id)]))
        self.assertEqual(mine.employee_id, self.advisor)

    @freeze_time("2026-04-02 04:00:00")
    def test_inspection_credit_locked_by_confirmed_statement(self):
        inspection = self.env["aftersales.annual.inspection"].create(
            {"vehicle_id": self.truck.id, "date": "2026-03-18", "employee_id": self.advisor.id}
        )
        self.period.action_compute_statements()
        statement = self._statement(self.advisor)
        statement.with_user(self.user_manager).action_confirm()
        manager = inspection.with_user(self.user_manager)
        with self._refused(UserError, "is confirmed"):
            manager.write({"employee_id": self.tech_a.id})
        with self._refused(UserError, "is confirmed"):
            manager.unlink()
        with self._refused(UserError, "is confirmed"):
            self.env["aftersales.annual.inspection"].with_user(self.user_manager).create(
                {
                    "vehicle_id": self.truck.id,
                    "date": "2026-03-01",
                    "employee_id": self.advisor.id,
                    "passed": False,
                }
            )
        self.assertEqual(inspection.employee_id, self.advisor)
        manager.write({"note": "Stamped certificate filed"})

    # ------------------------------------------------------------------ grades
    def test_grade_hidden_from_colleagues(self):
        Public = self.env["hr.employee.public"]
        with self._refused(AccessError):
            Public.with_user(self.user_tech_a).browse(self.tech_b.id).read(["aftersales_grade"])
        self.assertEqual(
            Public.with_user(self.user_tech_a).browse(self.tech_b.id).aftersales_role,
            "technician",
        )
        self.assertEqual(
            Public.with_user(self.user_manager).browse(self.tech_b.id).aftersales_grade,
            self.grade_t1,
        )
        # the employee concerned reads his own grade in his history
        with freeze_time("2026-03-20"):
            self.tech_b.aftersales_grade = self.grade_t2
        own = self.env["aftersales.grading.history"].with_user(self.user_tech_b).search([])
        self.assertEqual(own.employee_id, self.tech_b)
        self.assertIn(self.grade_t2, own.grade_id)

    def test_hr_officer_cannot_change_grade(self):
        with self._refused(AccessError, "Only an after-sales manager"):
            self.tech_b.with_user(self.user_hr_officer).write(
                {"aftersales_grade": self.grade_t3.id}
            )
        with self._refused(AccessError, "Only an after-sales manager"):
            self.env["hr.employee"].with_user(self.user_hr_officer).create(
                {"name": "New Tech", "aftersales_grade": self.grade_t3.id}
            )
        self.assertEqual(self.tech_b.aftersales_grade, self.grade_t1)
        self.tech_b.with_user(self.user_hr_officer).job_title = "Senior mechanic"
        self.assertFalse(
            self.env["aftersales.grading.history"].search([("employee_id", "=", self.tech_b.id)])
        )

    def test_no_context_flag_skips_history(self):
        employee = self.tech_b.with_user(self.user_manager).sudo()
        with freeze_time("2026-03-20"):
            employee.with_context(
                aftersales_grading_no_history=True
            ).aftersales_grade = self.grade_t3
        history = self.env["aftersales.grading.history"].search(
            [("employee_id", "=", self.tech_b.id)]
        )
        self.assertEqual(history.grade_id, self.grade_t1 | self.grade_t3)
        # tracked in the employee's chatter as well
        self.env.cr.flush()
        self.assertTrue(
            self.tech_b.message_ids.tracking_value_ids.filtered(
                lambda t: t.field_id.name == "aftersales_grade"
            )
        )

    def test_grade_history_kept(self):
        with freeze_time("2026-03-20"):
            self.tech_b.aftersales_grade = self.grade_t2
        history = self.env["aftersales.grading.history"].search(
            [("employee_id", "=", self.tech_b.id)]
        )
        self.assertEqual(len(history), 2)
        for user in (self.user_manager, self.user_tech_b):
            with self._refused(AccessError):
                history.with_user(user).unlink()
            with self._refused(AccessError):
                history.with_user(user).write({"date_from": "2020-01-01"})
            with self._refused(AccessError):
                history.with_user(user).create(
                    {
                        "employee_id": self.tech_b.id,
                        "grade_id": self.grade_t3.id,
                        "date_from": "2020-01-01",
                    }
                )
        # not even with superuser rights
        with self._refused(UserError, "cannot be deleted"):
            history.unlink()
        with self._refused(UserError, "cannot be changed"):
            history.write({"date_from": "2020-01-01"})
        self.assertEqual(len(history.exists()), 2)

    def test_approved_assessment_cannot_be_rescored(self):
        assessment = self.env["aftersales.grading.assessment"].create(
            {"employee_id": self.tech_b.id, "training_score": 72, "ability_score": 74}
        )
        with self._refused(UserError, "only through its buttons"):
            assessment.with_user(self.user_manager).write({"state": "approved"})
        with self._refused(UserError, "their own"):
            self.env["aftersales.grading.assessment"].create(
                {
                    "employee_id": self.service_manager.id,
                    "role": "technician",
                    "training_score": 90,
                    "ability_score": 90,
                }
            ).with_user(self.user_manager).action_approve()
        assessment.with_user(self.user_manager).action_approve()
        self.assertEqual(self.tech_b.aftersales_grade, self.grade_t2)
        manager = assessment.with_user(self.user_manager)
        with self._refused(UserError, "cannot be changed"):
            manager.write({"training_score": 100, "ability_score": 100})
        with self._refused(UserError, "only through its buttons"):
            manager.write({"state": "draft"})
        with self._refused(UserError, "cannot be changed"):
            manager.write({"grade_id": self.grade_t3.id})
        with self._refused(UserError, "stays in the grade history"):
            manager.action_cancel()
        with self._refused(UserError, "stays in the grade history"):
            manager.unlink()
        self.assertEqual((assessment.state, assessment.score), ("approved", 73.0))
        self.assertEqual(assessment.grade_id, self.grade_t2)
        manager.note = "<p>Re-test in six months</p>"

    # ------------------------------------------------------------------ unique rules, bounds
    def test_unique_rules_hold_with_empty_columns(self):
        Grade = self.env["aftersales.grade"].with_user(self.user_manager)
        with self._refused(ValidationError, "same role and level"):
            Grade.create({"name": "T1 bis", "role": "technician", "level": 1})
        here = Grade.create(
            {"name": "T1 here", "role": "technician", "level": 1, "company_id": self.company.id}
        )
        self.assertEqual(here.level, 1)  # a station's own grade beside the shared one
        Rate = self.env["aftersales.incentive.scheme.rate"].with_user(self.user_manager)
        default_rate = Rate.create({"scheme_id": self.scheme_tech.id, "rate": 10.0})
        with self._refused(ValidationError, "already has a rate"):
            Rate.create({"scheme_id": self.scheme_tech.id, "rate": 99.0})
        with self._refused(ValidationError, "already has a rate"):
            Rate.create({"scheme_id": self.scheme_tech.id, "grade_id": self.grade_t1.id, "rate": 1})
        Standard = self.env["aftersales.labor.standard"].with_user(self.user_manager)
        vals = {"name": "Clutch", "code": "CL-01", "hours": 2.0, "company_id": False}
        Standard.create(vals)
        with self._refused(ValidationError, "already has standard hours"):
            Standard.create(dict(vals, hours=20.0))
        self.assertEqual(Standard.search_count([("code", "=", "CL-01")]), 1)
        self.assertEqual(self.scheme_tech.rate_ids.filtered(lambda r: not r.grade_id), default_rate)

    def test_grade_in_use_not_deleted(self):
        with self._refused(UserError, "held by 1 employee"):
            self.grade_t1.with_user(self.user_manager).unlink()
        self.assertEqual(self.tech_b.aftersales_grade, self.grade_t1)
        spare = self.env["aftersales.grade"].create(
            {"name": "T9", "role": "technician", "level": 9}
        )
        spare.with_user(self.user_manager).unlink()
        self.assertFalse(spare.exists())


class _Refused:
    """Context manager: the block must raise ``exception`` (message matching ``regex``)
    and its writes are rolled back, as over RPC."""

    def __init__(self, case, exception, regex=None):
        self.case = case
        self.exception = exception
        self.regex = regex

    def __enter__(self):
        self.savepoint = self.case.env.cr.savepoint()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.savepoint.close(rollback=True)
        self.case.env.invalidate_all()
        if exc_type is None:
            self.case.fail(f"{self.exception.__name__} not raised")
        if not issubclass(exc_type, self.exception):
            return False  # an unexpected error: let it propagate
        if self.regex:
            self.case.assertRegex(str(exc), self.regex)
        return True
