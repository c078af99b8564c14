from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import AftersalesCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestCustomerSegment(AftersalesCommon):
    def _customer(self, name, visit=None, **vals):
        partner = self.env["res.partner"].create(
            {"name": name, "phone": "13900000000", "last_visit_date": visit, **vals}
        )
        return partner

    def test_retained_and_potential_at_window_edges(self):
        edge = self._customer("Edge", date(2025, 6, 30))  # exactly 365 days ago
        lapsed = self._customer("Lapsed", date(2025, 6, 29))  # 366 days ago
        never = self._customer("Never")
        for index, partner in enumerate(edge | lapsed | never):
            self._create_vehicle("LTSTRXSJ7G1A0010%s" % index, customer=partner)
        self.assertEqual(edge.aftersales_segment, "retained")
        self.assertEqual(lapsed.aftersales_segment, "potential")
        self.assertEqual(never.aftersales_segment, "potential")
        retained = self.env["res.partner"].search([("aftersales_segment", "=", "retained")])
        self.assertIn(edge, retained)
        self.assertNotIn(lapsed, retained)

    def test_unknown_customers(self):
        other_brand = self._customer("Other brand", date(2026, 6, 1))
        self._create_vehicle("LTSTXC358J1000506", customer=other_brand, model=self.model_other)
        self.assertEqual(other_brand.aftersales_segment, "unknown")
        # one own-brand truck is enough to count
        self._create_vehicle("LTSTRXSJ7G1A00101", customer=other_brand)
        self.assertEqual(other_brand.aftersales_segment, "retained")
        no_contact = self.env["res.partner"].create(
            {"name": "No contact", "last_visit_date": date(2026, 6, 1)}
        )
        self._create_vehicle("LTSTRXSJ7G1A00102", customer=no_contact)
        self.assertEqual(no_contact.aftersales_segment, "unknown")
        no_contact.mobile = "13512345678"
        self.assertEqual(no_contact.aftersales_segment, "retained")
        no_truck = self._customer("No truck", date(2026, 6, 1))
        self.assertFalse(no_truck.aftersales_segment)

    def test_nightly_recompute_turns_retained_into_potential(self):
        partner = self._customer("Edge", date(2025, 6, 30))
        self._create_vehicle("LTSTRXSJ7G1A00101", customer=partner)
        self.assertEqual(partner.aftersales_segment, "retained")
        with freeze_time("2026-07-01"):
            self.env["res.partner"]._cron_recompute_aftersales_segment()
            self.assertEqual(partner.aftersales_segment, "potential")
            self.assertFalse(
                self.env["res.partner"].search_count(
                    self.env["res.partner"]._aftersales_lapsed_retained_domain()
                ),
                "nothing left for the next batch",
            )

    def test_nightly_recompute_in_batches(self):
        partners = self.env["res.partner"]
        for index in range(5):
            partner = self._customer(f"Batch {index}", date(2025, 7, 1))
            self._create_vehicle("LTSTRXSJ7G1A0020%s" % index, customer=partner)
            partners |= partner
        self.assertEqual(set(partners.mapped("aftersales_segment")), {"retained"})
        with freeze_time("2026-07-05"):
            Partner = self.env["res.partner"]
            Partner._cron_recompute_aftersales_segment(batch_size=2)
            self.assertEqual(partners.mapped("aftersales_segment").count("potential"), 2)
            Partner._cron_recompute_aftersales_segment(batch_size=2)
            Partner._cron_recompute_aftersales_segment(batch_size=2)
            self.assertEqual(set(partners.mapped("aftersales_segment")), {"potential"})

    def test_settings_window_and_brand(self):
        partner = self._customer("Shunda", date(2026, 3, 1))  # 121 days ago
        truck = self._create_vehicle("LTSTRXSJ7G1A00101", customer=partner)
        self.assertEqual(partner.aftersales_segment, "retained")
        settings = (
            self.env["res.config.settings"]
            .with_user(self.manager)
            .create({"aftersales_retained_window_days": 120})
        )
        settings.execute()
        self.assertEqual(self.company.aftersales_retained_window_days, 120)
        self.assertEqual(partner.aftersales_segment, "potential")
        self.env["res.config.settings"].with_user(self.manager).create(
            {"aftersales_retained_window_days": 365, "aftersales_own_brand_id": self.brand_other.id}
        ).execute()
        self.assertFalse(truck.is_own_brand)
        self.assertEqual(partner.aftersales_segment, "unknown")

    def test_settings_default_intervals(self):
        self.env["res.config.settings"].with_user(self.manager).create(
            {
                "aftersales_maintenance_interval_km": 15000,
                "aftersales_maintenance_interval_days": 60,
            }
        ).execute()
        truck = self._create_vehicle("LTSTXC358J1000506", model=self.model_other)
        self.assertEqual(
            (truck.maintenance_interval_km, truck.maintenance_interval_days), (15000, 60)
        )

    def test_settings_refuse_non_positive_window(self):
        from odoo.exceptions import ValidationError

        with self.assertRaisesRegex(ValidationError, "must be positive"), self.env.cr.savepoint():
            self.env["res.config.settings"].with_user(self.manager).create(
                {"aftersales_retained_window_days": 0}
            ).execute()
        self.company.invalidate_recordset()
        self.assertEqual(self.company.aftersales_retained_window_days, 365, "nothing saved")
