import ast
import io
from datetime import timedelta

import xlsxwriter

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from .kpi_metric import KPI_ROLES

# what a computation writes on a line kept from the last one
FIGURE_FIELDS = (
    "value",
    "value_empty",
    "previous_value",
    "previous_empty",
    "change",
    "change_empty",
)


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
        vals_list = []
        for metric in metrics:
            now, before_all = current[metric.id], previous[metric.id]
            # counts and sums are 0 where nothing happened; a rate or an average is empty
            additive = (
                metric.aggregate in ("count", "sum")
                and metric.source_model
                and not metric.hook_method
            )
            persons = sorted((set(now) | set(before_all)) - {False})
            for person in [False, *persons]:
                value, before = now.get(person), before_all.get(person)
                if additive:
                    value, before = value or 0.0, before or 0.0
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
        self._kpi_store_lines(metrics, vals_list)
        self.computed_on = fields.Datetime.now()

    def _kpi_store_lines(self, metrics, vals_list):
        """Store the figures: a line kept from the last computation is updated where its
        figures moved, the others are created or removed."""
        lines = self.env["aftersales.kpi.meeting.line"].search_fetch(
            [("meeting_id", "=", self.id), ("metric_id", "in", metrics.ids)],
            ["metric_id", "user_id", "employee_id", *FIGURE_FIELDS],
        )
        existing = {
            (line.metric_id.id, line.user_id.id, line.employee_id.id): line for line in lines
        }
        to_create = []
        for vals in vals_list:
            line = existing.pop((vals["metric_id"], vals["user_id"], vals["employee_id"]), None)
            if line is None:
                to_create.append(vals)
                continue
            figures = {name: vals[name] for name in FIGURE_FIELDS}
            if any(line[name] != value for name, value in figures.items()):
                line.write(figures)
        self.env["aftersales.kpi.meeting.line"].concat(*existing.values()).unlink()
        if to_create:
            # read again when shown: keeping the role tabs' caches in step with every new
            # line would filter them once per line and tab
            self.invalidate_recordset(
                [
                    name
                    for name, field in self._fields.items()
                    if field.type == "one2many"
                    and field.comodel_name == "aftersales.kpi.meeting.line"
                ]
            )
            self.env["aftersales.kpi.meeting.line"].create(to_create)

    def _kpi_period(self, date_from, date_to):
        """The station's days: a Monday 07:30 reception belongs to the week it opens."""
        company = self.company_id
        return (
            company._aftersales_day_start(date_from),
            company._aftersales_day_start(date_to + timedelta(days=1)),
        )

    def _kpi_figures(self, metrics, date_from, date_to):
        """{metric id: {person id or False: value or None}} for one period.

        The declared metrics sharing a source, a date field, a date mode and a domain are
        read by one grouped query, grouped by every person field they report by: the
        company-wide figure and each person's are sums over its groups, whatever the number
        of metrics and records."""
        self.env.flush_all()  # the grouped queries read the database, not the cache
        start, end = self._kpi_period(date_from, date_to)
        # the bounds for date-time fields, and the station's days for date fields
        bounds = {"datetime": (start, end), "date": self._kpi_days(start, end)}
        figures, specs, queries = {}, {}, {}
        for metric in metrics:
            if metric.hook_method:
                figures[metric.id] = {False: getattr(self, metric.hook_method)(start, end)}
                continue
            if not metric.source_model:  # not declared yet: no figure rather than a guess
                figures[metric.id] = {False: None}
                continue
            specs[metric] = metric._kpi_query_specs()
            for key, aggregates, _part in specs[metric]:
                query = queries.setdefault(key, ({}, {}))
                if metric.person_field:
                    query[0][metric.person_field] = True
                for aggregate in aggregates:
                    query[1][aggregate] = True
        results = {}
        for key, (groupby, aggregates) in queries.items():
            groupby, aggregates = list(groupby), list(aggregates)
            rows = self._kpi_read_group(key, groupby, aggregates, bounds)
            # person records to ids once per query, not once per metric
            width = len(groupby)
            rows = [(tuple(person.id for person in row[:width]), row[width:]) for row in rows]
            results[key] = (groupby, aggregates, rows)
        for metric, metric_specs in specs.items():
            parts = {
                part: self._kpi_totals(metric, *results[key], aggregates)
                for key, aggregates, part in metric_specs
            }
            figures[metric.id] = self._kpi_combine(parts)
        return figures

    def _kpi_read_group(self, key, groupby, aggregates, bounds):
        """One grouped query over a metric source for the meeting's company and period."""
        source_model, date_field, date_mode, domain = key
        # the station's figures, whoever computes the meeting (the meeting's own access
        # rights guard that): its company is set explicitly below
        source = self.env[source_model].sudo()
        lower, upper = bounds[source._fields[date_field].type]
        period = [(date_field, "<", upper)]
        if date_mode == "period":
            period.insert(0, (date_field, ">=", lower))
        return source._read_group(
            expression.AND(
                [[("company_id", "=", self.company_id.id)], period, ast.literal_eval(domain)]
            ),
            groupby,
            aggregates,
        )

    @staticmethod
    def _kpi_totals(metric, groupby, all_aggregates, rows, aggregates):
        """{person id or False: [sums of ``aggregates``]}: False sums every group."""
        position = groupby.index(metric.person_field) if metric.person_field else None
        columns = [all_aggregates.index(aggregate) for aggregate in aggregates]
        totals = {False: [0.0] * len(columns)}
        for persons, values in rows:
            keys = [False]
            if position is not None and persons[position]:
                keys.append(persons[position])
            for key in keys:
                sums = totals.setdefault(key, [0.0] * len(columns))
                for index, column in enumerate(columns):
                    sums[index] += values[column] or 0.0
        return totals

    @staticmethod
    def _kpi_combine(parts):
        """The figures from the sums of the metric's query parts."""
        if "value" in parts:
            return {person: sums[0] for person, sums in parts["value"].items()}
        if "avg" in parts:
            return {person: _ratio(total, count) for person, (total, count) in parts["avg"].items()}
        numerator, denominator = parts["numerator"], parts["denominator"]
        return {
            person: _ratio(numerator.get(person, [0.0])[0], denominator.get(person, [0.0])[0])
            for person in set(numerator) | set(denominator)
        }

    def _kpi_days(self, start, end):
        """The station's days the period runs over, for the sources' date fields."""
        local_date = self.company_id._aftersales_local_date
        return local_date(start), local_date(end)

    # ------------------------------------------------------------------- hooks
    # figures no declaration over one source can express, one method per figure:
    # ``(start, end)`` are the period's bounds in UTC; they return the company-wide figure

    def _kpi_hook_churned_customer_count(self, start, end):
        """Customers whose churn date falls in the period; a customer shared by the
        stations (no company) counts at each."""
        day_start, day_end = self._kpi_days(start, end)
        [(count,)] = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [
                    ("company_id", "in", (self.company_id.id, False)),
                    ("churn_date", ">=", day_start),
                    ("churn_date", "<", day_end),
                ],
                [],
                ["__count"],
            )
        )
        return count

    def _kpi_hook_parts_sales_amount(self, start, end):
        """Untaxed amount of the goods on the station's confirmed sale orders dated in the
        period, whoever the salesperson (sales rules would hide some)."""
        [(amount,)] = (
            self.env["sale.order.line"]
            .sudo()
            ._read_group(
                [
                    ("order_id.company_id", "=", self.company_id.id),
                    ("order_id.state", "=", "sale"),
                    ("display_type", "=", False),
                    ("product_id.type", "=", "consu"),
                    ("order_id.date_order", ">=", start),
                    ("order_id.date_order", "<", end),
                ],
                [],
                ["price_subtotal:sum"],
            )
        )
        return amount or 0.0

    def _kpi_hook_inventory_gain_loss_amount(self, start, end):
        """Value of the inventory adjustments of the period: gains come from the
        inventory-adjustment location, losses go to it; scrap is apart."""
        [(value,)] = (
            self.env["stock.valuation.layer"]
            .sudo()
            ._read_group(
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
        )
        return value or 0.0

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
                sheet.write(row, 1, line.person_display)
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
