from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

from odoo.addons.aftersales_dealer.models.aftersales_guards import is_aftersales_manager

# precommit data key: labour lines whose split must add up to 100 % at the end of the
# transaction (a form saves a split share by share, so the check cannot run per write)
PENDING_TOTALS = "aftersales.labor.share.pending_totals"


class AftersalesLaborShare(models.Model):
    _name = "aftersales.labor.share"
    _description = "Labour Line Share"
    _order = "labor_line_id, id"
    _check_company_auto = True

    labor_line_id = fields.Many2one(
        "aftersales.labor.line", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="labor_line_id.company_id", store=True, index=True)
    employee_id = fields.Many2one(
        "hr.employee", string="Technician", required=True, index=True, check_company=True
    )
    share = fields.Float(string="Share (%)", required=True, default=100.0)

    _sql_constraints = [
        ("share_range", "CHECK(share > 0 AND share <= 100)", "A share lies between 0 and 100 %."),
        (
            "employee_line_uniq",
            "unique(labor_line_id, employee_id)",
            "A technician appears once in the split of a labour line.",
        ),
    ]

    @api.depends("employee_id.name", "share")
    def _compute_display_name(self):
        for share in self:
            share.display_name = f"{share.employee_id.name or ''} {share.share:g}%"

    # ------------------------------------------------------------------ guards
    def _check_share_rights(self, labor_lines, employees):
        """Who may split the hours of ``labor_lines`` among ``employees``.

        Managers always (tracked on delivered orders). Otherwise only the order's service
        advisor or team leader, before delivery, and never to their own benefit: a split
        moves pay between colleagues.
        """
        if is_aftersales_manager(self.env):
            return
        orders = labor_lines.repair_id
        if orders.filtered(lambda order: order.delivered_date or order.state == "done"):
            raise UserError(
                _(
                    "The split of a delivered order's labour is locked: it has fed pay. "
                    "Ask an after-sales manager to change it."
                )
            )
        user = self.env.user
        if orders.filtered(
            lambda order: order.user_id != user and order.team_leader_id.user_id != user
        ):
            raise AccessError(
                _(
                    "Only the order's service advisor or team leader splits its labour "
                    "between technicians."
                )
            )
        if employees & user.employee_ids:
            raise AccessError(_("Nobody splits labour hours to themselves."))

    def _register_total_check(self, labor_lines):
        data = self.env.cr.precommit.data
        if PENDING_TOTALS not in data:
            self.env.cr.precommit.add(self._check_pending_totals)
        data.setdefault(PENDING_TOTALS, set()).update(labor_lines.ids)

    def _check_pending_totals(self):
        # popped first: a failed run must not leave stale ids that block later checks
        line_ids = self.env.cr.precommit.data.pop(PENDING_TOTALS, set())
        # sudo: the 100 % rule is checked on every line touched, also those of orders the
        # user no longer sees once the transaction's writes are done
        lines = self.env["aftersales.labor.line"].sudo().browse(line_ids).exists()
        lines._check_shares_total()

    def _track_delivered_change(self, labor_lines, description, employees=None):
        """A manager's change to a delivered order's split goes to the order's chatter;
        the statements of the order's people (and of ``employees``, who may have left the
        split) are flagged for review."""
        for order in labor_lines.repair_id.filtered(
            lambda order: order.delivered_date or order.state == "done"
        ):
            order._aftersales_flag_statements(description, employees)
            order.message_post(
                body=Markup("%s<br/>%s")
                % (
                    description,
                    _(
                        "Statements of the month still in draft follow on their next "
                        "computation; confirmed ones stay as confirmed."
                    ),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self.check_access("create")
        labor_lines = self.env["aftersales.labor.line"].browse(
            {vals["labor_line_id"] for vals in vals_list if vals.get("labor_line_id")}
        )
        employees = self.env["hr.employee"].browse(
            {vals["employee_id"] for vals in vals_list if vals.get("employee_id")}
        )
        self._check_share_rights(labor_lines, employees)
        shares = super().create(vals_list)
        self._register_total_check(shares.labor_line_id)
        self._track_delivered_change(
            shares.labor_line_id,
            _(
                "Labour split added by %(user)s: %(shares)s",
                user=self.env.user.name,
                shares=", ".join(shares.mapped("display_name")),
            ),
            shares.employee_id,
        )
        return shares

    def write(self, vals):
        self.check_access("write")
        labor_lines = self.labor_line_id
        employees = self.employee_id
        if vals.get("labor_line_id"):
            labor_lines |= labor_lines.browse(vals["labor_line_id"])
        if vals.get("employee_id"):
            employees |= employees.browse(vals["employee_id"])
        self._check_share_rights(labor_lines, employees)
        before = ", ".join(self.mapped("display_name"))
        result = super().write(vals)
        self._register_total_check(labor_lines)
        self._track_delivered_change(
            labor_lines,
            _(
                "Labour split changed by %(user)s: %(before)s → %(after)s",
                user=self.env.user.name,
                before=before,
                after=", ".join(self.mapped("display_name")),
            ),
            employees,
        )
        return result

    def unlink(self):
        labor_lines = self.labor_line_id
        employees = self.employee_id
        self._check_share_rights(labor_lines, employees)
        description = _(
            "Labour split removed by %(user)s: %(shares)s",
            user=self.env.user.name,
            shares=", ".join(self.mapped("display_name")),
        )
        result = super().unlink()
        self._register_total_check(labor_lines)
        self._track_delivered_change(labor_lines.exists(), description, employees)
        return result


class AftersalesLaborLine(models.Model):
    _inherit = "aftersales.labor.line"

    share_ids = fields.One2many(
        "aftersales.labor.share",
        "labor_line_id",
        string="Split",
        copy=True,
        help="Technicians who did this operation together and their share of its hours. "
        "Empty: the technician of the line earns all the hours.",
    )

    @api.constrains("share_ids")
    def _check_shares_total(self):
        for line in self.filtered("share_ids"):
            total = sum(line.share_ids.mapped("share"))
            if float_compare(total, 100.0, precision_digits=2):
                raise ValidationError(
                    _(
                        "The split of labour line %(line)s adds up to %(total)s %%, "
                        "it must make 100 %%.",
                        line=line.name,
                        total=total,
                    )
                )
