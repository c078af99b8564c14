import json
import logging
import threading
from datetime import timedelta

import requests

from odoo import _, api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# retry after 5, 10, 20 ... minutes, at most a day: the platform may be down for hours
BACKOFF_MINUTES = 5
BACKOFF_MAX_MINUTES = 24 * 60
# after this many failures the service manager gets an activity
ALERT_AFTER_ATTEMPTS = 3


class HealthRecordError(Exception):
    """The platform refused or did not answer; the message is stored on the upload."""


class AftersalesHealthRecordUpload(models.Model):
    """One delivered repair waiting for, or done with, its upload to the provincial
    platform of the electronic health record (汽车维修电子健康档案). One row per repair
    (unique), sent once: the cron locks the row and checks its state before sending."""

    _name = "aftersales.health.record.upload"
    _description = "Health Record Upload"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "next_try, id"
    _check_company_auto = True

    repair_id = fields.Many2one(
        "repair.order", required=True, ondelete="restrict", index=True, check_company=True
    )
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    vehicle_id = fields.Many2one(related="repair_id.vehicle_id")
    state = fields.Selection(
        [("queued", "Queued"), ("sent", "Sent"), ("failed", "Failed")],
        default="queued",
        required=True,
        tracking=True,
        index=True,
    )
    attempts = fields.Integer(readonly=True)
    next_try = fields.Datetime(default=fields.Datetime.now, index=True, readonly=True)
    sent_date = fields.Datetime(readonly=True)
    receipt_number = fields.Char(readonly=True, help="Number the platform gave the record.")
    last_error = fields.Text(readonly=True)

    _sql_constraints = [
        ("repair_uniq", "unique(repair_id)", "A repair is uploaded only once."),
    ]

    @api.model
    def _enqueue(self, repairs):
        """Queue the repairs not queued yet (the unique constraint guards races)."""
        queued = self.search([("repair_id", "in", repairs.ids)]).repair_id
        return self.create([{"repair_id": repair.id} for repair in repairs - queued])

    # ------------------------------------------------------------------
    # The interface
    # ------------------------------------------------------------------
    def _health_record_payload(self):
        """The record in the common fields of the national interface; a provincial
        platform with other names overrides this method."""
        self.ensure_one()
        repair = self.repair_id
        company = repair.company_id
        parts = repair.move_ids.filtered(
            lambda m: m.repair_line_type == "add" and m.state != "cancel"
        )
        return {
            "companycode": company.aftersales_health_record_station_code or "",
            "companyname": company.name,
            "vin": repair.vehicle_id.vin_sn or "",
            "vehicleplatenumber": repair.vehicle_id.license_plate or "",
            "repairdate": fields.Date.to_string(
                company._aftersales_local_date(repair.reception_date)
            ),
            "settledate": fields.Date.to_string(
                company._aftersales_local_date(repair.delivered_date)
            ),
            "repairmileage": int(repair.odometer),
            "faultdescription": repair.customer_complaint or "",
            "costlistcode": repair.name,
            "workclass": repair.work_class_id.code or "",
            "certificatenumber": repair.certificate_number or "",
            "repairprojectlist": [
                {"repairproject": line.name, "workinghours": line.hours}
                for line in repair.labor_line_ids
            ],
            "vehiclepartslist": [
                {
                    "partsname": move.product_id.name,
                    "partscode": move.product_id.default_code or "",
                    "partsquantity": move.product_uom_qty,
                }
                for move in parts
            ],
        }

    def _health_record_post(self, payload):
        """POST the record, return the platform's receipt number."""
        company = self.company_id.sudo()  # the platform credentials are system fields
        endpoint = company.aftersales_health_record_endpoint
        if not endpoint:
            raise HealthRecordError(_("No health record endpoint is set for the company."))
        auth = None
        if company.aftersales_health_record_account:
            auth = (
                company.aftersales_health_record_account,
                company.aftersales_health_record_secret or "",
            )
        try:
            response = requests.post(
                endpoint,
                data=json.dumps(payload, ensure_ascii=False).encode(),
                headers={"Content-Type": "application/json; charset=utf-8"},
                auth=auth,
                timeout=company.aftersales_health_record_timeout,
            )
        except requests.exceptions.RequestException as error:
            raise HealthRecordError(
                _("The platform could not be reached: %(error)s", error=error)
            ) from error
        try:
            body = response.json()
        except ValueError:
            body = {}
        receipt = body.get("receipt_number") or (body.get("data") or {}).get("receipt_number")
        if not response.ok or not receipt:
            raise HealthRecordError(
                _(
                    "The platform refused the record (HTTP %(status)s): %(message)s",
                    status=response.status_code,
                    message=body.get("message") or body.get("msg") or response.text[:500],
                )
            )
        return receipt

    # ------------------------------------------------------------------
    # The queue
    # ------------------------------------------------------------------
    def _lock_for_sending(self):
        """Lock the row if it still waits; False if another run holds or sent it."""
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id = %s AND state IN ('queued', 'failed') "
                "FOR UPDATE SKIP LOCKED",
                SQL.identifier(self._table),
                self.id,
            )
        )
        return bool(self.env.cr.fetchone())

    def _send_one(self):
        self.ensure_one()
        if not self._lock_for_sending():
            return False
        self.invalidate_recordset()
        now = fields.Datetime.now()
        try:
            try:
                payload = self._health_record_payload()
            except Exception as error:  # noqa: BLE001 - a bad record must not block the queue
                raise HealthRecordError(
                    _("The record could not be prepared: %(error)s", error=error)
                ) from error
            receipt = self._health_record_post(payload)
        except HealthRecordError as error:
            attempts = self.attempts + 1
            delay = min(BACKOFF_MINUTES * 2 ** (attempts - 1), BACKOFF_MAX_MINUTES)
            self.write(
                {
                    "state": "failed",
                    "attempts": attempts,
                    "last_error": str(error),
                    "next_try": now + timedelta(minutes=delay),
                }
            )
            if attempts == ALERT_AFTER_ATTEMPTS:
                self._alert_service_manager()
            return False
        self.write(
            {
                "state": "sent",
                "attempts": self.attempts + 1,
                "receipt_number": receipt,
                "sent_date": now,
                "last_error": False,
                "next_try": False,
            }
        )
        self.activity_ids.action_feedback(feedback=_("Sent at last."))
        return True

    def _alert_service_manager(self):
        self.ensure_one()
        user = self.company_id.aftersales_health_record_user_id or self.repair_id.user_id
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=(user or self.env.user).id,
            summary=_("Health record upload keeps failing"),
            note=self.last_error,
        )

    @api.model
    def _cron_send_health_records(self, batch_size=50):
        # the platform cannot take a record back: each result is committed at once so a
        # crash after a send never sends it again (not in tests, which cannot commit)
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        domain = [("state", "in", ("queued", "failed")), ("next_try", "<=", fields.Datetime.now())]
        uploads = self.search(domain, limit=batch_size)
        sent = 0
        for upload in uploads:
            sent += upload._send_one()
            if auto_commit:
                self.env.cr.commit()
        remaining = self.search_count(domain) if len(uploads) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(uploads), remaining=remaining)
        return sent

    def action_retry_now(self):
        self.filtered(lambda u: u.state != "sent").write({"next_try": fields.Datetime.now()})
        return True
