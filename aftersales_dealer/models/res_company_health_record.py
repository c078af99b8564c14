from urllib.parse import urlparse

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """Connection of the station to the provincial platform of the electronic health
    record of vehicles (汽车维修电子健康档案)."""

    _inherit = "res.company"

    aftersales_health_record_enabled = fields.Boolean(
        string="Upload to the Electronic Health Record",
        help="Queue every delivered order with a work class for the provincial platform.",
    )
    aftersales_health_record_endpoint = fields.Char(
        string="Health Record Endpoint",
        help="HTTPS address of the provincial platform's repair record interface.",
    )
    aftersales_health_record_station_code = fields.Char(
        string="Station Code",
        help="Code of the station on the platform (企业编码 / 维修企业许可证号).",
    )
    aftersales_health_record_account = fields.Char(
        string="Platform Account", groups="base.group_system"
    )
    aftersales_health_record_secret = fields.Char(
        string="Platform Secret", groups="base.group_system", copy=False
    )
    aftersales_health_record_timeout = fields.Integer(string="Platform Timeout (s)", default=20)
    aftersales_health_record_user_id = fields.Many2one(
        "res.users",
        string="Upload Failures To",
        help="Service manager who gets an activity when an upload keeps failing.",
    )

    @api.constrains("aftersales_health_record_endpoint", "aftersales_health_record_timeout")
    def _check_aftersales_health_record(self):
        for company in self:
            endpoint = company.aftersales_health_record_endpoint
            if endpoint:
                url = urlparse(endpoint)
                local = url.hostname in ("127.0.0.1", "localhost", "::1")
                if url.scheme != "https" and not (url.scheme == "http" and local):
                    raise ValidationError(
                        _(
                            "The health record endpoint must be an https:// address "
                            "(%(endpoint)s).",
                            endpoint=endpoint,
                        )
                    )
            if company.aftersales_health_record_timeout <= 0:
                raise ValidationError(_("The platform timeout must be positive."))
