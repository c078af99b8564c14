from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AftersalesWorkClass(models.Model):
    """Class of repair work under the motor-vehicle repair regulations (机动车维修管理规定):
    it fixes the quality guarantee period and whether a completion certificate and staged
    inspections are needed. Provinces may set longer periods, so the figures are data."""

    _name = "aftersales.work.class"
    _description = "Repair Work Class"
    _order = "sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code used in exports and the health record.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty for the national defaults; a station copies a class for its "
        "company when its province sets other periods.",
    )
    guarantee_days = fields.Integer(
        string="Guarantee (days)", help="Quality guarantee period in days from delivery."
    )
    guarantee_km = fields.Integer(
        string="Guarantee (km)", help="Quality guarantee period in kilometres from delivery."
    )
    certificate_required = fields.Boolean(
        string="Completion Certificate",
        help="Delivery needs a numbered completion certificate (机动车维修竣工出厂合格证).",
    )
    inspection_required = fields.Boolean(
        string="Staged Inspections",
        help="Entry, in-process and completion inspections must be recorded before delivery "
        "(进厂检验、过程检验、竣工检验).",
    )
    legal_reference = fields.Char(
        help="The legal text the figures follow, e.g. the article of the national "
        "regulation or of a provincial rule."
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "Another work class of this company already has this code.",
        ),
        (
            "guarantee_positive",
            "CHECK(guarantee_days >= 0 AND guarantee_km >= 0)",
            "Guarantee periods cannot be negative.",
        ),
    ]

    @api.constrains("guarantee_days", "guarantee_km")
    def _check_guarantee(self):
        # the SQL constraint says the same; this gives a translated message in the form
        for work_class in self:
            if work_class.guarantee_days < 0 or work_class.guarantee_km < 0:
                raise ValidationError(
                    _(
                        "The guarantee period of %(work_class)s cannot be negative.",
                        work_class=work_class.name,
                    )
                )
