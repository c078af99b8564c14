from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .aftersales_repair_inspection import INSPECTION_STAGES

SETTLEMENT_PAYERS = [
    ("customer", "Customer"),
    ("warranty", "Manufacturer Warranty"),
    ("insurer", "Insurer"),
    ("station", "Station (Quality Guarantee)"),
]


class RepairOrder(models.Model):
    """The repair rules of China on the repair order: work class, completion
    certificate, quality guarantee clock, settlement list, staged inspections and the
    electronic health record. Kept apart from repair_order.py, which calls the delivery
    hooks defined here."""

    _inherit = "repair.order"

    work_class_id = fields.Many2one(
        "aftersales.work.class",
        tracking=True,
        check_company=True,
        help="Class of work under the repair regulations: fixes the quality guarantee "
        "period, the completion certificate and the staged inspections.",
    )
    certificate_required = fields.Boolean(
        related="work_class_id.certificate_required", string="Certificate Required"
    )
    inspection_required = fields.Boolean(
        related="work_class_id.inspection_required", string="Inspections Required"
    )
    certificate_range_id = fields.Many2one(
        "aftersales.certificate.range", readonly=True, copy=False, index="btree_not_null"
    )
    certificate_number = fields.Char(
        readonly=True,
        copy=False,
        tracking=True,
        help="Completion certificate (竣工出厂合格证) issued at delivery.",
    )
    guarantee_end_date = fields.Date(
        readonly=True, copy=False, help="Last day of the quality guarantee by date."
    )
    guarantee_end_km = fields.Float(
        readonly=True, copy=False, help="Odometer reading that ends the quality guarantee."
    )
    guarantee_expiry_date = fields.Date(
        compute="_compute_guarantee_expiry_date",
        store=True,
        help="The day the guarantee ends, whichever limit comes first: the date, or the "
        "day the odometer reaches the limit at the truck's average daily mileage.",
    )
    guarantee_active = fields.Boolean(
        compute="_compute_guarantee_active", search="_search_guarantee_active"
    )
    guarantee_running_repair_id = fields.Many2one(
        "repair.order",
        string="Guarantee Running From",
        compute="_compute_guarantee_running_repair_id",
        help="An earlier order of this truck whose quality guarantee still runs.",
    )
    guarantee_running_end_date = fields.Date(
        string="Guarantee Until", compute="_compute_guarantee_running_repair_id"
    )
    guarantee_running_end_km = fields.Float(
        string="Guarantee Until (km)", compute="_compute_guarantee_running_repair_id"
    )
    guarantee_decision = fields.Selection(
        [("rework", "Free Rework"), ("new_work", "New Work")],
        copy=False,
        tracking=True,
        help="What the advisor decided for a truck received inside a running guarantee.",
    )
    guarantee_free_rework = fields.Boolean(
        readonly=True,
        copy=False,
        help="Rework under the quality guarantee: labour and parts at no charge.",
    )
    inspection_ids = fields.One2many(
        "aftersales.repair.inspection", "repair_id", string="Staged Inspections"
    )
    inspections_complete = fields.Boolean(compute="_compute_inspections_complete")
    settlement_payer = fields.Selection(
        SETTLEMENT_PAYERS, string="Paid By", compute="_compute_settlement"
    )
    settlement_labor_amount = fields.Monetary(
        string="Labour Charges", compute="_compute_settlement", currency_field="company_currency_id"
    )
    settlement_parts_amount = fields.Monetary(
        string="Parts Charges", compute="_compute_settlement", currency_field="company_currency_id"
    )
    settlement_total = fields.Monetary(
        string="Settlement Total",
        compute="_compute_settlement",
        currency_field="company_currency_id",
    )
    settlement_customer_amount = fields.Monetary(
        string="Customer Pays", compute="_compute_settlement", currency_field="company_currency_id"
    )
    health_record_upload_ids = fields.One2many(
        "aftersales.health.record.upload", "repair_id", string="Health Record Uploads"
    )

    _sql_constraints = [
        (
            "certificate_number_company_uniq",
            "unique(company_id, certificate_number)",
            "A completion certificate number is issued only once.",
        ),
    ]

    # ------------------------------------------------------------------
    # The guarantee clock
    # ------------------------------------------------------------------
    @api.depends(
        "guarantee_end_date",
        "guarantee_end_km",
        "vehicle_id.odometer_log_ids.value",
        "vehicle_id.odometer_log_ids.date",
    )
    def _compute_guarantee_expiry_date(self):
        projections = self.vehicle_id._aftersales_odometer_projection()
        for repair in self:
            if not repair.guarantee_end_date:
                repair.guarantee_expiry_date = False
                continue
            expiry = repair.guarantee_end_date
            km_day = projections.get(repair.vehicle_id.id, {}).get("reach_date")
            km_limit_day = (
                km_day(repair.guarantee_end_km) if repair.guarantee_end_km and km_day else None
            )
            if km_limit_day:
                expiry = min(expiry, km_limit_day)
            repair.guarantee_expiry_date = expiry

    @api.depends("guarantee_expiry_date")
    def _compute_guarantee_active(self):
        today = fields.Date.context_today(self)
        for repair in self:
            repair.guarantee_active = bool(
                repair.guarantee_expiry_date and repair.guarantee_expiry_date >= today
            )

    def _search_guarantee_active(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on the running guarantee."))
        today = fields.Date.context_today(self)
        if (operator == "=") == value:
            return [("guarantee_expiry_date", ">=", today)]
        return ["|", ("guarantee_expiry_date", "=", False), ("guarantee_expiry_date", "<", today)]

    @api.depends("vehicle_id", "odometer", "reception_date", "delivered_date")
    def _compute_guarantee_running_repair_id(self):
        candidates = self.search(
            [
                ("vehicle_id", "in", self.vehicle_id.ids),
                ("guarantee_end_date", "!=", False),
                ("delivered_date", "!=", False),
            ],
            order="delivered_date desc, id desc",
        )
        for repair in self:
            repair.guarantee_running_repair_id = False
            repair.guarantee_running_end_date = False
            repair.guarantee_running_end_km = 0.0
            if repair.delivered_date or not repair.vehicle_id:
                continue
            company = repair.company_id or self.env.company
            visit_day = company._aftersales_local_date(
                repair.reception_date or fields.Datetime.now()
            )
            for earlier in candidates:
                if earlier.vehicle_id != repair.vehicle_id or earlier == repair._origin:
                    continue
                if earlier._aftersales_guarantee_covers(visit_day, repair.odometer):
                    repair.guarantee_running_repair_id = earlier
                    repair.guarantee_running_end_date = earlier.guarantee_end_date
                    repair.guarantee_running_end_km = earlier.guarantee_end_km
                    break

    def _aftersales_guarantee_covers(self, day, odometer=0.0):
        """Whether the guarantee of this delivered order still runs on ``day`` for a truck
        showing ``odometer`` km (the projected reading when 0)."""
        self.ensure_one()
        if not self.guarantee_end_date or day > self.guarantee_end_date:
            return False
        if not self.guarantee_end_km:
            return True
        if odometer:
            return odometer <= self.guarantee_end_km
        return bool(self.guarantee_expiry_date and day <= self.guarantee_expiry_date)

    def action_guarantee_free_rework(self):
        """The advisor's decision: the visit is a free rework of the guaranteed order."""
        for repair in self:
            earlier = repair.guarantee_running_repair_id
            if not earlier:
                raise UserError(
                    _("%(order)s is not inside a running quality guarantee.", order=repair.name)
                )
            repair.write(
                {
                    "is_rework": True,
                    "rework_of_id": earlier.id,
                    "guarantee_decision": "rework",
                    "guarantee_free_rework": True,
                    # Odoo's own "no charge" switch: parts and labour at price 0
                    "under_warranty": True,
                }
            )
        return True

    def action_guarantee_new_work(self):
        self.write({"guarantee_decision": "new_work"})
        return True

    # ------------------------------------------------------------------
    # Staged inspections
    # ------------------------------------------------------------------
    def _aftersales_technicians(self):
        self.ensure_one()
        return self.technician_ids | self.labor_line_ids.technician_id

    @api.depends("inspection_ids.stage", "inspection_ids.result")
    def _compute_inspections_complete(self):
        stages = {stage for stage, _label in INSPECTION_STAGES}
        for repair in self:
            passed = set(
                repair.inspection_ids.filtered(lambda i: i.result == "pass").mapped("stage")
            )
            repair.inspections_complete = stages <= passed

    @api.constrains("technician_ids")
    def _check_technicians_not_inspectors(self):
        for repair in self:
            clash = repair.inspection_ids.inspector_id & repair._aftersales_technicians()
            if clash:
                raise ValidationError(
                    _(
                        "%(employee)s inspected %(order)s and cannot also work on it.",
                        employee=clash[0].name,
                        order=repair.name,
                    )
                )

    # ------------------------------------------------------------------
    # Settlement list
    # ------------------------------------------------------------------
    def _aftersales_settlement_payer(self):
        """Who pays this order; the insurance addon may refine the accident case."""
        self.ensure_one()
        if self.guarantee_free_rework:
            return "station"
        if self.under_warranty:
            return "warranty"
        if self.visit_type == "accident":
            return "insurer"
        return "customer"

    def _aftersales_settlement_part_lines(self):
        """Parts of the settlement list: (move, quantity, unit price, amount)."""
        self.ensure_one()
        lines = []
        for move in self.move_ids.filtered(
            lambda m: m.repair_line_type == "add" and m.state != "cancel"
        ):
            quantity = move.product_uom_qty
            if self.under_warranty:
                amount = 0.0
            elif move.sale_line_id:
                amount = move.sale_line_id.price_subtotal
            else:
                amount = quantity * move.product_id.lst_price
            unit_price = amount / quantity if quantity else 0.0
            lines.append((move, quantity, unit_price, amount))
        return lines

    @api.depends(
        "labor_line_ids.amount",
        "move_ids.product_uom_qty",
        "move_ids.sale_line_id.price_subtotal",
        "under_warranty",
        "visit_type",
        "guarantee_free_rework",
    )
    def _compute_settlement(self):
        for repair in self:
            labor = repair.labor_amount
            parts = sum(line[3] for line in repair._aftersales_settlement_part_lines())
            payer = repair._aftersales_settlement_payer()
            repair.settlement_payer = payer
            repair.settlement_labor_amount = labor
            repair.settlement_parts_amount = parts
            repair.settlement_total = labor + parts
            repair.settlement_customer_amount = labor + parts if payer == "customer" else 0.0

    def print_settlement_list(self):
        report = self.env.ref("aftersales_dealer.action_report_aftersales_settlement_list")
        return report.report_action(self)

    def print_completion_certificate(self):
        if not all(self.mapped("certificate_number")):
            raise UserError(_("Only an order delivered with a certificate number can print it."))
        report = self.env.ref("aftersales_dealer.action_report_aftersales_completion_certificate")
        return report.report_action(self)

    # ------------------------------------------------------------------
    # Delivery hooks (called from action_deliver)
    # ------------------------------------------------------------------
    def _aftersales_check_delivery(self):
        res = super()._aftersales_check_delivery()
        qualifying = self.filtered(lambda r: r.certificate_required and not r.certificate_number)
        for company in qualifying.company_id:
            free = sum(
                self.env["aftersales.certificate.range"]
                .search([("company_id", "=", company.id)])
                .mapped("remaining_count")
            )
            if free < len(qualifying.filtered(lambda r, c=company: r.company_id == c)):
                raise UserError(self._aftersales_no_certificate_message(qualifying[0]))
        for repair in self.filtered(lambda r: r.guarantee_free_rework and not r.under_warranty):
            raise UserError(
                _(
                    "%(order)s is a free rework under the quality guarantee: it cannot "
                    "be charged to the customer.",
                    order=repair.name,
                )
            )
        for repair in self.filtered("work_class_id"):
            if repair.inspection_required:
                if not repair.inspections_complete:
                    raise UserError(
                        _(
                            "%(order)s is %(work_class)s: the entry, in-process and completion "
                            "inspections must all be passed before delivery.",
                            order=repair.name,
                            work_class=repair.work_class_id.name,
                        )
                    )
                repair.inspection_ids._check_inspector_not_technician()
        return res

    def _aftersales_after_delivery(self):
        res = super()._aftersales_after_delivery()
        Range = self.env["aftersales.certificate.range"]
        for repair in self.filtered(lambda r: r.work_class_id and r.delivered_date):
            work_class = repair.work_class_id
            vals = {}
            if work_class.certificate_required and not repair.certificate_number:
                cert_range, number = Range._take_next_number(repair.company_id)
                if not cert_range:
                    raise UserError(self._aftersales_no_certificate_message(repair))
                vals["certificate_range_id"] = cert_range.id
                vals["certificate_number"] = cert_range._format_number(number)
            if work_class.guarantee_days:
                delivery_day = repair.company_id._aftersales_local_date(repair.delivered_date)
                vals["guarantee_end_date"] = delivery_day + timedelta(
                    days=work_class.guarantee_days
                )
                odometer = repair.odometer or repair.vehicle_id.odometer
                vals["guarantee_end_km"] = (
                    odometer + work_class.guarantee_km if work_class.guarantee_km else 0.0
                )
            if vals:
                repair.write(vals)
        to_upload = self.filtered(
            lambda r: (
                r.work_class_id
                and r.delivered_date
                and r.company_id.aftersales_health_record_enabled
            )
        )
        if to_upload:
            self.env["aftersales.health.record.upload"]._enqueue(to_upload)
        return res

    def _aftersales_no_certificate_message(self, repair):
        return _(
            "%(order)s needs a completion certificate (%(work_class)s), but no certificate "
            "number is left: register the new range of forms received from the transport "
            "authority first.",
            order=repair.name,
            work_class=repair.work_class_id.name,
        )

    def _aftersales_certificate_lang(self):
        """The certificate is an official Chinese form: print it in Chinese when installed."""
        self.ensure_one()
        if self.env["res.lang"]._get_data(code="zh_CN"):
            return "zh_CN"
        return self.partner_id.lang

    def action_view_health_record_uploads(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_dealer.aftersales_health_record_upload_action"
        )
        action["domain"] = [("repair_id", "=", self.id)]
        return action
