from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


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
