from datetime import timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import api, fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_care import TODAY, AftersalesCareCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestFollowupIdempotence(AftersalesCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls._partner("百色华通 Test")
        cls.truck = cls._vehicle(cls.partner, "桂L·I0001")
        cls.repairs = cls.env["repair.order"]
        for days in range(3, 8):
            cls.repairs |= cls._delivered_repair(
                cls.partner, cls.truck, TODAY - timedelta(days=days)
            )

    def _count(self):
        return self.followup_model.search_count([("repair_id", "in", self.repairs.ids)])

    def test_rerun_creates_nothing(self):
        self.assertEqual(self.followup_model._cron_generate_followups(batch_size=2), 5)
        self.assertEqual(self._count(), 5)
        self.assertEqual(self.followup_model._cron_generate_followups(batch_size=2), 0)
        self.assertEqual(self._count(), 5)

    def test_existing_and_repeated_keys_are_skipped(self):
        vals_list = self.followup_model._generate_post_repair(TODAY, 100)
        created = self.followup_model._create_followups(vals_list + vals_list[:2])
        self.assertEqual(len(created), 5)
        self.assertFalse(self.followup_model._create_followups(vals_list))

    def test_database_refuses_a_duplicate_key(self):
        vals = self.followup_model._generate_post_repair(TODAY, 1)[0]
        self.followup_model.create(vals)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.followup_model.create(dict(vals))

    def test_resume_after_interrupted_batch(self):
        # the first batch is committed (here: kept), the second dies half-way
        first = self.followup_model._generate_followups_batch(TODAY, 2)["created"]
        self.assertEqual(len(first), 2)
        with self.assertRaises(RuntimeError):
            with self.env.cr.savepoint():
                second = self.followup_model._generate_followups_batch(TODAY, 2)["created"]
                self.assertEqual(len(second), 2)
                raise RuntimeError("worker killed")
        self.assertEqual(self._count(), 2)
        # the next run takes over where the committed work stopped
        self.assertEqual(self.followup_model._cron_generate_followups(batch_size=2), 3)
        followups = self.followup_model.search([("repair_id", "in", self.repairs.ids)])
        self.assertEqual(followups.repair_id, self.repairs)
        self.assertEqual(len(set(followups.mapped("source_key"))), 5)

    def test_queries_per_batch_do_not_grow_with_batch_size(self):
        for _i in range(5):
            self._delivered_repair(self.partner, self.truck, TODAY - timedelta(days=4))
        counts = []
        # the first batch warms the registry caches (rules, settings)
        for batch_size in (1, 3, 6):
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            created = self.followup_model._generate_followups_batch(
                TODAY, batch_size, rules=["_generate_post_repair"]
            )["created"]
            self.assertEqual(len(created), batch_size)
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - start)
        self.assertEqual(counts[1], counts[2], "a batch costs the same queries whatever its size")


@tagged("post_install", "-at_install")
class TestFollowupConcurrentRuns(AftersalesCareCase):
    """Two transactions generating the same follow-ups at once: their own committed data
    on separate cursors, removed afterwards."""

    def test_two_cursors_create_no_duplicate(self):
        registry = self.registry
        today = fields.Date.today()
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            partner = env["res.partner"].create({"name": "并发测试客户"})
            repair = env["repair.order"].create({"partner_id": partner.id})
            repair.write(
                {
                    "reception_date": fields.Datetime.now() - timedelta(days=4),
                    "delivered_date": fields.Datetime.now() - timedelta(days=3),
                }
            )
            partner_id, repair_id = partner.id, repair.id
        key = f"post_repair:{repair_id}"
        try:
            with registry.cursor() as cr_a, registry.cursor() as cr_b:
                env_a = api.Environment(cr_a, api.SUPERUSER_ID, {})
                env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})

                def my_vals(env):
                    return [
                        vals
                        for vals in env["aftersales.followup"]._generate_post_repair(today, 10000)
                        if vals["source_key"] == key
                    ]

                # B takes its snapshot first: it sees no follow-up for the repair
                vals_b = my_vals(env_b)
                self.assertEqual(len(vals_b), 1)
                # A generates and commits meanwhile
                created_a = env_a["aftersales.followup"]._create_followups(my_vals(env_a))
                self.assertEqual(len(created_a), 1)
                cr_a.commit()
                # B's snapshot still cannot see A's row: the unique constraint stops it
                with mute_logger("odoo.sql_db"):
                    created_b = env_b["aftersales.followup"]._create_followups(vals_b)
                self.assertFalse(created_b)
                cr_b.commit()
            with registry.cursor() as cr:
                cr.execute("SELECT count(*) FROM aftersales_followup WHERE source_key = %s", [key])
                self.assertEqual(cr.fetchone()[0], 1)
        finally:
            with registry.cursor() as cr:
                cr.execute("DELETE FROM aftersales_followup WHERE source_key = %s", [key])
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                env["repair.order"].browse(repair_id).unlink()
                env["res.partner"].browse(partner_id).unlink()
