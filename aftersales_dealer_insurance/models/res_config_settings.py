from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_insurance_renewal_days = fields.Integer(
        related="company_id.aftersales_insurance_renewal_days", readonly=False
    )
