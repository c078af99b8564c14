from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_own_brand_id = fields.Many2one(
        related="company_id.aftersales_own_brand_id", readonly=False
    )
    aftersales_retained_window_days = fields.Integer(
        related="company_id.aftersales_retained_window_days", readonly=False
    )
    aftersales_maintenance_interval_km = fields.Integer(
        related="company_id.aftersales_maintenance_interval_km", readonly=False
    )
    aftersales_maintenance_interval_days = fields.Integer(
        related="company_id.aftersales_maintenance_interval_days", readonly=False
    )

    def set_values(self):
        company = self.company_id
        old = (company.aftersales_own_brand_id, company.aftersales_retained_window_days)
        super().set_values()
        if old != (company.aftersales_own_brand_id, company.aftersales_retained_window_days):
            # brand and window feed stored computes that no field dependency can see
            vehicles = self.env["fleet.vehicle"].search([("company_id", "in", [company.id, False])])
            vehicles._compute_is_own_brand()
            partners = vehicles.customer_id | self.env["res.partner"].search(
                [("aftersales_segment", "!=", False)]
            )
            partners._compute_aftersales_segment()
