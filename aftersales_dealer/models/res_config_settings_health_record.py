from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_health_record_enabled = fields.Boolean(
        related="company_id.aftersales_health_record_enabled", readonly=False
    )
    aftersales_health_record_endpoint = fields.Char(
        related="company_id.aftersales_health_record_endpoint", readonly=False
    )
    aftersales_health_record_station_code = fields.Char(
        related="company_id.aftersales_health_record_station_code", readonly=False
    )
    aftersales_health_record_account = fields.Char(
        related="company_id.aftersales_health_record_account",
        readonly=False,
        groups="base.group_system",
    )
    aftersales_health_record_timeout = fields.Integer(
        related="company_id.aftersales_health_record_timeout", readonly=False
    )
    aftersales_health_record_user_id = fields.Many2one(
        related="company_id.aftersales_health_record_user_id", readonly=False
    )
    # the secret is written, never read back: the form only says whether one is set
    aftersales_health_record_new_secret = fields.Char(string="New Platform Secret")
    aftersales_health_record_secret_set = fields.Boolean(
        string="Secret Set", compute="_compute_aftersales_health_record_secret_set"
    )

    @api.depends("company_id")
    def _compute_aftersales_health_record_secret_set(self):
        for settings in self:
            settings.aftersales_health_record_secret_set = bool(
                settings.company_id.aftersales_health_record_secret
            )

    def set_values(self):
        super().set_values()
        if self.aftersales_health_record_new_secret:
            self.company_id.aftersales_health_record_secret = (
                self.aftersales_health_record_new_secret
            )
