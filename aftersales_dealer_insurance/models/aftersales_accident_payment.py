from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


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

    @api.constrains("amount", "payer", "accident_id")
    def _check_within_billed(self):
        self.accident_id._check_collections()

    @api.model_create_multi
    def create(self, vals_list):
        payments = super().create(vals_list)
        payments.accident_id._update_paid_state()
        return payments

    def write(self, vals):
        accidents = self.accident_id
        res = super().write(vals)
        (accidents | self.accident_id)._update_paid_state()
        return res

    def unlink(self):
        accidents = self.accident_id
        res = super().unlink()
        accidents.exists()._update_paid_state()
        return res
