from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists


class AftersalesKpiWarrantyReport(models.Model):
    _name = "aftersales.kpi.warranty.report"
    _description = "Warranty Claims Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "claim_id"

    claim_id = fields.Many2one("aftersales.warranty.claim", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    repair_id = fields.Many2one("repair.order", string="Repair Order", readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", string="Truck", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Service Advisor", readonly=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("paid", "Paid"),
        ],
        readonly=True,
    )
    date = fields.Date(string="Submitted On", readonly=True)
    submitted_date = fields.Date(
        string="Submitted", readonly=True, help="Empty for a claim not submitted yet."
    )
    claim_count = fields.Integer(string="Claims", readonly=True, aggregator="sum")
    amount_claimed = fields.Float(readonly=True, aggregator="sum")
    amount_approved = fields.Float(readonly=True, aggregator="sum")
    amount_paid = fields.Float(readonly=True, aggregator="sum")
    # 1/0 once the manufacturer decided, empty before: the average is the approval rate
    approval_rate = fields.Float(readonly=True, aggregator="avg")
    old_part_return_rate = fields.Float(readonly=True, aggregator="avg")

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT c.id, c.id AS claim_id, c.company_id, c.repair_id, c.vehicle_id,
                       c.partner_id, c.user_id, c.state,
                       COALESCE(c.submitted_date, c.create_date::date) AS date,
                       c.submitted_date,
                       1 AS claim_count,
                       COALESCE(c.amount_claimed, 0) AS amount_claimed,
                       COALESCE(c.amount_approved, 0) AS amount_approved,
                       COALESCE(c.amount_paid, 0) AS amount_paid,
                       CASE WHEN c.state IN ('approved', 'paid') THEN 1.0
                            WHEN c.state = 'rejected' THEN 0.0 END AS approval_rate,
                       CASE WHEN c.state = 'draft' THEN NULL
                            WHEN c.old_part_returned THEN 1.0 ELSE 0.0 END
                           AS old_part_return_rate
                  FROM aftersales_warranty_claim c
            )
            """,
                table=SQL.identifier(self._table),
            )
        )
