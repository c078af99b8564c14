from odoo import fields, models


class AftersalesInsuranceCoverageType(models.Model):
    _name = "aftersales.insurance.coverage.type"
    _description = "Insurance Coverage Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    is_compulsory = fields.Boolean(
        string="Compulsory", help="Required by law (compulsory traffic insurance)."
    )
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a coverage type must be unique."),
    ]
