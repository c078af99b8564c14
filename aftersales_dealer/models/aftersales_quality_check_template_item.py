from odoo import fields, models

from .aftersales_inspection_template import INSPECTION_SYSTEMS


class AftersalesQualityCheckTemplateItem(models.Model):
    _name = "aftersales.quality.check.template.item"
    _description = "Final Quality Checklist Item"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "aftersales.quality.check.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    system = fields.Selection(INSPECTION_SYSTEMS, required=True, default="other")
    name = fields.Char(string="Check", required=True, translate=True)
