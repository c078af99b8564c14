from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

KPI_ROLES = [
    ("info_clerk", "Information Clerk"),
    ("accident_leader", "Insurance-Accident Team Leader"),
    ("service_manager", "Service Manager"),
    ("advisor", "Service Advisor"),
    ("parts_manager", "Parts Manager"),
    ("team_leader", "Repair Team Leader"),
    ("technical_manager", "Technical Manager"),
]
KPI_UNITS = [
    ("count", "Count"),
    ("rate", "Rate"),
    ("amount", "Amount"),
    ("hours", "Hours"),
    ("amount_per_hour", "Amount per Hour"),
]


class AftersalesKpiMetric(models.Model):
    _name = "aftersales.kpi.metric"
    _description = "Weekly Meeting Metric"
    _order = "role, sequence, id"

    sequence = fields.Integer(default=10)
    code = fields.Char(
        required=True, help="Technical key the weekly meeting computes the metric by."
    )
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True, help="How the figure is counted.")
    role = fields.Selection(KPI_ROLES, required=True, help="Who reports the figure at the meeting.")
    unit = fields.Selection(KPI_UNITS, required=True, default="count")
    higher_is_better = fields.Boolean(default=True)
    target = fields.Float(help="Target value; for a rate, a fraction between 0 and 1.")
    per_person = fields.Selection(
        [("user", "Per Service Advisor"), ("employee", "Per Employee")],
        help="Beside the company-wide figure, the meeting shows one figure per person.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Another metric already uses this code."),
    ]

    @api.constrains("unit", "target")
    def _check_rate_target(self):
        for metric in self:
            if metric.unit == "rate" and not 0 <= metric.target <= 1:
                raise ValidationError(
                    _(
                        "The target of the rate %(metric)s is a fraction between 0 and 1 "
                        "(0.95 for 95%%).",
                        metric=metric.name,
                    )
                )
