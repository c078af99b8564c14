from contextlib import contextmanager
from datetime import date

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user


class InsuranceCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.user_plain = new_test_user(
            cls.env,
            login="as_plain",
            groups="aftersales_dealer.group_aftersales_user",
            name="普通服务顾问",
        )
        cls.user_accident = new_test_user(
            cls.env,
            login="as_accident",
            groups="aftersales_dealer.group_aftersales_accident",
            name="事故专员",
        )
        cls.user_manager = new_test_user(
            cls.env,
            login="as_manager",
            groups="aftersales_dealer.group_aftersales_manager",
            name="服务经理",
        )
        cls.insurer = cls.env["res.partner"].create(
            {"name": "测试人保财险", "is_insurer": True, "is_company": True}
        )
        cls.other_insurer = cls.env["res.partner"].create(
            {"name": "测试平安产险", "is_insurer": True, "is_company": True}
        )
        cls.env["aftersales.insurance.agreement"].create(
            {
                "name": "人保合作协议",
                "insurer_id": cls.insurer.id,
                "date_start": date(2026, 1, 1),
                "direct_billing_allowed": True,
                "settlement_limit": 10000,
            }
        )
        cls.customer = cls.env["res.partner"].create({"name": "百色测试物流", "is_company": True})
        cls.customer_elsewhere = cls.env["res.partner"].create(
            {"name": "外保运输队", "is_company": True}
        )
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "解放测试"})
        model = cls.env["fleet.vehicle.model"].create({"name": "J6P 测试", "brand_id": brand.id})
        cls.truck = cls.env["fleet.vehicle"].create(
            {"model_id": model.id, "customer_id": cls.customer.id, "license_plate": "桂L·T0001"}
        )
        cls.truck_elsewhere = cls.env["fleet.vehicle"].create(
            {
                "model_id": model.id,
                "customer_id": cls.customer_elsewhere.id,
                "license_plate": "桂L·T0002",
            }
        )
        cls.cov_compulsory = cls.env.ref("aftersales_dealer_insurance.coverage_compulsory")
        cls.cov_third_party = cls.env.ref("aftersales_dealer_insurance.coverage_third_party")
        cls.cov_damage = cls.env.ref("aftersales_dealer_insurance.coverage_vehicle_damage")

    @classmethod
    def _policy_vals(
        cls, truck=None, start=date(2026, 1, 1), end=date(2026, 12, 31), coverages=None, **kw
    ):
        coverages = coverages or [(cls.cov_compulsory, 4480), (cls.cov_third_party, 2860)]
        vals = {
            "name": kw.pop(
                "name", f"P-{start}-{truck.id if truck else cls.truck.id}-{len(coverages)}"
            ),
            "vehicle_id": (truck or cls.truck).id,
            "insurer_id": cls.insurer.id,
            "date_start": start,
            "date_end": end,
            "line_ids": [
                Command.create(
                    {"coverage_type_id": cov.id, "premium": premium, "sum_insured": premium * 100}
                )
                for cov, premium in coverages
            ],
        }
        vals.update(kw)
        return vals

    @classmethod
    def _active_policy(cls, **kw):
        policy = cls.env["aftersales.insurance.policy"].create(cls._policy_vals(**kw))
        policy.action_activate()
        return policy

    @contextmanager
    def assertRefused(self, exception, regex):
        """assertRaises (which rolls the failed write back) plus a check of the message."""
        with self.assertRaises(exception) as cm:
            yield cm
        self.assertRegex(str(cm.exception), regex)
