from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import Form, tagged

from .common_care import TODAY, AftersalesCareCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestChurn(AftersalesCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls._partner("百色通达 Test", last_visit_date=TODAY - timedelta(days=120))
        cls._vehicle(cls.customer, "桂L·R0001")
        cls.competitor = cls.env.ref("aftersales_dealer.churn_reason_competitor")
        cls.service_quality = cls.env.ref("aftersales_dealer.churn_reason_service_quality")

    def test_quiet_then_back_to_active(self):
        self.followup_model._cron_generate_followups()
        self.assertEqual(self.customer.churn_state, "at_risk")
        usage_check = self.followup_model.search(
            [("partner_id", "=", self.customer.id), ("followup_type", "=", "usage_check")]
        )
        self.assertEqual(len(usage_check), 1)
        # an older date written again is no return
        self.customer.last_visit_date = TODAY - timedelta(days=120)
        self.assertEqual(self.customer.churn_state, "at_risk")
        self.customer.last_visit_date = TODAY
        self.assertRecordValues(self.customer, [{"churn_state": "active", "at_risk_date": False}])
        # gone quiet again later: a new occasion, a new usage check
        with freeze_time(TODAY + timedelta(days=100)):
            self.followup_model._cron_generate_followups()
        self.assertEqual(self.customer.churn_state, "at_risk")
        self.assertEqual(
            self.followup_model.search_count(
                [("partner_id", "=", self.customer.id), ("followup_type", "=", "usage_check")]
            ),
            2,
        )

    def test_lost_with_cause_then_returns(self):
        action = self.customer.with_user(self.clerk).action_mark_lost()
        wizard = Form(
            self.env[action["res_model"]].with_user(self.clerk).with_context(**action["context"])
        )
        wizard.churn_reason_id = self.competitor
        wizard.save().action_confirm()
        self.assertRecordValues(
            self.customer,
            [{"churn_state": "lost", "churn_reason_id": self.competitor.id, "churn_date": TODAY}],
        )
        # a lost customer gets no usage check
        self.assertNotIn(
            self.customer.id,
            [vals["partner_id"] for vals in self.followup_model._generate_usage_check(TODAY, 1000)],
        )
        self.customer.with_user(self.clerk).write({"last_visit_date": TODAY})
        self.assertRecordValues(
            self.customer,
            [{"churn_state": "active", "churn_reason_id": False, "churn_date": False}],
        )

    def test_churn_by_cause_and_month(self):
        partners = self.env["res.partner"]
        for name, reason, day in (
            ("流失一", self.competitor, TODAY - timedelta(days=40)),
            ("流失二", self.competitor, TODAY - timedelta(days=5)),
            ("流失三", self.service_quality, TODAY - timedelta(days=5)),
        ):
            partner = self._partner(name)
            partner.write({"churn_state": "lost", "churn_reason_id": reason.id, "churn_date": day})
            partners |= partner
        groups = self.env["res.partner"]._read_group(
            [("id", "in", partners.ids), ("churn_state", "=", "lost")],
            ["churn_reason_id", "churn_date:month"],
            ["__count"],
        )
        counts = {(reason, month.strftime("%Y-%m")): count for reason, month, count in groups}
        self.assertEqual(
            counts,
            {
                (self.competitor, "2031-01"): 1,
                (self.competitor, "2031-03"): 1,
                (self.service_quality, "2031-03"): 1,
            },
        )
        action = self.env.ref("aftersales_dealer.res_partner_action_churn_analysis")
        self.assertEqual(action.view_ids[0].view_mode, "pivot")

    def test_partner_counts(self):
        self.followup_model._cron_generate_followups()
        self.env["aftersales.complaint"].create(
            {"partner_id": self.customer.id, "description": "服务态度差"}
        )
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.aftersales_followup_count, 1)
        self.assertEqual(self.customer.aftersales_complaint_count, 1)
        action = self.customer.action_view_aftersales_followups()
        self.assertEqual(
            self.env["aftersales.followup"].search(action["domain"]).partner_id, self.customer
        )
