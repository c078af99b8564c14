from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

VOID_REASONS = [
    ("spoiled", "Spoiled in printing or writing"),
    ("damaged", "Damaged or lost blank"),
    ("voided", "Voided by the authority"),
    ("other", "Other"),
]


class AftersalesCertificateVoid(models.Model):
    """A completion certificate number that was skipped or cancelled, with its reason:
    the register of numbers has no hole without one of these."""

    _name = "aftersales.certificate.void"
    _description = "Voided Completion Certificate"
    _order = "range_id, number"
    _check_company_auto = True

    range_id = fields.Many2one(
        "aftersales.certificate.range",
        string="Certificate Range",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    company_id = fields.Many2one(related="range_id.company_id", store=True, index=True)
    number = fields.Integer(readonly=True)
    certificate_number = fields.Char(compute="_compute_certificate_number", store=True)
    reason = fields.Selection(VOID_REASONS, required=True)
    note = fields.Text()
    user_id = fields.Many2one(
        "res.users", string="Recorded By", readonly=True, default=lambda self: self.env.user
    )
    date = fields.Datetime(readonly=True, default=fields.Datetime.now)

    _sql_constraints = [
        ("range_number_uniq", "unique(range_id, number)", "This number was already voided."),
    ]

    @api.depends("range_id", "number")
    def _compute_certificate_number(self):
        for void in self:
            void.certificate_number = (
                void.range_id._format_number(void.number)
                if void.range_id and void.number
                else False
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["user_id"] = self.env.user.id
            vals["date"] = fields.Datetime.now()
            vals["number"] = self._take_blank(vals.get("range_id"))
        return super().create(vals_list)

    @api.model
    def _take_blank(self, range_id):
        """Skip the next blank form of the range (the only one that can be spoiled
        before use, since the forms are used in order)."""
        cert_range = self.env["aftersales.certificate.range"].browse(range_id).exists()
        if not cert_range:
            raise UserError(_("Choose the certificate range of the spoiled form."))
        cert_range.check_access("read")
        cert_range.flush_recordset()
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET next_number = next_number + 1 "
                "WHERE id = %s AND next_number <= number_to RETURNING next_number - 1",
                SQL.identifier(cert_range._table),
                cert_range.id,
            )
        )
        row = self.env.cr.fetchone()
        cert_range.invalidate_recordset(["next_number"])
        cert_range.modified(["next_number"])
        if not row:
            raise UserError(
                _("The range %(range)s has no blank form left.", range=cert_range.display_name)
            )
        return row[0]

    def write(self, vals):
        if set(vals) - {"note"}:
            raise UserError(_("A voided certificate cannot be changed, only annotated."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("A voided certificate stays on record: it cannot be deleted."))
