from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.aftersales_dealer.models.aftersales_guards import is_aftersales_manager


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

    def _check_aftersales_grade_rights(self):
        # the grade sets the commission level: HR rights alone do not move it
        if not is_aftersales_manager(self.env):
            raise AccessError(
                _(
                    "Only an after-sales manager changes an employee's after-sales grade "
                    "(or approves a grading assessment)."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("aftersales_grade") for vals in vals_list):
            self._check_aftersales_grade_rights()
        return super().create(vals_list)

    def _aftersales_apply_grade(self, grade):
        """Set the grade an approved assessment gave, whose dated history the approval
        already wrote. Private (not callable over RPC) and without any context key, so no
        caller can skip the history this way."""
        return super().write({"aftersales_grade": grade.id})

    def write(self, vals):
        """A grade changed by hand (not by an approved assessment) is a manager's action,
        tracked in the chatter, and also enters the dated history, so incentives use it
        from today on."""
        if "aftersales_grade" not in vals:
            return super().write(vals)
        self._check_aftersales_grade_rights()
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
