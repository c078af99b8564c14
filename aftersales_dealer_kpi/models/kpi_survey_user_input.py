from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    aftersales_repair_id = fields.Many2one(
        "repair.order", string="Repair Order", index="btree_not_null", ondelete="set null"
    )
    aftersales_vehicle_id = fields.Many2one(
        "fleet.vehicle", string="Truck", index="btree_not_null", ondelete="set null"
    )
    aftersales_followup_id = fields.Many2one(
        "aftersales.followup", string="Follow-Up", index="btree_not_null", ondelete="set null"
    )
