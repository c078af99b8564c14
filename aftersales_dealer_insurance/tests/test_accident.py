from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import InsuranceCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15 10:00:00")
class TestAccident(InsuranceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-06-15"):
            cls.policy = cls._active_policy(name="P-ACC")
        cls.Accident = cls.env["aftersales.accident"].with_user(cls.user_accident)

    def _accident(self, **vals):
        return self.Accident.create(
            {"vehicle_id": self.truck.id, "accident_date": datetime(2026, 6, 14, 21, 30), **vals}
        )

    def _finish_repairs(self, accident):
        for repair in accident.repair_ids:
            repair.action_validate()
            repair.action_repair_start()
            repair.action_repair_end()

    def test_full_case_from_hotline_to_paid(self):
        accident = self._accident(
            accident_place="G80 田东段", police_involved=True, is_out_of_town=True
        )
        self.assertEqual(accident.state, "reported")
        self.assertTrue(accident.name.startswith("ACC/"))
        self.assertEqual(accident.partner_id, self.customer)
        self.assertEqual(accident.policy_id, self.policy, "the policy in force on the accident day")
        self.assertEqual(accident.insurer_id, self.insurer)
        self.assertTrue(accident.insured_here)
        self.assertTrue(accident.direct_billing, "the insurer's agreement allows direct billing")

        accident.action_start_towing()
        self.assertEqual(accident.state, "towing")
        self.assertTrue(accident.towed)
        accident.write({"tow_distance_km": 68, "tow_cost": 1200})

        accident.action_arrive()
        self.assertEqual(accident.state, "assessment")
        self.assertEqual(accident.arrival_date, datetime(2026, 6, 15, 10, 0))

        with self.assertRefused(UserError, "loss assessment"):
            accident.action_start_repair()
        accident.write({"assessed_amount": 30000, "claim_number": "RDAA-001"})
        accident.action_start_repair()
        self.assertEqual(accident.state, "repairing")
        self.assertEqual(accident.repair_count, 1)
        repair = accident.repair_ids
        self.assertEqual(repair.visit_type, "accident")
        self.assertEqual(repair.vehicle_id, self.truck)
        self.assertEqual(repair.partner_id, self.customer)

        with self.assertRefused(UserError, "finish its repair orders"):
            accident.action_deliver()
        self._finish_repairs(accident)
        self.assertTrue(accident.repaired_here)
        accident.action_deliver()
        self.assertEqual(accident.state, "delivered")
        self.assertEqual(
            accident.delivered_date,
            datetime(2026, 6, 15, 10, 0),
            "no delivery on the repair order: now",
        )

        with self.assertRefused(UserError, "amounts billed"):
            accident.action_submit_claim()
        accident.write({"amount_billed_insurer": 28000, "amount_billed_customer": 2000})
        self.assertEqual(accident.amount_billed, 30000)
        self.assertEqual(accident.amount_outstanding, 30000)
        accident.action_submit_claim()
        self.assertEqual(accident.state, "claim_submitted")
        self.assertEqual(accident.claim_submitted_date, date(2026, 6, 15))
        collection_type = self.env.ref(
            "aftersales_dealer_insurance.mail_activity_type_accident_collection"
        )
        self.assertEqual(accident.activity_ids.activity_type_id, collection_type)
        self.assertEqual(accident.activity_ids.date_deadline, date(2026, 7, 15))

        Payment = self.env["aftersales.accident.payment"].with_user(self.user_accident)
        Payment.create(
            {
                "accident_id": accident.id,
                "payer": "customer",
                "amount": 2000,
                "date": date(2026, 6, 15),
            }
        )
        Payment.create(
            {
                "accident_id": accident.id,
                "payer": "insurer",
                "amount": 20000,
                "date": date(2026, 6, 15),  # collections cannot be dated in the future
            }
        )
        self.assertEqual(accident.amount_collected, 22000)
        self.assertEqual(accident.amount_outstanding, 8000)
        self.assertEqual(accident.state, "claim_submitted")
        with self.assertRefused(UserError, "outstanding"):
            accident.action_mark_paid()

        last = Payment.create(
            {
                "accident_id": accident.id,
                "payer": "insurer",
                "amount": 8000,
                "date": date(2026, 6, 15),  # collections cannot be dated in the future
            }
        )
        self.assertEqual(accident.amount_outstanding, 0)
        self.assertEqual(accident.state, "paid", "the last collection settles the claim")
        self.assertEqual(accident.paid_date, date(2026, 6, 15))
        self.assertFalse(accident.activity_ids, "the collection activity is done")

        last.unlink()
        self.assertEqual(
            accident.state, "claim_submitted", "removing a collection reopens the claim"
        )
        Payment.create({"accident_id": accident.id, "payer": "insurer", "amount": 8000})
        self.assertEqual(accident.state, "paid")
        accident.action_close()
        self.assertEqual(accident.state, "closed")
        with self.assertRaises(UserError):
            accident.action_close()

    def test_wrong_order_refused(self):
        accident = self._accident()
        for method in (
            "action_start_repair",
            "action_deliver",
            "action_submit_claim",
            "action_mark_paid",
        ):
            with self.assertRaises(UserError):
                getattr(accident, method)()
        self.assertEqual(accident.state, "reported")
        # a truck coming by itself skips the towing
        accident.action_arrive()
        self.assertEqual(accident.state, "assessment")
        self.assertFalse(accident.towed)

    def test_delivery_time_from_repair_orders(self):
        accident = self._accident(assessed_amount=5000)
        accident.action_arrive()
        accident.action_start_repair()
        self._finish_repairs(accident)
        accident.repair_ids.write(
            {
                "reception_date": datetime(2026, 6, 14, 23, 0),
                "delivered_date": datetime(2026, 6, 15, 8, 30),
            }
        )
        accident.action_deliver()
        self.assertEqual(accident.delivered_date, datetime(2026, 6, 15, 8, 30))

    def test_closed_when_repaired_elsewhere(self):
        accident = self._accident()
        with self.assertRefused(UserError, "why"):
            accident.action_close()
        accident.close_reason = "repaired_elsewhere"
        accident.action_close()
        self.assertEqual(accident.state, "closed")
        self.assertFalse(accident.repaired_here)

    def test_negative_values_refused(self):
        for field_name in (
            "tow_distance_km",
            "tow_cost",
            "assessed_amount",
            "amount_billed_insurer",
            "amount_billed_customer",
        ):
            with (
                self.subTest(field=field_name),
                self.assertRefused(ValidationError, "cannot be negative"),
            ):
                self._accident(**{field_name: -1, "description": f"BAD {field_name}"})
        self.assertFalse(self.env["aftersales.accident"].search([("description", "like", "BAD ")]))

    def test_payment_above_billed_refused(self):
        accident = self._accident(amount_billed_insurer=10000, amount_billed_customer=1000)
        Payment = self.env["aftersales.accident.payment"].with_user(self.user_accident)
        with self.assertRefused(ValidationError, "more than"):
            Payment.create({"accident_id": accident.id, "payer": "customer", "amount": 1500})
        with self.assertRefused(ValidationError, "positive"):
            Payment.create({"accident_id": accident.id, "payer": "insurer", "amount": -5})
        with self.assertRefused(ValidationError, "positive"):
            Payment.create({"accident_id": accident.id, "payer": "insurer", "amount": 0})
        self.assertFalse(accident.payment_ids)
        self.assertEqual(accident.amount_collected, 0)
        Payment.create({"accident_id": accident.id, "payer": "insurer", "amount": 6000})
        with self.assertRefused(ValidationError, "more than"):
            Payment.create({"accident_id": accident.id, "payer": "insurer", "amount": 4001})
        # lowering the bill below what was collected is refused too
        with self.assertRefused(ValidationError, "more than"):
            accident.amount_billed_insurer = 5000
        self.assertEqual(accident.amount_billed_insurer, 10000)
        self.assertEqual(accident.amount_outstanding, 5000)

    def test_arrival_before_accident_refused(self):
        with self.assertRefused(ValidationError, "arrive before"):
            self._accident(arrival_date=datetime(2026, 6, 14, 8, 0))

    def test_policy_in_force_on_the_station_day(self):
        # 06:30 on 1 July in Baise is 22:30 UTC on 30 June: the policy starting on 1 July
        # covers it, the one that ended on 30 June does not
        self.env.company.partner_id.tz = "Asia/Shanghai"
        self.env.user.tz = "UTC"
        self._active_policy(
            truck=self.truck_elsewhere, start=date(2025, 7, 1), end=date(2026, 6, 30)
        )
        starting = self._active_policy(
            truck=self.truck_elsewhere, start=date(2026, 7, 1), end=date(2027, 6, 30)
        )
        # an accident cannot be reported before it happens: report it the day after
        with freeze_time("2026-07-02 08:00:00"):
            accident = self.Accident.create(
                {
                    "vehicle_id": self.truck_elsewhere.id,
                    "accident_date": datetime(2026, 6, 30, 22, 30),
                }
            )
        self.assertEqual(accident.policy_id, starting)

    def test_return_rate_and_reports(self):
        repaired = self._accident(assessed_amount=1000)
        repaired.action_arrive()
        repaired.action_start_repair()
        self._finish_repairs(repaired)
        repaired.action_deliver()
        lost = self._accident(close_reason="repaired_elsewhere")
        lost.action_close()
        # a truck insured elsewhere does not count in the return rate
        self.Accident.create(
            {"vehicle_id": self.truck_elsewhere.id, "accident_date": datetime(2026, 6, 10)}
        )
        rate = self.env["aftersales.accident"]._get_return_rate(date(2026, 6, 1), date(2026, 6, 30))
        self.assertEqual(rate, 0.5)
        self.assertIsNone(
            self.env["aftersales.accident"]._get_return_rate(date(2025, 1, 1), date(2025, 1, 31))
        )

        self.env.flush_all()
        Report = self.env["aftersales.accident.report"].with_user(self.user_plain)
        domain = [("vehicle_id", "in", (self.truck | self.truck_elsewhere).ids)]
        Report._read_group(domain, ["insured_here"], ["__count"])  # warm the access caches
        with self.assertQueryCount(1):
            groups = Report._read_group(
                domain, ["insured_here"], ["return_rate:avg", "accident_count:sum"]
            )
        by_insured = {insured: (rate, count) for insured, rate, count in groups}
        self.assertEqual(by_insured[True], (0.5, 2))
        self.assertEqual(by_insured[False][1], 1)

    def test_unpaid_and_collection_reports(self):
        accident = self._accident(
            amount_billed_insurer=9000,
            amount_billed_customer=1000,
            assessed_amount=10000,
            claim_number="RDAA-7",
        )
        accident.action_arrive()
        accident.action_start_repair()
        self._finish_repairs(accident)
        accident.action_deliver()
        accident.action_submit_claim()
        self.env["aftersales.accident.payment"].with_user(self.user_accident).create(
            {
                "accident_id": accident.id,
                "payer": "customer",
                "amount": 1000,
                "date": date(2026, 6, 15),  # collections cannot be dated in the future
            }
        )
        self.env.flush_all()
        unpaid = (
            self.env["aftersales.accident.report"]
            .with_user(self.user_accident)
            ._read_group(
                [("amount_outstanding", ">", 0), ("accident_id", "=", accident.id)],
                ["billing_date:month"],
                ["amount_outstanding:sum"],
            )
        )
        self.assertEqual([(month.month, amount) for month, amount in unpaid], [(6, 9000)])
        collected = (
            self.env["aftersales.accident.payment"]
            .with_user(self.user_plain)
            ._read_group(
                [("accident_id", "=", accident.id)], ["date:month", "payer"], ["amount:sum"]
            )
        )
        self.assertEqual(
            [(m.month, payer, amount) for m, payer, amount in collected], [(6, "customer", 1000)]
        )

    def test_settlement_statement_report(self):
        accident = self._accident(
            claim_number="RDAA-PRINT-1",
            amount_billed_insurer=9000,
            amount_billed_customer=1000,
            assessed_amount=10000,
        )
        self.env["aftersales.accident.payment"].with_user(self.user_accident).create(
            {
                "accident_id": accident.id,
                "payer": "customer",
                "amount": 1000,
                "reference": "收据 No.777",
            }
        )
        report = "aftersales_dealer_insurance.action_report_accident_statement"
        html, _format = (
            self.env["ir.actions.report"]
            .with_user(self.user_plain)
            ._render_qweb_html(report, accident.ids)
        )
        html = html.decode()
        self.assertIn(accident.name, html)
        self.assertIn("RDAA-PRINT-1", html)
        self.assertIn("收据 No.777", html)
        self.assertIn("Assignment of Claim", html, "the insurer's agreement allows direct billing")
        # in test mode the PDF action renders the same document as HTML, without wkhtmltopdf
        content, _format = self.env["ir.actions.report"]._render_qweb_pdf(report, accident.ids)
        self.assertIn("RDAA-PRINT-1", content.decode())
