from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

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
        """The SQL rule lets empty models or companies through: a shared standard (no
        company) clashes with every company's, a general one (no model) with general ones."""
        self.flush_model(["code", "vehicle_model_id", "company_id", "active"])
        for standard in self.filtered(lambda s: s.code and s.active):
            # plain SQL: the clash may be with another company's standard
            self.env.cr.execute(
                SQL(
                    "SELECT 1 FROM aftersales_labor_standard "
                    "WHERE code = %s AND id != %s AND active "
                    "AND vehicle_model_id IS NOT DISTINCT FROM %s "
                    "AND (company_id IS NULL OR %s IS NULL OR company_id = %s) LIMIT 1",
                    standard.code,
                    standard.id,
                    standard.vehicle_model_id.id or None,
                    standard.company_id.id or None,
                    standard.company_id.id or None,
                )
            )
            if self.env.cr.fetchone():
                raise ValidationError(
                    _(
                        "The operation code %(code)s already has standard hours for this "
                        "vehicle model.",
                        code=standard.code,
                    )
                )
