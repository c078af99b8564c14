from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists


class AftersalesKpiEquipmentReport(models.Model):
    """One row per tool or piece of equipment that needs calibration."""

    _name = "aftersales.kpi.equipment.report"
    _description = "Equipment Calibration Analysis"
    _auto = False
    _order = "date"
    _rec_name = "equipment_id"

    equipment_id = fields.Many2one("maintenance.equipment", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    category_id = fields.Many2one("maintenance.equipment.category", readonly=True)
    date = fields.Date(string="Calibration Due", readonly=True)
    last_calibration_date = fields.Date(readonly=True)
    equipment_count = fields.Integer(string="Equipment Count", readonly=True, aggregator="sum")
    is_overdue = fields.Integer(
        string="Out of Calibration", readonly=True, aggregator="sum", help="Due before today."
    )
    is_due_soon = fields.Integer(
        string="Due Within 30 Days", readonly=True, aggregator="sum", help="Overdue included."
    )
    is_special_tool = fields.Integer(string="Special Tools", readonly=True, aggregator="sum")

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT e.id, e.id AS equipment_id, e.company_id, e.category_id,
                       e.next_calibration_date AS date, e.last_calibration_date,
                       1 AS equipment_count,
                       CASE WHEN e.next_calibration_date < CURRENT_DATE THEN 1 ELSE 0 END
                           AS is_overdue,
                       CASE WHEN e.next_calibration_date <= CURRENT_DATE + 30 THEN 1 ELSE 0 END
                           AS is_due_soon,
                       CASE WHEN e.is_special_tool THEN 1 ELSE 0 END AS is_special_tool
                  FROM maintenance_equipment e
                 WHERE e.active AND e.scrap_date IS NULL
                   AND e.next_calibration_date IS NOT NULL
            )
            """,
                table=SQL.identifier(self._table),
            )
        )
