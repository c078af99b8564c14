import io
from datetime import timedelta

import xlsxwriter

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .kpi_metric import KPI_ROLES

# which figure method yields which metric codes: the meeting runs only the methods its
# active metrics need, each one aggregate query per period whatever the number of records
KPI_SOURCES = {
    "_kpi_repair_order_figures": (
        "ro_count",
        "warranty_ro_count",
        "body_paint_ro_count",
        "maintenance_first_count",
        "maintenance_routine_count",
        "preinspection_rate",
        "advisor_ro_count",
        "reminder_given_count",
        "old_parts_shown_count",
        "left_without_repair_count",
        "on_time_delivery_rate",
        "rework_count",
        "rework_rate",
        "team_on_time_delivery_rate",
        "first_time_fix_rate",
        "appointment_show_rate",
    ),
    "_kpi_finding_figures": (
        "preinspection_declined_count",
        "inrepair_declined_count",
        "declined_recapture_rate",
    ),
    "_kpi_followup_figures": ("followup_problem_count", "dissatisfied_count"),
    "_kpi_customer_figures": ("churned_customer_count", "new_customer_count"),
    "_kpi_labor_figures": ("hours_per_ro", "effective_labor_rate"),
    "_kpi_accident_figures": (
        "accident_in_count",
        "accident_open_count",
        "accident_collected_amount",
        "accident_unpaid_amount",
    ),
    "_kpi_complaint_figures": ("complaint_count", "complaint_resolved_count"),
    "_kpi_rescue_figures": ("rescue_count",),
    "_kpi_warranty_claim_figures": ("warranty_claim_count",),
    "_kpi_parts_sales_figures": ("parts_sales_amount",),
    "_kpi_inventory_figures": ("inventory_gain_loss_amount",),
    "_kpi_emergency_purchase_figures": ("emergency_purchase_count",),
    "_kpi_fill_rate_figures": ("fill_rate",),
    "_kpi_appointment_parts_figures": ("appointment_parts_rate",),
}
# figures a person line is reported by: (column of the grouped query, line field)
ADVISOR_CODES = {
    "advisor_ro_count",
    "preinspection_declined_count",
    "inrepair_declined_count",
    "reminder_given_count",
    "old_parts_shown_count",
    "left_without_repair_count",
    "on_time_delivery_rate",
}
TEAM_CODES = {"rework_count", "rework_rate", "team_on_time_delivery_rate"}
OPEN_ACCIDENT_STATES_EXCLUDED = ("paid", "closed")


def _ratio(numerator, denominator):
    """A rate is empty, not zero, when nothing was there to count."""
    if not denominator:
        return None
    return (numerator or 0) / denominator


