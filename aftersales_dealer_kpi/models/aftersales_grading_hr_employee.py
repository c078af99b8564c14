from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    aftersales_grading_history_ids = fields.One2many(
        "aftersales.grading.history",
        "employee_id",
        string="Grade History",
        groups="aftersales_dealer.group_aftersales_manager",
    )
    aftersales_assessment_count = fields.Integer(
        compute="_compute_aftersales_assessment_count",
        groups="aftersales_dealer.group_aftersales_manager",
    )

    def _compute_aftersales_assessment_count(self):
        counts = dict(
            self.env["aftersales.grading.assessment"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        )
        for employee in self:
            employee.aftersales_assessment_count = counts.get(employee, 0)

    def action_open_aftersales_assessments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_dealer_kpi.aftersales_grading_assessment_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action
