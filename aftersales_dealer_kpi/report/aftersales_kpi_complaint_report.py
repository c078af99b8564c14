from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists


class AftersalesKpiComplaintReport(models.Model):
    """One row per complaint. A complaint counts as received on its complaint date unless
    it was cancelled, and as resolved on its resolution date."""

    _name = "aftersales.kpi.complaint.report"
    _description = "Complaints Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "complaint_id"

    complaint_id = fields.Many2one("aftersales.complaint", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Datetime(string="Received On", readonly=True)
    resolved_date = fields.Datetime(string="Resolved On", readonly=True)
    state = fields.Selection(
        selection=lambda self: (
            self.env["aftersales.complaint"]._fields["state"]._description_selection(self.env)
        ),
        readonly=True,
    )
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    repair_id = fields.Many2one("repair.order", string="Repair Order", readonly=True)
    user_id = fields.Many2one("res.users", string="Handled By", readonly=True)
    responsible_employee_id = fields.Many2one("hr.employee", readonly=True)
    complaint_count = fields.Integer(
        string="Complaints",
        readonly=True,
        aggregator="sum",
        help="1 for a complaint that was not cancelled.",
    )
    resolved_count = fields.Integer(
        string="Complaints Resolved",
        readonly=True,
        aggregator="sum",
        help="1 for a resolved complaint.",
    )

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT c.id, c.id AS complaint_id, c.company_id,
                       c.complaint_date AS date, c.resolved_date, c.state, c.partner_id,
                       c.repair_id, c.user_id, c.responsible_employee_id,
                       (c.state != 'cancelled')::int AS complaint_count,
                       (c.state = 'resolved')::int AS resolved_count
                  FROM aftersales_complaint c
            )
            """,
                table=SQL.identifier(self._table),
            )
        )
