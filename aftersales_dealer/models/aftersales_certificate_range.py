from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL


class AftersalesCertificateRange(models.Model):
    """A block of pre-printed completion certificates (机动车维修竣工出厂合格证) received
    from the transport authority. Numbers are used strictly in order: ``next_number`` only
    moves forward, each step is either a delivered order or a recorded void."""

    _name = "aftersales.certificate.range"
    _description = "Completion Certificate Range"
    _inherit = ["mail.thread"]
    _order = "company_id, number_from, id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    prefix = fields.Char(help="Printed before the number, e.g. the province code.")
    number_from = fields.Integer(required=True, tracking=True)
    number_to = fields.Integer(required=True, tracking=True)
    padding = fields.Integer(default=8, help="Digits of the printed number.")
    next_number = fields.Integer(
        readonly=True,
        copy=False,
        help="Lowest number of the range not yet issued nor voided.",
    )
    received_date = fields.Date(default=fields.Date.context_today, tracking=True)
    issuing_authority = fields.Char(help="Transport authority that issued the forms.")
    remaining_count = fields.Integer(compute="_compute_remaining_count", string="Remaining")
    void_ids = fields.One2many("aftersales.certificate.void", "range_id", string="Voided Numbers")
    repair_ids = fields.One2many("repair.order", "certificate_range_id", string="Issued To")
    active = fields.Boolean(default=True)
    display_name = fields.Char(compute="_compute_display_name")

    _sql_constraints = [
        (
            "numbers_valid",
            "CHECK(number_from > 0 AND number_to >= number_from "
            "AND next_number >= number_from AND next_number <= number_to + 1)",
            "A certificate range runs from a positive number up to a number not below it.",
        ),
    ]

    @api.depends("prefix", "number_from", "number_to")
    def _compute_display_name(self):
        for cert_range in self:
            cert_range.display_name = "%s – %s" % (
                cert_range._format_number(cert_range.number_from),
                cert_range._format_number(cert_range.number_to),
            )

    @api.depends("next_number", "number_to")
    def _compute_remaining_count(self):
        for cert_range in self:
            cert_range.remaining_count = max(cert_range.number_to - cert_range.next_number + 1, 0)

    def _format_number(self, number):
        self.ensure_one()
        return "%s%s" % (self.prefix or "", str(number).zfill(self.padding or 1))

    @api.constrains("number_from", "number_to", "prefix", "company_id")
    def _check_numbers(self):
        for cert_range in self:
            if cert_range.number_from <= 0 or cert_range.number_to < cert_range.number_from:
                raise ValidationError(
                    _(
                        "A certificate range runs from a positive number up to a number not "
                        "below it (%(start)s – %(end)s).",
                        start=cert_range.number_from,
                        end=cert_range.number_to,
                    )
                )
            overlap = self.with_context(active_test=False).search_count(
                [
                    ("id", "!=", cert_range.id),
                    ("company_id", "=", cert_range.company_id.id),
                    ("prefix", "=", cert_range.prefix),
                    ("number_from", "<=", cert_range.number_to),
                    ("number_to", ">=", cert_range.number_from),
                ],
                limit=1,
            )
            if overlap:
                raise ValidationError(
                    _(
                        "The range %(range)s overlaps another range of the same prefix: "
                        "a certificate number can exist only once.",
                        range=cert_range.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["next_number"] = vals.get("number_from")
        return super().create(vals_list)

    def write(self, vals):
        if "next_number" in vals and not self.env.context.get("aftersales_certificate_issue"):
            raise UserError(_("Certificate numbers advance only by issuing or voiding them."))
        if {"number_from", "prefix", "company_id"} & set(vals) and any(
            cert_range.next_number != cert_range.number_from for cert_range in self
        ):
            raise UserError(
                _("The start and prefix of a range cannot change once a number was used.")
            )
        if "number_from" in vals:
            vals = dict(vals, next_number=vals["number_from"])
            self = self.with_context(aftersales_certificate_issue=True)
        if "number_to" in vals and any(
            vals["number_to"] < cert_range.next_number - 1 for cert_range in self
        ):
            raise UserError(_("A range cannot be shortened below a number already used."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if any(cert_range.next_number != cert_range.number_from for cert_range in self):
            raise UserError(_("A range whose numbers were used cannot be deleted: archive it."))

    @api.model
    def _take_next_number(self, company):
        """Consume the lowest free number of ``company``'s ranges; ``(range, number)``.

        One ``UPDATE`` on the range row locks it: a concurrent delivery waits for this
        transaction, then fails with a serialization error that Odoo retries, so two
        deliveries never get the same number and never leave a hole. Issuing a number is
        part of delivering, not an edit of the register: users only read ranges.
        """
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """
                UPDATE %(table)s SET next_number = next_number + 1
                 WHERE id = (
                    SELECT id FROM %(table)s
                     WHERE company_id = %(company)s AND active AND next_number <= number_to
                     ORDER BY number_from, id
                     LIMIT 1
                       FOR UPDATE
                 )
                RETURNING id, next_number - 1
                """,
                table=SQL.identifier(self._table),
                company=company.id,
            )
        )
        row = self.env.cr.fetchone()
        if not row:
            return self.browse(), None
        cert_range = self.browse(row[0])
        cert_range.invalidate_recordset(["next_number"])
        cert_range.modified(["next_number"])
        return cert_range, row[1]
