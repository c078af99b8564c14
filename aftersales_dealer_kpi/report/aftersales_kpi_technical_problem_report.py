from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists

from odoo.addons.aftersales_dealer_kpi.models.aftersales_technical_problem import (
    PROBLEM_SOURCES,
    PROBLEM_STATES,
)


class AftersalesKpiTechnicalProblemReport(models.Model):
    """One row per technical problem, with 0/1 columns the weekly meeting sums."""

    _name = "aftersales.kpi.technical.problem.report"
    _description = "Technical Problems Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "problem_id"

    problem_id = fields.Many2one("aftersales.technical.problem", string="Problem", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(string="Raised On", readonly=True)
    deadline = fields.Date(readonly=True)
    closed_date = fields.Date(readonly=True)
    owner_id = fields.Many2one("res.users", string="Owner", readonly=True)
    source = fields.Selection(PROBLEM_SOURCES, readonly=True)
    state = fields.Selection(PROBLEM_STATES, readonly=True)
    vehicle_model_id = fields.Many2one("fleet.vehicle.model", string="Truck Model", readonly=True)
    problem_count = fields.Integer(string="Problems", readonly=True, aggregator="sum")
    is_open = fields.Integer(string="Open", readonly=True, aggregator="sum")
    is_overdue = fields.Integer(
        string="Overdue", readonly=True, aggregator="sum", help="Open past its deadline today."
    )
    deadline_missed = fields.Integer(
        string="Deadline Missed",
        readonly=True,
        aggregator="sum",
        help="Closed after its deadline, or still open past it.",
    )
    closed_on_time = fields.Integer(string="Closed on Time", readonly=True, aggregator="sum")

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT p.id, p.id AS problem_id, p.company_id, p.date, p.deadline,
                       p.closed_date, p.owner_id, p.source, p.state, p.vehicle_model_id,
                       1 AS problem_count,
                       CASE WHEN p.state IN ('new', 'analysis', 'plan') THEN 1 ELSE 0 END
                           AS is_open,
                       CASE WHEN p.state IN ('new', 'analysis', 'plan')
                                 AND p.deadline < CURRENT_DATE THEN 1 ELSE 0 END AS is_overdue,
                       CASE WHEN (p.state = 'closed' AND p.closed_date > p.deadline)
                                 OR (p.state IN ('new', 'analysis', 'plan')
                                     AND p.deadline < CURRENT_DATE) THEN 1 ELSE 0 END
                           AS deadline_missed,
                       CASE WHEN p.state = 'closed' AND p.closed_date <= p.deadline
                            THEN 1 ELSE 0 END AS closed_on_time
                  FROM aftersales_technical_problem p
                 WHERE p.state != 'cancelled'
            )
            """,
                table=SQL.identifier(self._table),
            )
        )
