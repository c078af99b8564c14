from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

RESCUE_STATES = [
    ("requested", "Requested"),
    ("dispatched", "Dispatched"),
    ("arrived", "On Site"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]


class AftersalesRescue(models.Model):
    _name = "aftersales.rescue"
    _description = "Roadside Rescue"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "request_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", index=True, tracking=True, check_company=True
    )
    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Truck",
        index=True,
        check_company=True,
        domain="[('customer_id', '=?', partner_id)]",
    )
    caller_phone = fields.Char()
    location = fields.Char(required=True, help="Where the truck broke down (road, kilometre post).")
    distance_km = fields.Float(string="Distance (km)")
    description = fields.Text(string="Reported Problem")
    user_id = fields.Many2one(
        "res.users", string="Taken By", default=lambda self: self.env.user, tracking=True
    )
    technician_ids = fields.Many2many("hr.employee", string="Rescue Team", check_company=True)
    request_date = fields.Datetime(required=True, default=fields.Datetime.now)
    dispatch_date = fields.Datetime(copy=False)
    arrival_date = fields.Datetime(copy=False)
    done_date = fields.Datetime(copy=False)
    outcome = fields.Selection(
        [("fixed_on_site", "Fixed on Site"), ("towed", "Towed to the Station")], tracking=True
    )
    repair_id = fields.Many2one("repair.order", string="Repair Order", check_company=True)
    response_minutes = fields.Integer(
        string="Response Time (min)",
        compute="_compute_response_minutes",
        store=True,
        aggregator="avg",
        help="Minutes from the call to the team's arrival on site.",
    )
    state = fields.Selection(RESCUE_STATES, default="requested", required=True, tracking=True)

    _sql_constraints = [
        ("distance_positive", "CHECK(distance_km >= 0)", "The distance cannot be negative."),
    ]

    @api.depends("request_date", "arrival_date")
    def _compute_response_minutes(self):
        for rescue in self:
            if rescue.request_date and rescue.arrival_date:
                delta = rescue.arrival_date - rescue.request_date
                rescue.response_minutes = int(delta.total_seconds() // 60)
            else:
                rescue.response_minutes = 0

    @api.constrains("request_date", "dispatch_date", "arrival_date", "done_date", "distance_km")
    def _check_dates(self):
        for rescue in self:
            if rescue.distance_km < 0:
                raise ValidationError(_("The distance cannot be negative."))
            steps = [
                rescue.request_date,
                rescue.dispatch_date,
                rescue.arrival_date,
                rescue.done_date,
            ]
            known = [step for step in steps if step]
            if known != sorted(known):
                raise ValidationError(
                    _(
                        "Rescue %(rescue)s: request, dispatch, arrival and end must follow "
                        "each other in time.",
                        rescue=rescue.name,
                    )
                )

    @api.onchange("vehicle_id")
    def _onchange_vehicle_id(self):
        if self.vehicle_id.customer_id:
            self.partner_id = self.vehicle_id.customer_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("aftersales.rescue") or "/"
        return super().create(vals_list)

    def action_dispatch(self):
        if any(r.state != "requested" for r in self):
            raise UserError(_("Only a requested rescue can be dispatched."))
        self.write({"state": "dispatched", "dispatch_date": fields.Datetime.now()})

    def action_arrive(self):
        if any(r.state != "dispatched" for r in self):
            raise UserError(_("Only a dispatched team can arrive on site."))
        self.write({"state": "arrived", "arrival_date": fields.Datetime.now()})

    def action_done(self):
        for rescue in self:
            if rescue.state != "arrived":
                raise UserError(_("The team must be on site before the rescue ends."))
            if not rescue.outcome:
                raise UserError(_("Say whether the truck was fixed on site or towed."))
        self.write({"state": "done", "done_date": fields.Datetime.now()})

    def action_cancel(self):
        self.write({"state": "cancel"})

    def action_create_repair(self):
        self.ensure_one()
        if not self.partner_id:
            raise UserError(_("Choose the customer before opening a repair order."))
        if not self.repair_id:
            self.repair_id = self.env["repair.order"].create(
                {
                    "partner_id": self.partner_id.id,
                    "vehicle_id": self.vehicle_id.id,
                    "company_id": self.company_id.id,
                    "visit_type": "repair",
                    "customer_complaint": self.description,
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "view_mode": "form",
            "res_id": self.repair_id.id,
        }
