from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists

from odoo.addons.aftersales_dealer.models.repair_order import VISIT_TYPES


class AftersalesKpiQualityReport(models.Model):
    _name = "aftersales.kpi.quality.report"
    _description = "Quality Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "repair_id"

    repair_id = fields.Many2one("repair.order", string="Repair Order", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Datetime(string="Received On", readonly=True)
    visit_type = fields.Selection(VISIT_TYPES, readonly=True)
    user_id = fields.Many2one("res.users", string="Service Advisor", readonly=True)
    team_leader_id = fields.Many2one("hr.employee", readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", string="Truck", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True, aggregator="sum")
    rework_count = fields.Integer(string="Reworks", readonly=True, aggregator="sum")
    finding_count = fields.Integer(string="Findings", readonly=True, aggregator="sum")
    declined_finding_count = fields.Integer(
        string="Findings Declined", readonly=True, aggregator="sum"
    )
    complaint_count = fields.Integer(string="Complaints", readonly=True, aggregator="sum")
    rework_rate = fields.Float(readonly=True, aggregator="avg")
    # share of the orders that drew at least one complaint
    complaint_rate = fields.Float(readonly=True, aggregator="avg")

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT ro.id, ro.id AS repair_id, ro.company_id, ro.reception_date AS date,
                       ro.visit_type, ro.user_id, ro.team_leader_id, ro.vehicle_id,
                       1 AS order_count,
                       CASE WHEN ro.is_rework THEN 1 ELSE 0 END AS rework_count,
                       COALESCE(f.finding_count, 0) AS finding_count,
                       COALESCE(f.declined_count, 0) AS declined_finding_count,
                       CASE WHEN ro.is_rework THEN 1.0 ELSE 0.0 END AS rework_rate,
                       COALESCE(c.complaint_count, 0) AS complaint_count,
                       CASE WHEN c.complaint_count > 0 THEN 1.0 ELSE 0.0 END AS complaint_rate
                  FROM repair_order ro
                  LEFT JOIN LATERAL (
                        SELECT COUNT(*) AS finding_count,
                               COUNT(*) FILTER (WHERE decision = 'declined') AS declined_count
                          FROM aftersales_finding WHERE repair_id = ro.id
                  ) f ON TRUE
                  LEFT JOIN LATERAL (
                        SELECT COUNT(*) AS complaint_count FROM aftersales_complaint
                         WHERE repair_id = ro.id AND state != 'cancelled'
                  ) c ON TRUE
                 WHERE ro.reception_date IS NOT NULL AND ro.state != 'cancel'
            )
            """,
                table=SQL.identifier(self._table),
            )
        )
