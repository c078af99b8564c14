from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .aftersales_inspection_template import INSPECTION_SYSTEMS


class AftersalesLaborStandard(models.Model):
    _name = "aftersales.labor.standard"
    _description = "Standard Labour Hours"
    _order = "system, code, name"
    _check_company_auto = True

    name = fields.Char(string="Operation", required=True, translate=True)
    code = fields.Char(help="Operation code of the manufacturer's flat-rate manual.")
    system = fields.Selection(INSPECTION_SYSTEMS)
    vehicle_model_id = fields.Many2one(
        "fleet.vehicle.model",
        help="Empty: the hours apply to every model without a specific line.",
    )
    hours = fields.Float(string="Standard Hours", required=True)
    product_id = fields.Many2one(
        "product.product",
        string="Labour Product",
        domain="[('type', '=', 'service')]",
        check_company=True,
        help="Service product pricing one hour; empty uses the default labour hour.",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("hours_positive", "CHECK(hours >= 0)", "Standard hours cannot be negative."),
        (
            "code_model_uniq",
            "unique(code, vehicle_model_id, company_id)",
            "This operation code already has standard hours for this vehicle model.",
        ),
    ]

    @api.constrains("hours")
    def _check_hours(self):
        for standard in self:
            if standard.hours < 0:
                raise ValidationError(
                    _("Standard hours cannot be negative (%(operation)s).", operation=standard.name)
                )

    @api.constrains("code", "vehicle_model_id", "company_id", "active")
    def _check_code_unique(self):
        # the SQL rule lets empty model or company columns through (NULLs differ)
        for standard in self.filtered(lambda s: s.code and s.active):
            if self.search_count(
                [
                    ("id", "!=", standard.id),
                    ("code", "=", standard.code),
                    ("vehicle_model_id", "=", standard.vehicle_model_id.id),
                    ("company_id", "=", standard.company_id.id),
                ],
                limit=1,
            ):
                raise ValidationError(
                    _(
                        "Operation code %(code)s already has standard hours for this vehicle "
                        "model.",
                        code=standard.code,
                    )
                )
