from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .aftersales_guards import (
    MAX_ODOMETER_KM,
    can_set_prices,
    changes_since,
    is_aftersales_manager,
    records_changing,
    snapshot,
)

VISIT_TYPES = [
    ("maintenance_first", "First Maintenance"),
    ("maintenance_routine", "Routine Maintenance"),
    ("repair", "Repair"),
    ("body_paint", "Body and Paint"),
    ("warranty", "Warranty"),
    ("accident", "Accident"),
]
MAINTENANCE_VISIT_TYPES = ("maintenance_first", "maintenance_routine")
# who did the work and whose work had to be redone: pay and deductions read them, so
# they are frozen once the order is done or delivered, except for the manager
REPAIR_LOCKED_FIELDS = (
    "is_rework",
    "rework_of_id",
    "rework_cause",
    "team_leader_id",
    "technician_ids",
    "user_id",
)


class RepairOrder(models.Model):
    _inherit = "repair.order"

    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Truck",
        index=True,
        tracking=True,
        check_company=True,
        domain="[('customer_id', '=?', partner_id)]",
    )
    license_plate = fields.Char(related="vehicle_id.license_plate")
    vehicle_model_id = fields.Many2one(related="vehicle_id.model_id", string="Vehicle Model")
    odometer = fields.Float(help="Odometer reading when the truck was received.")
    reception_date = fields.Datetime(
        readonly=True, copy=False, help="Set when the truck is received."
    )
    visit_type = fields.Selection(VISIT_TYPES, default="repair", tracking=True)
    is_appointment = fields.Boolean(
        string="Appointment", help="The customer booked this visit in advance."
    )
    appointment_parts_reserved = fields.Boolean(
        string="Parts Reserved Ahead",
        copy=False,
        help="The parts of this appointment were prepared before the truck arrived.",
    )
    customer_complaint = fields.Text(
        string="Customer Request", help="What the driver reports, in their own words."
    )
    pre_inspection_done = fields.Boolean(copy=False)
    pre_inspection_ids = fields.One2many(
        "aftersales.pre.inspection", "repair_id", string="Pre-Inspections"
    )
    technician_ids = fields.Many2many(
        "hr.employee",
        "repair_order_technician_rel",
        "repair_id",
        "employee_id",
        string="Technicians",
        check_company=True,
    )
    team_leader_id = fields.Many2one("hr.employee", check_company=True, tracking=True)
    labor_line_ids = fields.One2many(
        "aftersales.labor.line", "repair_id", string="Labour", copy=True
    )
    labor_hours = fields.Float(string="Labour Hours", compute="_compute_labor_totals", store=True)
    labor_amount = fields.Monetary(
        compute="_compute_labor_totals", store=True, currency_field="company_currency_id"
    )
    company_currency_id = fields.Many2one(related="company_id.currency_id")
    finding_ids = fields.One2many("aftersales.finding", "repair_id", string="Findings")
    recapturable_finding_ids = fields.Many2many(
        "aftersales.finding",
        string="Open Findings of This Truck",
        compute="_compute_recapturable_finding_ids",
        help="Findings the customer declined or deferred on earlier visits of this truck.",
    )
    promised_date = fields.Datetime(help="Delivery time agreed with the customer at reception.")
    delivered_date = fields.Datetime(readonly=True, copy=False)
    delivered_on_time = fields.Boolean(
        string="On Time",
        compute="_compute_delivered_on_time",
        store=True,
        help="Delivered no later than the promised date.",
    )
    work_explained = fields.Boolean(
        copy=False, help="The advisor explained the work done when handing the truck back."
    )
    is_rework = fields.Boolean(string="Rework", copy=False)
    rework_of_id = fields.Many2one(
        "repair.order", copy=False, check_company=True, index="btree_not_null"
    )
    rework_cause = fields.Text(copy=False, help="Why the earlier repair did not hold.")
    old_parts_shown = fields.Boolean(copy=False)
    reminder_given = fields.Boolean(copy=False)
    cancel_reason = fields.Selection(
        [
            ("customer_left", "Customer left without repair"),
            ("duplicate", "Duplicate"),
            ("other", "Other"),
        ],
        copy=False,
        tracking=True,
    )
    cancel_note = fields.Text(copy=False)
    warranty_claim_ids = fields.One2many(
        "aftersales.warranty.claim", "repair_id", string="Warranty Claims"
    )
    warranty_claim_count = fields.Integer(compute="_compute_warranty_claim_count")
    # final quality check before delivery
    quality_check_ids = fields.One2many(
        "aftersales.quality.check", "repair_id", string="Quality Checks"
    )
    quality_check_done = fields.Boolean(
        copy=False, readonly=True, tracking=True, help="The final quality check passed."
    )
    quality_checker_id = fields.Many2one(
        "hr.employee",
        string="Quality Checked By",
        copy=False,
        readonly=True,
        tracking=True,
        check_company=True,
    )
    quality_check_failed_count = fields.Integer(
        string="Failed Quality Checks",
        compute="_compute_quality_check_failed_count",
        store=True,
        help="Each failed final check sent the truck back to the workshop: internal rework.",
    )

    @api.depends("labor_line_ids.hours", "labor_line_ids.amount")
    def _compute_labor_totals(self):
        for repair in self:
            repair.labor_hours = sum(repair.labor_line_ids.mapped("hours"))
            repair.labor_amount = sum(repair.labor_line_ids.mapped("amount"))

    @api.depends("delivered_date", "promised_date")
    def _compute_delivered_on_time(self):
        for repair in self:
            repair.delivered_on_time = bool(
                repair.delivered_date
                and (not repair.promised_date or repair.delivered_date <= repair.promised_date)
            )

    @api.depends("vehicle_id")
    def _compute_recapturable_finding_ids(self):
        vehicles = self.vehicle_id
        open_findings = self.env["aftersales.finding"].search(
            [
                ("vehicle_id", "in", vehicles.ids),
                ("decision", "in", ("declined", "deferred")),
                ("recaptured_repair_id", "=", False),
            ]
        )
        for repair in self:
            repair.recapturable_finding_ids = open_findings.filtered(
                lambda f, repair=repair: (
                    f.vehicle_id == repair.vehicle_id and f.repair_id != repair._origin
                )
            )

    def _compute_warranty_claim_count(self):
        counts = dict(
            self.env["aftersales.warranty.claim"]._read_group(
                [("repair_id", "in", self.ids)], ["repair_id"], ["__count"]
            )
        )
        for repair in self:
            repair.warranty_claim_count = counts.get(repair, 0)

    @api.depends("quality_check_ids.state")
    def _compute_quality_check_failed_count(self):
        for repair in self:
            repair.quality_check_failed_count = len(
                repair.quality_check_ids.filtered(lambda c: c.state == "failed")
            )

    @api.onchange("vehicle_id")
    def _onchange_vehicle_id_aftersales(self):
        if self.vehicle_id:
            if self.vehicle_id.customer_id and not self.partner_id:
                self.partner_id = self.vehicle_id.customer_id
            if not self.odometer:
                self.odometer = self.vehicle_id.odometer

    @api.onchange("rework_of_id")
    def _onchange_rework_of_id(self):
        if self.rework_of_id:
            self.is_rework = True

    @api.constrains("odometer")
    def _check_odometer_positive(self):
        if any(repair.odometer < 0 for repair in self):
            raise ValidationError(_("The odometer reading cannot be negative."))
        if any(repair.odometer > MAX_ODOMETER_KM for repair in self):
            raise ValidationError(
                _(
                    "An odometer reading above %(max)s km is not plausible.",
                    max=int(MAX_ODOMETER_KM),
                )
            )

    @api.constrains("reception_date", "delivered_date")
    def _check_delivery_after_reception(self):
        for repair in self:
            if repair.delivered_date and not repair.reception_date:
                raise ValidationError(
                    _(
                        "%(order)s cannot be delivered: the truck was never received.",
                        order=repair.name,
                    )
                )
            if repair.delivered_date and repair.delivered_date < repair.reception_date:
                raise ValidationError(
                    _(
                        "%(order)s cannot be delivered on %(delivered)s, before it was "
                        "received on %(received)s.",
                        order=repair.name,
                        delivered=repair.delivered_date,
                        received=repair.reception_date,
                    )
                )

    @api.constrains("is_rework", "rework_of_id", "vehicle_id", "reception_date")
    def _check_rework_of(self):
        for repair in self:
            earlier = repair.rework_of_id
            if not earlier:
                continue
            if earlier == repair or earlier.vehicle_id != repair.vehicle_id:
                raise ValidationError(
                    _(
                        "%(order)s can only be a rework of an earlier order of the same "
                        "truck, not of %(other)s.",
                        order=repair.name,
                        other=earlier.name,
                    )
                )
            this_date = repair.reception_date or repair.create_date or fields.Datetime.now()
            earlier_date = earlier.reception_date or earlier.create_date
            if earlier_date and earlier_date > this_date:
                raise ValidationError(
                    _(
                        "%(order)s can only be a rework of an earlier order: %(other)s came later.",
                        order=repair.name,
                        other=earlier.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("under_warranty") for vals in vals_list):
            self._check_can_decide_warranty()
        return super().create(vals_list)

    @api.constrains("quality_checker_id", "quality_check_done", "technician_ids")
    def _check_quality_checker(self):
        for repair in self:
            if repair.quality_check_done and not repair.quality_checker_id:
                raise ValidationError(
                    _("%(order)s: a passed quality check names who signed it.", order=repair.name)
                )
            if repair.quality_checker_id:
                repair._aftersales_check_checker(repair.quality_checker_id)

    def _aftersales_check_checker(self, employee):
        """The final check is signed by a qualified person who did not work on the order."""
        self.ensure_one()
        if not self.env["aftersales.quality.check"]._is_qualified_checker(employee):
            raise ValidationError(
                _(
                    "%(employee)s cannot sign a final quality check: only a team leader, the "
                    "technical manager or a quality inspector can.",
                    employee=employee.name,
                )
            )
        if employee in (self.technician_ids | self.labor_line_ids.technician_id):
            raise ValidationError(
                _(
                    "%(employee)s worked on %(order)s and cannot sign its final quality check.",
                    employee=employee.name,
                    order=self.name,
                )
            )

    def write(self, vals):
        if vals.get("cancel_reason") and not is_aftersales_manager(self.env):
            raise AccessError(_("Only the after-sales manager can set a cancel reason."))
        if records_changing(self, vals, ["under_warranty"]):
            self._check_can_decide_warranty()
        fnames = self._aftersales_locked_fields()
        locked = records_changing(self.filtered(lambda r: r._aftersales_is_locked()), vals, fnames)
        if locked and not is_aftersales_manager(self.env):
            raise AccessError(
                _(
                    "%(order)s is done or delivered: only the after-sales manager can change "
                    "its technicians, team leader, advisor or rework attribution.",
                    order=locked[0].name,
                )
            )
        before = snapshot(locked, fnames)
        res = super().write(vals)
        for repair in locked:
            repair._aftersales_post_locked_change(changes_since(repair, before, fnames))
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_delivered(self):
        # a done or delivered order feeds the figures, the pay and the follow-up calls
        done = self.filtered(lambda r: r._aftersales_is_locked())
        if done and not self.env.su:
            raise UserError(
                _(
                    "%(order)s is done or delivered: it is part of the station's history and "
                    "cannot be deleted.",
                    order=done[0].name,
                )
            )

    def _check_can_decide_warranty(self):
        if not can_set_prices(self.env):
            raise AccessError(
                _(
                    "Only a service advisor or the manager can decide that a repair is "
                    "under warranty."
                )
            )

    def _aftersales_locked_fields(self):
        # the KPI add-on's rework attribution is locked like the core's
        return [
            fname
            for fname in (*REPAIR_LOCKED_FIELDS, "rework_employee_id")
            if fname in self._fields
        ]

    def _aftersales_is_locked(self):
        self.ensure_one()
        return bool(self.delivered_date) or self.state == "done"

    def _aftersales_post_locked_change(self, changes):
        """The manager's change to a done or delivered order, kept in its chatter."""
        self.ensure_one()
        if not changes:
            return
        self.message_post(
            body=_(
                "Changed by %(user)s after the order was done or delivered: %(changes)s",
                user=self.env.user.name,
                changes="; ".join(changes),
            )
        )

    # ------------------------------------------------------------------
    # Reception
    # ------------------------------------------------------------------
    def action_open_receive_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Receive Truck"),
            "res_model": "aftersales.repair.receive.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_repair_id": self.id},
        }

    def action_receive(self):
        """Check the truck in: reading, reception time, last visit of truck and customer."""
        for repair in self:
            if repair.reception_date:
                raise UserError(_("%(order)s was already received.", order=repair.name))
            if not repair.vehicle_id:
                raise UserError(
                    _("Choose the truck of %(order)s before receiving it.", order=repair.name)
                )
            if repair.state == "cancel":
                raise UserError(_("A cancelled order cannot be received."))
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        readings = []
        for repair in self:
            if repair.odometer:
                # the odometer history refuses a reading lower than the last one
                readings.append(
                    {
                        "vehicle_id": repair.vehicle_id.id,
                        "value": repair.odometer,
                        "date": today,
                    }
                )
        self.env["fleet.vehicle.odometer"].create(readings)
        self.write({"reception_date": now})
        self.vehicle_id.write({"last_visit_date": today})
        (self.partner_id | self.vehicle_id.customer_id).write({"last_visit_date": today})
        return True

    def action_open_pre_inspection(self):
        self.ensure_one()
        inspection = self.pre_inspection_ids[:1]
        if not inspection:
            inspection = self.env["aftersales.pre.inspection"].create({"repair_id": self.id})
            inspection._onchange_template_id()
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.pre.inspection",
            "view_mode": "form",
            "res_id": inspection.id,
        }

    # ------------------------------------------------------------------
    # Workshop and invoicing
    # ------------------------------------------------------------------
    def action_create_sale_order(self):
        action = super().action_create_sale_order()
        self.labor_line_ids._create_sale_order_line()
        return action

    # ------------------------------------------------------------------
    # Delivery
    # ------------------------------------------------------------------
    def action_open_delivery_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Deliver Truck"),
            "res_model": "aftersales.repair.delivery.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_repair_id": self.id},
        }

    def action_deliver(
        self, delivered_date=None, work_explained=True, old_parts_shown=False, reminder_given=False
    ):
        for repair in self:
            if not repair.reception_date:
                raise UserError(
                    _(
                        "%(order)s cannot be delivered: the truck was never received.",
                        order=repair.name,
                    )
                )
            if repair.delivered_date:
                raise UserError(_("%(order)s was already delivered.", order=repair.name))
            if repair.state == "cancel":
                raise UserError(_("A cancelled order cannot be delivered."))
        self._aftersales_check_delivery()
        self._aftersales_check_quality()
        delivered_date = delivered_date or fields.Datetime.now()
        self.write(
            {
                "delivered_date": delivered_date,
                "work_explained": work_explained,
                "old_parts_shown": old_parts_shown,
                "reminder_given": reminder_given,
            }
        )
        for repair in self.filtered(lambda r: r.visit_type in MAINTENANCE_VISIT_TYPES):
            repair.vehicle_id.write(
                {
                    "last_maintenance_date": fields.Date.to_date(delivered_date),
                    "last_maintenance_odometer": repair.odometer
                    or repair.vehicle_id.last_maintenance_odometer,
                }
            )
        self._aftersales_after_delivery()
        return True

    def _aftersales_check_delivery(self):
        """Hook: refuse the delivery of ``self`` (raise) before anything is written."""
        return True

    def _aftersales_after_delivery(self):
        """Hook: work done once ``self`` is delivered, in the same transaction."""
        return True

    # ------------------------------------------------------------------
    # Final quality check
    # ------------------------------------------------------------------
    def _aftersales_check_quality(self):
        """Refuse delivery without a passed final check where the company requires one."""
        missing = self.filtered(
            lambda r: r.company_id.aftersales_quality_check_required and not r.quality_check_done
        )
        if missing:
            raise UserError(
                _(
                    "%(orders)s cannot be delivered before its final quality check has passed.",
                    orders=", ".join(missing.mapped("name")),
                )
            )

    def _aftersales_quality_check_failed(self, check):
        """A failed final check sends the truck back to the workshop (internal rework)."""
        self.ensure_one()
        vals = {"quality_check_done": False, "quality_checker_id": False}
        if self.state == "done":
            vals["state"] = "under_repair"
        self.write(vals)
        self.message_post(
            body=_(
                "Final quality check failed (%(items)s): back to the workshop.",
                items=", ".join(
                    check.line_ids.filtered(lambda line: line.result == "fail").mapped("name")
                ),
            )
        )

    def action_open_quality_check(self):
        self.ensure_one()
        check = self.quality_check_ids.filtered(lambda c: c.state == "draft")[:1]
        action = {
            "type": "ir.actions.act_window",
            "name": _("Final Quality Check"),
            "res_model": "aftersales.quality.check",
            "view_mode": "form",
        }
        if check:
            action["res_id"] = check.id
        else:
            action["context"] = {"default_repair_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Cancel, rework, claims
    # ------------------------------------------------------------------
    def action_open_cancel_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Cancel Repair Order"),
            "res_model": "aftersales.repair.cancel.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_repair_ids": self.ids},
        }

    def action_create_rework(self):
        self.ensure_one()
        rework = self.create(
            {
                "partner_id": self.partner_id.id,
                "vehicle_id": self.vehicle_id.id,
                "company_id": self.company_id.id,
                "visit_type": "repair",
                "is_rework": True,
                "rework_of_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "view_mode": "form",
            "res_id": rework.id,
        }

    def action_create_warranty_claim(self):
        """Draft claim pre-filled with the parts and labour of this order."""
        self.ensure_one()
        part_lines = [
            fields.Command.create(
                {
                    "line_type": "part",
                    "product_id": move.product_id.id,
                    "name": move.product_id.display_name,
                    "quantity": move.product_uom_qty,
                    "price_unit": move.product_id.standard_price,
                }
            )
            for move in self.move_ids.filtered(
                lambda m: m.repair_line_type == "add" and m.state != "cancel"
            )
        ]
        labor_lines = [
            fields.Command.create(
                {
                    "line_type": "labor",
                    "product_id": line.product_id.id,
                    "name": line.name,
                    "quantity": line.hours,
                    "price_unit": line.product_id.lst_price,
                }
            )
            for line in self.labor_line_ids
        ]
        claim = self.env["aftersales.warranty.claim"].create(
            {"repair_id": self.id, "line_ids": part_lines + labor_lines}
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.warranty.claim",
            "view_mode": "form",
            "res_id": claim.id,
        }

    def action_view_warranty_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_dealer.aftersales_warranty_claim_action"
        )
        action.update(
            domain=[("repair_id", "=", self.id)],
            context={"default_repair_id": self.id},
        )
        return action

    def print_repair_order(self):
        report = self.env.ref("aftersales_dealer.action_report_aftersales_repair_order")
        return report.report_action(self)

    def print_delivery_note(self):
        report = self.env.ref("aftersales_dealer.action_report_aftersales_delivery_note")
        return report.report_action(self)
