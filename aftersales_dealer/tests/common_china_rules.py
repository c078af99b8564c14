from datetime import datetime

from freezegun import freeze_time

from .common_repair import AftersalesRepairCase


class AftersalesChinaRulesCase(AftersalesRepairCase):
    """Work classes, a certificate range and an inspector of the test's own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        WorkClass = cls.env["aftersales.work.class"]
        cls.class_assembly = WorkClass.create(
            {
                "name": "Test Major-Assembly Repair",
                "code": "T-ZC",
                "company_id": cls.company.id,
                "guarantee_days": 100,
                "guarantee_km": 20000,
                "certificate_required": True,
                "inspection_required": True,
            }
        )
        cls.class_level2 = WorkClass.create(
            {
                "name": "Test Second-Level Maintenance",
                "code": "T-EJ",
                "company_id": cls.company.id,
                "guarantee_days": 30,
                "guarantee_km": 5000,
                "certificate_required": True,
            }
        )
        cls.class_minor = WorkClass.create(
            {
                "name": "Test Minor Repair",
                "code": "T-XX",
                "company_id": cls.company.id,
                "guarantee_days": 10,
                "guarantee_km": 2000,
            }
        )
        # the test owns the company's register: other ranges (demo) are set aside
        cls.env["aftersales.certificate.range"].search([]).action_archive()
        cls.cert_range = cls.env["aftersales.certificate.range"].create(
            {"prefix": "T", "number_from": 1, "number_to": 3, "padding": 4}
        )
        cls.inspector = cls.env["hr.employee"].create(
            {"name": "Inspector Huang", "aftersales_role": "technical_manager"}
        )

    def _received(self, when, vehicle=None, **values):
        with freeze_time(when):
            repair = self._new_order(vehicle=vehicle, **values)
            repair.with_user(self.advisor).action_receive()
        return repair

    def _deliver(self, repair, when):
        when = datetime.fromisoformat(when) if isinstance(when, str) else when
        with freeze_time(when):
            repair.with_user(self.advisor).action_deliver(delivered_date=when)
        return repair

    def _inspect_all(self, repair, inspector=None):
        self.env["aftersales.repair.inspection"].with_user(self.advisor).create(
            [
                {
                    "repair_id": repair.id,
                    "stage": stage,
                    "inspector_id": (inspector or self.inspector).id,
                }
                for stage in ("entry", "in_process", "completion")
            ]
        )
