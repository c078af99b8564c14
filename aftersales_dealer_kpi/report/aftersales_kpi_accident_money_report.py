from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists


class AftersalesKpiAccidentMoneyReport(models.Model):
    """Accident money by the day it moves, one row per billing and one per collection.

    - collected: the accident payments (collections) dated in the period (``date``), as
      the collection report groups them;
    - outstanding at a day: what was billed up to that day minus what was collected on it
      up to that day (``balance_date``). An accident is billed on its billing date, the day
      its claim was submitted or else the day the truck was delivered, as in the accident
      analysis's ageing of unpaid amounts; a collection received before that reduces the
      balance from the billing date on."""

    _name = "aftersales.kpi.accident.money.report"
    _description = "Accident Money Movements"
    _auto = False
    _order = "date desc"
    _rec_name = "accident_id"

    accident_id = fields.Many2one("aftersales.accident", string="Accident Case", readonly=True)
    payment_id = fields.Many2one("aftersales.accident.payment", string="Collection", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    insurer_id = fields.Many2one("res.partner", readonly=True)
    kind = fields.Selection([("billed", "Billed"), ("collected", "Collected")], readonly=True)
    date = fields.Date(readonly=True, help="The billing date or the collection's date.")
    balance_date = fields.Date(
        readonly=True,
        help="From this day on the row changes the outstanding balance; empty while the "
        "accident is not billed.",
    )
    billed_amount = fields.Float(readonly=True, aggregator="sum")
    collected_amount = fields.Float(readonly=True, aggregator="sum")
    outstanding_amount = fields.Float(
        readonly=True,
        aggregator="sum",
        help="Billed amounts count positive, collections negative: summed up to a day, "
        "what is outstanding that day.",
    )

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        billing_date = SQL("COALESCE(a.claim_submitted_date, a.delivered_date::date)")
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT a.id * 2 AS id, a.id AS accident_id, NULL::int AS payment_id,
                       a.company_id, a.insurer_id, 'billed' AS kind,
                       %(billing_date)s AS date, %(billing_date)s AS balance_date,
                       COALESCE(a.amount_billed, 0) AS billed_amount,
                       0.0 AS collected_amount,
                       COALESCE(a.amount_billed, 0) AS outstanding_amount
                  FROM aftersales_accident a
                 WHERE %(billing_date)s IS NOT NULL
                UNION ALL
                SELECT p.id * 2 + 1 AS id, a.id AS accident_id, p.id AS payment_id,
                       a.company_id, a.insurer_id, 'collected' AS kind,
                       p.date,
                       CASE WHEN %(billing_date)s IS NOT NULL
                            THEN GREATEST(p.date, %(billing_date)s) END AS balance_date,
                       0.0 AS billed_amount, p.amount AS collected_amount,
                       -p.amount AS outstanding_amount
                  FROM aftersales_accident_payment p
                  JOIN aftersales_accident a ON a.id = p.accident_id
            )
            """,
                table=SQL.identifier(self._table),
                billing_date=billing_date,
            )
        )
