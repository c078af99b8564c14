"""A week at the station across the three addons: reception and workshop, an accident case,
the follow-up calls they give, and the weekly meeting's figures over all of it."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install", "aftersales_e2e")
class TestServiceWeek(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "E2E 解放"})
        cls.company.write(
            {
                "aftersales_own_brand_id": brand.id,
                "aftersales_post_repair_delay_days": 2,
                "aftersales_followup_max_age_days": 60,
            }
        )
        model = cls.env["fleet.vehicle.model"].create({"name": "E2E J6P", "brand_id": brand.id})
        cls.advisor = new_test_user(
            cls.env, "e2e_week_advisor", groups="aftersales_dealer.group_aftersales_user"
        )
        cls.clerk = new_test_user(
            cls.env, "e2e_week_clerk", groups="aftersales_dealer.group_aftersales_info_clerk"
        )
        cls.accident_user = new_test_user(
            cls.env, "e2e_week_accident", groups="aftersales_dealer.group_aftersales_accident"
        )
        cls.manager = new_test_user(
            cls.env, "e2e_week_manager", groups="aftersales_dealer.group_aftersales_manager"
        )
        cls.technician = cls.env["hr.employee"].create(
            {"name": "E2E 张伟", "aftersales_role": "technician"}
        )
        cls.shunda = cls.env["res.partner"].create(
            {"name": "E2E 顺达物流", "is_company": True, "phone": "0776-2881234"}
        )
        cls.owner_driver = cls.env["res.partner"].create(
            {"name": "E2E 黄建国", "mobile": "13907761234"}
        )
        cls.truck = cls.env["fleet.vehicle"].create(
            {
                "model_id": model.id,
                "customer_id": cls.shunda.id,
                "license_plate": "桂L·W0001",
                "vin_sn": "LTSTRXSJ0W2E00001",
            }
        )
        cls.walk_in_truck = cls.env["fleet.vehicle"].create(
            {"model_id": model.id, "customer_id": cls.owner_driver.id, "license_plate": "桂L·W0002"}
        )
        cls.insurer = cls.env["res.partner"].create(
            {"name": "E2E 人保财险", "is_insurer": True, "is_company": True}
        )
        cls.env["aftersales.insurance.agreement"].create(
            {
                "name": "E2E 协议",
                "insurer_id": cls.insurer.id,
                "date_start": date(2026, 1, 1),
                "direct_billing_allowed": True,
            }
        )
        policy = cls.env["aftersales.insurance.policy"].create(
            {
                "name": "E2E-POLICY-1",
                "vehicle_id": cls.truck.id,
                "insurer_id": cls.insurer.id,
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "line_ids": [
                    Command.create(
                        {
                            "coverage_type_id": cls.env.ref(
                                "aftersales_dealer_insurance.coverage_vehicle_damage"
                            ).id,
                            "premium": 9000,
                            "sum_insured": 300000,
                        }
                    )
                ],
            }
        )
        policy.action_activate()

    def _finish(self, repair):
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()

    def _figure(self, meeting, code, person=None):
        lines = meeting.line_ids.filtered(lambda line: line.metric_id.code == code)
        if person is None:
            lines = lines.filtered(lambda line: not line.user_id and not line.employee_id)
        else:
            lines = lines.filtered(lambda line: person in (line.user_id, line.employee_id))
        self.assertEqual(len(lines), 1, f"one figure of {code} for {person or 'the company'}")
        return None if lines.value_empty else lines.value

    def test_week(self):
        Repair = self.env["repair.order"].with_user(self.advisor)
        # Monday: an appointment for routine maintenance, received with a pre-inspection
        with freeze_time("2026-03-02 01:00:00"):
            maintenance = Repair.create(
                {
                    "partner_id": self.shunda.id,
                    "vehicle_id": self.truck.id,
                    "visit_type": "maintenance_routine",
                    "is_appointment": True,
                    "promised_date": datetime(2026, 3, 2, 9, 0),
                    "odometer": 120000,
                }
            )
            maintenance.action_receive()
            self.assertEqual(self.truck.last_visit_date, date(2026, 3, 2))
            self.assertEqual(self.shunda.aftersales_segment, "retained")
            finding = (
                self.env["aftersales.finding"]
                .with_user(self.advisor)
                .create(
                    {
                        "repair_id": maintenance.id,
                        "vehicle_id": self.truck.id,
                        "partner_id": self.shunda.id,
                        "name": "E2E 刹车片偏薄",
                        "stage": "pre_inspection",
                        "severity": "soon",
                        "remaining_km": 3000,
                        "remaining_days": 20,
                        "estimated_amount": 800,
                    }
                )
            )
            finding.action_decline()
            self.assertEqual(finding.reminder_date, date(2026, 3, 22))
            self.env["aftersales.labor.line"].with_user(self.advisor).create(
                {
                    "repair_id": maintenance.id,
                    "name": "E2E 例行保养",
                    "technician_id": self.technician.id,
                    "hours": 1.5,
                }
            )
            # a walk-in who leaves without repair
            walk_in = Repair.create(
                {"partner_id": self.owner_driver.id, "vehicle_id": self.walk_in_truck.id}
            )
            walk_in.action_receive()
            cancel_action = walk_in.with_user(self.manager).action_open_cancel_wizard()
            with Form(
                self.env[cancel_action["res_model"]]
                .with_user(self.manager)
                .with_context(**cancel_action["context"])
            ) as cancel_form:
                cancel_form.cancel_reason = "customer_left"
            cancel_form.record.action_confirm()
            self.assertEqual(walk_in.state, "cancel")
        with freeze_time("2026-03-02 08:00:00"):
            self._finish(maintenance)
            maintenance.action_deliver(old_parts_shown=True, reminder_given=True)
            self.assertTrue(maintenance.delivered_date <= maintenance.promised_date)
            self.assertEqual(self.truck.last_maintenance_date, date(2026, 3, 2))
            self.assertEqual(self.truck.last_maintenance_odometer, 120000)

        # Monday night: an accident reported on the hotline, towed in, repaired, claimed
        Accident = self.env["aftersales.accident"].with_user(self.accident_user)
        with freeze_time("2026-03-03 02:00:00"):
            accident = Accident.create(
                {"vehicle_id": self.truck.id, "accident_date": datetime(2026, 3, 2, 13, 30)}
            )
            self.assertTrue(accident.insured_here)
            accident.action_start_towing()
            accident.write({"tow_distance_km": 35, "tow_cost": 600})
            accident.action_arrive()
            accident.write({"assessed_amount": 20000, "claim_number": "E2E-RDAA-1"})
            accident.action_start_repair()
            accident_repair = accident.repair_ids
            self.assertEqual(accident_repair.visit_type, "accident")
            accident_repair.write({"odometer": 120300})
            accident_repair.action_receive()
            self._finish(accident_repair)
            accident_repair.action_deliver()
            accident.action_deliver()
            accident.write({"amount_billed_insurer": 18000, "amount_billed_customer": 2000})
            accident.action_submit_claim()
            self.env["aftersales.accident.payment"].with_user(self.accident_user).create(
                {"accident_id": accident.id, "payer": "customer", "amount": 2000}
            )
            self.assertEqual(accident.amount_outstanding, 18000)

        # Thursday: the daily job queues the calls; the clerk makes them
        Followup = self.env["aftersales.followup"].with_user(self.clerk)
        with freeze_time("2026-03-05 01:00:00"):
            self.env["aftersales.followup"]._cron_generate_followups()
            calls = Followup.search([("partner_id", "=", self.shunda.id)])
            by_type = {call.followup_type: call for call in calls}
            self.assertEqual(by_type["post_repair"].repair_id, maintenance)
            self.assertEqual(by_type["post_accident"].accident_id, accident)
            self.assertFalse(
                calls.filtered(
                    lambda c: c.followup_type == "post_repair" and c.repair_id == accident_repair
                ),
                "an accident repair gets the accident call, not a second one",
            )
            self.assertEqual(
                self.env["aftersales.followup"]._cron_generate_followups(), 0, "rerun: nothing new"
            )
            done_action = by_type["post_repair"].action_open_done_wizard()
            with Form(
                self.env[done_action["res_model"]]
                .with_user(self.clerk)
                .with_context(**done_action["context"])
            ) as done_form:
                done_form.satisfaction = "2"
                done_form.has_problem = True
                done_form.problem = "E2E 保养后发动机异响"
                done_form.responsible_employee_id = self.technician
                done_form.dissatisfaction_reason = "E2E 机油加注不足"
            done_form.record.action_confirm()
            self.assertEqual(by_type["post_repair"].state, "done")

        # the declined finding comes back on its reminder date
        with freeze_time("2026-03-22 01:00:00"):
            self.env["aftersales.followup"]._cron_generate_followups()
            reminder = Followup.search([("finding_id", "=", finding.id)])
            self.assertEqual(reminder.followup_type, "declined_finding")

        # the weekly meeting of 2026-03-02 .. 03-08
        with freeze_time("2026-03-09 01:00:00"):
            meeting = self.env["aftersales.kpi.meeting"].create(
                {
                    "company_id": self.company.id,
                    "date_from": date(2026, 3, 2),
                    "date_to": date(2026, 3, 8),
                }
            )
            meeting.action_compute()
        self.assertEqual(
            self._figure(meeting, "ro_count"), 2, "the walk-in who left is not counted"
        )
        self.assertEqual(self._figure(meeting, "maintenance_routine_count"), 1)
        self.assertEqual(self._figure(meeting, "preinspection_declined_count", self.advisor), 1)
        self.assertEqual(self._figure(meeting, "left_without_repair_count", self.advisor), 1)
        self.assertEqual(self._figure(meeting, "old_parts_shown_count", self.advisor), 1)
        self.assertEqual(self._figure(meeting, "reminder_given_count", self.advisor), 1)
        self.assertEqual(self._figure(meeting, "on_time_delivery_rate", self.advisor), 1.0)
        self.assertEqual(self._figure(meeting, "dissatisfied_count"), 1)
        self.assertEqual(self._figure(meeting, "dissatisfied_count", self.technician), 1)
        self.assertEqual(self._figure(meeting, "followup_problem_count"), 1)
        self.assertEqual(self._figure(meeting, "accident_in_count"), 1)
        self.assertEqual(self._figure(meeting, "accident_collected_amount"), 2000)
        self.assertEqual(self._figure(meeting, "declined_recapture_rate"), 0.0)
