from odoo import _, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

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

    def action_reactivate(self):
        self.write({"at_risk_date": False})
        return super().action_reactivate()

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
