from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

CALIBRATION_REMINDER_BATCH = 200


class MaintenanceEquipment(models.Model):
    _inherit = "maintenance.equipment"

    calibration_interval_months = fields.Integer(
        string="Calibration Interval (months)",
        help="Months between two calibrations or safety inspections; empty: none due.",
    )
    last_calibration_date = fields.Date(tracking=True)
    next_calibration_date = fields.Date(
        compute="_compute_next_calibration_date",
        store=True,
        readonly=False,
        tracking=True,
        help="The last calibration plus the interval; can be set by hand.",
    )
    calibration_overdue = fields.Boolean(
        string="Out of Calibration",
        compute="_compute_calibration_overdue",
        search="_search_calibration_overdue",
    )
    is_special_tool = fields.Boolean(
        string="Special Tool", help="A tool needed for particular truck models."
    )
    vehicle_model_ids = fields.Many2many(
        "fleet.vehicle.model",
        "maintenance_equipment_vehicle_model_rel",
        "equipment_id",
        "model_id",
        string="Truck Models",
        help="The truck models this special tool is needed for.",
    )

    _sql_constraints = [
        (
            "calibration_interval_positive",
            "CHECK(calibration_interval_months >= 0)",
            "The calibration interval cannot be negative.",
        ),
    ]

    @api.depends("last_calibration_date", "calibration_interval_months", "effective_date")
    def _compute_next_calibration_date(self):
        for equipment in self:
            baseline = equipment.last_calibration_date or equipment.effective_date
            if equipment.calibration_interval_months and baseline:
                equipment.next_calibration_date = baseline + relativedelta(
                    months=equipment.calibration_interval_months
                )
            else:
                equipment.next_calibration_date = False

    @api.depends("next_calibration_date")
    def _compute_calibration_overdue(self):
        today = fields.Date.context_today(self)
        for equipment in self:
            equipment.calibration_overdue = bool(
                equipment.next_calibration_date and equipment.next_calibration_date < today
            )

    def _search_calibration_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on equipment out of calibration."))
        today = fields.Date.context_today(self)
        if (operator == "=") == value:
            return [("next_calibration_date", "<", today)]
        return ["|", ("next_calibration_date", "=", False), ("next_calibration_date", ">=", today)]

    def _aftersales_technical_manager_user(self):
        """Who gets the reminders: the company's technical manager, else the equipment's
        technician."""
        self.ensure_one()
        company = self.company_id or self.env.company
        manager = self.env["hr.employee"].search(
            [
                ("aftersales_role", "=", "technical_manager"),
                ("user_id", "!=", False),
                ("company_id", "=", company.id),
            ],
            limit=1,
        )
        return manager.user_id or self.technician_user_id or self.owner_user_id

    @api.model
    def _cron_calibration_reminders(self, lead_days=30):
        """Remind the technical manager of calibrations falling due and open a preventive
        maintenance request for each; equipment already reminded is skipped, so the
        cron resumes where a killed run stopped."""
        activity_type = self.env.ref("aftersales_dealer_kpi.mail_act_calibration_due")
        horizon = fields.Date.context_today(self) + relativedelta(days=lead_days)
        domain = [
            ("next_calibration_date", "<=", horizon),
            ("scrap_date", "=", False),
            ("activity_ids", "not any", [("activity_type_id", "=", activity_type.id)]),
        ]
        equipments = self.search(domain, limit=CALIBRATION_REMINDER_BATCH)
        open_requests = self.env["maintenance.request"].search(
            [
                ("equipment_id", "in", equipments.ids),
                ("aftersales_calibration", "=", True),
                ("stage_id.done", "=", False),
                ("archive", "=", False),
            ]
        )
        request_vals = []
        for equipment in equipments:
            user = equipment._aftersales_technical_manager_user()
            equipment.activity_schedule(
                "aftersales_dealer_kpi.mail_act_calibration_due",
                date_deadline=equipment.next_calibration_date,
                summary=_("Calibration due %(date)s", date=equipment.next_calibration_date),
                user_id=(user or self.env.user).id,
            )
            if equipment not in open_requests.equipment_id:
                request_vals.append(
                    {
                        "name": _("Calibration: %(equipment)s", equipment=equipment.name),
                        "equipment_id": equipment.id,
                        "company_id": (equipment.company_id or self.env.company).id,
                        "maintenance_type": "preventive",
                        "aftersales_calibration": True,
                        "schedule_date": equipment.next_calibration_date,
                        "user_id": user.id,
                    }
                )
        self.env["maintenance.request"].create(request_vals)
        if len(equipments) == CALIBRATION_REMINDER_BATCH:
            remaining = self.search_count(domain)
            self.env["ir.cron"]._notify_progress(done=len(equipments), remaining=remaining)
        return equipments
