from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..models.res_partner import SEGMENTS

DUE_WINDOWS = [
    ("maintenance", "Maintenance Due"),
    ("inspection", "Annual Inspection Due"),
]


class AftersalesCampaignWizard(models.TransientModel):
    _name = "aftersales.campaign.wizard"
    _description = "Select Customers for a Campaign"

    campaign_id = fields.Many2one("utm.campaign", required=True)
    name = fields.Char(string="Call Subject", help="Defaults to the campaign's name.")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    segment = fields.Selection(SEGMENTS, string="Customer Segment")
    vehicle_model_ids = fields.Many2many("fleet.vehicle.model", string="Truck Models")
    last_visit_from = fields.Date()
    last_visit_to = fields.Date()
    due_window = fields.Selection(DUE_WINDOWS, string="Due")
    due_from = fields.Date()
    due_to = fields.Date()
    call_date = fields.Date(required=True, default=fields.Date.context_today)
    user_id = fields.Many2one(
        "res.users",
        string="Caller",
        default=lambda self: self.env.company.aftersales_followup_user_id or self.env.user,
        domain="[('share', '=', False)]",
    )
    customer_count = fields.Integer(string="Customers Selected", compute="_compute_customer_count")

    @api.constrains("last_visit_from", "last_visit_to", "due_from", "due_to")
    def _check_ranges(self):
        for wizard in self:
            if (
                wizard.last_visit_from
                and wizard.last_visit_to
                and wizard.last_visit_from > wizard.last_visit_to
            ):
                raise ValidationError(_("The last-visit range ends before it starts."))
            if wizard.due_from and wizard.due_to and wizard.due_from > wizard.due_to:
                raise ValidationError(_("The due range ends before it starts."))

    def _vehicle_domain(self):
        self.ensure_one()
        domain = [
            ("customer_id", "!=", False),
            ("company_id", "in", (self.company_id.id, False)),
        ]
        if self.segment:
            domain.append(("customer_id.aftersales_segment", "=", self.segment))
        if self.vehicle_model_ids:
            domain.append(("model_id", "in", self.vehicle_model_ids.ids))
        if self.last_visit_from:
            domain.append(("customer_id.last_visit_date", ">=", self.last_visit_from))
        if self.last_visit_to:
            domain.append(("customer_id.last_visit_date", "<=", self.last_visit_to))
        if self.due_window:
            date_field = (
                "next_maintenance_date"
                if self.due_window == "maintenance"
                else "annual_inspection_date"
            )
            domain.append((date_field, "!=", False))
            if self.due_from:
                domain.append((date_field, ">=", self.due_from))
            if self.due_to:
                domain.append((date_field, "<=", self.due_to))
        return domain

    def _selected_trucks_by_customer(self):
        """{customer: first matching truck}, in one grouped query."""
        return dict(
            self.env["fleet.vehicle"]._read_group(
                self._vehicle_domain(), ["customer_id"], ["id:min"]
            )
        )

    @api.depends(
        "company_id",
        "segment",
        "vehicle_model_ids",
        "last_visit_from",
        "last_visit_to",
        "due_window",
        "due_from",
        "due_to",
    )
    def _compute_customer_count(self):
        for wizard in self:
            wizard.customer_count = len(
                self.env["fleet.vehicle"]._read_group(wizard._vehicle_domain(), ["customer_id"])
            )

    def action_create_followups(self):
        """One promotion call per selected customer, tied to the campaign; a customer
        already called for this campaign is not called twice."""
        self.ensure_one()
        selection = self._selected_trucks_by_customer()
        if not selection:
            raise UserError(_("No customer matches these criteria."))
        trucks = self.env["fleet.vehicle"].browse(selection.values())
        subject = self.name or self.campaign_id.name
        followup_model = self.env["aftersales.followup"]
        created = followup_model._create_followups(
            [
                {
                    "name": subject,
                    "followup_type": "promotion",
                    "campaign_id": self.campaign_id.id,
                    "partner_id": truck.customer_id.id,
                    "vehicle_id": truck.id,
                    "company_id": self.company_id.id,
                    "user_id": self.user_id.id,
                    "due_date": self.call_date,
                    "source_key": f"promotion:{self.campaign_id.id}:{truck.customer_id.id}",
                }
                for truck in trucks
            ]
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_dealer.aftersales_followup_action_queue"
        )
        action.update(
            domain=[("campaign_id", "=", self.campaign_id.id)],
            context={"search_default_filter_todo": 1},
        )
        if not created:
            action["help"] = _("Every selected customer was already called for this campaign.")
        return action
