from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# Above this the manufacturer's assessment would more than double everybody's pay.
MAX_FACTOR = 2.0


class AftersalesIncentivePeriod(models.Model):
    _name = "aftersales.incentive.period"
    _description = "Incentive Month"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    date_from = fields.Date(
        string="Month",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="Any day of the month; it is stored as the first day.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    manufacturer_factor = fields.Float(
        string="Manufacturer Assessment Factor",
        default=1.0,
        digits=(16, 4),
        tracking=True,
        help="From the manufacturer's monthly assessment of the station: 1.0 leaves pay "
        "as earned, 0.9 pays 90 %, 1.1 pays 110 %.",
    )
    manufacturer_score = fields.Float(help="Score the manufacturer gave the station this month.")
    statement_ids = fields.One2many(
        "aftersales.incentive.statement", compute="_compute_statement_ids", string="Statements"
    )
    statement_count = fields.Integer(compute="_compute_statement_ids")
    total_amount = fields.Monetary(compute="_compute_statement_ids")
    currency_id = fields.Many2one(related="company_id.currency_id")

    _sql_constraints = [
        (
            "month_company_uniq",
            "unique(date_from, company_id)",
            "There is one incentive month per company.",
        ),
    ]

    @api.depends("date_from")
    def _compute_name(self):
        for period in self:
            period.name = period.date_from and period.date_from.strftime("%Y-%m") or ""

    def _compute_statement_ids(self):
        statements = self.env["aftersales.incentive.statement"].search(
            [
                ("date_from", "in", self.mapped("date_from")),
                ("company_id", "in", self.company_id.ids),
            ]
        )
        for period in self:
            mine = statements.filtered(
                lambda s, p=period: s.date_from == p.date_from and s.company_id == p.company_id
            )
            period.statement_ids = mine
            period.statement_count = len(mine)
            period.total_amount = sum(mine.mapped("total_amount"))

    @api.constrains("manufacturer_factor")
    def _check_factor(self):
        for period in self:
            if period.manufacturer_factor < 0:
                raise ValidationError(
                    _(
                        "The manufacturer-assessment factor of %(month)s cannot be below zero.",
                        month=period.name,
                    )
                )
            if period.manufacturer_factor > MAX_FACTOR:
                raise ValidationError(
                    _(
                        "The manufacturer-assessment factor of %(month)s cannot exceed "
                        "%(max)s (it multiplies everybody's pay).",
                        month=period.name,
                        max=MAX_FACTOR,
                    )
                )

    def _check_no_frozen_statement(self):
        """A month whose statements are confirmed or paid keeps the figures they used."""
        frozen = self.env["aftersales.incentive.statement"].search_count(
            [
                ("company_id", "in", self.company_id.ids),
                ("date_from", "in", self.mapped("date_from")),
                ("state", "!=", "draft"),
            ],
            limit=1,
        )
        if frozen:
            raise UserError(
                _(
                    "Statements of this month are already confirmed: its month, company and "
                    "manufacturer factor can no longer change. Reset them to draft first."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("date_from"):
                vals["date_from"] = fields.Date.to_date(vals["date_from"]).replace(day=1)
        return super().create(vals_list)

    def write(self, vals):
        if {"date_from", "company_id", "manufacturer_factor"} & set(vals):
            self._check_no_frozen_statement()
        if vals.get("date_from"):
            vals["date_from"] = fields.Date.to_date(vals["date_from"]).replace(day=1)
        return super().write(vals)

    def unlink(self):
        self._check_no_frozen_statement()
        return super().unlink()

    def action_compute_statements(self):
        statement_model = self.env["aftersales.incentive.statement"]
        for period in self:
            statement_model._generate_month(period.company_id, period.date_from)
        return self.action_view_statements()

    def action_view_statements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_dealer_kpi.aftersales_incentive_statement_action"
        )
        action["domain"] = [
            ("date_from", "=", self.date_from),
            ("company_id", "=", self.company_id.id),
        ]
        action["context"] = {}
        return action

    def action_export_xlsx(self):
        self.ensure_one()
        return self.statement_ids.action_export_xlsx()

    @api.model
    def _cron_compute_last_month(self):
        """Keep last month's draft statements up to date while documents come in late.

        Confirmed statements stay frozen; one grouped computation per company.
        """
        month = fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)
        companies = self.env["res.company"].search([])
        periods = self.search([("date_from", "=", month), ("company_id", "in", companies.ids)])
        missing = companies - periods.company_id
        periods |= self.create([{"date_from": month, "company_id": c.id} for c in missing])
        for done, period in enumerate(periods, 1):
            self.env["aftersales.incentive.statement"]._generate_month(
                period.company_id, period.date_from
            )
            self.env["ir.cron"]._notify_progress(done=done, remaining=len(periods) - done)
