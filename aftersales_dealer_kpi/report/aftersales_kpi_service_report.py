from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists

from odoo.addons.aftersales_dealer.models.repair_order import VISIT_TYPES


class AftersalesKpiServiceReport(models.Model):
    _name = "aftersales.kpi.service.report"
    _description = "Service Operations Analysis"
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
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", string="Truck", readonly=True)
    is_appointment = fields.Boolean(string="Appointment", readonly=True)
    state = fields.Selection(
        [
            ("draft", "New"),
            ("confirmed", "Confirmed"),
            ("under_repair", "Under Repair"),
            ("done", "Repaired"),
            ("cancel", "Cancelled"),
        ],
        readonly=True,
    )
    order_count = fields.Integer(string="Orders", readonly=True, aggregator="sum")
    labor_hours = fields.Float(string="Labour Hours", readonly=True, aggregator="sum")
    revenue = fields.Float(string="Revenue (untaxed)", readonly=True, aggregator="sum")
    labor_revenue = fields.Float(string="Labour Revenue", readonly=True, aggregator="sum")
    parts_revenue = fields.Float(readonly=True, aggregator="sum")
    # 1/0 per order, so that the average over any grouping is the rate
    rework_rate = fields.Float(readonly=True, aggregator="avg")
    on_time_rate = fields.Float(string="On-Time Delivery Rate", readonly=True, aggregator="avg")
    pre_inspection_rate = fields.Float(readonly=True, aggregator="avg")

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT ro.id, ro.id AS repair_id, ro.company_id,
                       ro.reception_date AS date, ro.delivered_date, ro.visit_type,
                       ro.user_id, ro.team_leader_id, ro.partner_id, ro.vehicle_id,
                       ro.is_appointment, ro.state,
                       1 AS order_count,
                       COALESCE(labor.hours, 0) AS labor_hours,
                       COALESCE(so.amount_untaxed, 0) AS revenue,
                       COALESCE(sale.labor_revenue, 0) AS labor_revenue,
                       COALESCE(sale.parts_revenue, 0) AS parts_revenue,
                       CASE WHEN ro.is_rework THEN 1.0 ELSE 0.0 END AS rework_rate,
                       CASE WHEN ro.delivered_date IS NULL OR ro.promised_date IS NULL THEN NULL
                            WHEN ro.delivered_date <= ro.promised_date THEN 1.0
                            ELSE 0.0 END AS on_time_rate,
                       CASE WHEN ro.pre_inspection_done THEN 1.0 ELSE 0.0 END
                           AS pre_inspection_rate
                  FROM repair_order ro
                  LEFT JOIN sale_order so ON so.id = ro.sale_order_id
                  LEFT JOIN LATERAL (
                        SELECT SUM(l.hours) AS hours FROM aftersales_labor_line l
                         WHERE l.repair_id = ro.id
                  ) labor ON TRUE
                  LEFT JOIN LATERAL (
                        SELECT SUM(sol.price_subtotal) FILTER (WHERE pt.type = 'service')
                                   AS labor_revenue,
                               SUM(sol.price_subtotal) FILTER (WHERE pt.type = 'consu')
                                   AS parts_revenue
                          FROM sale_order_line sol
                          JOIN product_product pp ON pp.id = sol.product_id
                          JOIN product_template pt ON pt.id = pp.product_tmpl_id
                         WHERE sol.order_id = ro.sale_order_id
                  ) sale ON TRUE
                 WHERE ro.reception_date IS NOT NULL
            )
            """,
                table=SQL.identifier(self._table),
            )
        )
