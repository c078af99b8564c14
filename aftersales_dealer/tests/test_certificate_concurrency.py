from datetime import timedelta

from psycopg2.errors import SerializationFailure

from odoo import api, fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestCertificateConcurrentDeliveries(TransactionCase):
    """Two advisors deliver at the same moment: their own committed data on separate
    cursors, removed afterwards."""

    def test_two_cursors_never_share_nor_skip_a_number(self):
        registry = self.registry
        ids = {}
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            company = env.company
            ids["company"] = company.id
            ids["class"] = (
                env["aftersales.work.class"]
                .create(
                    {
                        "name": "并发测试 二级维护",
                        "code": "CONCURRENCY-TEST",
                        "company_id": company.id,
                        "guarantee_days": 30,
                        "guarantee_km": 5000,
                        "certificate_required": True,
                    }
                )
                .id
            )
            # number 1 sorts before any other range of the company: it is the lowest free
            ids["range"] = (
                env["aftersales.certificate.range"]
                .create({"prefix": "并发", "number_from": 1, "number_to": 10, "padding": 3})
                .id
            )
            partner = env["res.partner"].create({"name": "并发测试客户"})
            ids["partner"] = partner.id
            ids["repairs"] = []
            ids["vehicles"] = []
            model = env["fleet.vehicle.model"].create(
                {
                    "name": "并发测试车型",
                    "brand_id": env["fleet.vehicle.model.brand"].create({"name": "并发"}).id,
                }
            )
            ids["model"] = model.id
            ids["brand"] = model.brand_id.id
            for n in range(2):
                vehicle = env["fleet.vehicle"].create(
                    {"model_id": model.id, "customer_id": partner.id}
                )
                repair = env["repair.order"].create(
                    {
                        "partner_id": partner.id,
                        "vehicle_id": vehicle.id,
                        "work_class_id": ids["class"],
                        "odometer": 1000 + n,
                    }
                )
                repair.action_receive()
                repair.reception_date = fields.Datetime.now() - timedelta(hours=3)
                ids["vehicles"].append(vehicle.id)
                ids["repairs"].append(repair.id)
        repair_a_id, repair_b_id = ids["repairs"]
        try:
            with registry.cursor() as cr_a, registry.cursor() as cr_b:
                env_a = api.Environment(cr_a, api.SUPERUSER_ID, {})
                env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})
                # B opens its transaction (its snapshot) before A delivers
                repair_b = env_b["repair.order"].browse(repair_b_id)
                self.assertFalse(repair_b.certificate_number)
                env_a["repair.order"].browse(repair_a_id).action_deliver()
                cr_a.commit()
                # B delivers at the same moment: the range row changed under it, so it
                # must not pick a number from its old snapshot
                with self.assertRaises(SerializationFailure), mute_logger("odoo.sql_db"):
                    repair_b.action_deliver()
                cr_b.rollback()
                # Odoo retries a serialization failure: the retry takes the next number
                env_b.invalidate_all()
                env_b["repair.order"].browse(repair_b_id).action_deliver()
                cr_b.commit()
            with registry.cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                repairs = env["repair.order"].browse(ids["repairs"])
                self.assertEqual(repairs.mapped("certificate_number"), ["并发001", "并发002"])
                self.assertEqual(
                    env["aftersales.certificate.range"].browse(ids["range"]).next_number, 3
                )
        finally:
            with registry.cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                repairs = env["repair.order"].browse(ids["repairs"])
                cr.execute(
                    "DELETE FROM aftersales_health_record_upload WHERE repair_id IN %s",
                    [tuple(ids["repairs"])],
                )
                repairs.unlink()
                cr.execute("DELETE FROM aftersales_certificate_range WHERE id = %s", [ids["range"]])
                env["aftersales.work.class"].browse(ids["class"]).unlink()
                env["fleet.vehicle"].browse(ids["vehicles"]).unlink()
                env["fleet.vehicle.model"].browse(ids["model"]).unlink()
                env["fleet.vehicle.model.brand"].browse(ids["brand"]).unlink()
                env["res.partner"].browse(ids["partner"]).unlink()
