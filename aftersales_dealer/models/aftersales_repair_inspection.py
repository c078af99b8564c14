from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

INSPECTION_STAGES = [
    ("entry", "Entry Inspection"),
    ("in_process", "In-Process Inspection"),
    ("completion", "Completion Inspection"),
]


class AftersalesRepairInspection(models.Model):
    """Staged quality inspection of a repair (进厂检验、过程检验、竣工检验), signed by an
    inspector who did not work on the truck."""

    _name = "aftersales.repair.inspection"
    _description = "Staged Repair Inspection"
    _order = "repair_id, stage, id"
    _check_company_auto = True

    repair_id = fields.Many2one(
        "repair.order", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    stage = fields.Selection(INSPECTION_STAGES, required=True)
    inspector_id = fields.Many2one("hr.employee", required=True, check_company=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    result = fields.Selection(
        [("pass", "Passed"), ("fail", "Failed")], required=True, default="pass"
    )
    note = fields.Text(string="Findings")

    @api.constrains("inspector_id", "repair_id")
    def _check_inspector_not_technician(self):
        for inspection in self:
            repair = inspection.repair_id
            if inspection.inspector_id in repair._aftersales_technicians():
                raise ValidationError(
                    _(
                        "%(inspector)s worked on %(order)s and cannot inspect it: the "
                        "inspector must not be a technician of the order.",
                        inspector=inspection.inspector_id.name,
                        order=repair.name,
                    )
                )
