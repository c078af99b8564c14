from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.tests import TransactionCase, new_test_user

# far from the demo data's dates, so that only this test data is due
TODAY = date(2031, 3, 10)


class AftersalesCareCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Jiefang Test"})
        cls.other_brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Other Test"})
        cls.model_j6 = cls.env["fleet.vehicle.model"].create(
            {"name": "J6 Test", "brand_id": cls.brand.id}
        )
        cls.model_other = cls.env["fleet.vehicle.model"].create(
            {"name": "Other Truck", "brand_id": cls.other_brand.id}
        )
        cls.company.write(
            {
                "aftersales_own_brand_id": cls.brand.id,
                "aftersales_retained_window_days": 365,
                "aftersales_post_repair_delay_days": 3,
                "aftersales_maintenance_lead_days": 7,
                "aftersales_inspection_lead_days": 30,
                "aftersales_usage_check_days": 90,
                "aftersales_followup_max_age_days": 30,
                "aftersales_followup_max_attempts": 3,
                "aftersales_followup_retry_days": 2,
                "aftersales_complaint_respond_hours": 24,
                "aftersales_complaint_resolve_days": 7,
            }
        )
        cls.clerk = new_test_user(
            cls.env,
            login="care_clerk",
            name="Clerk Zhou",
            groups="aftersales_dealer.group_aftersales_info_clerk",
        )
        cls.company.aftersales_followup_user_id = cls.clerk
        cls.employee = cls.env["hr.employee"].create({"name": "Team Leader Pan"})
        cls.followup_model = cls.env["aftersales.followup"]
        # whatever the demo data or other add-ons make due at TODAY is generated once
        # here, so that the tests see their own sources only
        with freeze_time(TODAY):
            cls.followup_model._cron_generate_followups()

    @classmethod
    def _partner(cls, name, **vals):
        return cls.env["res.partner"].create({"name": name, "phone": "0776-2880000", **vals})

    @classmethod
    def _vehicle(cls, partner, plate, **vals):
        return cls.env["fleet.vehicle"].create(
            {
                "model_id": cls.model_j6.id,
                "customer_id": partner.id,
                "license_plate": plate,
                **vals,
            }
        )

    @classmethod
    def _delivered_repair(cls, partner, vehicle, delivered_on, **vals):
        repair = cls.env["repair.order"].create(
            {"partner_id": partner.id, "vehicle_id": vehicle.id, **vals}
        )
        delivered = datetime.combine(delivered_on, datetime.min.time()) + timedelta(hours=9)
        repair.write(
            {"reception_date": delivered - timedelta(hours=5), "delivered_date": delivered}
        )
        return repair

    def _keys(self, vals_list):
        return {vals["source_key"] for vals in vals_list}
