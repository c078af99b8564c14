from odoo import fields, models


class AftersalesInsurancePromotion(models.Model):
    _name = "aftersales.insurance.promotion"
    _description = "Insurance Promotion"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(
        translate=True, help="What the customer gets when he insures his truck with the station."
    )
