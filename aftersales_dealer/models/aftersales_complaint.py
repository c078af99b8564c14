from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty

from .aftersales_guards import is_aftersales_manager, records_changing

COMPLAINT_CHANNELS = [
    ("phone", "Phone"),
    ("visit", "At the Station"),
    ("followup_call", "Follow-Up Call"),
    ("online", "WeChat / Online"),
    ("manufacturer", "Via the Manufacturer"),
    ("other", "Other"),
]
COMPLAINT_CATEGORIES = [
    ("repair_quality", "Repair Quality"),
    ("service_attitude", "Service Attitude"),
    ("waiting_time", "Waiting / Delivery Time"),
    ("price", "Price"),
    ("parts", "Parts"),
    ("warranty", "Warranty"),
    ("other", "Other"),
]
COMPLAINT_SEVERITIES = [
    ("low", "Low"),
    ("medium", "Medium"),
    ("high", "High"),
]
COMPLAINT_STATES = [
    ("new", "New"),
    ("responded", "Responded"),
    ("resolved", "Resolved"),
    ("cancelled", "Cancelled"),
]
# the state moves a write may make, and who may make them; anything else is refused
COMPLAINT_MOVES = {
    ("new", "responded"): "user",
    ("new", "resolved"): "user",
    ("responded", "resolved"): "user",
    # a cancelled complaint deducts nothing: the manager decides it was not upheld
    ("new", "cancelled"): "manager",
    ("responded", "cancelled"): "manager",
    # action_reopen
    ("resolved", "new"): "manager",
    ("cancelled", "new"): "manager",
}
# who caused the complaint and what it was about: the basis of a deduction,
# frozen once the complaint is closed (resolved or cancelled) except for the manager
COMPLAINT_ATTRIBUTION_FIELDS = (
    "responsible_employee_id",
    "partner_id",
    "repair_id",
    "vehicle_id",
    "complaint_date",
    "category",
    "severity",
    "company_id",
)
COMPLAINT_CLOSED_STATES = ("resolved", "cancelled")


