from odoo import fields, models

FINDING_STAGES = [
    ("pre_inspection", "Pre-Inspection"),
    ("in_repair", "During Repair"),
]
FINDING_SEVERITIES = [
    ("advice", "Advice"),
    ("soon", "Repair Soon"),
    ("safety", "Safety Risk"),
]
FINDING_DECISIONS = [
    ("pending", "Pending"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
    ("deferred", "Deferred"),
]


class AftersalesFinding(models.Model):
    _name = "aftersales.finding"
    _description = "Inspection Finding"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Finding", required=True)
    repair_id = fields.Many2one(
        "repair.order", string="Repair Order", index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    vehicle_id = fields.Many2one(
        "fleet.vehicle", string="Truck", required=True, index=True, check_company=True
    )
    partner_id = fields.Many2one("res.partner", string="Customer", index=True)
    stage = fields.Selection(FINDING_STAGES, required=True, default="pre_inspection")
    severity = fields.Selection(FINDING_SEVERITIES, required=True, default="soon")
    remaining_km = fields.Float(help="How many more kilometres the part can still be used.")
    remaining_days = fields.Integer(help="How many more days the part can still be used.")
    estimated_amount = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    decision = fields.Selection(FINDING_DECISIONS, required=True, default="pending", tracking=True)
    decision_date = fields.Date(tracking=True)
    reminder_date = fields.Date(
        index=True, help="When to remind the customer of a declined or deferred finding."
    )
    recaptured_repair_id = fields.Many2one(
        "repair.order",
        string="Fixed In",
        index="btree_not_null",
        check_company=True,
        help="The later repair order that fixed this declined finding.",
    )

    _sql_constraints = [
        (
            "figures_positive",
            "CHECK(remaining_km >= 0 AND remaining_days >= 0 AND estimated_amount >= 0)",
            "Remaining life and estimated amount cannot be negative.",
        ),
    ]
