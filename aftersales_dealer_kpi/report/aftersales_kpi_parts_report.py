from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists


class AftersalesKpiPartsReport(models.Model):
    _name = "aftersales.kpi.parts.report"
    _description = "Parts Turnover and Fill Rate"
    _auto = False
    _order = "date desc"

    product_id = fields.Many2one("product.product", string="Part", readonly=True)
    categ_id = fields.Many2one("product.category", string="Part Category", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Datetime(readonly=True)
    kind = fields.Selection(
        [("issue", "Issued"), ("on_hand", "On Hand")],
        readonly=True,
        help="Issued: parts that left the stock (repairs, sales). On hand: today's stock.",
    )
    repair_id = fields.Many2one("repair.order", string="Repair Order", readonly=True)
    issued_qty = fields.Float(string="Issued Quantity", readonly=True, aggregator="sum")
    issued_value = fields.Float(readonly=True, aggregator="sum")
    on_hand_value = fields.Float(string="Stock Value", readonly=True, aggregator="sum")
    fill_rate = fields.Float(readonly=True, aggregator="avg")

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        # issued value ÷ stock value is the turnover; the dashboard divides the two sums
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT m.id * 2 AS id, m.product_id, pt.categ_id, m.company_id,
                       m.date, 'issue' AS kind, m.repair_id,
                       m.product_qty AS issued_qty,
                       COALESCE(-svl.value, 0) AS issued_value,
                       0.0 AS on_hand_value,
                       CASE WHEN m.aftersales_confirm_date IS NULL THEN NULL
                            WHEN m.aftersales_served_from_stock THEN 1.0
                            ELSE 0.0 END AS fill_rate
                  FROM stock_move m
                  JOIN stock_location src ON src.id = m.location_id
                  JOIN stock_location dest ON dest.id = m.location_dest_id
                  JOIN product_product pp ON pp.id = m.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  LEFT JOIN LATERAL (
                        SELECT SUM(value) AS value FROM stock_valuation_layer
                         WHERE stock_move_id = m.id
                  ) svl ON TRUE
                 WHERE m.state = 'done' AND src.usage = 'internal'
                   AND dest.usage IN ('customer', 'production')
                UNION ALL
                SELECT pp.id * 2 + 1 AS id, pp.id AS product_id, pt.categ_id, svl.company_id,
                       NOW() AT TIME ZONE 'UTC' AS date, 'on_hand' AS kind, NULL AS repair_id,
                       0.0 AS issued_qty, 0.0 AS issued_value,
                       SUM(svl.value) AS on_hand_value, NULL AS fill_rate
                  FROM stock_valuation_layer svl
                  JOIN product_product pp ON pp.id = svl.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 GROUP BY pp.id, pt.categ_id, svl.company_id
            )
            """,
                table=SQL.identifier(self._table),
            )
        )
