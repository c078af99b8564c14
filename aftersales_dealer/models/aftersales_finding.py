from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .aftersales_inspection_template import INSPECTION_SYSTEMS

FINDING_STAGES = [
    ("pre_inspection", "Pre-Inspection"),
    ("in_repair", "During Repair"),
]
FINDING_SEVERITIES = [
    ("advice", "Advice"),
    ("soon", "Repair Soon"),
    ("safety", "Safety Risk"),
]
FINDING_DECISIONS = [
    ("pending", "Pending"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
    ("deferred", "Deferred"),
]


class AftersalesFinding(models.Model):
    _name = "aftersales.finding"
    _description = "Inspection Finding"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.opportunity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Finding", required=True)
    repair_id = fields.Many2one(
        "repair.order", string="Repair Order", index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    vehicle_id = fields.Many2one(
        "fleet.vehicle", string="Truck", required=True, index=True, check_company=True
    )
    partner_id = fields.Many2one("res.partner", string="Customer", index=True, check_company=True)
    user_id = fields.Many2one(
        "res.users", string="Service Advisor", default=lambda self: self.env.user
    )
    stage = fields.Selection(FINDING_STAGES, required=True, default="pre_inspection")
    item_id = fields.Many2one(
        "aftersales.inspection.template.item",
        string="Checklist Item",
        index="btree_not_null",
        help="The check that revealed it; a later visit fixing the same item recaptures it.",
    )
    system = fields.Selection(INSPECTION_SYSTEMS)
    severity = fields.Selection(FINDING_SEVERITIES, required=True, default="soon")
    advice = fields.Char(string="Told the Customer", help="What the advisor explained.")
    remaining_km = fields.Float(help="How many more kilometres the part can still be used.")
    remaining_days = fields.Integer(help="How many more days the part can still be used.")
    estimated_amount = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    decision = fields.Selection(FINDING_DECISIONS, required=True, default="pending", tracking=True)
    decision_date = fields.Date(tracking=True)
    reminder_date = fields.Date(
        index=True,
        compute="_compute_reminder_date",
        store=True,
        readonly=False,
        help="When to remind the customer of a declined or deferred finding: the decision "
        "date plus the remaining days, unless set by hand.",
    )
    recaptured_repair_id = fields.Many2one(
        "repair.order",
        string="Fixed In",
        index="btree_not_null",
        check_company=True,
        help="The later repair order that fixed this declined finding.",
    )
    labor_standard_id = fields.Many2one(
        "aftersales.labor.standard", string="Operation", check_company=True
    )
    labor_hours = fields.Float(
        compute="_compute_labor_hours", store=True, readonly=False, string="Hours"
    )
    product_id = fields.Many2one(
        "product.product", string="Part", domain="[('type', '=', 'consu')]", check_company=True
    )
    product_qty = fields.Float(string="Part Quantity", default=1.0)
    move_id = fields.Many2one(
        "stock.move", string="Part Line", readonly=True, copy=False, check_company=True
    )
    labor_line_id = fields.Many2one(
        "aftersales.labor.line", string="Labour Line", readonly=True, copy=False
    )

    _sql_constraints = [
        (
            "figures_positive",
            "CHECK(remaining_km >= 0 AND remaining_days >= 0 AND estimated_amount >= 0)",
            "Remaining life and estimated amount cannot be negative.",
        ),
    ]

    @api.depends("labor_standard_id")
    def _compute_labor_hours(self):
        for finding in self:
            finding.labor_hours = finding.labor_standard_id.hours or finding.labor_hours

    @api.depends("decision", "decision_date", "remaining_days")
    def _compute_reminder_date(self):
        for finding in self:
            if finding.decision in ("declined", "deferred") and finding.decision_date:
                finding.reminder_date = finding.decision_date + timedelta(
                    days=finding.remaining_days
                )
            elif finding.decision in ("pending", "accepted"):
                finding.reminder_date = False

    @api.constrains(
        "remaining_km", "remaining_days", "estimated_amount", "labor_hours", "product_qty"
    )
    def _check_figures(self):
        # the SQL constraint says the same; this one gives a translated message
        for finding in self:
            if (
                min(
                    finding.remaining_km,
                    finding.remaining_days,
                    finding.estimated_amount,
                    finding.labor_hours,
                    finding.product_qty,
                )
                < 0
            ):
                raise ValidationError(
                    _(
                        "Remaining life, hours, quantity and estimated amount of a finding "
                        "cannot be negative (%(finding)s).",
                        finding=finding.name,
                    )
                )

    @api.onchange("repair_id")
    def _onchange_repair_id(self):
        if self.repair_id:
            self.vehicle_id = self.repair_id.vehicle_id
            self.partner_id = self.repair_id.partner_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("repair_id"):
                repair = self.env["repair.order"].browse(vals["repair_id"])
                vals.setdefault("company_id", repair.company_id.id)
                if not vals.get("vehicle_id"):
                    vals["vehicle_id"] = repair.vehicle_id.id
                    vals.setdefault("partner_id", repair.partner_id.id)
        return super().create(vals_list)

    def _set_decision(self, decision):
        if any(f.decision == "accepted" and (f.move_id or f.labor_line_id) for f in self):
            raise UserError(_("An accepted finding already has repair lines; remove them first."))
        self.write({"decision": decision, "decision_date": fields.Date.context_today(self)})

    def action_accept(self):
        for finding in self:
            if not finding.repair_id:
                raise UserError(
                    _(
                        "The finding %(finding)s has no repair order to add the work to.",
                        finding=finding.name,
                    )
                )
            if finding.repair_id.state in ("done", "cancel"):
                raise UserError(
                    _(
                        "%(order)s is closed: the finding cannot be added to it.",
                        order=finding.repair_id.name,
                    )
                )
        self._set_decision("accepted")
        self._create_repair_lines()
        self._recapture_earlier_findings()
        return True

    def action_decline(self):
        self._set_decision("declined")
        return True

    def action_defer(self):
        self._set_decision("deferred")
        return True

    def action_reset_pending(self):
        self._set_decision("pending")
        return True

    def _create_repair_lines(self):
        """Accepted work becomes a part line (stock move) and a labour line of the order."""
        move_vals, labor_vals = [], []
        with_part = self.filtered(lambda f: f.product_id and not f.move_id)
        with_labor = self.filtered(
            lambda f: (f.labor_standard_id or f.labor_hours) and not f.labor_line_id
        )
        for finding in with_part:
            repair = finding.repair_id
            move_vals.append(
                {
                    "repair_id": repair.id,
                    "repair_line_type": "add",
                    "product_id": finding.product_id.id,
                    "product_uom_qty": finding.product_qty,
                    "product_uom": finding.product_id.uom_id.id,
                    "company_id": repair.company_id.id,
                    "location_id": repair.location_id.id,
                    "location_dest_id": repair.location_dest_id.id,
                }
            )
        for finding in with_labor:
            labor_vals.append(
                {
                    "repair_id": finding.repair_id.id,
                    "standard_id": finding.labor_standard_id.id,
                    "name": finding.labor_standard_id.name or finding.name,
                    "hours": finding.labor_hours,
                    "finding_id": finding.id,
                }
            )
        moves = self.env["stock.move"].create(move_vals)
        for finding, move in zip(with_part, moves, strict=True):
            finding.move_id = move
        labor_lines = self.env["aftersales.labor.line"].create(labor_vals)
        for finding, line in zip(with_labor, labor_lines, strict=True):
            finding.labor_line_id = line

    def _recapture_earlier_findings(self):
        """A declined finding fixed now, on a later order of the same truck, is recaptured."""
        fixes = self.filtered(lambda f: f.repair_id and f.item_id)
        if not fixes:
            return
        earlier = self.search(
            [
                ("id", "not in", fixes.ids),
                ("vehicle_id", "in", fixes.vehicle_id.ids),
                ("item_id", "in", fixes.item_id.ids),
                ("decision", "in", ("declined", "deferred")),
                ("recaptured_repair_id", "=", False),
            ]
        )
        for fix in fixes:
            earlier.filtered(
                lambda f, fix=fix: (
                    f.vehicle_id == fix.vehicle_id
                    and f.item_id == fix.item_id
                    and f.repair_id != fix.repair_id
                    and not f.recaptured_repair_id
                )
            ).write({"recaptured_repair_id": fix.repair_id.id})

    def action_recapture(self):
        """Record that the order in context fixes this earlier declined finding."""
        repair = self.env["repair.order"].browse(self.env.context.get("recapture_repair_id"))
        if not repair:
            raise UserError(_("Open the later repair order to record the recapture."))
        for finding in self:
            if finding.vehicle_id != repair.vehicle_id or finding.repair_id == repair:
                raise UserError(
                    _(
                        "%(order)s is not a later order of the truck of this finding.",
                        order=repair.name,
                    )
                )
            if finding.decision not in ("declined", "deferred"):
                raise UserError(_("Only declined or deferred findings can be recaptured."))
        self.write({"recaptured_repair_id": repair.id})
        return True

    def _prepare_opportunity_values(self):
        values = super()._prepare_opportunity_values()
        values.update(
            partner_id=(self.partner_id or self.vehicle_id.customer_id).id,
            expected_revenue=self.estimated_amount,
        )
        return values
