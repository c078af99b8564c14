from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common_care import TODAY, AftersalesCareCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestFollowupOutcomes(AftersalesCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls._partner("平果铝业车队 Test")
        cls.truck = cls._vehicle(cls.partner, "桂L·O0001")
        cls.repair = cls._delivered_repair(cls.partner, cls.truck, TODAY - timedelta(days=3))

    def _followup(self, followup_type="post_repair", **vals):
        return (
            self.env["aftersales.followup"]
            .with_user(self.clerk)
            .create(
                {
                    "name": "回访",
                    "followup_type": followup_type,
                    "partner_id": self.partner.id,
                    "vehicle_id": self.truck.id,
                    "repair_id": self.repair.id if followup_type == "post_repair" else False,
                    "due_date": TODAY,
                    **vals,
                }
            )
        )

    def _done_wizard(self, followup):
        action = followup.action_open_done_wizard()
        return Form(
            self.env[action["res_model"]].with_user(self.clerk).with_context(**action["context"])
        )

    def test_done_with_satisfaction(self):
        followup = self._followup()
        wizard = self._done_wizard(followup)
        wizard.satisfaction = "4"
        wizard.note = "客户满意"
        wizard.save().action_confirm()
        self.assertRecordValues(
            followup,
            [{"state": "done", "outcome": "reached", "satisfaction": 4, "done_date": TODAY}],
        )

    def test_dissatisfied_needs_why_and_records_who(self):
        followup = self._followup()
        with self.assertRaises(ValidationError):
            followup._record_done(satisfaction=2)
        self.assertEqual(followup.state, "todo", "nothing half-saved")
        wizard = self._done_wizard(followup)
        wizard.satisfaction = "1"
        wizard.has_problem = True
        wizard.problem = "后桥仍有异响"
        wizard.responsible_employee_id = self.employee
        wizard.dissatisfaction_reason = "未路试就交车"
        wizard.save().action_confirm()
        self.assertRecordValues(
            followup,
            [
                {
                    "state": "done",
                    "satisfaction": 1,
                    "has_problem": True,
                    "responsible_employee_id": self.employee.id,
                    "dissatisfaction_reason": "未路试就交车",
                }
            ],
        )

    def test_bad_input_refused(self):
        followup = self._followup()
        with self.assertRaises(ValidationError):
            followup.write({"satisfaction": 6})
        with self.assertRaises(ValidationError):
            followup.write({"satisfaction": -1})
        with self.assertRaises(ValidationError):
            followup._record_done()  # a post-repair call needs the satisfaction
        with self.assertRaises(ValidationError):
            followup._record_done(satisfaction=4, has_problem=True, problem="  ")
        with self.assertRaises(ValidationError):
            self._followup(due_date=TODAY - timedelta(days=4))  # before the delivery
        finding = self.env["aftersales.finding"].create(
            {
                "name": "制动片",
                "vehicle_id": self.truck.id,
                "decision": "declined",
                "decision_date": TODAY,
            }
        )
        with self.assertRaises(ValidationError):
            self._followup(
                "declined_finding", finding_id=finding.id, due_date=TODAY - timedelta(days=1)
            )
        followup._record_done(satisfaction=5)
        with self.assertRaises(UserError):
            followup.action_not_interested()  # already done

    def test_unreachable_retries_then_gives_up(self):
        followup = self._followup()
        followup.action_unreachable()
        self.assertRecordValues(
            followup, [{"state": "todo", "attempt_count": 1, "due_date": TODAY + timedelta(days=2)}]
        )
        followup.action_unreachable()
        self.assertRecordValues(followup, [{"state": "todo", "attempt_count": 2}])
        followup.action_unreachable()
        self.assertRecordValues(
            followup,
            [
                {
                    "state": "unreachable",
                    "outcome": "unreachable",
                    "attempt_count": 3,
                    "done_date": TODAY,
                }
            ],
        )
        followup.action_reset_to_todo()
        self.assertRecordValues(followup, [{"state": "todo", "attempt_count": 0}])

    def test_appointment_booked_creates_appointment_repair_order(self):
        followup = self._followup("maintenance_due")
        action = followup.action_book_appointment()
        appointment = self.env["repair.order"].browse(action["res_id"])
        self.assertRecordValues(
            appointment,
            [
                {
                    "is_appointment": True,
                    "partner_id": self.partner.id,
                    "vehicle_id": self.truck.id,
                    "visit_type": "maintenance_routine",
                }
            ],
        )
        self.assertRecordValues(
            followup,
            [{"state": "done", "outcome": "appointment", "appointment_repair_id": appointment.id}],
        )
        without_truck = self._followup("usage_check", vehicle_id=False)
        with self.assertRaises(UserError):
            without_truck.action_book_appointment()

    def test_not_interested(self):
        followup = self._followup("promotion")
        followup.action_not_interested()
        self.assertRecordValues(followup, [{"state": "done", "outcome": "not_interested"}])

    def test_complaint_opened_from_call(self):
        followup = self._followup(problem="交车晚了一天")
        action = followup.action_open_complaint()
        complaint = self.env["aftersales.complaint"].browse(action["res_id"])
        self.assertRecordValues(
            complaint,
            [
                {
                    "partner_id": self.partner.id,
                    "vehicle_id": self.truck.id,
                    "repair_id": self.repair.id,
                    "channel": "followup_call",
                    "followup_id": followup.id,
                    "description": "交车晚了一天",
                }
            ],
        )
        self.assertRecordValues(
            followup, [{"state": "done", "outcome": "complaint", "complaint_id": complaint.id}]
        )

    def test_overdue_search_and_opportunity(self):
        overdue = self._followup("promotion", due_date=TODAY - timedelta(days=1))
        today = self._followup("promotion")
        found = self.env["aftersales.followup"].search(
            [("is_overdue", "=", True), ("id", "in", (overdue | today).ids)]
        )
        self.assertEqual(found, overdue)
        action = today.action_create_opportunity()
        lead = self.env["crm.lead"].browse(action["res_id"])
        self.assertEqual(lead.partner_id, self.partner)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(today.opportunity_id, lead)
        with self.assertRaises(UserError):
            today.action_create_opportunity()

    def test_finding_becomes_opportunity(self):
        finding = self.env["aftersales.finding"].create(
            {"name": "货箱锈蚀，建议更换", "vehicle_id": self.truck.id, "estimated_amount": 8000}
        )
        finding.with_user(self.clerk).action_create_opportunity()
        self.assertEqual(finding.opportunity_id.partner_id, self.partner)
        self.assertEqual(finding.opportunity_id.expected_revenue, 8000)

    def test_unknown_customer_becomes_opportunity(self):
        other = self._partner("外品牌车主 Opp")
        self._vehicle(other, "桂L·O0009", model_id=self.model_other.id)
        self.assertEqual(other.aftersales_segment, "unknown")
        action = other.with_user(self.clerk).action_aftersales_create_opportunity()
        lead = self.env["crm.lead"].browse(action["res_id"])
        self.assertRecordValues(
            lead,
            [
                {
                    "partner_id": other.id,
                    "type": "opportunity",
                    "source_id": self.env.ref("aftersales_dealer.utm_source_aftersales").id,
                }
            ],
        )