class AftersalesComplaint(models.Model):
    _name = "aftersales.complaint"
    _description = "Customer Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "complaint_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default=lambda self: _("New")
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    complaint_date = fields.Datetime(
        string="Received", required=True, default=fields.Datetime.now, tracking=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Truck",
        index="btree_not_null",
        check_company=True,
        domain="[('customer_id', '=?', partner_id)]",
    )
    repair_id = fields.Many2one(
        "repair.order",
        string="Repair Order",
        index="btree_not_null",
        check_company=True,
        domain="[('partner_id', '=?', partner_id)]",
    )
    followup_id = fields.Many2one(
        "aftersales.followup", string="From Follow-Up", readonly=True, check_company=True
    )
    channel = fields.Selection(COMPLAINT_CHANNELS, required=True, default="phone")
    category = fields.Selection(COMPLAINT_CATEGORIES, required=True, default="repair_quality")
    severity = fields.Selection(
        COMPLAINT_SEVERITIES, required=True, default="medium", tracking=True
    )
    description = fields.Text(required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Handled By",
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    responsible_employee_id = fields.Many2one(
        "hr.employee",
        check_company=True,
        index="btree_not_null",
        tracking=True,
        help="The employee whose work caused the complaint.",
    )
    state = fields.Selection(
        COMPLAINT_STATES, default="new", required=True, tracking=True, index=True
    )
    respond_deadline = fields.Datetime(
        compute="_compute_deadlines", store=True, readonly=False, help="From the settings."
    )
    resolve_deadline = fields.Datetime(
        compute="_compute_deadlines", store=True, readonly=False, help="From the settings."
    )
    responded_date = fields.Datetime(readonly=True, copy=False)
    resolved_date = fields.Datetime(readonly=True, copy=False, tracking=True)
    resolution = fields.Html(help="What was done for the customer.")
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    customer_returned = fields.Boolean(
        string="Customer Came Back",
        compute="_compute_customer_returned",
        help="One of the customer's trucks was received for a repair order after the complaint.",
    )
    return_date = fields.Datetime(string="Came Back On", compute="_compute_customer_returned")

    @api.depends("complaint_date", "company_id")
    def _compute_deadlines(self):
        for complaint in self:
            if not complaint.complaint_date:
                complaint.respond_deadline = complaint.resolve_deadline = False
                continue
            company = complaint.company_id or self.env.company
            complaint.respond_deadline = complaint.complaint_date + timedelta(
                hours=company.aftersales_complaint_respond_hours
            )
            complaint.resolve_deadline = complaint.complaint_date + timedelta(
                days=company.aftersales_complaint_resolve_days
            )

    @api.depends("state", "respond_deadline", "resolve_deadline")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for complaint in self:
            complaint.is_overdue = (
                complaint.state == "new"
                and complaint.respond_deadline
                and complaint.respond_deadline < now
            ) or (
                complaint.state in ("new", "responded")
                and complaint.resolve_deadline
                and complaint.resolve_deadline < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on overdue complaints."))
        now = fields.Datetime.now()
        domain = [
            "|",
            "&",
            ("state", "=", "new"),
            ("respond_deadline", "<", now),
            "&",
            ("state", "in", ("new", "responded")),
            ("resolve_deadline", "<", now),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    def _compute_customer_returned(self):
        # one grouped query: each customer's latest reception
        last_reception = dict(
            self.env["repair.order"]._read_group(
                [("partner_id", "in", self.partner_id.ids), ("reception_date", "!=", False)],
                ["partner_id"],
                ["reception_date:max"],
            )
        )
        for complaint in self:
            latest = last_reception.get(complaint.partner_id)
            returned = bool(
                latest and complaint.complaint_date and latest > complaint.complaint_date
            )
            complaint.customer_returned = returned
            complaint.return_date = latest if returned else False

    @api.constrains("complaint_date", "respond_deadline", "resolve_deadline")
    def _check_deadlines(self):
        for complaint in self:
            if (
                complaint.respond_deadline and complaint.respond_deadline < complaint.complaint_date
            ) or (
                complaint.resolve_deadline and complaint.resolve_deadline < complaint.complaint_date
            ):
                raise ValidationError(
                    _("A complaint's deadlines cannot be before the complaint was received.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("aftersales.complaint") or _(
                    "New"
                )
            if vals.get("state", "new") != "new" and not is_aftersales_manager(self.env):
                raise AccessError(
                    _("A complaint starts as new: only the manager can record one later.")
                )
        complaints = super().create(vals_list)
        complaints._schedule_deadline_activity("respond")
        return complaints

    def write(self, vals):
        if "state" in vals:
            for complaint in self.filtered(lambda c: c.state != vals["state"]):
                complaint._check_move(complaint.state, vals["state"])
        closed = self.filtered(lambda c: c.state in COMPLAINT_CLOSED_STATES)
        if records_changing(closed, vals, COMPLAINT_ATTRIBUTION_FIELDS):
            if not is_aftersales_manager(self.env):
                raise AccessError(
                    _(
                        "Complaint %(name)s is closed: only the manager can change who caused it "
                        "or what it was about.",
                        name=closed[0].name,
                    )
                )
        return super().write(vals)

    def unlink(self):
        # a complaint is a deduction or a figure of the meeting: cancel it instead
        if not self.env.su and any(c.state != "new" or c.responsible_employee_id for c in self):
            raise UserError(
                _(
                    "Only a new complaint without a responsible employee can be deleted: "
                    "cancel it instead, so that its history is kept."
                )
            )
        return super().unlink()

    def _check_move(self, old, new):
        """Who may move a complaint from ``old`` to ``new`` (see COMPLAINT_MOVES)."""
        self.ensure_one()
        if self.env.su:
            return
        labels = dict(COMPLAINT_STATES)
        who = COMPLAINT_MOVES.get((old, new))
        if not who:
            raise UserError(
                _(
                    "Complaint %(name)s cannot go from %(old)s to %(new)s.",
                    name=self.name,
                    old=labels[old],
                    new=labels[new],
                )
            )
        if who == "manager" and not is_aftersales_manager(self.env):
            raise AccessError(
                _(
                    "Only the after-sales manager can cancel or reopen complaint %(name)s.",
                    name=self.name,
                )
            )

    def _schedule_deadline_activity(self, step):
        """An activity for the handler, due on the deadline of the step."""
        for complaint in self:
            deadline = (
                complaint.respond_deadline if step == "respond" else complaint.resolve_deadline
            )
            if not deadline:
                continue
            summary = (
                _("Respond to the customer") if step == "respond" else _("Resolve the complaint")
            )
            complaint.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=fields.Date.context_today(complaint, deadline),
                summary=summary,
                user_id=(complaint.user_id or self.env.user).id,
            )

    def action_respond(self):
        """The customer got a first answer: the resolution deadline comes next."""
        if any(complaint.state != "new" for complaint in self):
            raise UserError(_("Only new complaints can be marked as responded."))
        self.write({"state": "responded", "responded_date": fields.Datetime.now()})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        self._schedule_deadline_activity("resolve")

    def action_resolve(self):
        for complaint in self:
            if complaint.state not in ("new", "responded"):
                raise UserError(_("Only open complaints can be resolved."))
            if is_html_empty(complaint.resolution):
                raise UserError(
                    _("Write down how complaint %(name)s was resolved first.", name=complaint.name)
                )
        now = fields.Datetime.now()
        self.filtered(lambda c: not c.responded_date).write({"responded_date": now})
        self.write({"state": "resolved", "resolved_date": now})
        self.activity_feedback(["mail.mail_activity_data_todo"])

    def action_cancel(self):
        if any(complaint.state not in ("new", "responded") for complaint in self):
            raise UserError(_("Only open complaints can be cancelled."))
        self.write({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])

    def action_reopen(self):
        if any(complaint.state not in COMPLAINT_CLOSED_STATES for complaint in self):
            raise UserError(_("Only resolved or cancelled complaints can be reopened."))
        self.write({"state": "new", "resolved_date": False})
        for complaint in self:
            complaint.message_post(body=_("Reopened by %(user)s.", user=self.env.user.name))
        self._schedule_deadline_activity("respond")
