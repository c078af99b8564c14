from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_insurance_renewal_days = fields.Integer(
        string="Insurance Renewal Call (days before expiry)",
        default=30,
        help="A renewal follow-up is created this many days before an active policy ends.",
    )

    @api.constrains("aftersales_insurance_renewal_days")
    def _check_aftersales_insurance_renewal_days(self):
        if any(company.aftersales_insurance_renewal_days <= 0 for company in self):
            raise ValidationError(
                _("The insurance renewal lead time must be a positive number of days.")
            )
