from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class AftersalesKpiMeetingLine(models.Model):
    _name = "aftersales.kpi.meeting.line"
    _description = "Weekly Meeting Figure"
    _order = "meeting_id, role, metric_sequence, metric_id, person_name, id"
    _check_company_auto = True

    meeting_id = fields.Many2one(
        "aftersales.kpi.meeting", required=True, ondelete="cascade", index=True
    )
    # set from the meeting at creation: the company rule must hold for lines being created
    company_id = fields.Many2one("res.company", required=True, index=True)
    date_from = fields.Date(related="meeting_id.date_from", store=True)
    date_to = fields.Date(related="meeting_id.date_to", store=True)
    metric_id = fields.Many2one("aftersales.kpi.metric", required=True, ondelete="restrict")
    metric_sequence = fields.Integer(related="metric_id.sequence", store=True)
    role = fields.Selection(related="metric_id.role", store=True)
    unit = fields.Selection(related="metric_id.unit")
    target = fields.Float(string="Target (Number)", related="metric_id.target")
    higher_is_better = fields.Boolean(related="metric_id.higher_is_better")
    user_id = fields.Many2one("res.users", string="Service Advisor", index="btree_not_null")
    employee_id = fields.Many2one("hr.employee", index="btree_not_null")
    person_name = fields.Char(
        string="Person Name",
        help="Empty for the company-wide figure.",
        compute="_compute_person_name",
        store=True,
    )
    # a Float column cannot hold "no figure" through the ORM: the flags say a figure is empty
    # (a rate whose denominator is empty), which is different from a figure of zero
    # on screen and in the exports: read in the reader's language, not stored
    person_display = fields.Char(string="Person", compute="_compute_person_display")
    value = fields.Float(string="Value (Number)")
    value_empty = fields.Boolean(string="No Figure")
    previous_value = fields.Float(string="Previous (Number)")
    previous_empty = fields.Boolean(string="No Previous Figure")
    change = fields.Float(string="Change (Number)", help="Value minus previous value.")
    change_empty = fields.Boolean()
    value_display = fields.Char(string="Value", compute="_compute_displays")
    previous_display = fields.Char(string="Previous", compute="_compute_displays")
    change_display = fields.Char(string="Change", compute="_compute_displays")
    target_display = fields.Char(string="Target", compute="_compute_displays")
    trend = fields.Selection(
        [("better", "Better"), ("worse", "Worse"), ("same", "Same")],
        compute="_compute_displays",
    )

    _sql_constraints = [
        (
            "one_line_per_person",
            "unique NULLS NOT DISTINCT (meeting_id, metric_id, user_id, employee_id)",
            "A meeting holds one figure per metric and person.",
        ),
    ]

    @api.constrains("value", "previous_value", "value_empty", "previous_empty")
    def _check_rate_range(self):
        for line in self.filtered(lambda line: line.unit == "rate"):
            for figure, empty in (
                (line.value, line.value_empty),
                (line.previous_value, line.previous_empty),
            ):
                if not empty and not 0 <= figure <= 1:
                    raise ValidationError(
                        _(
                            "%(metric)s is a rate: its figures lie between 0 and 1.",
                            metric=line.metric_id.name,
                        )
                    )

    # ------------------------------------------------------------------ guards
    def _check_meeting_draft(self, meetings):
        if meetings.filtered(lambda meeting: meeting.state != "draft"):
            raise UserError(
                _(
                    "The figures of a held meeting are frozen: they stay as they were "
                    "presented. A manager can reopen the meeting first."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self.check_access("create")
        self._check_meeting_draft(
            self.env["aftersales.kpi.meeting"].browse(
                {vals["meeting_id"] for vals in vals_list if vals.get("meeting_id")}
            )
        )
        return super().create(vals_list)

    def write(self, vals):
        self.check_access("write")
        meetings = self.meeting_id
        if vals.get("meeting_id"):
            meetings |= meetings.browse(vals["meeting_id"])
        self._check_meeting_draft(meetings)
        return super().write(vals)

    def unlink(self):
        self._check_meeting_draft(self.meeting_id)
        return super().unlink()

    @api.depends("user_id", "employee_id")
    def _compute_person_name(self):
        # only the names: a meeting has a figure per person and metric
        for line in self.with_context(prefetch_fields=False):
            line.person_name = line.user_id.name or line.employee_id.name or False

    @api.depends("person_name")
    @api.depends_context("lang")
    def _compute_person_display(self):
        for line in self:
            line.person_display = line.person_name or _("Company")

    def _format_figure(self, number, empty, signed=False):
        self.ensure_one()
        if empty:
            return "—"
        sign = "+" if signed and number > 0 else ""
        if self.unit == "rate":
            return f"{sign}{number * 100:.1f}%"
        if self.unit == "count":
            return f"{sign}{number:.0f}"
        return f"{sign}{number:,.2f}"

    @api.depends(
        "value", "previous_value", "change", "value_empty", "previous_empty", "unit", "target"
    )
    def _compute_displays(self):
        for line in self:
            line.value_display = line._format_figure(line.value, line.value_empty)
            line.previous_display = line._format_figure(line.previous_value, line.previous_empty)
            line.change_display = line._format_figure(line.change, line.change_empty, signed=True)
            line.target_display = line._format_figure(line.target, not line.target)
            if line.change_empty or not line.change:
                line.trend = "same"
            elif (line.change > 0) == line.higher_is_better:
                line.trend = "better"
            else:
                line.trend = "worse"
