from odoo import _, api, fields, models
from odoo.tools import create_index


class RepairOrder(models.Model):
    _inherit = "repair.order"

    # the weekly meeting selects a week of orders by these dates among years of history
    reception_date = fields.Datetime(index="btree_not_null")
    delivered_date = fields.Datetime(index="btree_not_null")

    aftersales_parts_checked_date = fields.Datetime(
        string="Parts Checked On",
        readonly=True,
        index="btree_not_null",
        copy=False,
        help="When the order was confirmed and its parts' availability recorded.",
    )
    aftersales_parts_ready = fields.Boolean(
        string="Parts Ready at Confirmation",
        readonly=True,
        copy=False,
        help="Every part of the order was in stock when it was confirmed "
        "(appointment-parts fulfilment).",
    )
    survey_answer_ids = fields.One2many(
        "survey.user_input", "aftersales_repair_id", string="Survey Answers"
    )
    rework_employee_id = fields.Many2one(
        "hr.employee",
        string="Rework Attributed To",
        check_company=True,
        tracking=True,
        help="For a rework: whose work had to be redone. A quality deduction is made "
        "from that employee's incentive for the month the truck came back.",
    )

    def init(self):
        super().init()
        # first-time fix: was the truck back as a rework within 30 days of a delivery?
        create_index(
            self.env.cr,
            "repair_order_rework_vehicle_reception_index",
            self._table,
            ["vehicle_id", "reception_date"],
            where="is_rework",
        )

    def _action_repair_confirm(self):
        to_confirm = self.filtered(lambda repair: repair.state == "draft")
        result = super()._action_repair_confirm()
        to_confirm._aftersales_record_parts_availability()
        return result

    def _aftersales_record_parts_availability(self):
        """Fill rate and appointment-parts fulfilment are measured at confirmation: a part
        is served from stock when confirming reserved all of it."""
        now = fields.Datetime.now()
        part_moves = self.move_ids.filtered(
            lambda move: move.repair_line_type == "add" and move.product_id.is_storable
        )
        served = part_moves.filtered(lambda move: move.state == "assigned")
        served.write({"aftersales_confirm_date": now, "aftersales_served_from_stock": True})
        (part_moves - served).write(
            {"aftersales_confirm_date": now, "aftersales_served_from_stock": False}
        )
        with_parts = part_moves.repair_id
        missing = (part_moves - served).repair_id
        (with_parts - missing).write(
            {"aftersales_parts_checked_date": now, "aftersales_parts_ready": True}
        )
        missing.write({"aftersales_parts_checked_date": now, "aftersales_parts_ready": False})

    special_tool_ids = fields.Many2many(
        "maintenance.equipment",
        string="Special Tools",
        compute="_compute_special_tool_ids",
        help="Special tools registered for this truck's model.",
    )
    technical_document_ids = fields.Many2many(
        "aftersales.work.instruction",
        string="Service Bulletins and Repair Plans",
        compute="_compute_special_tool_ids",
    )

    @api.depends("vehicle_id.model_id")
    def _compute_special_tool_ids(self):
        models_ = self.vehicle_id.model_id
        tools = self.env["maintenance.equipment"].search(
            [("is_special_tool", "=", True), ("vehicle_model_ids", "in", models_.ids)]
        )
        documents = self.env["aftersales.work.instruction"].search(
            [
                ("document_type", "!=", "manual"),
                ("vehicle_model_ids", "in", models_.ids),
            ]
        )
        for repair in self:
            model = repair.vehicle_id.model_id
            repair.special_tool_ids = tools.filtered(lambda t, m=model: m in t.vehicle_model_ids)
            repair.technical_document_ids = documents.filtered(
                lambda d, m=model: m in d.vehicle_model_ids
            )

    def action_raise_technical_problem(self):
        """Open a technical problem from this order: a rework, a failed final check."""
        self.ensure_one()
        if self.is_rework:
            source = "rework"
        elif self.quality_check_failed_count:
            source = "quality_check"
        else:
            source = "other"
        return {
            "type": "ir.actions.act_window",
            "name": _("Technical Problem"),
            "res_model": "aftersales.technical.problem",
            "view_mode": "form",
            "context": {
                "default_source": source,
                "default_repair_id": self.id,
                "default_vehicle_model_id": self.vehicle_id.model_id.id,
                "default_company_id": self.company_id.id,
            },
        }

    def _aftersales_post_locked_change(self, changes):
        super()._aftersales_post_locked_change(changes)
        if changes:
            self._aftersales_flag_statements("; ".join(changes))

    def _aftersales_flag_statements(self, description, employees=None):
        """Flag the statements of everyone the order pays (and of ``employees``), for the
        month it was delivered."""
        self.ensure_one()
        employees = (employees or self.env["hr.employee"]) | (
            self.technician_ids
            | self.team_leader_id
            | self.user_id.employee_ids.filtered(lambda e: e.company_id == self.company_id)
            | self.labor_line_ids.technician_id
            | self.labor_line_ids.share_ids.employee_id
            | self.rework_employee_id
        )
        # labour is paid in the month of delivery, rework deducted in that of reception
        tz_self = self.with_company(self.company_id)
        days = {
            fields.Date.context_today(tz_self, when).replace(day=1)
            for when in (self.delivered_date or fields.Datetime.now(), self.reception_date)
            if when
        }
        for day in sorted(days):
            self.env["aftersales.incentive.statement"]._flag_pay_change(
                self.company_id,
                employees,
                day,
                _("%(order)s: %(change)s", order=self.name, change=description),
            )
