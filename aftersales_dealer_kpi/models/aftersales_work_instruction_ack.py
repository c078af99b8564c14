from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AftersalesWorkInstructionAck(models.Model):
    _name = "aftersales.work.instruction.ack"
    _description = "Work-Instruction Acknowledgement"
    _order = "date desc, id desc"
    _check_company_auto = True

    instruction_id = fields.Many2one(
        "aftersales.work.instruction", required=True, ondelete="cascade", index=True
    )
    department = fields.Selection(related="instruction_id.department", store=True)
    company_id = fields.Many2one(related="instruction_id.company_id", store=True, index=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True, check_company=True)
    version = fields.Char(required=True, help="The version the employee has read.")
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    is_current = fields.Boolean(string="Current Version", compute="_compute_is_current", store=True)

    _sql_constraints = [
        (
            "instruction_employee_version_uniq",
            "unique(instruction_id, employee_id, version)",
            "An employee acknowledges a version once.",
        ),
    ]

    @api.depends("version", "instruction_id.version")
    def _compute_is_current(self):
        for ack in self:
            ack.is_current = ack.version == ack.instruction_id.version

    def write(self, vals):
        if set(vals) - {"is_current"}:
            raise UserError(_("An acknowledgement cannot be changed."))
        return super().write(vals)
