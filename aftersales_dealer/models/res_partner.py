from datetime import timedelta

from odoo import _, api, fields, models
from odoo.osv import expression

SEGMENTS = [
    ("retained", "Retained"),
    ("potential", "Potential"),
    ("unknown", "Unknown"),
]
CHURN_STATES = [
    ("active", "Active"),
    ("at_risk", "At Risk"),
    ("lost", "Lost"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    vehicle_ids = fields.One2many("fleet.vehicle", "customer_id", string="Trucks")
    vehicle_count = fields.Integer(string="Truck Count", compute="_compute_vehicle_count")
    aftersales_segment = fields.Selection(
        SEGMENTS,
        string="Customer Segment",
        compute="_compute_aftersales_segment",
        store=True,
        index=True,
        help="Retained: owns a truck of the own brand and visited within the retained "
        "window. Potential: owns one but has not visited within the window. Unknown: owns "
        "only other brands, or cannot be contacted.",
    )
    churn_state = fields.Selection(
        CHURN_STATES, default="active", required=True, tracking=True, index=True
    )
    churn_reason_id = fields.Many2one(
        "aftersales.churn.reason", string="Churn Cause", tracking=True, ondelete="restrict"
    )
    churn_date = fields.Date(tracking=True)
    last_visit_date = fields.Date(
        readonly=True, help="Last day one of the customer's trucks was received."
    )
    at_risk_date = fields.Date(
        string="At Risk Since",
        readonly=True,
        copy=False,
        help="When the customer, retained until then, went quiet for longer than the "
        "usage-check window.",
    )
    aftersales_followup_ids = fields.One2many(
        "aftersales.followup", "partner_id", string="Follow-Ups"
    )
    aftersales_followup_count = fields.Integer(
        string="Follow-Up Calls", compute="_compute_aftersales_followup_count"
    )
    aftersales_complaint_count = fields.Integer(
        string="Complaints", compute="_compute_aftersales_complaint_count"
    )

    def _compute_vehicle_count(self):
        counts = dict(
            self.env["fleet.vehicle"]._read_group(
                [("customer_id", "in", self._origin.ids)], ["customer_id"], ["__count"]
            )
        )
        for partner in self:
            partner.vehicle_count = counts.get(partner._origin, 0)

    @api.model
    def _aftersales_retained_cutoff(self, company):
        """First visit date that still makes a customer of ``company`` retained."""
        today = fields.Date.context_today(self)
        return today - timedelta(days=company.aftersales_retained_window_days)

    @api.depends(
        "vehicle_ids.is_own_brand", "last_visit_date", "phone", "mobile", "email", "company_id"
    )
    def _compute_aftersales_segment(self):
        for partner in self:
            vehicles = partner.vehicle_ids
            if not vehicles:
                partner.aftersales_segment = False
            elif not any(vehicles.mapped("is_own_brand")) or not (
                partner.phone or partner.mobile or partner.email
            ):
                partner.aftersales_segment = "unknown"
            else:
                cutoff = self._aftersales_retained_cutoff(partner.company_id or self.env.company)
                visited = partner.last_visit_date and partner.last_visit_date >= cutoff
                partner.aftersales_segment = "retained" if visited else "potential"

    @api.model
    def _aftersales_lapsed_retained_domain(self):
        """Retained customers whose last visit fell out of their company's window."""
        domains = [
            [
                ("company_id", "=", False),
                ("last_visit_date", "<", self._aftersales_retained_cutoff(self.env.company)),
            ]
        ]
        for company in self.env["res.company"].search([]):
            domains.append(
                [
                    ("company_id", "=", company.id),
                    ("last_visit_date", "<", self._aftersales_retained_cutoff(company)),
                ]
            )
        return expression.AND([[("aftersales_segment", "=", "retained")], expression.OR(domains)])

    @api.model
    def _cron_recompute_aftersales_segment(self, batch_size=1000):
        """Days passing without a visit turn retained customers into potential ones, with
        no write to trigger the stored compute: the nightly job recomputes just those,
        a batch per call, and the cron runner calls again while some remain."""
        domain = self._aftersales_lapsed_retained_domain()
        partners = self.search(domain, limit=batch_size, order="id")
        partners._compute_aftersales_segment()
        partners.flush_recordset(["aftersales_segment"])
        self.env["ir.cron"]._notify_progress(
            done=len(partners), remaining=self.search_count(domain)
        )

    def action_mark_lost(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.churn.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_ids": self.ids},
        }

    def action_reactivate(self):
        self.write(
            {
                "churn_state": "active",
                "churn_reason_id": False,
                "churn_date": False,
                "at_risk_date": False,
            }
        )

    def action_view_vehicles(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_dealer.fleet_vehicle_action_aftersales"
        )
        action.update(
            domain=[("customer_id", "=", self.id)],
            context={"default_customer_id": self.id},
        )
        return action

    def _compute_aftersales_followup_count(self):
        counts = dict(
            self.env["aftersales.followup"]._read_group(
                [("partner_id", "in", self._origin.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.aftersales_followup_count = counts.get(partner._origin, 0)

    def _compute_aftersales_complaint_count(self):
        counts = dict(
            self.env["aftersales.complaint"]._read_group(
                [("partner_id", "in", self._origin.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.aftersales_complaint_count = counts.get(partner._origin, 0)

    def _aftersales_mark_at_risk(self):
        """A retained customer went quiet (see the usage-check follow-up rule)."""
        self.filtered(lambda p: p.churn_state == "active").write(
            {"churn_state": "at_risk", "at_risk_date": fields.Date.context_today(self)}
        )

    def write(self, vals):
        # a newer visit brings an at-risk or lost customer back to active
        returning = self.browse()
        if vals.get("last_visit_date"):
            visit = fields.Date.to_date(vals["last_visit_date"])
            returning = self.filtered(
                lambda p: (
                    p.churn_state != "active"
                    and (not p.last_visit_date or p.last_visit_date < visit)
                )
            )
        res = super().write(vals)
        if returning:
            returning.action_reactivate()
            for partner in returning:
                partner.message_post(
                    body=_("The customer came back on %(date)s.", date=partner.last_visit_date)
                )
        return res

    def action_aftersales_create_opportunity(self):
        """Turn an unknown customer (trucks of other brands) into a CRM opportunity."""
        self.ensure_one()
        lead = self.env["crm.lead"].create(
            {
                "name": _("Win over %(customer)s", customer=self.display_name),
                "type": "opportunity",
                "partner_id": self.id,
                "source_id": self.env.ref("aftersales_dealer.utm_source_aftersales").id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": lead.id,
            "view_mode": "form",
        }

    def action_view_aftersales_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_dealer.aftersales_followup_action_queue"
        )
        action.update(
            domain=[("partner_id", "=", self.id)],
            context={"default_partner_id": self.id},
        )
        return action

    def action_view_aftersales_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_dealer.aftersales_complaint_action"
        )
        action.update(
            domain=[("partner_id", "=", self.id)], context={"default_partner_id": self.id}
        )
        return action
