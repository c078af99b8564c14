from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists


class AftersalesKpiRescueReport(models.Model):
    """One row per roadside rescue, dated by its request; a cancelled rescue does not
    count."""

    _name = "aftersales.kpi.rescue.report"
    _description = "Roadside Rescues Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "rescue_id"

    rescue_id = fields.Many2one("aftersales.rescue", string="Rescue", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Datetime(string="Requested On", readonly=True)
    state = fields.Selection(
        selection=lambda self: (
            self.env["aftersales.rescue"]._fields["state"]._description_selection(self.env)
        ),
        readonly=True,
    )
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Taken By", readonly=True)
    rescue_count = fields.Integer(
        string="Rescues",
        readonly=True,
        aggregator="sum",
        help="1 for a rescue that was not cancelled.",
    )
    response_minutes = fields.Float(readonly=True, aggregator="avg")

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT r.id, r.id AS rescue_id, r.company_id, r.request_date AS date,
                       r.state, r.partner_id, r.user_id,
                       (r.state != 'cancel')::int AS rescue_count,
                       r.response_minutes
                  FROM aftersales_rescue r
            )
            """,
                table=SQL.identifier(self._table),
            )
        )
