from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists


class AftersalesKpiSurveyReport(models.Model):
    _name = "aftersales.kpi.survey.report"
    _description = "Satisfaction Survey Analysis"
    _auto = False
    _order = "date desc"

    survey_id = fields.Many2one("survey.survey", readonly=True)
    question_id = fields.Many2one("survey.question", readonly=True)
    user_input_id = fields.Many2one("survey.user_input", string="Answer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Datetime(readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", string="Truck", readonly=True)
    repair_id = fields.Many2one("repair.order", string="Repair Order", readonly=True)
    user_id = fields.Many2one("res.users", string="Service Advisor", readonly=True)
    answer_count = fields.Integer(string="Answers", readonly=True, aggregator="sum")
    score = fields.Float(string="Score (1-5)", readonly=True, aggregator="avg")
    dissatisfied_count = fields.Integer(string="Dissatisfied", readonly=True, aggregator="sum")

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        # surveys have no company: an answer belongs to its repair order's, truck's or
        # respondent's company
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT line.id, ui.survey_id, line.question_id, ui.id AS user_input_id,
                       COALESCE(ro.company_id, v.company_id, rp.company_id) AS company_id,
                       COALESCE(ui.end_datetime, ui.create_date) AS date,
                       ui.partner_id, ui.aftersales_vehicle_id AS vehicle_id,
                       ui.aftersales_repair_id AS repair_id, ro.user_id,
                       1 AS answer_count, sqa.answer_score AS score,
                       CASE WHEN sqa.answer_score BETWEEN 1 AND 2 THEN 1 ELSE 0 END
                           AS dissatisfied_count
                  FROM survey_user_input_line line
                  JOIN survey_user_input ui ON ui.id = line.user_input_id
                  JOIN survey_question_answer sqa ON sqa.id = line.suggested_answer_id
                  LEFT JOIN repair_order ro ON ro.id = ui.aftersales_repair_id
                  JOIN survey_survey s ON s.id = ui.survey_id AND s.aftersales_form
                  LEFT JOIN fleet_vehicle v ON v.id = ui.aftersales_vehicle_id
                  LEFT JOIN res_partner rp ON rp.id = ui.partner_id
                 WHERE ui.state = 'done' AND ui.test_entry IS NOT TRUE
                   AND sqa.answer_score > 0
            )
            """,
                table=SQL.identifier(self._table),
            )
        )
