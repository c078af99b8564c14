from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .aftersales_finding import FINDING_SEVERITIES
from .aftersales_inspection_template import INSPECTION_SYSTEMS


class AftersalesPreInspection(models.Model):
    _name = "aftersales.pre.inspection"
    _description = "Pre-Inspection Form"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    repair_id = fields.Many2one(
        "repair.order", required=True, ondelete="cascade", index=True, check_company=True
    )
    name = fields.Char(related="repair_id.name")
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    vehicle_id = fields.Many2one(related="repair_id.vehicle_id", store=True)
    partner_id = fields.Many2one(related="repair_id.partner_id", store=True)
    user_id = fields.Many2one(
        "res.users",
        string="Inspected By",
        default=lambda self: self.env.user,
        tracking=True,
    )
    date = fields.Datetime(default=fields.Datetime.now, required=True)
    template_id = fields.Many2one(
        "aftersales.inspection.template",
        string="Checklist",
        compute="_compute_template_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    line_ids = fields.One2many("aftersales.pre.inspection.line", "inspection_id", string="Checks")
    state = fields.Selection(
        [("draft", "In Progress"), ("done", "Done")], default="draft", required=True, tracking=True
    )

    @api.depends("repair_id.vehicle_id")
    def _compute_template_id(self):
        for inspection in self:
            if not inspection.template_id and inspection.repair_id.vehicle_id:
                inspection.template_id = self.env["aftersales.inspection.template"]._for_vehicle(
                    inspection.repair_id.vehicle_id
                )

    @api.onchange("template_id")
    def _onchange_template_id(self):
        for inspection in self.filtered(lambda i: i.state == "draft"):
            inspection.line_ids = [fields.Command.clear()] + [
                fields.Command.create(
                    {
                        "item_id": item.id,
                        "system": item.system,
                        "name": item.name,
                        "sequence": item.sequence,
                    }
                )
                for item in inspection.template_id.item_ids
            ]

    def action_done(self):
        for inspection in self:
            if inspection.state == "done":
                raise UserError(_("This pre-inspection is already done."))
            unchecked = inspection.line_ids.filtered(lambda line: not line.result)
            if unchecked:
                raise UserError(
                    _(
                        "Check every item before closing the pre-inspection: %(items)s.",
                        items=", ".join(unchecked.mapped("name")),
                    )
                )
        self.line_ids.filtered(lambda line: line.result == "finding")._create_findings()
        self.write({"state": "done"})
        self.repair_id.write({"pre_inspection_done": True})
        return True

    def action_reset_draft(self):
        self.write({"state": "draft"})


class AftersalesPreInspectionLine(models.Model):
    _name = "aftersales.pre.inspection.line"
    _description = "Pre-Inspection Check"
    _order = "inspection_id, sequence, id"
    _check_company_auto = True

    inspection_id = fields.Many2one(
        "aftersales.pre.inspection", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="inspection_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    item_id = fields.Many2one("aftersales.inspection.template.item", string="Checklist Item")
    system = fields.Selection(INSPECTION_SYSTEMS, required=True, default="other")
    name = fields.Char(string="Check", required=True)
    result = fields.Selection([("ok", "OK"), ("finding", "Finding"), ("na", "Not Applicable")])
    note = fields.Char(string="Observation")
    severity = fields.Selection(FINDING_SEVERITIES)
    advice = fields.Char(string="Told the Customer")
    remaining_km = fields.Float()
    remaining_days = fields.Integer()
    estimated_amount = fields.Float()
    finding_id = fields.Many2one(
        "aftersales.finding", readonly=True, copy=False, check_company=True
    )

    @api.constrains("remaining_km", "remaining_days", "estimated_amount")
    def _check_figures(self):
        for line in self:
            if line.remaining_km < 0 or line.remaining_days < 0 or line.estimated_amount < 0:
                raise ValidationError(
                    _(
                        "Remaining life and estimated amount cannot be negative (%(check)s).",
                        check=line.name,
                    )
                )

    def _create_findings(self):
        findings = self.env["aftersales.finding"].create(
            [
                {
                    "name": line.note or line.name,
                    "repair_id": line.inspection_id.repair_id.id,
                    "company_id": line.inspection_id.company_id.id,
                    "vehicle_id": line.inspection_id.vehicle_id.id,
                    "partner_id": line.inspection_id.partner_id.id,
                    "stage": "pre_inspection",
                    "item_id": line.item_id.id,
                    "system": line.system,
                    "severity": line.severity or "soon",
                    "advice": line.advice,
                    "remaining_km": line.remaining_km,
                    "remaining_days": line.remaining_days,
                    "estimated_amount": line.estimated_amount,
                    "labor_standard_id": line.item_id.labor_standard_id.id,
                    "product_id": line.item_id.product_id.id,
                }
                for line in self
            ]
        )
        for line, finding in zip(self, findings, strict=True):
            line.finding_id = finding
        return findings
