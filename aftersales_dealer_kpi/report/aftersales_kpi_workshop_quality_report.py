from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists

from odoo.addons.aftersales_dealer.models.repair_order import VISIT_TYPES


class AftersalesKpiWorkshopQualityReport(models.Model):
    """One row per received order: its final quality checks and the parts fitted."""

    _name = "aftersales.kpi.workshop.quality.report"
    _description = "Workshop Quality Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "repair_id"

    repair_id = fields.Many2one("repair.order", string="Repair Order", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Datetime(string="Received On", readonly=True)
    delivered_date = fields.Datetime(string="Delivered On", readonly=True)
    visit_type = fields.Selection(VISIT_TYPES, readonly=True)
    user_id = fields.Many2one("res.users", string="Service Advisor", readonly=True)
    team_leader_id = fields.Many2one("hr.employee", readonly=True)
    vehicle_model_id = fields.Many2one("fleet.vehicle.model", string="Truck Model", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True, aggregator="sum")
    quality_checked = fields.Integer(
        string="Orders Checked", readonly=True, aggregator="sum", help="1 when a check was signed."
    )
    quality_check_passed = fields.Integer(string="Orders Passed", readonly=True, aggregator="sum")
    quality_check_count = fields.Integer(string="Checks Signed", readonly=True, aggregator="sum")
    quality_check_failed_count = fields.Integer(
        string="Checks Failed", readonly=True, aggregator="sum"
    )
    internal_rework = fields.Integer(
        string="Internal Reworks",
        readonly=True,
        aggregator="sum",
        help="1 when a failed final check sent the truck back to the workshop.",
    )
    part_qty = fields.Float(string="Parts Fitted", readonly=True, aggregator="sum")
    non_genuine_qty = fields.Float(string="Non-Genuine Parts", readonly=True, aggregator="sum")
    has_non_genuine = fields.Integer(
        string="Orders with Non-Genuine Parts", readonly=True, aggregator="sum"
    )
    non_genuine_share = fields.Float(
        string="Non-Genuine Share",
        readonly=True,
        aggregator="avg",
        help="Share of the parts fitted on the order that are not genuine parts.",
    )

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT ro.id, ro.id AS repair_id, ro.company_id, ro.reception_date AS date,
                       ro.delivered_date, ro.visit_type, ro.user_id, ro.team_leader_id,
                       fv.model_id AS vehicle_model_id,
                       1 AS order_count,
                       CASE WHEN COALESCE(qc.signed, 0) > 0 THEN 1 ELSE 0 END AS quality_checked,
                       CASE WHEN ro.quality_check_done THEN 1 ELSE 0 END AS quality_check_passed,
                       COALESCE(qc.signed, 0) AS quality_check_count,
                       COALESCE(qc.failed, 0) AS quality_check_failed_count,
                       CASE WHEN COALESCE(qc.failed, 0) > 0 THEN 1 ELSE 0 END AS internal_rework,
                       COALESCE(pt.qty, 0) AS part_qty,
                       COALESCE(pt.non_genuine, 0) AS non_genuine_qty,
                       CASE WHEN COALESCE(pt.non_genuine, 0) > 0 THEN 1 ELSE 0 END
                           AS has_non_genuine,
                       CASE WHEN COALESCE(pt.qty, 0) > 0 THEN pt.non_genuine / pt.qty ELSE 0.0 END
                           AS non_genuine_share
                  FROM repair_order ro
                  LEFT JOIN fleet_vehicle fv ON fv.id = ro.vehicle_id
                  LEFT JOIN LATERAL (
                        SELECT COUNT(*) FILTER (WHERE state != 'draft') AS signed,
                               COUNT(*) FILTER (WHERE state = 'failed') AS failed
                          FROM aftersales_quality_check WHERE repair_id = ro.id
                  ) qc ON TRUE
                  LEFT JOIN LATERAL (
                        SELECT SUM(sm.product_uom_qty) AS qty,
                               SUM(sm.product_uom_qty) FILTER (
                                   WHERE NOT COALESCE(tmpl.is_genuine_part, FALSE)
                               ) AS non_genuine
                          FROM stock_move sm
                          JOIN product_product pp ON pp.id = sm.product_id
                          JOIN product_template tmpl ON tmpl.id = pp.product_tmpl_id
                         WHERE sm.repair_id = ro.id AND sm.repair_line_type = 'add'
                           AND sm.state != 'cancel'
                  ) pt ON TRUE
                 WHERE ro.reception_date IS NOT NULL AND ro.state != 'cancel'
            )
            """,
                table=SQL.identifier(self._table),
            )
        )
