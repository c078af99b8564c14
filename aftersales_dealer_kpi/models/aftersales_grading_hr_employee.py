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

    def write(self, vals):
        """A grade changed by hand (not by an approved assessment) also enters the
        dated history, so incentives use it from today on."""
        if "aftersales_grade" not in vals or self.env.context.get("aftersales_grading_no_history"):
            return super().write(vals)
        changed = self.filtered(lambda e: e.aftersales_grade.id != vals["aftersales_grade"])
        # The history is an audit trail of a write the user is allowed to make: it is
        # kept whatever the user's after-sales rights, hence sudo.
        history = self.env["aftersales.grading.history"].sudo()
        known = {
            employee
            for employee, __ in history._read_group(
                [("employee_id", "in", changed.ids)], ["employee_id"], ["__count"]
            )
        }
        history.create(
            [
                {
                    "employee_id": employee.id,
                    "company_id": employee.company_id.id,
                    "grade_id": employee.aftersales_grade.id,
                    "date_from": False,
                }
                for employee in changed
                if employee.aftersales_grade and employee not in known
            ]
        )
        result = super().write(vals)
        if vals["aftersales_grade"]:
            history.create(
                [
                    {
                        "employee_id": employee.id,
                        "company_id": employee.company_id.id,
                        "grade_id": vals["aftersales_grade"],
                        "date_from": fields.Date.context_today(self),
                    }
                    for employee in changed
                ]
            )
        return result

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
