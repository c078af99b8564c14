from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common_repair import AftersalesRepairCase


@tagged("post_install", "-at_install")
class TestQualityCheck(AftersalesRepairCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.aftersales_quality_check_required = True
        cls.leader_user = new_test_user(
            cls.env,
            login="as_leader",
            name="Leader Zhao",
            groups="aftersales_dealer.group_aftersales_user",
        )
        cls.team_leader.user_id = cls.leader_user
        cls.other_leader_user = new_test_user(
            cls.env,
            login="as_leader_pan",
            name="Leader Pan",
            groups="aftersales_dealer.group_aftersales_user",
        )
        cls.other_leader = cls.env["hr.employee"].create(
            {
                "name": "Team Leader Pan",
                "aftersales_role": "team_leader",
                "user_id": cls.other_leader_user.id,
            }
        )
        cls.checklist = cls.env["aftersales.quality.check.template"].create(
            {
                "name": "Repair final check",
                "visit_type": "repair",
                "item_ids": [
                    (0, 0, {"system": "brakes", "name": "Brake test"}),
                    (0, 0, {"system": "other", "name": "Road test"}),
                ],
            }
        )

    def _finished_order(self, **values):
        with freeze_time("2026-03-02 08:00:00"):
            repair = self._new_order(visit_type="repair", **values)
            repair.action_receive()
        repair = repair.with_user(self.advisor)
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        return repair

    def _check(self, repair, checker=None, results=("pass", "pass")):
        checker = checker or self.other_leader
        # the checker fills in and signs the check as themselves
        check = (
            self.env["aftersales.quality.check"]
            .with_user(checker.user_id)
            .create({"repair_id": repair.id, "checker_id": checker.id})
        )
        self.assertEqual(check.template_id, self.checklist)
        for line, result in zip(check.line_ids, results, strict=True):
            line.write({"result": result, "note": "leak" if result == "fail" else False})
        return check

    def test_delivery_refused_without_passed_check_when_mandatory(self):
        repair = self._finished_order(technician_ids=[(6, 0, self.technician.ids)])
        with self.assertRaises(UserError, msg="final quality check"):
            repair.action_deliver()
        self.assertFalse(repair.delivered_date)

        check = self._check(repair)
        check.action_sign()
        self.assertEqual(check.state, "passed")
        self.assertTrue(repair.quality_check_done)
        self.assertEqual(repair.quality_checker_id, self.other_leader)
        repair.action_deliver()
        self.assertTrue(repair.delivered_date)

    def test_delivery_without_check_when_not_mandatory(self):
        self.company.aftersales_quality_check_required = False
        repair = self._finished_order()
        repair.action_deliver()
        self.assertTrue(repair.delivered_date)

    def test_checker_cannot_be_a_technician_of_the_order(self):
        repair = self._finished_order(technician_ids=[(6, 0, self.other_leader.ids)])
        Check = self.env["aftersales.quality.check"].with_user(self.leader_user)
        with self.assertRaises(ValidationError, msg="worked on"):
            Check.create({"repair_id": repair.id, "checker_id": self.other_leader.id})
        # nor through a labour line, nor on the order itself (the order is finished: its
        # labour is the manager's to record)
        self.env["aftersales.labor.line"].with_user(self.manager).create(
            {
                "repair_id": repair.id,
                "standard_id": self.brake_standard.id,
                "technician_id": self.team_leader.id,
                "actual_hours": 1,
            }
        )
        with self.assertRaises(ValidationError, msg="worked on"):
            Check.create({"repair_id": repair.id, "checker_id": self.team_leader.id})
        with self.assertRaises(ValidationError):
            repair.write({"quality_check_done": True, "quality_checker_id": self.team_leader.id})
        self.assertFalse(
            self.env["aftersales.quality.check"].search_count([("repair_id", "=", repair.id)])
        )
        repair.invalidate_recordset()
        self.assertFalse(repair.quality_check_done)

    def test_only_team_leader_or_inspector_signs(self):
        repair = self._finished_order()
        inspector_user = new_test_user(
            self.env, login="as_inspector", groups="aftersales_dealer.group_aftersales_user"
        )
        inspector = self.env["hr.employee"].create(
            {"name": "Inspector Lu", "user_id": inspector_user.id}
        )
        with self.assertRaises(ValidationError, msg="cannot sign"):
            self.env["aftersales.quality.check"].with_user(self.leader_user).create(
                {"repair_id": repair.id, "checker_id": inspector.id}
            )
        inspector.aftersales_quality_inspector = True
        check = self._check(repair, checker=inspector)
        check.action_sign()
        self.assertTrue(repair.quality_check_done)

    def test_failed_check_sends_back_to_repair_as_internal_rework(self):
        repair = self._finished_order()
        self.assertEqual(repair.state, "done")
        check = self._check(repair, results=("pass", "fail"))
        check.action_sign()
        self.assertEqual(check.state, "failed")
        self.assertEqual(repair.state, "under_repair")
        self.assertFalse(repair.quality_check_done)
        self.assertEqual(repair.quality_check_failed_count, 1)
        with self.assertRaises(UserError):
            repair.action_deliver()
        # a signed check is kept as it was
        with self.assertRaises(UserError):
            check.write({"checker_id": self.team_leader.id})
        with self.assertRaises(UserError):
            check.unlink()
        # fixed, checked again: passes, the failed check still counts
        repair.action_repair_end()
        second = self._check(repair)
        second.action_sign()
        self.assertTrue(repair.quality_check_done)
        self.assertEqual(repair.quality_check_failed_count, 1)
        repair.action_deliver()
        self.assertTrue(repair.delivered_date)

    def test_only_the_checker_signs(self):
        repair = self._finished_order()
        check = self._check(repair)
        with self.assertRaises(UserError):
            check.with_user(self.leader_user).action_sign()
        with self.assertRaises(UserError):
            check.with_user(self.advisor).action_sign()
        self.assertEqual(check.state, "draft")
        self.assertFalse(repair.quality_check_done)
        # the manager records a check signed on paper
        check.with_user(self.manager).action_sign()
        self.assertTrue(repair.quality_check_done)

    def test_unchecked_items_block_signing(self):
        repair = self._finished_order()
        check = self._check(repair, results=("pass", "pass"))
        check.line_ids[1].result = False
        with self.assertRaises(UserError, msg="Road test"):
            check.action_sign()
        self.assertEqual(check.state, "draft")
        self.assertFalse(repair.quality_check_done)


@tagged("post_install", "-at_install")
class TestInspectionInterval(AftersalesRepairCase):
    def test_ten_year_edge(self):
        truck = self.truck
        truck.acquisition_date = date(2016, 5, 10)
        # the day before the 10th anniversary: still the yearly interval
        self.assertEqual(truck._aftersales_next_inspection_date(date(2026, 5, 9)), date(2027, 5, 9))
        # from the anniversary: every 6 months
        self.assertEqual(
            truck._aftersales_next_inspection_date(date(2026, 5, 10)), date(2026, 11, 10)
        )

    def test_company_rules_and_validation(self):
        self.truck.acquisition_date = date(2020, 1, 1)
        self.company.write(
            {
                "aftersales_inspection_interval_months": 24,
                "aftersales_inspection_old_age_years": 5,
                "aftersales_inspection_old_interval_months": 12,
            }
        )
        self.assertEqual(
            self.truck._aftersales_next_inspection_date(date(2024, 12, 31)), date(2026, 12, 31)
        )
        self.assertEqual(
            self.truck._aftersales_next_inspection_date(date(2025, 1, 1)), date(2026, 1, 1)
        )
        with self.assertRaises(ValidationError):
            self.company.aftersales_inspection_old_interval_months = 0
        self.assertEqual(self.company.aftersales_inspection_old_interval_months, 12)


@tagged("post_install", "-at_install")
class TestAdvisorProfile(AftersalesRepairCase):
    def test_profile_visible_to_managers_only(self):
        employee = self.env["hr.employee"].create(
            {
                "name": "Advisor Wang",
                "aftersales_role": "advisor",
                "aftersales_education": "college",
                "aftersales_experience_years": 6,
                "aftersales_driving_licence": "A2",
            }
        )
        hr_officer = new_test_user(
            self.env,
            login="as_hr_officer",
            groups="aftersales_dealer.group_aftersales_user,hr.group_hr_user",
        )
        with self.assertRaises(AccessError):
            employee.with_user(hr_officer).read(["aftersales_education"])
        hr_manager = new_test_user(
            self.env,
            login="as_hr_manager",
            groups="aftersales_dealer.group_aftersales_manager,hr.group_hr_user",
        )
        values = employee.with_user(hr_manager).read(
            ["aftersales_education", "aftersales_experience_years", "aftersales_driving_licence"]
        )[0]
        self.assertEqual(
            (
                values["aftersales_education"],
                values["aftersales_experience_years"],
                values["aftersales_driving_licence"],
            ),
            ("college", 6, "A2"),
        )
        # the form shows the profile to managers only
        arch = (
            self.env["hr.employee"].with_user(hr_officer).get_views([(False, "form")])["views"]
        )["form"]["arch"]
        self.assertNotIn("aftersales_education", arch)
        arch = (
            self.env["hr.employee"].with_user(hr_manager).get_views([(False, "form")])["views"]
        )["form"]["arch"]
        self.assertIn("aftersales_education", arch)


@tagged("post_install", "-at_install")
class TestQualityCheckChinese(AftersalesRepairCase):
    def test_zh_cn_terms(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["aftersales_dealer"], ["zh_CN"], overwrite=True
        )
        Repair = self.env["repair.order"].with_context(lang="zh_CN")
        fields_zh = Repair.fields_get(["quality_check_done", "quality_checker_id"])
        self.assertEqual(fields_zh["quality_check_done"]["string"], "已竣工检验")
        self.assertEqual(fields_zh["quality_checker_id"]["string"], "竣工检验人")
        menu = self.env.ref("aftersales_dealer.aftersales_quality_check_menu")
        self.assertEqual(menu.with_context(lang="zh_CN").name, "竣工检验")
