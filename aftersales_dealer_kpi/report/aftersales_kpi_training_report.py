from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists

from odoo.addons.aftersales_dealer_kpi.models.aftersales_training_session import (
    TRAINING_TOPICS,
)


class AftersalesKpiTrainingReport(models.Model):
    """One row per attendee of a session held."""

    _name = "aftersales.kpi.training.report"
    _description = "Training Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "session_id"

    session_id = fields.Many2one("aftersales.training.session", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(readonly=True)
    topic = fields.Selection(TRAINING_TOPICS, readonly=True)
    training_type = fields.Selection(
        [("theory", "Theory"), ("practical", "Practical")], readonly=True
    )
    employee_id = fields.Many2one("hr.employee", readonly=True)
    attended = fields.Integer(readonly=True, aggregator="sum")
    hours = fields.Float(string="Person-Hours", readonly=True, aggregator="sum")
    session_hours = fields.Float(
        string="Hours Held",
        readonly=True,
        aggregator="sum",
        help="The session's length, on one row per session so that sums count it once.",
    )
    exam_taken = fields.Integer(string="Exams Taken", readonly=True, aggregator="sum")
    passed = fields.Integer(readonly=True, aggregator="sum")
    score = fields.Float(string="Exam Score", readonly=True, aggregator="avg")

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT a.id, a.session_id, s.company_id, s.date, s.topic, s.training_type,
                       a.employee_id,
                       CASE WHEN a.attended THEN 1 ELSE 0 END AS attended,
                       CASE WHEN a.attended THEN a.hours ELSE 0.0 END AS hours,
                       CASE WHEN ROW_NUMBER() OVER (PARTITION BY a.session_id ORDER BY a.id) = 1
                            THEN s.hours ELSE 0.0 END AS session_hours,
                       CASE WHEN a.exam_taken THEN 1 ELSE 0 END AS exam_taken,
                       CASE WHEN a.passed AND a.attended THEN 1 ELSE 0 END AS passed,
                       CASE WHEN a.exam_taken THEN a.score END AS score
                  FROM aftersales_training_attendance a
                  JOIN aftersales_training_session s ON s.id = a.session_id
                 WHERE s.state = 'done'
            )
            """,
                table=SQL.identifier(self._table),
            )
        )
