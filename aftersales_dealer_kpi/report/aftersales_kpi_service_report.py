from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists

from odoo.addons.aftersales_dealer.models.repair_order import VISIT_TYPES


class AftersalesKpiServiceReport(models.Model):
    """One row per repair order: the single source of the station's order figures (the
    weekly meeting, the monthly analyses, the dashboard and the incentive schemes).

    Definitions, each one column:
    - received: the order has a reception date and is not cancelled (a cancelled order
      never counts as received, nor its hours or revenue); ``date`` is the reception;
    - delivered: the order has a delivery date and is not cancelled (``delivered_date``);
    - labour revenue: the amounts of the order's labour lines (hours × hourly rate);
    - parts revenue: the order's parts (repair lines "add", not cancelled) at the price of
      their quotation line when quoted, else quantity × the part's sales price; nothing
      for an order under warranty;
    - revenue: labour revenue + parts revenue, untaxed.
    0/1 columns are summed: their sum over any grouping is the count, and a rate is the
    sum of one column divided by the sum of another."""

    _name = "aftersales.kpi.service.report"
    _description = "Service Operations Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "repair_id"

    repair_id = fields.Many2one("repair.order", string="Repair Order", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Datetime(string="Received On", readonly=True)
    delivered_date = fields.Datetime(string="Delivered On", readonly=True)
    schedule_date = fields.Datetime(
        string="Scheduled For", readonly=True, help="Booked time of an appointment."
    )
    parts_checked_date = fields.Datetime(
        string="Parts Checked On",
        readonly=True,
        help="When the order was confirmed and its parts' availability recorded.",
    )
    visit_type = fields.Selection(VISIT_TYPES, readonly=True)
    user_id = fields.Many2one("res.users", string="Service Advisor", readonly=True)
    team_leader_id = fields.Many2one("hr.employee", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", string="Truck", readonly=True)
    is_appointment = fields.Boolean(string="Appointment", readonly=True)
    is_rework = fields.Boolean(string="Rework", readonly=True)
    pre_inspection_done = fields.Boolean(readonly=True)
    state = fields.Selection(
        [
            ("draft", "New"),
            ("confirmed", "Confirmed"),
            ("under_repair", "Under Repair"),
            ("done", "Repaired"),
            ("cancel", "Cancelled"),
        ],
        readonly=True,
    )
    order_count = fields.Integer(
        string="Orders",
        readonly=True,
        aggregator="sum",
        help="1 for an order received and not cancelled.",
    )
    warranty_count = fields.Integer(string="Warranty Orders", readonly=True, aggregator="sum")
    body_paint_count = fields.Integer(
        string="Body and Paint Orders", readonly=True, aggregator="sum"
    )
    maintenance_first_count = fields.Integer(
        string="First Maintenances", readonly=True, aggregator="sum"
    )
    maintenance_routine_count = fields.Integer(
        string="Routine Maintenances", readonly=True, aggregator="sum"
    )
    preinspected_count = fields.Integer(
        string="Pre-Inspected Orders",
        readonly=True,
        aggregator="sum",
        help="1 for a received order whose pre-inspection was done.",
    )
    rework_count = fields.Integer(string="Reworks", readonly=True, aggregator="sum")
    left_count = fields.Integer(
        string="Left Without Repair",
        readonly=True,
        aggregator="sum",
        help="1 for a received order cancelled because the customer left.",
    )
    new_customer_count = fields.Integer(
        string="New Customers",
        readonly=True,
        aggregator="sum",
        help="1 for the first order of a customer received at the station.",
    )
    delivered_count = fields.Integer(
        string="Delivered Orders",
        readonly=True,
        aggregator="sum",
        help="1 for an order delivered and not cancelled.",
    )
    reminder_given_count = fields.Integer(string="Reminders Given", readonly=True, aggregator="sum")
    old_parts_shown_count = fields.Integer(
        string="Old Parts Shown", readonly=True, aggregator="sum"
    )
    promised_count = fields.Integer(
        string="Delivered with a Promise",
        readonly=True,
        aggregator="sum",
        help="1 for a delivered order that had a promised delivery time.",
    )
    on_time_count = fields.Integer(
        string="Delivered on Time",
        readonly=True,
        aggregator="sum",
        help="1 for a delivered order delivered by its promised time.",
    )
    fixed_first_time_count = fields.Integer(
        string="Fixed First Time",
        readonly=True,
        aggregator="sum",
        help="1 for a delivered order with no rework order of the same truck within 30 days.",
    )
    booked_count = fields.Integer(
        string="Appointments Booked",
        readonly=True,
        aggregator="sum",
        help="1 for an appointment (by its booked time, cancelled or not).",
    )
    showed_count = fields.Integer(
        string="Appointments Received",
        readonly=True,
        aggregator="sum",
        help="1 for an appointment whose truck was received.",
    )
    parts_checked_count = fields.Integer(
        string="Appointments with Parts Checked", readonly=True, aggregator="sum"
    )
    parts_ready_count = fields.Integer(
        string="Appointments with Parts Ready",
        readonly=True,
        aggregator="sum",
        help="1 for an appointment whose parts were all in stock when it was confirmed.",
    )
    labor_hours = fields.Float(
        string="Labour Hours",
        readonly=True,
        aggregator="sum",
        help="Standard hours sold on the order's labour lines; 0 for a cancelled order.",
    )
    revenue = fields.Float(
        string="Revenue (untaxed)",
        readonly=True,
        aggregator="sum",
        help="Labour revenue plus parts revenue; 0 for a cancelled order.",
    )
    labor_revenue = fields.Float(
        string="Labour Revenue",
        readonly=True,
        aggregator="sum",
        help="Amounts of the order's labour lines (hours × hourly rate).",
    )
    parts_revenue = fields.Float(
        readonly=True,
        aggregator="sum",
        help="The order's parts at their quotation price, else at their sales price; "
        "nothing under warranty.",
    )
    # 1/0 per order where it applies, empty elsewhere: the average over any grouping is
    # the rate
    rework_rate = fields.Float(readonly=True, aggregator="avg")
    on_time_rate = fields.Float(string="On-Time Delivery Rate", readonly=True, aggregator="avg")
    pre_inspection_rate = fields.Float(readonly=True, aggregator="avg")

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT ro.id, ro.id AS repair_id, ro.company_id,
                       ro.reception_date AS date, ro.delivered_date,
                       ro.schedule_date,
                       ro.aftersales_parts_checked_date AS parts_checked_date,
                       ro.visit_type, ro.user_id, ro.team_leader_id, ro.partner_id,
                       ro.vehicle_id, ro.is_appointment, ro.is_rework, ro.pre_inspection_done,
                       ro.state,
                       f.received::int AS order_count,
                       (f.received AND ro.visit_type = 'warranty')::int AS warranty_count,
                       (f.received AND ro.visit_type = 'body_paint')::int AS body_paint_count,
                       (f.received AND ro.visit_type = 'maintenance_first')::int
                           AS maintenance_first_count,
                       (f.received AND ro.visit_type = 'maintenance_routine')::int
                           AS maintenance_routine_count,
                       (f.received AND ro.pre_inspection_done IS TRUE)::int
                           AS preinspected_count,
                       (f.received AND ro.is_rework IS TRUE)::int AS rework_count,
                       (ro.reception_date IS NOT NULL AND ro.state = 'cancel'
                        AND ro.cancel_reason = 'customer_left')::int AS left_count,
                       (f.received AND NOT EXISTS (
                            SELECT 1 FROM repair_order earlier
                             WHERE earlier.partner_id = ro.partner_id
                               AND earlier.company_id = ro.company_id
                               AND earlier.state != 'cancel'
                               AND earlier.reception_date IS NOT NULL
                               AND (earlier.reception_date < ro.reception_date
                                    OR (earlier.reception_date = ro.reception_date
                                        AND earlier.id < ro.id))
                       ))::int AS new_customer_count,
                       f.delivered::int AS delivered_count,
                       (f.delivered AND ro.reminder_given IS TRUE)::int AS reminder_given_count,
                       (f.delivered AND ro.old_parts_shown IS TRUE)::int
                           AS old_parts_shown_count,
                       (f.delivered AND ro.promised_date IS NOT NULL)::int AS promised_count,
                       (f.delivered AND ro.delivered_date <= ro.promised_date)::int
                           AS on_time_count,
                       (f.delivered AND NOT EXISTS (
                            SELECT 1 FROM repair_order rw
                             WHERE rw.vehicle_id = ro.vehicle_id AND rw.is_rework
                               AND rw.state != 'cancel' AND rw.id != ro.id
                               AND rw.reception_date > ro.delivered_date
                               AND rw.reception_date <= ro.delivered_date + INTERVAL '30 days'
                       ))::int AS fixed_first_time_count,
                       (ro.is_appointment IS TRUE)::int AS booked_count,
                       (ro.is_appointment IS TRUE AND ro.reception_date IS NOT NULL)::int
                           AS showed_count,
                       (ro.is_appointment IS TRUE
                        AND ro.aftersales_parts_checked_date IS NOT NULL)::int
                           AS parts_checked_count,
                       (ro.is_appointment IS TRUE
                        AND ro.aftersales_parts_checked_date IS NOT NULL
                        AND ro.aftersales_parts_ready IS TRUE)::int AS parts_ready_count,
                       CASE WHEN f.counted THEN COALESCE(labor.hours, 0) ELSE 0 END
                           AS labor_hours,
                       CASE WHEN f.counted
                            THEN COALESCE(labor.amount, 0) + COALESCE(parts.amount, 0)
                            ELSE 0 END AS revenue,
                       CASE WHEN f.counted THEN COALESCE(labor.amount, 0) ELSE 0 END
                           AS labor_revenue,
                       CASE WHEN f.counted THEN COALESCE(parts.amount, 0) ELSE 0 END
                           AS parts_revenue,
                       CASE WHEN f.received THEN (ro.is_rework IS TRUE)::int::float END
                           AS rework_rate,
                       CASE WHEN f.delivered AND ro.promised_date IS NOT NULL
                            THEN (ro.delivered_date <= ro.promised_date)::int::float END
                           AS on_time_rate,
                       CASE WHEN f.received THEN (ro.pre_inspection_done IS TRUE)::int::float
                            END AS pre_inspection_rate
                  FROM repair_order ro
                 CROSS JOIN LATERAL (
                       SELECT ro.state != 'cancel' AS counted,
                              ro.state != 'cancel' AND ro.reception_date IS NOT NULL
                                  AS received,
                              ro.state != 'cancel' AND ro.delivered_date IS NOT NULL
                                  AS delivered
                 ) f
                  LEFT JOIN LATERAL (
                        SELECT SUM(l.hours) AS hours, SUM(l.amount) AS amount
                          FROM aftersales_labor_line l
                         WHERE l.repair_id = ro.id
                  ) labor ON TRUE
                  LEFT JOIN LATERAL (
                        SELECT SUM(COALESCE(sol.price_subtotal,
                                            m.product_uom_qty * pt.list_price)) AS amount
                          FROM stock_move m
                          JOIN product_product pp ON pp.id = m.product_id
                          JOIN product_template pt ON pt.id = pp.product_tmpl_id
                          LEFT JOIN sale_order_line sol ON sol.id = m.sale_line_id
                         WHERE m.repair_id = ro.id AND m.repair_line_type = 'add'
                           AND m.state != 'cancel' AND ro.under_warranty IS NOT TRUE
                  ) parts ON TRUE
            )
            """,
                table=SQL.identifier(self._table),
            )
        )
