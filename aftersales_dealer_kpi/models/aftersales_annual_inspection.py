from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.aftersales_dealer.models.aftersales_guards import (
    MIN_PLAUSIBLE_YEAR,
    is_aftersales_manager,
)

# An inspection is recorded once it happened: an employee has a month to record it, a
# manager any time after the year 2000 (older records are typing mistakes).
RECORD_WINDOW_DAYS = 31
OLDEST_DATE = date(MIN_PLAUSIBLE_YEAR, 1, 1)
# The same truck passes at most one inspection in this many days (twice a year past ten
# years of age): more would be duplicates crediting the same work twice.
MIN_DAYS_BETWEEN_PASSED = 150
# What feeds pay: frozen once the month's statement is confirmed.
CREDIT_FIELDS = {"employee_id", "date", "vehicle_id", "passed", "company_id"}


class AftersalesAnnualInspection(models.Model):
    _name = "aftersales.annual.inspection"
    _description = "Annual Inspection Handled"
    _inherit = ["mail.thread", "aftersales.truck.customer.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", compute="_compute_name", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    vehicle_id = fields.Many2one("fleet.vehicle", string="Truck", required=True, check_company=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Handled By",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self.env.user.employee_id,
        help="Credited in the incentive statement. Employees record their own inspections; "
        "a manager records them for anyone.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    passed = fields.Boolean(default=True)
    fee = fields.Monetary(help="Service fee charged to the customer.")
    currency_id = fields.Many2one(related="company_id.currency_id")
    note = fields.Text()

    _sql_constraints = [
        ("fee_positive", "CHECK(fee >= 0)", "An inspection fee cannot be negative."),
    ]

    @api.depends("vehicle_id.license_plate", "date")
    def _compute_name(self):
        for inspection in self:
            inspection.name = f"{inspection.vehicle_id.license_plate or ''} {inspection.date or ''}"

    # ------------------------------------------------------------------ guards
    def _is_inspection_manager(self):
        return is_aftersales_manager(self.env)

    @api.constrains("date", "vehicle_id", "passed")
    def _check_date(self):
        for inspection in self:
            today = inspection.company_id._aftersales_today()
            if inspection.date > today:
                raise ValidationError(
                    _(
                        "The annual inspection of %(truck)s is dated %(date)s, in the future: "
                        "record an inspection once it is done.",
                        truck=inspection.vehicle_id.display_name,
                        date=inspection.date,
                    )
                )
            if inspection.date < OLDEST_DATE:
                raise ValidationError(
                    _(
                        "The annual inspection of %(truck)s is dated %(date)s: inspections "
                        "before %(oldest)s are typing mistakes.",
                        truck=inspection.vehicle_id.display_name,
                        date=inspection.date,
                        oldest=OLDEST_DATE,
                    )
                )
        passed = self.filtered("passed")
        if not passed:
            return
        others = self.search(
            [
                ("vehicle_id", "in", passed.vehicle_id.ids),
                ("passed", "=", True),
                ("id", "not in", passed.ids),
            ]
        )
        gap = timedelta(days=MIN_DAYS_BETWEEN_PASSED)
        for inspection in passed:
            for other in others | passed - inspection:
                if (
                    other.vehicle_id == inspection.vehicle_id
                    and abs(other.date - inspection.date) < gap
                ):
                    raise ValidationError(
                        _(
                            "%(truck)s already passed its annual inspection on %(date)s: "
                            "it cannot pass another within %(days)s days.",
                            truck=inspection.vehicle_id.display_name,
                            date=other.date,
                            days=MIN_DAYS_BETWEEN_PASSED,
                        )
                    )

    def _check_recent(self, day):
        """Employees record what they did lately; a manager fixes older records."""
        today = self.env.company._aftersales_today()
        if fields.Date.to_date(day) < today - timedelta(days=RECORD_WINDOW_DAYS):
            raise UserError(
                _(
                    "An inspection older than %(days)s days is recorded by an after-sales manager.",
                    days=RECORD_WINDOW_DAYS,
                )
            )

    def _check_credit_open(self, pairs):
        """``pairs``: (employee, day). Refused when that month's statement is confirmed."""
        pairs = [(employee, fields.Date.to_date(day)) for employee, day in pairs if day]
        if not pairs:
            return
        # sudo: the lock holds whether or not the user may read that statement (statements
        # are visible to the employee concerned and managers only)
        frozen = (
            self.env["aftersales.incentive.statement"]
            .sudo()
            .search_fetch(
                [
                    ("employee_id", "in", [employee.id for employee, __ in pairs]),
                    ("date_from", "in", list({day.replace(day=1) for __, day in pairs})),
                    ("state", "!=", "draft"),
                ],
                ["employee_id", "date_from"],
            )
        )
        # sudo: whether a month is closed is not secret, its amounts are not read
        closed = {(statement.employee_id, statement.date_from) for statement in frozen}
        for employee, day in pairs:
            if (employee, day.replace(day=1)) in closed:
                raise UserError(
                    _(
                        "The incentive statement of %(employee)s for %(month)s is confirmed: "
                        "the inspections it counted can no longer change.",
                        employee=employee.sudo().name,
                        month=day.strftime("%Y-%m"),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        manager = self._is_inspection_manager()
        Employee = self.env["hr.employee"]
        for vals in vals_list:
            if not manager:
                vals.setdefault("employee_id", self.env.user.employee_id.id)
                if vals["employee_id"] not in self.env.user.employee_ids.ids:
                    raise AccessError(
                        _(
                            "You record the annual inspections you handled yourself; "
                            "an after-sales manager records them for others."
                        )
                    )
                self._check_recent(vals.get("date") or fields.Date.context_today(self))
        self._check_credit_open(
            [
                (
                    Employee.browse(vals.get("employee_id")),
                    vals.get("date") or fields.Date.context_today(self),
                )
                for vals in vals_list
            ]
        )
        inspections = super().create(vals_list)
        # A passed inspection moves the truck's next due date on by the age rule.
        for inspection in inspections.filtered("passed"):
            vehicle = inspection.vehicle_id
            next_due = vehicle._aftersales_next_inspection_date(inspection.date)
            if not vehicle.annual_inspection_date or vehicle.annual_inspection_date < next_due:
                vehicle.annual_inspection_date = next_due
        return inspections

    def write(self, vals):
        self.check_access("write")
        if not self._is_inspection_manager():
            if CREDIT_FIELDS & set(vals):
                raise AccessError(
                    _(
                        "Who handled an inspection, its truck, date and result are changed "
                        "by an after-sales manager only."
                    )
                )
            if self.employee_id - self.env.user.employee_ids:
                raise AccessError(_("You can only edit the inspections you handled."))
        if CREDIT_FIELDS & set(vals):
            pairs = [(inspection.employee_id, inspection.date) for inspection in self]
            for inspection in self:
                pairs.append(
                    (
                        self.env["hr.employee"].browse(
                            vals.get("employee_id", inspection.employee_id.id)
                        ),
                        vals.get("date", inspection.date),
                    )
                )
            self._check_credit_open(pairs)
        return super().write(vals)

    def unlink(self):
        self._check_credit_open([(inspection.employee_id, inspection.date) for inspection in self])
        return super().unlink()
