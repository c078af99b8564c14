from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.aftersales_accident import ACCIDENT_STATES


class AftersalesAccidentReport(models.Model):
    _name = "aftersales.accident.report"
    _description = "Accident Vehicles Analysis"
    _auto = False
    _rec_name = "accident_id"
    _order = "accident_date desc"

    accident_id = fields.Many2one("aftersales.accident", string="Accident Case", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", string="Truck", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    insurer_id = fields.Many2one("res.partner", readonly=True)
    handler_id = fields.Many2one("hr.employee", string="Accident Team Member", readonly=True)
    state = fields.Selection(ACCIDENT_STATES, readonly=True)
    accident_date = fields.Datetime(string="Accident Time", readonly=True)
    arrival_date = fields.Datetime(string="Arrived at Station", readonly=True)
    delivered_date = fields.Datetime(readonly=True)
    billing_date = fields.Date(
        readonly=True,
        help="The day the claim was submitted, or else the day the truck was delivered.",
    )
    is_out_of_town = fields.Boolean(string="Out of Town", readonly=True)
    towed = fields.Boolean(readonly=True)
    insured_here = fields.Boolean(readonly=True)
    repaired_here = fields.Boolean(readonly=True)
    direct_billing = fields.Boolean(readonly=True)
    accident_count = fields.Integer(string="# Accidents", readonly=True, aggregator="sum")
    return_rate = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Share of the accidents of trucks insured here that were repaired here.",
    )
    tow_distance_km = fields.Float(string="Towing Distance (km)", readonly=True)
    tow_cost = fields.Monetary(readonly=True)
    assessed_amount = fields.Monetary(string="Loss Assessment", readonly=True)
    amount_billed = fields.Monetary(readonly=True)
    amount_collected = fields.Monetary(readonly=True)
    amount_outstanding = fields.Monetary(readonly=True)

    def _query(self):
        return SQL(
            """
            SELECT
                a.id AS id,
                a.id AS accident_id,
                a.company_id,
                c.currency_id,
                a.vehicle_id,
                a.partner_id,
                a.insurer_id,
                a.handler_id,
                a.state,
                a.accident_date,
                a.arrival_date,
                a.delivered_date,
                COALESCE(a.claim_submitted_date, a.delivered_date::date) AS billing_date,
                a.is_out_of_town,
                a.towed,
                COALESCE(a.insured_here, FALSE) AS insured_here,
                COALESCE(a.repaired_here, FALSE) AS repaired_here,
                a.direct_billing,
                1 AS accident_count,
                -- NULL outside the insured-here accidents, so that avg() gives the rate
                CASE WHEN a.insured_here THEN (CASE WHEN a.repaired_here THEN 1.0 ELSE 0.0 END) END
                    AS return_rate,
                a.tow_distance_km,
                a.tow_cost,
                a.assessed_amount,
                a.amount_billed,
                a.amount_collected,
                a.amount_outstanding
            FROM aftersales_accident a
            JOIN res_company c ON c.id = a.company_id
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
