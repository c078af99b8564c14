import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo import fields
from odoo.tests import new_test_user, tagged

from .common_china_rules import AftersalesChinaRulesCase


class PlatformStub(BaseHTTPRequestHandler):
    """The provincial platform on 127.0.0.1: answers as ``server.mode`` says."""

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.received.append(body)
        mode = self.server.mode
        if mode == "timeout":
            # answer only after the client gave up (tests raise timeouts to 10 s)
            self.server.release.wait(15)
            return
        if mode == "error":
            status, answer = 503, {"code": 500, "message": "平台维护中"}
        else:
            status = 200
            answer = {"code": 0, "receipt_number": "EHR-%03d" % len(self.server.received)}
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@tagged("post_install", "-at_install")
class TestHealthRecordUpload(AftersalesChinaRulesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), PlatformStub)
        cls.server.daemon_threads = True
        cls.server.received = []
        cls.server.mode = "success"
        cls.server.release = threading.Event()
        thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        thread.start()

        def stop():
            cls.server.release.set()
            cls.server.shutdown()
            cls.server.server_close()

        cls.addClassCleanup(stop)
        cls.company.write(
            {
                "aftersales_health_record_enabled": True,
                "aftersales_health_record_endpoint": "http://127.0.0.1:%s/api/repair"
                % cls.server.server_port,
                "aftersales_health_record_station_code": "451002000999",
                "aftersales_health_record_account": "station",
                "aftersales_health_record_secret": "s3cret",
                "aftersales_health_record_timeout": 1,
                "aftersales_health_record_user_id": cls.manager.id,
            }
        )
        cls.truck.vin_sn = "LFWSRXSJ0M1A00001"
        cls.Upload = cls.env["aftersales.health.record.upload"]

    def setUp(self):
        super().setUp()
        self.server.received.clear()

    def _delivered(self):
        repair = self._received(
            "2026-03-02 01:00:00",
            odometer=102000,
            work_class_id=self.class_minor.id,
            customer_complaint="刹车跑偏",
        )
        self.env["aftersales.labor.line"].create(
            {"repair_id": repair.id, "standard_id": self.brake_standard.id}
        )
        return self._deliver(repair, "2026-03-02 06:00:00")

    def _due_now(self, upload):
        # the backoff delay has passed
        upload.write({"next_try": fields.Datetime.now() - timedelta(seconds=1)})

    def test_queue_survives_outage_and_never_sends_twice(self):
        repair = self._delivered()
        upload = self.Upload.search([("repair_id", "=", repair.id)])
        self.assertEqual(len(upload), 1)
        self.assertEqual(upload.state, "queued")
        # queueing again adds nothing
        self.assertFalse(self.Upload._enqueue(repair))

        # the platform is down: an error answer, then no answer at all
        self.server.mode = "error"
        self.assertEqual(self.Upload._cron_send_health_records(), 0)
        self.assertEqual(upload.state, "failed")
        self.assertEqual(upload.attempts, 1)
        self.assertIn("平台维护中", upload.last_error)
        self.assertGreater(upload.next_try, fields.Datetime.now())
        # not due yet: the next run leaves it alone
        self.Upload._cron_send_health_records()
        self.assertEqual(len(self.server.received), 1)

        self._due_now(upload)
        self.server.mode = "timeout"
        self.Upload._cron_send_health_records()
        self.assertEqual(upload.attempts, 2)
        self.assertIn("could not be reached", upload.last_error)
        first_delay = upload.next_try - fields.Datetime.now()

        self._due_now(upload)
        self.server.mode = "error"
        self.Upload._cron_send_health_records()
        self.assertEqual(upload.attempts, 3)
        self.assertGreater(upload.next_try - fields.Datetime.now(), first_delay, "backoff grows")
        # the service manager sees the failure
        self.assertEqual(upload.activity_ids.user_id, self.manager)
        self.assertIn(upload, self.Upload.search([("state", "=", "failed")]))

        # the platform is back
        self._due_now(upload)
        self.server.mode = "success"
        self.assertEqual(self.Upload._cron_send_health_records(), 1)
        self.assertEqual(upload.state, "sent")
        self.assertEqual(upload.receipt_number, "EHR-004")
        self.assertFalse(upload.activity_ids)
        payload = self.server.received[-1]
        self.assertEqual(payload["vin"], "LFWSRXSJ0M1A00001")
        self.assertEqual(payload["vehicleplatenumber"], "桂L·T0001")
        self.assertEqual(payload["companycode"], "451002000999")
        self.assertEqual(payload["costlistcode"], repair.name)
        self.assertEqual(payload["repairmileage"], 102000)
        self.assertEqual(payload["faultdescription"], "刹车跑偏")
        self.assertEqual(payload["repairprojectlist"][0]["workinghours"], 2.5)

        # never twice: neither the cron nor a direct send reaches the platform again
        upload.write({"next_try": fields.Datetime.now() - timedelta(days=1)})
        self.assertEqual(self.Upload._cron_send_health_records(), 0)
        self.assertFalse(upload._send_one())
        self.assertEqual(len(self.server.received), 4)
        self.assertEqual([r["costlistcode"] for r in self.server.received], [repair.name] * 4)

    def test_orders_without_work_class_or_upload_are_not_queued(self):
        repair = self._received("2026-03-02 01:00:00", odometer=102000)
        self._deliver(repair, "2026-03-02 06:00:00")
        self.assertFalse(repair.health_record_upload_ids)
        self.company.aftersales_health_record_enabled = False
        other = self._received(
            "2026-03-03 01:00:00", odometer=102100, work_class_id=self.class_minor.id
        )
        self._deliver(other, "2026-03-03 06:00:00")
        self.assertFalse(other.health_record_upload_ids)

    def test_secret_is_never_shown_back(self):
        admin = new_test_user(
            self.env,
            login="as_h5_admin",
            groups="base.group_system,aftersales_dealer.group_aftersales_manager",
        )
        settings = self.env["res.config.settings"].with_user(admin).create({})
        self.assertTrue(settings.aftersales_health_record_secret_set)
        self.assertNotIn("aftersales_health_record_secret", settings._fields)
        settings.aftersales_health_record_new_secret = "n3w"
        settings.execute()
        self.assertEqual(self.company.aftersales_health_record_secret, "n3w")
        self.assertFalse(
            self.env["res.config.settings"]
            .with_user(admin)
            .create({})
            .aftersales_health_record_new_secret
        )
