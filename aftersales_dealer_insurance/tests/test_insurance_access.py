from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import InsuranceCommon


@tagged("post_install", "-at_install")
class TestInsuranceAccess(InsuranceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accident = cls.env["aftersales.accident"].create(
            {
                "vehicle_id": cls.truck.id,
                "accident_date": datetime(2026, 6, 14, 9, 0),
                "amount_billed_insurer": 5000,
            }
        )
        cls.payment = cls.env["aftersales.accident.payment"].create(
            {"accident_id": cls.accident.id, "payer": "insurer", "amount": 1000}
        )

    def test_plain_user_reads_accidents_only(self):
        accident = self.accident.with_user(self.user_plain)
        self.assertEqual(accident.amount_outstanding, 4000)
        self.assertEqual(accident.payment_ids.amount, 1000)
        with self.assertRaises(AccessError):
            accident.write({"claim_number": "X"})
        with self.assertRaises(AccessError):
            self.env["aftersales.accident"].with_user(self.user_plain).create(
                {"vehicle_id": self.truck.id}
            )
        with self.assertRaises(AccessError):
            self.env["aftersales.accident.payment"].with_user(self.user_plain).create(
                {"accident_id": self.accident.id, "payer": "insurer", "amount": 100}
            )
        with self.assertRaises(AccessError):
            self.payment.with_user(self.user_plain).write({"amount": 2000})
        with self.assertRaises(AccessError):
            accident.action_start_towing()
        self.assertEqual(self.accident.state, "reported")

    def test_accident_team_edits_cases_and_collections(self):
        accident = self.accident.with_user(self.user_accident)
        accident.write({"claim_number": "RDAA-9"})
        accident.action_start_towing()
        self.assertEqual(accident.state, "towing")
        payment = (
            self.env["aftersales.accident.payment"]
            .with_user(self.user_accident)
            .create({"accident_id": self.accident.id, "payer": "insurer", "amount": 1500})
        )
        self.assertEqual(accident.amount_collected, 2500)
        payment.write({"amount": 2000})
        payment.unlink()
        self.assertEqual(accident.amount_collected, 1000)
        new_case = (
            self.env["aftersales.accident"]
            .with_user(self.user_accident)
            .create({"vehicle_id": self.truck.id})
        )
        self.assertEqual(new_case.state, "reported")
        with self.assertRaises(AccessError):
            new_case.unlink()
        self.env["aftersales.accident"].with_user(self.user_manager).browse(new_case.id).unlink()
        self.assertFalse(new_case.exists())

    def test_every_user_sells_insurance_but_cannot_edit_agreements(self):
        policy = (
            self.env["aftersales.insurance.policy"]
            .with_user(self.user_plain)
            .create(self._policy_vals(name="P-PLAIN"))
        )
        self.assertEqual(policy.create_uid, self.user_plain)
        with self.assertRaises(AccessError):
            policy.unlink()
        agreement = (
            self.env["aftersales.insurance.agreement"]
            .search([], limit=1)
            .with_user(self.user_plain)
        )
        self.assertTrue(agreement.name)
        with self.assertRaises(AccessError):
            agreement.write({"commission_rate": 50})
        agreement.with_user(self.user_accident).write({"commission_rate": 9})
        self.assertEqual(agreement.commission_rate, 9)

    def test_multi_company_isolation(self):
        other_company = self.env["res.company"].create({"name": "南宁解放服务站"})
        other_user = new_test_user(
            self.env,
            login="as_nanning",
            groups="aftersales_dealer.group_aftersales_manager",
            company_id=other_company.id,
            company_ids=[other_company.id],
        )
        policy = self.env["aftersales.insurance.policy"].create(self._policy_vals(name="P-MC"))
        for model, record in (
            ("aftersales.accident", self.accident),
            ("aftersales.accident.payment", self.payment),
            ("aftersales.insurance.policy", policy),
            ("aftersales.insurance.policy.line", policy.line_ids),
            (
                "aftersales.accident.report",
                self.env["aftersales.accident.report"].browse(self.accident.id),
            ),
        ):
            with self.subTest(model=model):
                self.env.flush_all()
                self.assertFalse(
                    self.env[model].with_user(other_user).search([("id", "in", record.ids)])
                )
                self.assertTrue(
                    self.env[model].with_user(self.user_accident).search([("id", "in", record.ids)])
                )
