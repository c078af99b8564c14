from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists

from odoo.addons.aftersales_dealer.models.aftersales_followup import FOLLOWUP_STATES


class AftersalesKpiFollowupReport(models.Model):
    _name = "aftersales.kpi.followup.report"
    _description = "Follow-Up Analysis"
    _auto = False
    _order = "due_date desc"
    _rec_name = "followup_id"

    followup_id = fields.Many2one("aftersales.followup", string="Follow-Up", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    followup_type = fields.Selection(
        selection=lambda self: (
            self.env["aftersales.followup"]
            ._fields["followup_type"]
            ._description_selection(self.env)
        ),
        string="Type",
        readonly=True,
    )
    state = fields.Selection(FOLLOWUP_STATES, readonly=True)
    user_id = fields.Many2one("res.users", string="Assigned To", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", string="Truck", readonly=True)
    responsible_employee_id = fields.Many2one("hr.employee", readonly=True)
    due_date = fields.Date(readonly=True)
    done_date = fields.Date(readonly=True)
    followup_count = fields.Integer(string="Follow-Ups", readonly=True, aggregator="sum")
    problem_count = fields.Integer(string="Problems Found", readonly=True, aggregator="sum")
    dissatisfied_count = fields.Integer(string="Dissatisfied", readonly=True, aggregator="sum")
    # 1/0 per call where it applies, empty where it does not: averages are the rates
    on_time_rate = fields.Float(string="Done on Time", readonly=True, aggregator="avg")
    reached_rate = fields.Float(string="Reached", readonly=True, aggregator="avg")
    satisfaction = fields.Float(string="Satisfaction (1-5)", readonly=True, aggregator="avg")

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT fu.id, fu.id AS followup_id, fu.company_id, fu.followup_type, fu.state,
                       fu.user_id, fu.partner_id, fu.vehicle_id, fu.responsible_employee_id,
                       fu.due_date, fu.done_date,
                       1 AS followup_count,
                       CASE WHEN fu.state = 'done' AND fu.has_problem THEN 1 ELSE 0 END
                           AS problem_count,
                       CASE WHEN fu.state = 'done' AND fu.satisfaction BETWEEN 1 AND 2
                            THEN 1 ELSE 0 END AS dissatisfied_count,
                       CASE WHEN fu.state = 'cancelled' THEN NULL
                            WHEN fu.state = 'done' AND fu.done_date <= fu.due_date THEN 1.0
                            WHEN fu.state = 'todo' AND fu.due_date >= CURRENT_DATE THEN NULL
                            ELSE 0.0 END AS on_time_rate,
                       CASE fu.state WHEN 'done' THEN 1.0 WHEN 'unreachable' THEN 0.0 END
                           AS reached_rate,
                       CASE WHEN fu.state = 'done' AND fu.satisfaction BETWEEN 1 AND 5
                            THEN fu.satisfaction END AS satisfaction
                  FROM aftersales_followup fu
            )
            """,
                table=SQL.identifier(self._table),
            )
        )
