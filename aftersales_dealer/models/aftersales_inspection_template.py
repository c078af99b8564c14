from odoo import api, fields, models

INSPECTION_SYSTEMS = [
    ("brakes", "Brakes"),
    ("tyres", "Tyres and Wheels"),
    ("steering", "Steering"),
    ("lights", "Lights and Electrics"),
    ("engine", "Engine"),
    ("gearbox", "Gearbox and Clutch"),
    ("axles", "Axles and Suspension"),
    ("cab", "Cab and Body"),
    ("other", "Other"),
]


class AftersalesInspectionTemplate(models.Model):
    _name = "aftersales.inspection.template"
    _description = "Pre-Inspection Checklist"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    category_ids = fields.Many2many(
        "fleet.vehicle.model.category",
        string="Vehicle Categories",
        help="Trucks of these categories get this checklist; empty: any truck.",
    )
    item_ids = fields.One2many(
        "aftersales.inspection.template.item", "template_id", string="Items", copy=True
    )
    item_count = fields.Integer(compute="_compute_item_count")

    @api.depends("item_ids")
    def _compute_item_count(self):
        for template in self:
            template.item_count = len(template.item_ids)

    @api.model
    def _for_vehicle(self, vehicle):
        """Checklist of the truck's category, else the first one for any truck."""
        category = vehicle.category_id or vehicle.model_id.category_id
        templates = self.search(
            [
                "|",
                ("category_ids", "in", category.ids),
                ("category_ids", "=", False),
                ("company_id", "in", [False, (vehicle.company_id or self.env.company).id]),
            ]
        )
        specific = templates.filtered(lambda t: category in t.category_ids)
        return (specific or templates)[:1]


class AftersalesInspectionTemplateItem(models.Model):
    _name = "aftersales.inspection.template.item"
    _description = "Pre-Inspection Checklist Item"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "aftersales.inspection.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    system = fields.Selection(INSPECTION_SYSTEMS, required=True, default="other")
    name = fields.Char(string="Check", required=True, translate=True)
    labor_standard_id = fields.Many2one(
        "aftersales.labor.standard",
        string="Usual Operation",
        help="Labour proposed when this check reveals a finding.",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Usual Part",
        domain="[('type', '=', 'consu')]",
        help="Part proposed when this check reveals a finding.",
    )
