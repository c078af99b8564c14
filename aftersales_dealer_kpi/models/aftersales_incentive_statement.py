import base64
import io
from collections import defaultdict
from datetime import timedelta

import xlsxwriter
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .aftersales_incentive_scheme import PERCENT_KINDS

# Fields still writable on a confirmed or paid statement: chatter bookkeeping only.
FROZEN_WRITABLE = {
    "message_main_attachment_id",
    "activity_ids",
    "message_follower_ids",
}
# Moved only by the workflow buttons (_write_workflow), never by a plain write.
WORKFLOW_FIELDS = {"state", "paid_date", "confirmed_by_id", "confirmed_date"}


class AftersalesIncentiveStatement(models.Model):
    _name = "aftersales.incentive.statement"
    _description = "Incentive Statement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, employee_id, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True, check_company=True
    )
    user_id = fields.Many2one(related="employee_id.user_id", string="Employee User")
    role = fields.Selection(related="employee_id.aftersales_role")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="Month", required=True, index=True)
    date_to = fields.Date(compute="_compute_date_to", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("paid", "Paid")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many("aftersales.incentive.statement.line", "statement_id")
    manufacturer_factor = fields.Float(digits=(16, 4), readonly=True, default=1.0)
    earning_amount = fields.Monetary(compute="_compute_amounts", store=True)
    deduction_amount = fields.Monetary(compute="_compute_amounts", store=True)
    adjustment_amount = fields.Monetary(
        compute="_compute_amounts",
        store=True,
        help="Manufacturer factor, caps and floors.",
    )
    total_amount = fields.Monetary(compute="_compute_amounts", store=True, tracking=True)
    computed_date = fields.Datetime(readonly=True, copy=False)
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    confirmed_date = fields.Datetime(readonly=True, copy=False)
    paid_date = fields.Date(copy=False, tracking=True)
    needs_review = fields.Boolean(
        readonly=True,
        copy=False,
        tracking=True,
        help="A pay input of this month (labour, shares, rework, a policy's seller or period) "
        "was changed by a manager after the fact: reopen and recompute the statement, or "
        "check it. Cleared by the next computation.",
    )

    _sql_constraints = [
        (
            "employee_month_uniq",
            "unique(employee_id, date_from, company_id)",
            "An employee has one incentive statement per month.",
        ),
    ]

    @api.depends("employee_id.name", "date_from")
    def _compute_name(self):
        for statement in self:
            month = statement.date_from and statement.date_from.strftime("%Y-%m") or ""
            statement.name = f"{statement.employee_id.name or ''} {month}".strip()

    @api.depends("date_from")
    def _compute_date_to(self):
        for statement in self:
            statement.date_to = statement.date_from and (
                statement.date_from + relativedelta(day=31)
            )

    @api.depends("line_ids.amount", "line_ids.line_type")
    def _compute_amounts(self):
        for statement in self:
            by_type = defaultdict(float)
            for line in statement.line_ids:
                by_type[line.line_type] += line.amount
            statement.earning_amount = by_type["earning"]
            statement.deduction_amount = by_type["deduction"]
            statement.adjustment_amount = by_type["factor"] + by_type["cap"] + by_type["floor"]
            statement.total_amount = sum(by_type.values())

    # ------------------------------------------------------------------
    # Freeze
    # ------------------------------------------------------------------
    def _check_draft(self):
        if self.filtered(lambda s: s.state != "draft"):
            raise UserError(
                _(
                    "A confirmed incentive statement is frozen: "
                    "it can be neither edited nor recomputed."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state", "draft") != "draft" or any(
                vals.get(field) for field in WORKFLOW_FIELDS - {"state"}
            ):
                raise UserError(_("An incentive statement is created as a draft."))
            if vals.get("date_from"):
                vals["date_from"] = fields.Date.to_date(vals["date_from"]).replace(day=1)
        return super().create(vals_list)

    def write(self, vals):
        # rights first: a user without write access gets the access error, not ours
        self.check_access("write")
        if WORKFLOW_FIELDS & set(vals):
            raise UserError(
                _(
                    "An incentive statement changes state only through its buttons "
                    "(Confirm, Mark as Paid, Reset to Draft)."
                )
            )
        if set(vals) - FROZEN_WRITABLE:
            self._check_draft()
        return super().write(vals)

    def _write_workflow(self, vals):
        """The only path that moves the state: a private method, so not callable over
        RPC, and no context key that a caller could set."""
        return super().write(vals)

    def unlink(self):
        self._check_draft()
        return super().unlink()

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_manager(self):
        if not self.env.user.has_group("aftersales_dealer.group_aftersales_manager"):
            raise UserError(
                _("Only an after-sales manager can confirm or pay incentive statements.")
            )
        if self.filtered(lambda s: s.employee_id.user_id == self.env.user):
            raise UserError(_("Nobody confirms, pays or reopens their own incentive statement."))

    def action_confirm(self):
        self._check_manager()
        self._check_draft()
        self._write_workflow(
            {
                "state": "confirmed",
                "confirmed_by_id": self.env.user.id,
                "confirmed_date": fields.Datetime.now(),
            }
        )

    def action_mark_paid(self):
        self._check_manager()
        if self.filtered(lambda s: s.state != "confirmed"):
            raise UserError(_("Only confirmed statements can be marked as paid."))
        self._write_workflow({"state": "paid", "paid_date": fields.Date.context_today(self)})

    def action_reset_draft(self):
        """Reopen a confirmed statement (not a paid one): manager only, noted in the chatter."""
        self._check_manager()
        if self.filtered(lambda s: s.state == "paid"):
            raise UserError(_("A paid statement cannot go back to draft."))
        if self.filtered(lambda s: s.state != "confirmed"):
            raise UserError(_("Only a confirmed statement can be reopened."))
        self._write_workflow({"state": "draft", "confirmed_by_id": False, "confirmed_date": False})
        for statement in self:
            statement.message_post(
                body=_("Statement reopened by %(user)s.", user=self.env.user.name)
            )

    def action_recompute(self):
        self._check_manager()
        self._check_draft()
        for (company, date_from), statements in self.grouped(
            lambda s: (s.company_id, s.date_from)
        ).items():
            self._generate_month(company, date_from, statements.employee_id)
        return True

    @api.model
    def _flag_pay_change(self, company, employees, day, description):
        """A manager changed a pay input of ``employees`` for the month of ``day`` after the
        fact: their statements of that month are flagged for review, with the change in
        their chatter (a draft is cleared by its next computation; a confirmed or paid one
        stays as it is until the manager reopens it)."""
        if not employees or not day:
            return self.browse()
        statements = self.search(
            [
                ("company_id", "=", company.id),
                ("date_from", "=", fields.Date.to_date(day).replace(day=1)),
                ("employee_id", "in", employees.ids),
            ]
        )
        # the flag is bookkeeping, not an edit of the frozen figures
        statements._write_workflow({"needs_review": True})
        for statement in statements:
            statement.message_post(
                body=_(
                    "To review: %(user)s changed a pay input of this month after the fact: "
                    "%(change)s",
                    user=self.env.user.name,
                    change=description,
                )
            )
        return statements

    # ------------------------------------------------------------------
    # Computation: one grouped query per scheme and per quality source, whatever
    # the number of employees or documents.
    # ------------------------------------------------------------------
    @api.model
    def _generate_month(self, company, month, employees=None):
        """(Re)compute the draft statements of ``company`` for the month of ``month``.

        Confirmed and paid statements are left alone. ``employees`` restricts the run.
        """
        date_from = fields.Date.to_date(month).replace(day=1)
        date_to = date_from + relativedelta(day=31)
        schemes = self.env["aftersales.incentive.scheme"].search([("company_id", "=", company.id)])
        period = self.env["aftersales.incentive.period"].search(
            [("company_id", "=", company.id), ("date_from", "=", date_from)], limit=1
        )
        factor = period.manufacturer_factor if period else 1.0
        tz = company._aftersales_tz().zone

        # earnings[scheme_id][employee_id] -> [(day, coverage_code, basis, [refs])]
        earnings = {scheme.id: scheme._incentive_rows(date_from, date_to, tz) for scheme in schemes}
        deductions = self._incentive_quality_events(company, date_from, date_to)

        employee_ids = set()
        for rows in earnings.values():
            employee_ids.update(rows)
        for events in deductions.values():
            employee_ids.update(events)
        roles = [r for r in schemes.mapped("role") if r]
        if roles:
            employee_ids.update(
                self.env["hr.employee"]
                .search([("company_id", "=", company.id), ("aftersales_role", "in", roles)])
                .ids
            )
        all_employees = self.env["hr.employee"].browse(sorted(employee_ids))
        if employees is not None:
            all_employees &= employees
        if not all_employees:
            return self.browse()
        all_employees.fetch(["aftersales_role", "aftersales_grade", "name"])
        timelines = self.env["aftersales.grading.history"]._grade_timelines(all_employees)

        existing = self.search(
            [
                ("company_id", "=", company.id),
                ("date_from", "=", date_from),
                ("employee_id", "in", all_employees.ids),
            ]
        )
        frozen_employees = existing.filtered(lambda s: s.state != "draft").employee_id
        drafts = existing.filtered(lambda s: s.state == "draft")
        drafts.line_ids.unlink()
        by_employee = {statement.employee_id.id: statement for statement in drafts}

        line_vals = {}
        for employee in all_employees - frozen_employees:
            vals = self._incentive_employee_lines(
                employee, schemes, earnings, deductions, factor, timelines, date_to
            )
            if vals or employee.id in by_employee:
                line_vals[employee.id] = vals
        missing = [emp_id for emp_id in line_vals if emp_id not in by_employee]
        new_statements = self.create(
            [
                {"employee_id": emp_id, "company_id": company.id, "date_from": date_from}
                for emp_id in missing
            ]
        )
        by_employee.update({statement.employee_id.id: statement for statement in new_statements})
        self.env["aftersales.incentive.statement.line"].create(
            [
                dict(vals, statement_id=by_employee[emp_id].id)
                for emp_id, vals_list in line_vals.items()
                for vals in vals_list
            ]
        )
        statements = self.browse([by_employee[emp_id].id for emp_id in line_vals])
        statements.write(
            {
                "manufacturer_factor": factor,
                "computed_date": fields.Datetime.now(),
                "needs_review": False,
            }
        )
        return statements

    @api.model
    def _incentive_employee_lines(
        self, employee, schemes, earnings, deductions, factor, timelines, date_to
    ):
        """Line values of one employee, computed in memory from the grouped rows."""
        history = self.env["aftersales.grading.history"]
        currency = employee.company_id.currency_id or self.env.company.currency_id
        month_grade = history._grade_at(timelines, employee, date_to)
        lines = []
        sequence = 0
        for scheme in schemes:
            rows = earnings[scheme.id].get(employee.id, [])
            if not rows and scheme.role != employee.aftersales_role:
                continue
            rate_unit = "percent" if scheme.kind in PERCENT_KINDS else "unit"
            # Sum the basis per grade held on the document's day (and coverage).
            groups = defaultdict(lambda: [0.0, []])
            for day, coverage, basis, refs in rows:
                grade_id = history._grade_at(timelines, employee, day) if day else month_grade
                group = groups[(grade_id, coverage)]
                group[0] += basis
                group[1].extend(refs)
            gross = 0.0
            for (grade_id, coverage), (basis, refs) in sorted(
                groups.items(), key=lambda item: (str(item[0][0]), str(item[0][1]))
            ):
                rate = scheme._rate_for(grade_id, coverage)
                multiplier = rate / 100 if rate_unit == "percent" else rate
                amount = currency.round(basis * multiplier)
                gross += amount
                sequence += 1
                lines.append(
                    {
                        "sequence": sequence,
                        "scheme_id": scheme.id,
                        "line_type": "earning",
                        "coverage_code": coverage or False,
                        "grade_id": grade_id or False,
                        "basis": basis,
                        "rate": rate,
                        "rate_unit": rate_unit,
                        "amount": amount,
                        "source_ref": ", ".join(sorted(set(map(str, refs))))[:2000],
                    }
                )
            subtotal = gross
            if scheme.apply_manufacturer_factor and gross and factor != 1.0:
                adjustment = currency.round(gross * factor) - gross
                subtotal += adjustment
                sequence += 1
                lines.append(
                    {
                        "sequence": sequence,
                        "scheme_id": scheme.id,
                        "line_type": "factor",
                        "basis": gross,
                        "rate": factor,
                        "rate_unit": "factor",
                        "amount": adjustment,
                    }
                )
            for source, per_event in (
                ("complaint", scheme.complaint_deduction),
                ("rework", scheme.rework_deduction),
                ("parts_issue", scheme.parts_issue_deduction),
            ):
                count, refs = deductions[source].get(employee.id, (0, []))
                if not (per_event and count):
                    continue
                amount = -currency.round(count * per_event)
                subtotal += amount
                sequence += 1
                lines.append(
                    {
                        "sequence": sequence,
                        "scheme_id": scheme.id,
                        "line_type": "deduction",
                        "deduction_source": source,
                        "basis": count,
                        "rate": -per_event,
                        "rate_unit": "unit",
                        "amount": amount,
                        "source_ref": ", ".join(sorted(set(map(str, refs))))[:2000],
                    }
                )
            if scheme.cap_amount and subtotal > scheme.cap_amount:
                sequence += 1
                lines.append(
                    {
                        "sequence": sequence,
                        "scheme_id": scheme.id,
                        "line_type": "cap",
                        "basis": subtotal,
                        "rate": scheme.cap_amount,
                        "rate_unit": "unit",
                        "amount": scheme.cap_amount - subtotal,
                    }
                )
            elif subtotal < scheme.floor_amount:
                sequence += 1
                lines.append(
                    {
                        "sequence": sequence,
                        "scheme_id": scheme.id,
                        "line_type": "floor",
                        "basis": subtotal,
                        "rate": scheme.floor_amount,
                        "rate_unit": "unit",
                        "amount": scheme.floor_amount - subtotal,
                    }
                )
        return lines

    @api.model
    def _incentive_quality_events(self, company, date_from, date_to):
        """{source: {employee_id: (count, refs)}} for the month, one query per source."""
        events = {"complaint": {}, "rework": {}, "parts_issue": {}}
        start = company._aftersales_day_start(date_from)
        stop = company._aftersales_day_start(date_to + timedelta(days=1))
        for employee, count, names in self.env["repair.order"]._read_group(
            [
                ("company_id", "=", company.id),
                ("is_rework", "=", True),
                ("rework_employee_id", "!=", False),
                ("reception_date", ">=", start),
                ("reception_date", "<", stop),
            ],
            ["rework_employee_id"],
            ["__count", "name:array_agg"],
        ):
            events["rework"][employee.id] = (count, names)
        for employee, count, names in self.env["aftersales.parts.quality.issue"]._read_group(
            [
                ("company_id", "=", company.id),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ],
            ["employee_id"],
            ["__count", "name:array_agg"],
        ):
            events["parts_issue"][employee.id] = (count, names)
        # upheld: a responsible employee is named and the complaint was not cancelled
        for employee, count, names in self.env["aftersales.complaint"]._read_group(
            [
                ("company_id", "=", company.id),
                ("responsible_employee_id", "!=", False),
                ("state", "!=", "cancelled"),
                ("complaint_date", ">=", start),
                ("complaint_date", "<", stop),
            ],
            ["responsible_employee_id"],
            ["__count", "name:array_agg"],
        ):
            events["complaint"][employee.id] = (count, names)
        return events

    # ------------------------------------------------------------------
    # Payroll export
    # ------------------------------------------------------------------
    def _export_xlsx_content(self):
        """The statements as an XLSX workbook (bytes): one summary row per statement
        and one sheet with every line, for payroll."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        summary = workbook.add_worksheet(_("Statements"))
        headers = [
            _("Month"),
            _("Employee"),
            _("Role"),
            _("Earnings"),
            _("Deductions"),
            _("Adjustments"),
            _("Total"),
            _("Status"),
        ]
        summary.write_row(0, 0, headers, bold)
        roles = dict(
            self.env["hr.employee"]._fields["aftersales_role"]._description_selection(self.env)
        )
        states = dict(self._fields["state"]._description_selection(self.env))
        for row, statement in enumerate(
            self.sorted(lambda s: (s.date_from, s.employee_id.name)), 1
        ):
            summary.write(row, 0, statement.date_from.strftime("%Y-%m"))
            summary.write(row, 1, statement.employee_id.name)
            summary.write(row, 2, roles.get(statement.role, ""))
            summary.write_number(row, 3, statement.earning_amount, money)
            summary.write_number(row, 4, statement.deduction_amount, money)
            summary.write_number(row, 5, statement.adjustment_amount, money)
            summary.write_number(row, 6, statement.total_amount, money)
            summary.write(row, 7, states.get(statement.state, ""))
        summary.set_column(0, 2, 16)
        summary.set_column(3, 7, 14)
        detail = workbook.add_worksheet(_("Lines"))
        detail.write_row(
            0,
            0,
            [
                _("Month"),
                _("Employee"),
                _("Scheme"),
                _("Description"),
                _("Basis"),
                _("Rate"),
                _("Amount"),
                _("Source Documents"),
            ],
            bold,
        )
        row = 1
        for statement in self.sorted(lambda s: (s.date_from, s.employee_id.name)):
            for line in statement.line_ids:
                detail.write(row, 0, statement.date_from.strftime("%Y-%m"))
                detail.write(row, 1, statement.employee_id.name)
                detail.write(row, 2, line.scheme_id.name or "")
                detail.write(row, 3, line.name)
                detail.write_number(row, 4, line.basis)
                detail.write_number(row, 5, line.rate)
                detail.write_number(row, 6, line.amount, money)
                detail.write(row, 7, line.source_ref or "")
                row += 1
        detail.set_column(0, 7, 16)
        workbook.close()
        return output.getvalue()

    def action_export_xlsx(self):
        if not self:
            raise UserError(_("There is no statement to export."))
        months = sorted({s.date_from.strftime("%Y-%m") for s in self})
        attachment = self.env["ir.attachment"].create(
            {
                "name": _("incentives-%(months)s.xlsx", months="_".join(months)),
                "datas": base64.b64encode(self._export_xlsx_content()),
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
