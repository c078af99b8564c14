from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.aftersales_dealer.models.hr_employee import AFTERSALES_ROLES

INCENTIVE_KINDS = [
    ("technician_hours", "Technicians' Labour Hours"),
    ("advisor_revenue", "Service Advisors' Revenue"),
    ("team_leader_hours", "Team Leaders' Team Hours"),
    ("insurance_premium", "Insurance Business"),
    ("annual_inspection", "Annual-Inspection Business"),
    ("operations_target", "Service Operations Targets"),
]
# Shares of money are rated in percent, everything counted (hours, inspections,
# a met target) in money per unit.
PERCENT_KINDS = ("advisor_revenue", "insurance_premium")


class AftersalesIncentiveScheme(models.Model):
    _name = "aftersales.incentive.scheme"
    _description = "Incentive Scheme"
    _inherit = ["mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(INCENTIVE_KINDS, required=True, tracking=True)
    role = fields.Selection(
        AFTERSALES_ROLES,
        string="Paid Role",
        tracking=True,
        help="Employees of this role take part in the scheme (its floor, deductions and "
        "target bonus apply to them). Empty: only those who earned from its documents.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    rate_unit = fields.Selection(
        [("unit", "Per Unit"), ("percent", "Percent")], compute="_compute_rate_unit"
    )
    rate_ids = fields.One2many("aftersales.incentive.scheme.rate", "scheme_id", string="Rates")
    target_measure = fields.Selection(
        [
            ("revenue", "Revenue of Delivered Orders"),
            ("ro_count", "Delivered Repair Orders"),
            ("labor_hours", "Labour Hours Sold"),
        ],
        help="Service operations: the station's monthly figure compared with the target.",
    )
    target_value = fields.Float(string="Monthly Target")
    complaint_deduction = fields.Monetary(
        string="Per Upheld Complaint", help="Deducted per upheld complaint against the employee."
    )
    rework_deduction = fields.Monetary(
        string="Per Rework", help="Deducted per rework attributed to the employee."
    )
    parts_issue_deduction = fields.Monetary(
        string="Per Parts-Quality Problem",
        help="Deducted per parts-quality problem the employee is responsible for.",
    )
    apply_manufacturer_factor = fields.Boolean(
        default=True,
        help="Multiply the earnings by the month's manufacturer-assessment factor.",
    )
    cap_amount = fields.Monetary(string="Cap", help="Most the scheme pays a month; 0: no cap.")
    floor_amount = fields.Monetary(
        string="Floor", help="Least the scheme pays a month to an employee taking part."
    )
    note = fields.Html()

    @api.depends("kind")
    def _compute_rate_unit(self):
        for scheme in self:
            scheme.rate_unit = "percent" if scheme.kind in PERCENT_KINDS else "unit"

    @api.constrains(
        "complaint_deduction",
        "rework_deduction",
        "parts_issue_deduction",
        "cap_amount",
        "floor_amount",
        "target_value",
        "kind",
        "role",
        "target_measure",
    )
    def _check_amounts(self):
        for scheme in self:
            if (
                min(
                    scheme.complaint_deduction,
                    scheme.rework_deduction,
                    scheme.parts_issue_deduction,
                    scheme.cap_amount,
                    scheme.floor_amount,
                    scheme.target_value,
                )
                < 0
            ):
                raise ValidationError(
                    _(
                        "Scheme %(scheme)s: deductions, cap, floor and target cannot be negative.",
                        scheme=scheme.name,
                    )
                )
            if scheme.cap_amount and scheme.floor_amount > scheme.cap_amount:
                raise ValidationError(
                    _("Scheme %(scheme)s: the floor is above the cap.", scheme=scheme.name)
                )
            if scheme.kind == "operations_target" and not (scheme.role and scheme.target_measure):
                raise ValidationError(
                    _(
                        "Scheme %(scheme)s: a service-operations scheme needs the paid role "
                        "and the measure of its target.",
                        scheme=scheme.name,
                    )
                )

    def _rate_for(self, grade_id, coverage_code=False):
        """Most specific rate line: grade and coverage, grade, coverage, then the default."""
        self.ensure_one()
        by_key = {(r.grade_id.id, r.coverage_code or False): r.rate for r in self.rate_ids}
        for key in (
            (grade_id, coverage_code),
            (grade_id, False),
            (False, coverage_code),
            (False, False),
        ):
            if key in by_key:
                return by_key[key]
        return 0.0

    # ------------------------------------------------------------------
    # Grouped sources: {employee_id: [(day, coverage_code, basis, [refs])]}
    # ------------------------------------------------------------------
    def _incentive_rows(self, date_from, date_to, tz):
        self.ensure_one()
        method = getattr(self, f"_incentive_rows_{self.kind}")
        # the grouped SQL below reads the database, not the cache
        self.env.flush_all()
        rows = {}
        for employee_id, day, coverage, basis, refs in method(date_from, date_to, tz):
            if employee_id:
                rows.setdefault(employee_id, []).append(
                    (day, coverage or False, basis or 0.0, refs or [])
                )
        return rows

    def _local_day(self, column, tz):
        return SQL("(timezone(%s, %s AT TIME ZONE 'UTC'))::date", tz, column)

    def _incentive_rows_technician_hours(self, date_from, date_to, tz):
        """Hours of delivered orders (as the service analysis counts them), split by the
        shares of each labour line."""
        day = self._local_day(SQL.identifier("ro", "delivered_date"), tz)
        query = SQL(
            """
            SELECT COALESCE(share.employee_id, line.technician_id) AS employee_id,
                   %(day)s AS day,
                   NULL AS coverage,
                   SUM(line.hours * COALESCE(share.share, 100.0) / 100.0) AS basis,
                   ARRAY_AGG(DISTINCT ord.name) AS refs
              FROM aftersales_labor_line line
              JOIN aftersales_kpi_service_report ro ON ro.repair_id = line.repair_id
                                                   AND ro.delivered_count = 1
              JOIN repair_order ord ON ord.id = line.repair_id
         LEFT JOIN aftersales_labor_share share ON share.labor_line_id = line.id
             WHERE ro.company_id = %(company)s
               AND %(day)s BETWEEN %(date_from)s AND %(date_to)s
          GROUP BY 1, 2
            """,
            day=day,
            company=self.company_id.id,
            date_from=date_from,
            date_to=date_to,
        )
        return self.env.execute_query(query)

    def _incentive_rows_team_leader_hours(self, date_from, date_to, tz):
        """All labour hours of the orders each team leader's team delivered, as the
        service analysis counts them."""
        day = self._local_day(SQL.identifier("r", "delivered_date"), tz)
        query = SQL(
            """
            SELECT r.team_leader_id, %(day)s, NULL, SUM(r.labor_hours),
                   ARRAY_AGG(DISTINCT ro.name)
              FROM aftersales_kpi_service_report r
              JOIN repair_order ro ON ro.id = r.repair_id
             WHERE r.company_id = %(company)s
               AND r.delivered_count = 1
               AND r.team_leader_id IS NOT NULL
               AND %(day)s BETWEEN %(date_from)s AND %(date_to)s
          GROUP BY 1, 2
            """,
            day=day,
            company=self.company_id.id,
            date_from=date_from,
            date_to=date_to,
        )
        return self.env.execute_query(query)

    def _incentive_rows_advisor_revenue(self, date_from, date_to, tz):
        """Untaxed revenue (labour lines and parts, as the service analysis defines it) of
        the orders each advisor delivered."""
        day = self._local_day(SQL.identifier("r", "delivered_date"), tz)
        query = SQL(
            """
            SELECT emp.id, %(day)s, NULL, SUM(r.revenue), ARRAY_AGG(ro.name ORDER BY ro.id)
              FROM aftersales_kpi_service_report r
              JOIN repair_order ro ON ro.id = r.repair_id
              JOIN hr_employee emp ON emp.user_id = r.user_id
                                  AND emp.company_id = r.company_id
                                  AND emp.active
             WHERE r.company_id = %(company)s
               AND r.delivered_count = 1
               AND %(day)s BETWEEN %(date_from)s AND %(date_to)s
          GROUP BY 1, 2
            """,
            day=day,
            company=self.company_id.id,
            date_from=date_from,
            date_to=date_to,
        )
        return self.env.execute_query(query)

    def _incentive_rows_annual_inspection(self, date_from, date_to, tz):
        groups = self.env["aftersales.annual.inspection"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ],
            ["employee_id", "date:day"],
            ["__count", "name:array_agg"],
        )
        return [
            (employee.id, fields.Date.to_date(day), False, count, names)
            for employee, day, count, names in groups
        ]

    def _incentive_rows_insurance_premium(self, date_from, date_to, tz):
        """Premium of the policies each employee sold (policy start in the month),
        per coverage type of the policy's coverage lines."""
        groups = self.env["aftersales.insurance.policy.line"]._read_group(
            [
                ("policy_id.sold_by_id", "!=", False),
                ("policy_id.date_start", ">=", date_from),
                ("policy_id.date_start", "<=", date_to),
                ("policy_id.company_id", "=", self.company_id.id),
                ("policy_id.state", "not in", ("draft", "cancelled")),
            ],
            ["policy_id", "coverage_type_id"],
            ["premium:sum"],
        )
        policies = self.env["aftersales.insurance.policy"].browse(
            {policy.id for policy, __, __ in groups}
        )
        policies.fetch(["sold_by_id", "date_start", "name"])
        return [
            (policy.sold_by_id.id, policy.date_start, coverage.code, premium, [policy.name])
            for policy, coverage, premium in groups
        ]

    def _incentive_rows_operations_target(self, date_from, date_to, tz):
        """Every employee of the paid role gets one unit when the station met the target."""
        achieved = self._incentive_operations_achieved(date_from, date_to, tz)
        met = 1.0 if achieved >= self.target_value else 0.0
        employees = self.env["hr.employee"].search(
            [("company_id", "=", self.company_id.id), ("aftersales_role", "=", self.role)]
        )
        ref = f"{round(achieved, 2):g} / {self.target_value:g}"
        return [(employee.id, False, False, met, [ref]) for employee in employees]

    def _incentive_operations_achieved(self, date_from, date_to, tz):
        """The station's month as the service analysis counts it: revenue, orders or
        labour hours of the orders delivered (not cancelled)."""
        day = self._local_day(SQL.identifier("r", "delivered_date"), tz)
        column = {
            "revenue": "revenue",
            "ro_count": "delivered_count",
            "labor_hours": "labor_hours",
        }[self.target_measure or "labor_hours"]
        [(achieved,)] = self.env.execute_query(
            SQL(
                """
            SELECT COALESCE(SUM(%(column)s), 0) FROM aftersales_kpi_service_report r
             WHERE r.company_id = %(company)s AND r.delivered_count = 1
               AND %(day)s BETWEEN %(date_from)s AND %(date_to)s
                """,
                column=SQL.identifier("r", column),
                company=self.company_id.id,
                day=day,
                date_from=date_from,
                date_to=date_to,
            )
        )
        return float(achieved or 0.0)