class AftersalesKpiMeeting(models.Model):
    _name = "aftersales.kpi.meeting"
    _description = "Weekly Meeting"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self) - timedelta(days=7),
    )
    date_to = fields.Date(
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self) - timedelta(days=1),
    )
    previous_date_from = fields.Date(compute="_compute_previous_period")
    previous_date_to = fields.Date(compute="_compute_previous_period")
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Held")], default="draft", required=True, tracking=True
    )
    computed_on = fields.Datetime(readonly=True, copy=False)
    user_id = fields.Many2one(
        "res.users", string="Chaired By", default=lambda self: self.env.user, tracking=True
    )
    notes = fields.Html(string="Minutes")
    line_ids = fields.One2many("aftersales.kpi.meeting.line", "meeting_id", string="Figures")
    info_clerk_line_ids = fields.One2many(
        "aftersales.kpi.meeting.line", "meeting_id", domain=[("role", "=", "info_clerk")]
    )
    accident_leader_line_ids = fields.One2many(
        "aftersales.kpi.meeting.line", "meeting_id", domain=[("role", "=", "accident_leader")]
    )
    service_manager_line_ids = fields.One2many(
        "aftersales.kpi.meeting.line", "meeting_id", domain=[("role", "=", "service_manager")]
    )
    advisor_line_ids = fields.One2many(
        "aftersales.kpi.meeting.line", "meeting_id", domain=[("role", "=", "advisor")]
    )
    parts_manager_line_ids = fields.One2many(
        "aftersales.kpi.meeting.line", "meeting_id", domain=[("role", "=", "parts_manager")]
    )
    team_leader_line_ids = fields.One2many(
        "aftersales.kpi.meeting.line", "meeting_id", domain=[("role", "=", "team_leader")]
    )
    technical_manager_line_ids = fields.One2many(
        "aftersales.kpi.meeting.line", "meeting_id", domain=[("role", "=", "technical_manager")]
    )

    @api.depends("date_from", "date_to")
    def _compute_name(self):
        for meeting in self:
            meeting.name = _(
                "Weekly Meeting %(date_from)s – %(date_to)s",
                date_from=meeting.date_from or "",
                date_to=meeting.date_to or "",
            )

    @api.depends("date_from", "date_to")
    def _compute_previous_period(self):
        for meeting in self:
            if meeting.date_from and meeting.date_to:
                length = meeting.date_to - meeting.date_from + timedelta(days=1)
                meeting.previous_date_from = meeting.date_from - length
                meeting.previous_date_to = meeting.date_from - timedelta(days=1)
            else:
                meeting.previous_date_from = meeting.previous_date_to = False

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for meeting in self:
            if meeting.date_to < meeting.date_from:
                raise ValidationError(_("The meeting period cannot end before it starts."))

    # ------------------------------------------------------------------ actions
    def action_compute(self):
        """(Re)compute every active metric of draft meetings; held meetings keep their figures."""
        if any(meeting.state != "draft" for meeting in self):
            raise UserError(_("A held meeting keeps its figures: set it back to draft first."))
        metrics = self.env["aftersales.kpi.metric"].search([])
        for meeting in self:
            meeting._compute_metric_lines(metrics)
        return True

    def action_done(self):
        """Hold the meeting: its figures, period and company are frozen from now on."""
        self._check_meeting_manager()
        if self.filtered(lambda meeting: meeting.state != "draft"):
            raise UserError(_("Only a draft meeting can be held."))
        if self.filtered(lambda meeting: not meeting.computed_on):
            raise UserError(_("Compute the figures before holding the meeting."))
        self._write_workflow({"state": "done"})

    def action_draft(self):
        """Reopen a held meeting: an explicit manager action, noted in the chatter."""
        self._check_meeting_manager()
        if self.filtered(lambda meeting: meeting.state != "done"):
            raise UserError(_("Only a held meeting can be reopened."))
        self._write_workflow({"state": "draft"})
        for meeting in self:
            meeting.message_post(body=_("Meeting reopened by %(user)s.", user=self.env.user.name))

    # ------------------------------------------------------------------ guards
    # what stays editable once held: the minutes and the chatter's bookkeeping
    _writable_when_held = frozenset(
        {"notes", "message_main_attachment_id", "activity_ids", "message_follower_ids"}
    )

    def _check_meeting_manager(self):
        # rights first: a user without write access gets the access error
        self.check_access("write")
        if not self.env.user.has_group("aftersales_dealer.group_aftersales_manager"):
            raise AccessError(_("Only an after-sales manager can hold or reopen a meeting."))

    def _write_workflow(self, vals):
        """The only path that moves the state: private (not callable over RPC), and no
        context key a caller could set."""
        return super().write(vals)

    @api.model
    def default_get(self, fields_list):
        """A new meeting proposes the latest week not yet held, never a held one."""
        defaults = super().default_get(fields_list)
        chosen = {"default_date_from", "default_date_to"} & set(self.env.context)
        if "date_from" in defaults and "date_to" in defaults and not chosen:
            company_id = defaults.get("company_id") or self.env.company.id
            held = self.search_fetch(
                [("company_id", "=", company_id), ("state", "=", "done")],
                ["date_from", "date_to"],
            )
            date_from = fields.Date.to_date(defaults["date_from"])
            date_to = fields.Date.to_date(defaults["date_to"])
            # each held week found pushes the proposal a week on: at most len(held) steps
            for __ in range(len(held) + 1):
                if not any(m.date_from <= date_to and date_from <= m.date_to for m in held):
                    break
                date_from += timedelta(days=7)
                date_to += timedelta(days=7)
            defaults.update(date_from=date_from, date_to=date_to)
        return defaults

    @api.constrains("state", "date_from", "date_to", "company_id")
    def _check_one_held_meeting_per_period(self):
        held = self.filtered(lambda meeting: meeting.state == "done")
        if not held:
            return
        others = self.search(
            [
                ("id", "not in", held.ids),
                ("state", "=", "done"),
                ("company_id", "in", held.company_id.ids),
                ("date_from", "<=", max(held.mapped("date_to"))),
                ("date_to", ">=", min(held.mapped("date_from"))),
            ]
        )
        for meeting in held:
            for other in others | held - meeting:
                if (
                    other.company_id == meeting.company_id
                    and other.date_from <= meeting.date_to
                    and meeting.date_from <= other.date_to
                ):
                    raise ValidationError(
                        _(
                            "%(other)s is already held for this company and period: "
                            "one meeting per company and week.",
                            other=other.name,
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("state", "draft") != "draft" for vals in vals_list):
            raise UserError(_("A meeting is created as a draft, then held with its button."))
        return super().create(vals_list)

    def copy_data(self, default=None):
        # a copy is a new meeting to prepare, whatever the state of the original
        return super().copy_data(default=dict(default or {}, state="draft"))

    def write(self, vals):
        self.check_access("write")
        if "state" in vals:
            raise UserError(
                _(
                    "A meeting is held or reopened only with its buttons "
                    "(Mark as Held, Back to Draft)."
                )
            )
        if set(vals) - self._writable_when_held and self.filtered(
            lambda meeting: meeting.state == "done"
        ):
            raise UserError(
                _(
                    "A held meeting is frozen: its figures, period and company stay as they "
                    "were presented. A manager can reopen it first."
                )
            )
        return super().write(vals)

    def unlink(self):
        if self.filtered(lambda meeting: meeting.state == "done"):
            raise UserError(_("A held meeting cannot be deleted: reopen it first."))
        return super().unlink()

    def action_export_xlsx(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/aftersales_kpi/meeting/{self.id}/xlsx",
            "target": "download",
        }

    # -------------------------------------------------------------- computation
    def _compute_metric_lines(self, metrics):
        """Replace the figures of ``metrics`` by fresh ones for the meeting's period and the
        period of the same length right before it."""
        self.ensure_one()
        if not isinstance(metrics, models.BaseModel):  # ids, from data files
            metrics = self.env["aftersales.kpi.metric"].browse(metrics)
        # a week's orders are a few index scans, but the planner's estimates over years of
        # history trip JIT compilation, which costs more than the queries (~1 s each)
        self.env.cr.execute(SQL("SET LOCAL jit = off"))
        current = self._kpi_figures(metrics, self.date_from, self.date_to)
        previous = self._kpi_figures(metrics, self.previous_date_from, self.previous_date_to)
        self.line_ids.filtered(lambda line: line.metric_id in metrics).unlink()
        vals_list = []
        for metric in metrics:
            keys = {key for key in current.get(metric.code, {})}
            keys |= {key for key in previous.get(metric.code, {}) if key}
            keys.add(False)  # the company-wide line always exists
            for person in sorted(keys, key=lambda key: key or 0):
                value = current.get(metric.code, {}).get(person)
                before = previous.get(metric.code, {}).get(person)
                if metric.code not in current:
                    value = None  # a metric nobody computes yet (added by a manager)
                if value is None and person and metric.unit != "rate":
                    value = 0.0  # a person with figures in the other period only
                if before is None and person and metric.unit != "rate":
                    before = 0.0
                vals_list.append(
                    {
                        "meeting_id": self.id,
                        "company_id": self.company_id.id,
                        "metric_id": metric.id,
                        "user_id": person if person and metric.per_person == "user" else False,
                        "employee_id": person
                        if person and metric.per_person == "employee"
                        else False,
                        "value": value or 0.0,
                        "value_empty": value is None,
                        "previous_value": before or 0.0,
                        "previous_empty": before is None,
                        "change": (value - before)
                        if value is not None and before is not None
                        else 0.0,
                        "change_empty": value is None or before is None,
                    }
                )
        self.env["aftersales.kpi.meeting.line"].create(vals_list)
        self.computed_on = fields.Datetime.now()

    def _kpi_figures(self, metrics, date_from, date_to):
        """{code: {person id or False: value or None}} for one period."""
        codes = set(metrics.mapped("code"))
        self.env.flush_all()  # the hand-written queries read the database, not the cache
        # the station's days: a Monday 07:30 reception belongs to the week it opens
        period = (
            self.company_id._aftersales_day_start(date_from),
            self.company_id._aftersales_day_start(date_to + timedelta(days=1)),
        )
        figures = {}
        for method, method_codes in KPI_SOURCES.items():
            if codes.intersection(method_codes):
                for code, by_person in getattr(self, method)(*period).items():
                    if code in codes:
                        figures[code] = by_person
        return figures

    def _kpi_days(self, start, end):
        """The station's days the period runs over, for the sources' date fields."""
        local_date = self.company_id._aftersales_local_date
        return local_date(start), local_date(end)

    def _kpi_repair_order_figures(self, start, end):
        # one scan of the orders received, delivered or booked in the period, grouped at
        # once for the company, per advisor and per team leader
        rows = self.env.execute_query_dict(
            SQL(
                """
            SELECT GROUPING(ro.user_id) AS all_users,
                   GROUPING(ro.team_leader_id) AS all_teams,
                   ro.user_id, ro.team_leader_id,
                   COUNT(*) FILTER (WHERE p.received AND ro.state != 'cancel') AS ro_count,
                   COUNT(*) FILTER (WHERE p.received AND ro.state != 'cancel'
                                    AND ro.visit_type = 'warranty') AS warranty_ro_count,
                   COUNT(*) FILTER (WHERE p.received AND ro.state != 'cancel'
                                    AND ro.visit_type = 'body_paint') AS body_paint_ro_count,
                   COUNT(*) FILTER (WHERE p.received AND ro.state != 'cancel'
                                    AND ro.visit_type = 'maintenance_first')
                       AS maintenance_first_count,
                   COUNT(*) FILTER (WHERE p.received AND ro.state != 'cancel'
                                    AND ro.visit_type = 'maintenance_routine')
                       AS maintenance_routine_count,
                   COUNT(*) FILTER (WHERE p.received AND ro.state != 'cancel'
                                    AND ro.pre_inspection_done) AS preinspected,
                   COUNT(*) FILTER (WHERE p.received AND ro.state != 'cancel'
                                    AND ro.is_rework) AS rework_count,
                   COUNT(*) FILTER (WHERE p.received AND ro.state = 'cancel'
                                    AND ro.cancel_reason = 'customer_left')
                       AS left_without_repair_count,
                   COUNT(*) FILTER (WHERE p.delivered AND ro.reminder_given)
                       AS reminder_given_count,
                   COUNT(*) FILTER (WHERE p.delivered AND ro.old_parts_shown)
                       AS old_parts_shown_count,
                   COUNT(*) FILTER (WHERE p.delivered) AS delivered,
                   COUNT(*) FILTER (WHERE p.delivered AND ro.promised_date IS NOT NULL)
                       AS delivered_promised,
                   COUNT(*) FILTER (WHERE p.delivered AND ro.delivered_date <= ro.promised_date)
                       AS delivered_on_time,
                   COUNT(*) FILTER (WHERE p.delivered AND NOT EXISTS (
                       SELECT 1 FROM repair_order rw
                        WHERE rw.vehicle_id = ro.vehicle_id AND rw.is_rework
                          AND rw.state != 'cancel' AND rw.id != ro.id
                          AND rw.reception_date > ro.delivered_date
                          AND rw.reception_date <= ro.delivered_date + INTERVAL '30 days'
                   )) AS fixed_first_time,
                   COUNT(*) FILTER (WHERE p.booked) AS appointments_booked,
                   COUNT(*) FILTER (WHERE p.booked AND ro.reception_date IS NOT NULL)
                       AS appointments_received
              FROM repair_order ro
             CROSS JOIN LATERAL (
                   SELECT ro.reception_date >= %(start)s AND ro.reception_date < %(end)s
                              AS received,
                          ro.delivered_date >= %(start)s AND ro.delivered_date < %(end)s
                              AND ro.state != 'cancel' AS delivered,
                          ro.is_appointment AND ro.schedule_date >= %(start)s
                              AND ro.schedule_date < %(end)s AS booked
             ) p
             WHERE ro.company_id = %(company)s
               -- the raw conditions, not the lateral's flags, so the date indexes serve
               AND ((ro.reception_date >= %(start)s AND ro.reception_date < %(end)s)
                    OR (ro.delivered_date >= %(start)s AND ro.delivered_date < %(end)s)
                    OR (ro.schedule_date >= %(start)s AND ro.schedule_date < %(end)s))
             GROUP BY GROUPING SETS ((), (ro.user_id), (ro.team_leader_id))
            """,
                start=start,
                end=end,
                company=self.company_id.id,
            )
        )
        figures = {code: {} for code in KPI_SOURCES["_kpi_repair_order_figures"]}
        for row in rows:
            if row["all_users"] and row["all_teams"]:
                person = False
            elif not row["all_users"]:
                if not row["user_id"]:
                    continue
                person = row["user_id"]
            else:
                if not row["team_leader_id"]:
                    continue
                person = row["team_leader_id"]
            values = {
                "ro_count": row["ro_count"],
                "advisor_ro_count": row["ro_count"],
                "warranty_ro_count": row["warranty_ro_count"],
                "body_paint_ro_count": row["body_paint_ro_count"],
                "maintenance_first_count": row["maintenance_first_count"],
                "maintenance_routine_count": row["maintenance_routine_count"],
                "preinspection_rate": _ratio(row["preinspected"], row["ro_count"]),
                "reminder_given_count": row["reminder_given_count"],
                "old_parts_shown_count": row["old_parts_shown_count"],
                "left_without_repair_count": row["left_without_repair_count"],
                "on_time_delivery_rate": _ratio(
                    row["delivered_on_time"], row["delivered_promised"]
                ),
                "team_on_time_delivery_rate": _ratio(
                    row["delivered_on_time"], row["delivered_promised"]
                ),
                "rework_count": row["rework_count"],
                "rework_rate": _ratio(row["rework_count"], row["ro_count"]),
                "first_time_fix_rate": _ratio(row["fixed_first_time"], row["delivered"]),
                "appointment_show_rate": _ratio(
                    row["appointments_received"], row["appointments_booked"]
                ),
            }
            for code, value in values.items():
                if person is False:
                    figures[code][False] = value
                elif not row["all_users"] and code in ADVISOR_CODES:
                    figures[code][person] = value
                elif not row["all_teams"] and code in TEAM_CODES:
                    figures[code][person] = value
        return figures

    def _kpi_finding_figures(self, start, end):
        day_start, day_end = self._kpi_days(start, end)
        rows = self.env.execute_query_dict(
            SQL(
                """
            SELECT GROUPING(ro.user_id) AS all_users, ro.user_id,
                   COUNT(*) FILTER (WHERE f.stage = 'pre_inspection')
                       AS preinspection_declined_count,
                   COUNT(*) FILTER (WHERE f.stage = 'in_repair') AS inrepair_declined_count,
                   COUNT(*) AS declined,
                   COUNT(*) FILTER (WHERE f.recaptured_repair_id IS NOT NULL) AS recaptured
              FROM aftersales_finding f
              LEFT JOIN repair_order ro ON ro.id = f.repair_id
             WHERE f.company_id = %(company)s AND f.decision = 'declined'
               AND f.decision_date >= %(start)s AND f.decision_date < %(end)s
             GROUP BY GROUPING SETS ((), (ro.user_id))
            """,
                start=day_start,
                end=day_end,
                company=self.company_id.id,
            )
        )
        figures = {
            "preinspection_declined_count": {False: 0},
            "inrepair_declined_count": {False: 0},
            "declined_recapture_rate": {False: None},
        }
        for row in rows:
            if row["all_users"]:
                figures["declined_recapture_rate"][False] = _ratio(
                    row["recaptured"], row["declined"]
                )
                person = False
            elif row["user_id"]:
                person = row["user_id"]
            else:
                continue
            figures["preinspection_declined_count"][person] = row["preinspection_declined_count"]
            figures["inrepair_declined_count"][person] = row["inrepair_declined_count"]
        return figures

    def _kpi_followup_figures(self, start, end):
        day_start, day_end = self._kpi_days(start, end)
        rows = self.env.execute_query_dict(
            SQL(
                """
            SELECT GROUPING(fu.responsible_employee_id) AS all_employees,
                   fu.responsible_employee_id,
                   COUNT(*) FILTER (WHERE fu.has_problem) AS followup_problem_count,
                   COUNT(*) FILTER (WHERE fu.satisfaction BETWEEN 1 AND 2) AS dissatisfied_count
              FROM aftersales_followup fu
             WHERE fu.company_id = %(company)s AND fu.state = 'done'
               AND fu.done_date >= %(start)s AND fu.done_date < %(end)s
             GROUP BY GROUPING SETS ((), (fu.responsible_employee_id))
            """,
                start=day_start,
                end=day_end,
                company=self.company_id.id,
            )
        )
        figures = {"followup_problem_count": {False: 0}, "dissatisfied_count": {False: 0}}
        for row in rows:
            if row["all_employees"]:
                figures["followup_problem_count"][False] = row["followup_problem_count"]
                figures["dissatisfied_count"][False] = row["dissatisfied_count"]
            elif row["responsible_employee_id"] and row["dissatisfied_count"]:
                figures["dissatisfied_count"][row["responsible_employee_id"]] = row[
                    "dissatisfied_count"
                ]
        return figures

    def _kpi_customer_figures(self, start, end):
        day_start, day_end = self._kpi_days(start, end)
        [row] = self.env.execute_query_dict(
            SQL(
                """
            SELECT (SELECT COUNT(*) FROM res_partner p
                     WHERE (p.company_id = %(company)s OR p.company_id IS NULL)
                       AND p.churn_date >= %(day_start)s AND p.churn_date < %(day_end)s
                   ) AS churned_customer_count,
                   (SELECT COUNT(DISTINCT ro.partner_id) FROM repair_order ro
                     WHERE ro.company_id = %(company)s AND ro.state != 'cancel'
                       AND ro.reception_date >= %(start)s AND ro.reception_date < %(end)s
                       AND NOT EXISTS (
                           SELECT 1 FROM repair_order earlier
                            WHERE earlier.partner_id = ro.partner_id
                              AND earlier.company_id = ro.company_id
                              AND earlier.state != 'cancel'
                              AND earlier.reception_date < %(start)s)
                   ) AS new_customer_count
            """,
                start=start,
                end=end,
                day_start=day_start,
                day_end=day_end,
                company=self.company_id.id,
            )
        )
        return {code: {False: value} for code, value in row.items()}

    def _kpi_labor_figures(self, start, end):
        [row] = self.env.execute_query_dict(
            SQL(
                """
            WITH delivered AS (
                SELECT id FROM repair_order
                 WHERE company_id = %(company)s AND state != 'cancel'
                   AND delivered_date >= %(start)s AND delivered_date < %(end)s
            )
            SELECT (SELECT COUNT(*) FROM delivered) AS orders,
                   labor.hours, labor.revenue
              FROM (SELECT SUM(l.hours) AS hours, SUM(l.amount) AS revenue
                      FROM aftersales_labor_line l
                      JOIN delivered d ON d.id = l.repair_id) labor
            """,
                start=start,
                end=end,
                company=self.company_id.id,
            )
        )
        return {
            "hours_per_ro": {False: _ratio(row["hours"], row["orders"])},
            "effective_labor_rate": {False: _ratio(row["revenue"], row["hours"])},
        }

    def _kpi_accident_figures(self, start, end):
        # one grouped query: arrived in the period or still open at its end
        groups = self.env["aftersales.accident"]._read_group(
            [("company_id", "=", self.company_id.id), ("arrival_date", "<", end)],
            ["state"],
            [
                "__count",
                "amount_collected:sum",
                "amount_outstanding:sum",
            ],
        )
        recent = self.env["aftersales.accident"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("arrival_date", ">=", start),
                ("arrival_date", "<", end),
            ],
            [],
            ["__count", "amount_collected:sum", "amount_outstanding:sum"],
        )
        [(arrived, collected, outstanding)] = recent
        open_count = sum(
            count for state, count, _c, _o in groups if state not in OPEN_ACCIDENT_STATES_EXCLUDED
        )
        return {
            "accident_in_count": {False: arrived},
            "accident_open_count": {False: open_count},
            "accident_collected_amount": {False: collected or 0.0},
            "accident_unpaid_amount": {False: outstanding or 0.0},
        }

    def _kpi_complaint_figures(self, start, end):
        # complaints received in the period, and complaints resolved in it (whenever received)
        [(received,)] = self.env["aftersales.complaint"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "!=", "cancelled"),
                ("complaint_date", ">=", start),
                ("complaint_date", "<", end),
            ],
            [],
            ["__count"],
        )
        [(resolved,)] = self.env["aftersales.complaint"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "resolved"),
                ("resolved_date", ">=", start),
                ("resolved_date", "<", end),
            ],
            [],
            ["__count"],
        )
        return {
            "complaint_count": {False: received},
            "complaint_resolved_count": {False: resolved},
        }

    def _kpi_rescue_figures(self, start, end):
        count = self.env["aftersales.rescue"].search_count(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "!=", "cancel"),
                ("request_date", ">=", start),
                ("request_date", "<", end),
            ]
        )
        return {"rescue_count": {False: count}}

    def _kpi_warranty_claim_figures(self, start, end):
        day_start, day_end = self._kpi_days(start, end)
        count = self.env["aftersales.warranty.claim"].search_count(
            [
                ("company_id", "=", self.company_id.id),
                ("submitted_date", ">=", day_start),
                ("submitted_date", "<", day_end),
            ]
        )
        return {"warranty_claim_count": {False: count}}

    def _kpi_parts_sales_figures(self, start, end):
        # the whole station's parts sales, whoever the salesperson (sales rules would hide some)
        [row] = self.env.execute_query_dict(
            SQL(
                """
            SELECT SUM(sol.price_subtotal) AS amount
              FROM sale_order_line sol
              JOIN sale_order so ON so.id = sol.order_id
              JOIN product_product pp ON pp.id = sol.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE so.company_id = %(company)s AND so.state = 'sale'
               AND sol.display_type IS NULL AND pt.type = 'consu'
               AND so.date_order >= %(start)s AND so.date_order < %(end)s
            """,
                start=start,
                end=end,
                company=self.company_id.id,
            )
        )
        return {"parts_sales_amount": {False: row["amount"] or 0.0}}

    def _kpi_inventory_figures(self, start, end):
        # gains come from the inventory-adjustment location, losses go to it; scrap is apart
        [(value,)] = self.env["stock.valuation.layer"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("stock_move_id.date", ">=", start),
                ("stock_move_id.date", "<", end),
                "|",
                "&",
                ("stock_move_id.location_id.usage", "=", "inventory"),
                ("stock_move_id.location_id.scrap_location", "=", False),
                "&",
                ("stock_move_id.location_dest_id.usage", "=", "inventory"),
                ("stock_move_id.location_dest_id.scrap_location", "=", False),
            ],
            [],
            ["value:sum"],
        )
        return {"inventory_gain_loss_amount": {False: value or 0.0}}

    def _kpi_emergency_purchase_figures(self, start, end):
        count = self.env["purchase.order"].search_count(
            [
                ("company_id", "=", self.company_id.id),
                ("is_emergency", "=", True),
                ("state", "in", ("purchase", "done")),
                ("date_approve", ">=", start),
                ("date_approve", "<", end),
            ]
        )
        return {"emergency_purchase_count": {False: count}}

    def _kpi_fill_rate_figures(self, start, end):
        groups = dict(
            self.env["stock.move"]._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("aftersales_confirm_date", ">=", start),
                    ("aftersales_confirm_date", "<", end),
                ],
                ["aftersales_served_from_stock"],
                ["__count"],
            )
        )
        return {"fill_rate": {False: _ratio(groups.get(True, 0), sum(groups.values()))}}

    def _kpi_appointment_parts_figures(self, start, end):
        groups = dict(
            self.env["repair.order"]._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("is_appointment", "=", True),
                    ("aftersales_parts_checked_date", ">=", start),
                    ("aftersales_parts_checked_date", "<", end),
                ],
                ["aftersales_parts_ready"],
                ["__count"],
            )
        )
        return {
            "appointment_parts_rate": {False: _ratio(groups.get(True, 0), sum(groups.values()))}
        }

    # ------------------------------------------------------------------- export
    def _kpi_roles_with_lines(self):
        """[(role label, lines)] in the meeting's order, for the printed pack and the export."""
        self.ensure_one()
        labels = dict(
            self.env["aftersales.kpi.metric"]._fields["role"]._description_selection(self.env)
        )
        return [
            (labels[role], self.line_ids.filtered(lambda line, role=role: line.role == role))
            for role, _label in KPI_ROLES
            if self.line_ids.filtered(lambda line, role=role: line.role == role)
        ]

    def _kpi_export_xlsx(self):
        """The meeting's figures as an XLSX workbook (bytes), in the user's language."""
        self.ensure_one()
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        bold = workbook.add_format({"bold": True})
        title = workbook.add_format({"bold": True, "font_size": 14})
        header = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        percent = workbook.add_format({"num_format": "0.0%"})
        number = workbook.add_format({"num_format": "#,##0.00"})
        sheet = workbook.add_worksheet(_("Weekly Meeting")[:31])
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, 1, 18)
        sheet.set_column(2, 5, 14)
        sheet.write(0, 0, self.name, title)
        sheet.write(1, 0, self.company_id.name)
        sheet.write(2, 0, _("Previous period"))
        sheet.write(2, 1, f"{self.previous_date_from} – {self.previous_date_to}")
        row = 4
        headers = [_("Metric"), _("Person"), _("Value"), _("Previous"), _("Change"), _("Target")]
        for role_label, lines in self._kpi_roles_with_lines():
            sheet.write(row, 0, role_label, bold)
            row += 1
            for col, text in enumerate(headers):
                sheet.write(row, col, text, header)
            row += 1
            for line in lines:
                cell_format = percent if line.unit == "rate" else number
                sheet.write(row, 0, line.metric_id.name)
                sheet.write(row, 1, line.person_name or _("Company"))
                for col, (figure, empty) in enumerate(
                    [
                        (line.value, line.value_empty),
                        (line.previous_value, line.previous_empty),
                        (line.change, line.change_empty),
                    ],
                    start=2,
                ):
                    if empty:
                        sheet.write_blank(row, col, None)
                    else:
                        sheet.write_number(row, col, figure, cell_format)
                if line.target:
                    sheet.write_number(row, 5, line.target, cell_format)
                row += 1
            row += 1
        workbook.close()
        return output.getvalue()
