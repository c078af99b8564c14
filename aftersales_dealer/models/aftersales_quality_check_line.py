from odoo import fields, models

from .aftersales_inspection_template import INSPECTION_SYSTEMS


class AftersalesQualityCheckLine(models.Model):
    _name = "aftersales.quality.check.line"
    _description = "Final Quality Check Item"
    _order = "check_id, sequence, id"

    check_id = fields.Many2one(
        "aftersales.quality.check",
        string="Quality Check",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="check_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    item_id = fields.Many2one("aftersales.quality.check.template.item", string="Checklist Item")
    system = fields.Selection(INSPECTION_SYSTEMS, required=True, default="other")
    name = fields.Char(string="Check", required=True)
    result = fields.Selection([("pass", "Pass"), ("fail", "Fail"), ("na", "Not Applicable")])
    note = fields.Char(string="Observation")
