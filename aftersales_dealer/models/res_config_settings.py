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
