from odoo import _, api, fields, models
from odoo.exceptions import UserError

# roles allowed to sign the final quality check besides a named quality inspector
QUALITY_CHECKER_ROLES = ("team_leader", "technical_manager")


class AftersalesQualityCheck(models.Model):
    _name = "aftersales.quality.check"
    _description = "Final Quality Check"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    repair_id = fields.Many2one(
        "repair.order", required=True, ondelete="cascade", index=True, check_company=True
    )
    name = fields.Char(related="repair_id.name")
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    vehicle_id = fields.Many2one(related="repair_id.vehicle_id", store=True)
    visit_type = fields.Selection(related="repair_id.visit_type", store=True)
    team_leader_id = fields.Many2one(related="repair_id.team_leader_id", store=True)
    checker_id = fields.Many2one(
        "hr.employee",
        string="Checked By",
        required=True,
        tracking=True,
        check_company=True,
        domain="['|', ('aftersales_role', 'in', ('team_leader', 'technical_manager')), "
        "('aftersales_quality_inspector', '=', True)]",
        help="A team leader or quality inspector who did not work on the order.",
    )
    date = fields.Datetime(default=fields.Datetime.now, required=True)
    template_id = fields.Many2one(
        "aftersales.quality.check.template",
        string="Checklist",
        compute="_compute_template_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    line_ids = fields.One2many("aftersales.quality.check.line", "check_id", string="Checks")
    failed_item_count = fields.Integer(compute="_compute_failed_item_count")
    state = fields.Selection(
        [("draft", "In Progress"), ("passed", "Passed"), ("failed", "Failed")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    note = fields.Text()

    @api.depends("repair_id.visit_type")
    def _compute_template_id(self):
        for check in self:
            if not check.template_id and check.repair_id:
                check.template_id = self.env["aftersales.quality.check.template"]._for_repair(
                    check.repair_id
                )

    @api.depends("line_ids.result")
    def _compute_failed_item_count(self):
        for check in self:
            check.failed_item_count = len(
                check.line_ids.filtered(lambda line: line.result == "fail")
            )

    @api.onchange("template_id")
    def _onchange_template_id(self):
        for check in self.filtered(lambda c: c.state == "draft"):
            check.line_ids = [fields.Command.clear()] + check._line_values()

    def _line_values(self):
        self.ensure_one()
        return [
            fields.Command.create(
                {
                    "item_id": item.id,
                    "system": item.system,
                    "name": item.name,
                    "sequence": item.sequence,
                }
            )
            for item in self.template_id.item_ids
        ]

    @api.model_create_multi
    def create(self, vals_list):
        checks = super().create(vals_list)
        for check in checks.filtered(lambda c: not c.line_ids and c.template_id):
            check.line_ids = check._line_values()
        return checks

    @api.constrains("checker_id", "repair_id")
    def _check_checker(self):
        for check in self:
            check.repair_id._aftersales_check_checker(check.checker_id)

    def write(self, vals):
        if self.filtered(lambda c: c.state != "draft") and set(vals) - {"note"}:
            raise UserError(_("A signed quality check cannot be changed; start a new one."))
        return super().write(vals)

    def unlink(self):
        if self.filtered(lambda c: c.state != "draft"):
            raise UserError(_("A signed quality check stays on the order's record."))
        return super().unlink()

    def action_sign(self):
        """Sign the check: all items pass, or the order goes back to the workshop."""
        is_manager = self.env.user.has_group("aftersales_dealer.group_aftersales_manager")
        for check in self:
            if check.state != "draft":
                raise UserError(_("This quality check is already signed."))
            # the checker signs in person; the manager may record a paper check
            if check.checker_id.user_id != self.env.user and not is_manager:
                raise UserError(
                    _(
                        "Only %(checker)s can sign this quality check.",
                        checker=check.checker_id.name,
                    )
                )
            if not check.line_ids:
                raise UserError(_("The quality check has no items to check."))
            unchecked = check.line_ids.filtered(lambda line: not line.result)
            if unchecked:
                raise UserError(
                    _(
                        "Check every item before signing the quality check: %(items)s.",
                        items=", ".join(unchecked.mapped("name")),
                    )
                )
        failed = self.filtered(lambda c: c.failed_item_count)
        passed = self - failed
        passed.write({"state": "passed", "date": fields.Datetime.now()})
        failed.write({"state": "failed", "date": fields.Datetime.now()})
        for check in passed:
            check.repair_id.write(
                {"quality_check_done": True, "quality_checker_id": check.checker_id.id}
            )
        for check in failed:
            check.repair_id._aftersales_quality_check_failed(check)
        return True

    @api.model
    def _is_qualified_checker(self, employee):
        return employee.aftersales_role in QUALITY_CHECKER_ROLES or (
            employee.aftersales_quality_inspector
        )
