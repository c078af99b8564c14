from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common_care import TODAY, AftersalesCareCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestCampaign(AftersalesCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls.env["utm.campaign"].create({"name": "春季保养月 Test"})
        cls.retained = cls._partner("常来客户 Test", last_visit_date=TODAY - timedelta(days=30))
        cls.retained_truck = cls._vehicle(
            cls.retained, "桂L·P0001", annual_inspection_date=TODAY + timedelta(days=20)
        )
        cls._vehicle(cls.retained, "桂L·P0002", annual_inspection_date=TODAY + timedelta(days=25))
        cls.potential = cls._partner("很久没来 Test", last_visit_date=TODAY - timedelta(days=500))
        cls._vehicle(cls.potential, "桂L·P0003", annual_inspection_date=TODAY + timedelta(days=20))
        cls.other_brand = cls._partner(
            "外品牌车主 Test", last_visit_date=TODAY - timedelta(days=30)
        )
        cls._vehicle(cls.other_brand, "桂L·P0004", model_id=cls.model_other.id)

    def _wizard(self, **vals):
        wizard = Form(self.env["aftersales.campaign.wizard"].with_user(self.clerk))
        wizard.campaign_id = self.campaign
        for name, value in vals.items():
            setattr(wizard, name, value)
        return wizard

    def _selected(self, wizard_record):
        return set(wizard_record._selected_trucks_by_customer())

    def test_selection_criteria(self):
        mine = self.retained | self.potential | self.other_brand
        wizard = self._wizard(segment="retained").save()
        self.assertEqual(self._selected(wizard) & set(mine), {self.retained})
        wizard = self._wizard(segment="potential").save()
        self.assertEqual(self._selected(wizard) & set(mine), {self.potential})
        wizard = self._wizard().save()
        wizard.vehicle_model_ids = self.model_other
        self.assertEqual(self._selected(wizard), {self.other_brand})
        wizard = self._wizard(
            last_visit_from=TODAY - timedelta(days=40), last_visit_to=TODAY - timedelta(days=20)
        ).save()
        self.assertEqual(self._selected(wizard) & set(mine), {self.retained, self.other_brand})
        wizard = self._wizard(
            due_window="inspection", due_from=TODAY, due_to=TODAY + timedelta(days=21)
        ).save()
        self.assertEqual(self._selected(wizard) & set(mine), {self.retained, self.potential})

    def test_promotion_calls_measured_per_campaign(self):
        wizard = self._wizard(segment="retained").save()
        wizard.vehicle_model_ids = self.model_j6
        count = wizard.customer_count
        self.assertGreaterEqual(count, 1)
        wizard.action_create_followups()
        calls = self.env["aftersales.followup"].search([("campaign_id", "=", self.campaign.id)])
        self.assertEqual(len(calls), count, "one call per customer, not per truck")
        mine = calls.filtered(lambda f: f.partner_id == self.retained)
        self.assertRecordValues(
            mine, [{"followup_type": "promotion", "state": "todo", "due_date": TODAY}]
        )
        # selecting again calls nobody twice
        self._wizard(segment="retained").save().action_create_followups()
        self.assertEqual(
            self.env["aftersales.followup"].search_count([("campaign_id", "=", self.campaign.id)]),
            count,
        )
        mine.action_book_appointment()
        self.campaign.invalidate_recordset()
        self.assertEqual(self.campaign.aftersales_followup_count, count)
        self.assertEqual(self.campaign.aftersales_reached_count, 1)
        self.assertEqual(self.campaign.aftersales_appointment_count, 1)

    def test_bad_selection_refused(self):
        with self.assertRaises(ValidationError):
            self._wizard(
                due_window="maintenance", due_from=TODAY, due_to=TODAY - timedelta(days=1)
            ).save()
        with self.assertRaises(ValidationError):
            self._wizard(last_visit_from=TODAY, last_visit_to=TODAY - timedelta(days=1)).save()
        wizard = self._wizard(last_visit_from=TODAY + timedelta(days=1)).save()
        with self.assertRaises(UserError):
            wizard.action_create_followups()
