from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.aftersales_dealer.models.aftersales_guards import (
    MIN_PLAUSIBLE_YEAR,
    is_aftersales_manager,
)


class AftersalesAccidentPayment(models.Model):
    _name = "aftersales.accident.payment"
    _description = "Accident Repair Collection"
    _order = "date desc, id desc"
    _check_company_auto = True

    accident_id = fields.Many2one(
        "aftersales.accident", string="Accident Case", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="accident_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="accident_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    payer = fields.Selection(
        [("insurer", "Insurer"), ("customer", "Customer")], required=True, default="insurer"
    )
    insurer_id = fields.Many2one(related="accident_id.insurer_id", store=True)
    partner_id = fields.Many2one(related="accident_id.partner_id", store=True, string="Customer")
    amount = fields.Monetary(required=True, currency_field="currency_id")
    reference = fields.Char(help="Bank transfer or receipt number.")

    @api.constrains("amount")
    def _check_amount(self):
        for payment in self:
            if payment.currency_id.compare_amounts(payment.amount, 0) <= 0:
                raise ValidationError(
                    _(
                        "A collection on accident %(name)s must be a positive amount.",
                        name=payment.accident_id.name,
                    )
                )

    @api.constrains("date", "accident_id")
    def _check_date(self):
        for payment in self:
            company = payment.company_id or self.env.company
            today = company._aftersales_today()
            accident_day = company._aftersales_local_date(payment.accident_id.accident_date)
            if not max(accident_day, date(MIN_PLAUSIBLE_YEAR, 1, 1)) <= payment.date <= today:
                raise ValidationError(
                    _(
                        "A collection on accident %(name)s cannot be dated %(date)s: it must lie "
                        "between the accident day (%(accident)s) and today.",
                        name=payment.accident_id.name,
                        date=payment.date,
                        accident=accident_day,
                    )
                )

    def _check_accident_open(self, accidents=None):
        closed = (self.accident_id if accidents is None else accidents).filtered(
            lambda a: a.state == "closed"
        )
        if closed and not is_aftersales_manager(self.env):
            raise AccessError(
                _(
                    "Accident %(name)s is closed: only the after-sales manager can change its "
                    "collections.",
                    name=closed[0].name,
                )
            )

    @api.constrains("amount", "payer", "accident_id")
    def _check_within_billed(self):
        self.accident_id._check_collections()

    @api.model_create_multi
    def create(self, vals_list):
        self._check_accident_open(
            self.env["aftersales.accident"].browse(
                [vals["accident_id"] for vals in vals_list if vals.get("accident_id")]
            )
        )
        payments = super().create(vals_list)
        payments.accident_id._update_paid_state()
        return payments

    def write(self, vals):
        self._check_accident_open()
        if vals.get("accident_id"):
            self._check_accident_open(self.env["aftersales.accident"].browse(vals["accident_id"]))
        accidents = self.accident_id
        res = super().write(vals)
        (accidents | self.accident_id)._update_paid_state()
        return res

    def unlink(self):
        self._check_accident_open()
        accidents = self.accident_id
        res = super().unlink()
        accidents.exists()._update_paid_state()
        return res
