from odoo import _, fields, models
from odoo.exceptions import UserError


class AftersalesOpportunityMixin(models.AbstractModel):
    """A sales opportunity spotted in after-sales (a call, a finding, a wash visit)
    becomes a CRM opportunity. Inherit it and override ``_prepare_opportunity_values``."""

    _name = "aftersales.opportunity.mixin"
    _description = "After-Sales Opportunity Source"

    opportunity_id = fields.Many2one("crm.lead", copy=False, readonly=True, ondelete="set null")

    def _prepare_opportunity_values(self):
        self.ensure_one()
        partner = self["partner_id"] if "partner_id" in self else self.env["res.partner"]
        return {
            "name": _("After-sales: %(record)s", record=self.display_name),
            "type": "opportunity",
            "partner_id": partner.id,
            "source_id": self.env.ref("aftersales_dealer.utm_source_aftersales").id,
            "company_id": self["company_id"].id if "company_id" in self else False,
        }

    def action_create_opportunity(self):
        """Create the CRM opportunity and open it."""
        self.ensure_one()
        if self.opportunity_id:
            raise UserError(_("%(record)s already has an opportunity.", record=self.display_name))
        lead = self.env["crm.lead"].create(self._prepare_opportunity_values())
        self.opportunity_id = lead
        return self.action_view_opportunity()

    def action_view_opportunity(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": self.opportunity_id.id,
            "view_mode": "form",
        }
