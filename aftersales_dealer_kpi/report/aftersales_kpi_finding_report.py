from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists

from odoo.addons.aftersales_dealer.models.aftersales_finding import (
    FINDING_DECISIONS,
    FINDING_SEVERITIES,
    FINDING_STAGES,
)


class AftersalesKpiFindingReport(models.Model):
    """One row per finding. A finding counts as declined on its decision date
    (``decision_date``); it is recaptured when it was later fixed here."""

    _name = "aftersales.kpi.finding.report"
    _description = "Failing Items Analysis"
    _auto = False
    _order = "date desc"

    name = fields.Char(string="Item", readonly=True)
    finding_id = fields.Many2one("aftersales.finding", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(readonly=True)
    stage = fields.Selection(FINDING_STAGES, readonly=True)
    severity = fields.Selection(FINDING_SEVERITIES, readonly=True)
    decision = fields.Selection(FINDING_DECISIONS, readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", string="Truck", readonly=True)
    model_id = fields.Many2one("fleet.vehicle.model", string="Truck Model", readonly=True)
    user_id = fields.Many2one("res.users", string="Service Advisor", readonly=True)
    decision_date = fields.Date(readonly=True)
    finding_count = fields.Integer(string="Findings", readonly=True, aggregator="sum")
    declined_count = fields.Integer(string="Findings Declined", readonly=True, aggregator="sum")
    preinspection_declined_count = fields.Integer(
        string="Pre-Inspection Findings Declined", readonly=True, aggregator="sum"
    )
    inrepair_declined_count = fields.Integer(
        string="In-Repair Findings Declined", readonly=True, aggregator="sum"
    )
    recaptured_count = fields.Integer(
        string="Declined Findings Recaptured",
        readonly=True,
        aggregator="sum",
        help="1 for a declined finding later fixed here.",
    )
    estimated_amount = fields.Float(readonly=True, aggregator="sum")
    recapture_rate = fields.Float(string="Declined and Recaptured", readonly=True, aggregator="avg")

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT f.id, f.id AS finding_id, f.name, f.company_id,
                       COALESCE(f.decision_date, f.create_date::date) AS date,
                       f.stage, f.severity, f.decision, f.vehicle_id, v.model_id,
                       f.decision_date, ro.user_id, 1 AS finding_count, f.estimated_amount,
                       (f.decision = 'declined')::int AS declined_count,
                       (f.decision = 'declined' AND f.stage = 'pre_inspection')::int
                           AS preinspection_declined_count,
                       (f.decision = 'declined' AND f.stage = 'in_repair')::int
                           AS inrepair_declined_count,
                       (f.decision = 'declined' AND f.recaptured_repair_id IS NOT NULL)::int
                           AS recaptured_count,
                       CASE WHEN f.decision != 'declined' THEN NULL
                            WHEN f.recaptured_repair_id IS NOT NULL THEN 1.0
                            ELSE 0.0 END AS recapture_rate
                  FROM aftersales_finding f
                  LEFT JOIN fleet_vehicle v ON v.id = f.vehicle_id
                  LEFT JOIN repair_order ro ON ro.id = f.repair_id
            )
            """,
                table=SQL.identifier(self._table),
            )
        )
