from odoo import fields, models


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    aftersales_form = fields.Boolean(
        string="After-Sales Form",
        help="One of the station's survey forms (调查表): its answers feed the satisfaction "
        "analysis.",
    )
