from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import AftersalesIncentiveCommon


@tagged("post_install", "-at_install")
class TestAftersalesGrading(AftersalesIncentiveCommon):
    def _assessment(self, employee, training, ability, effective="2026-03-16"):
        return (
            self.env["aftersales.grading.assessment"]
            .with_user(self.user_manager)
            .create(
                {
                    "employee_id": employee.id,
                    "date": "2026-03-10",
                    "effective_date": effective,
                    "training_score": training,
                    "ability_score": ability,
                }
            )
        )

    def test_grade_from_table(self):
        self.assertEqual(self._assessment(self.tech_b, 60, 70).grade_id, self.grade_t1)
        self.assertEqual(self._assessment(self.tech_b, 80, 80).grade_id, self.grade_t2)
        # On a bound the higher grade wins.
        self.assertEqual(self._assessment(self.tech_b, 85, 85).grade_id, self.grade_t3)
        self.assertEqual(self._assessment(self.advisor, 90, 90).grade_id, self.grade_a2)

    def test_overlapping_bands_refused(self):
        with self.assertRaises(ValidationError):
            self.env["aftersales.grade"].create(
                {"name": "T4", "role": "technician", "level": 4, "min_score": 95, "max_score": 100}
            )
        with self.assertRaises(ValidationError):
            self.grade_t1.max_score = 75
        with self.assertRaises(ValidationError):
            self.grade_a1.min_score = -5
        # Another role may use the same scores.
        self.env["aftersales.grade"].create(
            {"name": "C1", "role": "info_clerk", "level": 1, "min_score": 0, "max_score": 100}
        )

    def test_bad_scores_refused(self):
        with self.assertRaises(ValidationError):
            self._assessment(self.tech_b, 120, 80)
        with self.assertRaises(ValidationError):
            self._assessment(self.tech_b, 80, -1)

    def test_approval_sets_grade_from_effective_date(self):
        assessment = self._assessment(self.tech_b, 80, 80)
        with self.assertRaises(UserError):
            assessment.with_user(self.user_tech_b).action_approve()
        with freeze_time("2026-03-10"):
            assessment.with_user(self.user_manager).action_approve()
        self.assertEqual(assessment.state, "approved")
        self.assertEqual(assessment.previous_grade_id, self.grade_t1)
        # Not effective yet: the employee keeps the old grade.
        self.assertEqual(self.tech_b.aftersales_grade, self.grade_t1)
        history = self.env["aftersales.grading.history"]
        timelines = history._grade_timelines(self.tech_b)
        self.assertEqual(
            history._grade_at(timelines, self.tech_b, assessment.effective_date.replace(day=15)),
            self.grade_t1.id,
        )
        self.assertEqual(
            history._grade_at(timelines, self.tech_b, assessment.effective_date),
            self.grade_t2.id,
        )
        with freeze_time("2026-03-17"):
            self.env["aftersales.grading.assessment"]._cron_apply_effective_grades()
        self.assertEqual(self.tech_b.aftersales_grade, self.grade_t2)
        with self.assertRaises(UserError):
            assessment.training_score = 10
        with self.assertRaises(UserError):
            assessment.action_cancel()

    def test_effective_today_applies_at_once(self):
        assessment = self._assessment(self.tech_b, 90, 90, effective="2026-03-10")
        with freeze_time("2026-03-10"):
            assessment.action_approve()
        self.assertEqual(self.tech_b.aftersales_grade, self.grade_t3)

    def test_employee_reads_own_assessments_only(self):
        mine = self._assessment(self.tech_a, 80, 80)
        other = self._assessment(self.tech_b, 80, 80)
        Assessment = self.env["aftersales.grading.assessment"].with_user(self.user_tech_a)
        self.assertEqual(Assessment.search([]), mine)
        with self.assertRaises(AccessError):
            other.with_user(self.user_tech_a).read(["score"])
        with self.assertRaises(AccessError):
            mine.with_user(self.user_tech_a).write({"training_score": 100})
        manager_sees = Assessment.with_user(self.user_manager).search([])
        self.assertIn(other, manager_sees)

    def test_form_shows_grade_while_typing(self):
        form = Form(self.env["aftersales.grading.assessment"].with_user(self.user_manager))
        form.employee_id = self.tech_b
        self.assertEqual(form.role, "technician")
        # no training results yet: the manager types the score by hand
        form.training_score_manual = True
        form.training_score = 70
        form.ability_score = 76
        self.assertEqual(form.score, 73)
        self.assertEqual(form.grade_id, self.grade_t2)
        assessment = form.save()
        assessment.action_approve()
        history = (
            self.env["aftersales.grading.history"]
            .with_user(self.user_manager)
            .search([("employee_id", "=", self.tech_b.id)])
        )
        self.assertEqual(history.grade_id, self.grade_t1 | self.grade_t2)
        self.assertEqual(self.tech_b.aftersales_grading_history_ids, history)
        self.assertEqual(self.tech_b.aftersales_assessment_count, 1)

    def test_manual_grade_change_enters_history(self):
        with freeze_time("2026-03-20"):
            self.tech_b.aftersales_grade = self.grade_t2
        history = self.env["aftersales.grading.history"]
        timelines = history._grade_timelines(self.tech_b)
        day = self.tech_b.aftersales_grading_history_ids[:1].date_from
        self.assertEqual(str(day), "2026-03-20")
        before = history._grade_at(timelines, self.tech_b, day.replace(day=19))
        self.assertEqual(before, self.grade_t1.id)
        self.assertEqual(history._grade_at(timelines, self.tech_b, day), self.grade_t2.id)
