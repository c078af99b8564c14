from odoo import _, fields, models

from odoo.addons.aftersales_dealer.models.aftersales_complaint import (
    COMPLAINT_ATTRIBUTION_FIELDS,
    COMPLAINT_CLOSED_STATES,
)


class AftersalesComplaint(models.Model):
    _inherit = "aftersales.complaint"

    def write(self, vals):
        # a closed complaint's deduction moves with its responsible employee and date: the
        # core lets only the manager do it; the statements of both months and people follow
        before = {}
        if set(COMPLAINT_ATTRIBUTION_FIELDS) & set(vals):
            before = {
                complaint: (complaint.responsible_employee_id, complaint.complaint_date)
                for complaint in self.filtered(lambda c: c.state in COMPLAINT_CLOSED_STATES)
            }
        res = super().write(vals)
        Statement = self.env["aftersales.incentive.statement"]
        for complaint, (employee, when) in before.items():
            after = (complaint.responsible_employee_id, complaint.complaint_date)
            if after == (employee, when):
                continue
            description = _(
                "complaint %(name)s: responsible %(old)s → %(new)s",
                name=complaint.name,
                old=employee.name or "-",
                new=complaint.responsible_employee_id.name or "-",
            )
            tz_complaint = complaint.with_company(complaint.company_id)
            targets = {
                (person, fields.Date.context_today(tz_complaint, moment).replace(day=1))
                for person, moment in ((employee, when), after)
                if person and moment
            }
            for person, month in targets:
                Statement._flag_pay_change(complaint.company_id, person, month, description)
        return res
