from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    is_genuine_part = fields.Boolean(
        string="Genuine Part",
        help="An original part of the truck maker (原厂件); the quality analysis shows the "
        "share of other parts fitted per order.",
    )
