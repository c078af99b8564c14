from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AftersalesIncentiveStatementLine(models.Model):
    _name = "aftersales.incentive.statement.line"
    _description = "Incentive Statement Line"
    _order = "statement_id, sequence, id"

    statement_id = fields.Many2one(
        "aftersales.incentive.statement", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    employee_id = fields.Many2one(related="statement_id.employee_id", store=True, index=True)
    company_id = fields.Many2one(related="statement_id.company_id", store=True, index=True)
    date_from = fields.Date(string="Month", related="statement_id.date_from", store=True)
    currency_id = fields.Many2one(related="statement_id.currency_id")
    scheme_id = fields.Many2one("aftersales.incentive.scheme", index=True)
    kind = fields.Selection(related="scheme_id.kind", store=True)
    line_type = fields.Selection(
        [
            ("earning", "Earning"),
            ("factor", "Manufacturer Factor"),
            ("deduction", "Quality Deduction"),
            ("cap", "Cap"),
            ("floor", "Floor"),
        ],
        required=True,
        default="earning",
    )
    name = fields.Char(string="Description", compute="_compute_name")
    coverage_code = fields.Char(help="Insurance business: the coverage type's code.")
    deduction_source = fields.Selection(
        [
            ("complaint", "Upheld Complaints"),
            ("rework", "Reworks Attributed"),
            ("parts_issue", "Parts-Quality Problems"),
        ]
    )
    grade_id = fields.Many2one("aftersales.grade")
    basis = fields.Float(
        digits=(16, 2),
        help="Hours, revenue, premium, inspections, met targets or quality events.",
    )
    rate = fields.Float(digits=(16, 4))
    rate_unit = fields.Selection(
        [("unit", "Per Unit"), ("percent", "Percent"), ("factor", "Factor")], default="unit"
    )
    amount = fields.Monetary()
    source_ref = fields.Text(string="Source Documents")

    @api.depends(
        "line_type", "scheme_id.name", "grade_id.name", "coverage_code", "deduction_source"
    )
    def _compute_name(self):
        # Worded when shown, so each reader gets the labels in their own language.
        line_types = dict(self._fields["line_type"]._description_selection(self.env))
        sources = dict(self._fields["deduction_source"]._description_selection(self.env))
        for line in self:
            if line.line_type == "earning":
                parts = [line.scheme_id.name, line.grade_id.name, line.coverage_code]
            elif line.line_type == "deduction":
                parts = [line_types["deduction"], sources.get(line.deduction_source)]
            else:
                parts = [line_types[line.line_type]]
            line.name = " - ".join(part for part in parts if part)

    @api.model_create_multi
    def create(self, vals_list):
        statements = self.env["aftersales.incentive.statement"].browse(
            {vals.get("statement_id") for vals in vals_list}
        )
        statements._check_draft()
        return super().create(vals_list)

    def write(self, vals):
        self.statement_id._check_draft()
        return super().write(vals)

    def unlink(self):
        self.statement_id._check_draft()
        return super().unlink()

    def _check_amount_rule(self):
        """The amount of an earning is its basis times its rate (used by tests and checks)."""
        self.ensure_one()
        factor = self.rate / 100 if self.rate_unit == "percent" else self.rate
        return self.currency_id.round(self.basis * factor)

    def action_open_statement(self):
        self.ensure_one()
        if not self.statement_id:
            raise UserError(_("This line has no statement."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.incentive.statement",
            "res_id": self.statement_id.id,
            "view_mode": "form",
        }
