"""A held weekly meeting keeps the figures it was presented with (issue 11)."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestKpiMeetingGuards(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "百色解放服务站 (guards)"})
        companies = [Command.set(cls.company.ids)]
        cls.manager = new_test_user(
            cls.env,
            "guard_manager",
            groups="aftersales_dealer.group_aftersales_manager",
            company_id=cls.company.id,
            company_ids=companies,
        )
        cls.advisor = new_test_user(
            cls.env,
            "guard_advisor",
            groups="aftersales_dealer.group_aftersales_user",
            company_id=cls.company.id,
            company_ids=companies,
        )
        cls.metric = cls.env["aftersales.kpi.metric"].create(
            {
                "code": "guard_metric",
                "name": "Guard figure",
                "role": "service_manager",
                "source_model": "aftersales.kpi.service.report",
                "date_field": "date",
                "aggregate": "count",
            }
        )
        Meeting = cls.env["aftersales.kpi.meeting"].with_user(cls.manager)
        cls.meeting = Meeting.create(
            {"company_id": cls.company.id, "date_from": "2026-03-09", "date_to": "2026-03-15"}
        )
        cls.line = (
            cls.env["aftersales.kpi.meeting.line"]
            .with_user(cls.manager)
            .create(
                {
                    "meeting_id": cls.meeting.id,
                    "company_id": cls.company.id,
                    "metric_id": cls.metric.id,
                    "value": 6.0,
                }
            )
        )
        cls.meeting.computed_on = fields.Datetime.now()

    def _hold(self, meeting=None):
        (meeting or self.meeting).with_user(self.manager).action_done()

    def test_held_meeting_frozen_even_for_a_manager(self):
        self._hold()
        meeting = self.meeting.with_user(self.manager)
        line = self.line.with_user(self.manager)
        for vals in (
            {"date_from": "2026-03-02"},
            {"company_id": self.env.company.id},
            {"line_ids": [Command.update(self.line.id, {"value": 60.0})]},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                meeting.write(vals)
        with self.assertRaises(UserError):
            line.write({"value": 60.0})
        with self.assertRaises(UserError):
            line.unlink()
        with self.assertRaises(UserError):
            line.create(
                {
                    "meeting_id": self.meeting.id,
                    "company_id": self.company.id,
                    "metric_id": self.metric.id,
                    "user_id": self.advisor.id,
                    "value": 1.0,
                }
            )
        with self.assertRaises(UserError):
            meeting.unlink()
        with self.assertRaises(UserError):
            meeting.write({"state": "draft"})  # reopening is an action, not a write
        self.assertEqual(
            (self.meeting.state, self.meeting.date_from, self.line.value),
            ("done", date(2026, 3, 9), 6.0),
        )
        self.assertEqual(len(self.meeting.line_ids), 1)
        # the minutes stay open
        meeting.notes = "<p>Rework: two trucks, the team leader reports next week.</p>"
        self.assertIn("Rework", self.meeting.notes)

    def test_reopen_is_a_tracked_manager_action(self):
        self._hold()
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.advisor).action_draft()
        self.assertEqual(self.meeting.state, "done")
        self.meeting.with_user(self.manager).action_draft()
        self.assertEqual(self.meeting.state, "draft")
        self.assertIn("reopened by guard_manager", self.meeting.message_ids[:1].body)
        with self.assertRaises(UserError):
            self.meeting.with_user(self.manager).action_draft()  # already a draft
        # once reopened, the figures can be corrected and the meeting held again
        self.line.with_user(self.manager).value = 7.0
        self._hold()
        self.assertEqual(self.line.value, 7.0)

    def test_no_meeting_born_held(self):
        Meeting = self.env["aftersales.kpi.meeting"].with_user(self.manager)
        with self.assertRaises(UserError):
            Meeting.create(
                {
                    "company_id": self.company.id,
                    "date_from": "2026-03-23",
                    "date_to": "2026-03-29",
                    "state": "done",
                }
            )
        self.assertFalse(Meeting.search([("date_from", "=", "2026-03-23")]))
        self._hold()
        copy = self.meeting.with_user(self.manager).copy(
            {"date_from": "2026-03-23", "date_to": "2026-03-29"}
        )
        self.assertEqual(copy.state, "draft")

    def test_hold_needs_figures_and_a_manager(self):
        fresh = self.env["aftersales.kpi.meeting"].create(
            {"company_id": self.company.id, "date_from": "2026-03-16", "date_to": "2026-03-22"}
        )
        with self.assertRaises(AccessError):
            fresh.with_user(self.advisor).action_done()
        with self.assertRaises(UserError):
            fresh.with_user(self.manager).action_done()
        self.assertEqual(fresh.state, "draft")

    def test_one_held_meeting_per_company_and_week(self):
        self._hold()
        twin = self.env["aftersales.kpi.meeting"].create(
            {
                "company_id": self.company.id,
                "date_from": "2026-03-12",
                "date_to": "2026-03-18",
                "computed_on": fields.Datetime.now(),
            }
        )
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._hold(twin)
        twin.invalidate_recordset()
        self.assertEqual(twin.state, "draft")
        # the same week at another station is its own meeting
        elsewhere = self.env["aftersales.kpi.meeting"].create(
            {
                "company_id": self.env.company.id,
                "date_from": "2026-03-09",
                "date_to": "2026-03-15",
                "computed_on": fields.Datetime.now(),
            }
        )
        elsewhere.action_done()
        self.assertEqual(elsewhere.state, "done")

    @freeze_time("2026-03-16 04:00:00")
    def test_new_meeting_skips_held_weeks(self):
        Meeting = self.env["aftersales.kpi.meeting"].with_user(self.manager)
        proposal = Meeting.default_get(["date_from", "date_to", "company_id"])
        self.assertEqual(
            (proposal["date_from"], proposal["date_to"]), (date(2026, 3, 9), date(2026, 3, 15))
        )
        self._hold()  # 9-15 March is held
        proposal = Meeting.default_get(["date_from", "date_to", "company_id"])
        self.assertEqual(proposal["date_from"], date(2026, 3, 16))
        self.assertEqual(proposal["date_to"] - proposal["date_from"], timedelta(days=6))
