from odoo import fields, models

SATISFACTION_SCORES = [
    ("1", "1 - Very dissatisfied"),
    ("2", "2 - Dissatisfied"),
    ("3", "3 - Neutral"),
    ("4", "4 - Satisfied"),
    ("5", "5 - Very satisfied"),
]


class AftersalesFollowupDoneWizard(models.TransientModel):
    _name = "aftersales.followup.done.wizard"
    _description = "Record a Reached Follow-Up Call"

    followup_id = fields.Many2one("aftersales.followup", required=True, ondelete="cascade")
    followup_type = fields.Selection(related="followup_id.followup_type")
    company_id = fields.Many2one(related="followup_id.company_id")
    satisfaction = fields.Selection(SATISFACTION_SCORES)
    has_problem = fields.Boolean(string="Problem Found")
    problem = fields.Text()
    responsible_employee_id = fields.Many2one(
        "hr.employee",
        domain="[('company_id', 'in', (company_id, False))]",
        help="Who caused the dissatisfaction or the problem.",
    )
    dissatisfaction_reason = fields.Text(string="Why Dissatisfied")
    note = fields.Text(string="Call Notes")

    def action_confirm(self):
        self.ensure_one()
        self.followup_id._record_done(
            satisfaction=int(self.satisfaction or 0),
            has_problem=self.has_problem,
            problem=self.problem,
            responsible_employee_id=self.responsible_employee_id.id,
            dissatisfaction_reason=self.dissatisfaction_reason,
            note=self.note,
        )
        return {"type": "ir.actions.act_window_close"}
