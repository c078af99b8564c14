from odoo import api, fields, models

from .repair_order import VISIT_TYPES


class AftersalesQualityCheckTemplate(models.Model):
    _name = "aftersales.quality.check.template"
    _description = "Final Quality Checklist"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    visit_type = fields.Selection(
        VISIT_TYPES, help="Orders of this visit type get this checklist; empty: any visit type."
    )
    item_ids = fields.One2many(
        "aftersales.quality.check.template.item", "template_id", string="Items", copy=True
    )
    item_count = fields.Integer(compute="_compute_item_count")

    @api.depends("item_ids")
    def _compute_item_count(self):
        for template in self:
            template.item_count = len(template.item_ids)

    @api.model
    def _for_repair(self, repair):
        """Checklist of the order's visit type, else the first one for any visit type."""
        templates = self.search(
            [
                ("visit_type", "in", [repair.visit_type, False]),
                ("company_id", "in", [False, repair.company_id.id]),
            ]
        )
        specific = templates.filtered(lambda t: t.visit_type == repair.visit_type)
        return (specific or templates)[:1]
