from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AftersalesInsuranceAgreement(models.Model):
    _name = "aftersales.insurance.agreement"
    _description = "Agreement with an Insurer"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    insurer_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_insurer', '=', True)]",
        check_company=True,
    )
    date_start = fields.Date(string="Valid From", required=True, default=fields.Date.context_today)
    date_end = fields.Date(string="Valid Until")
    active = fields.Boolean(default=True)
    settlement_limit = fields.Monetary(
        string="Settlement Authority",
        currency_field="currency_id",
        help="The station may settle accidents up to this amount without the insurer's assessor.",
    )
    has_assessment_point = fields.Boolean(
        string="On-site Assessment Point",
        help="The insurer assesses losses (定损) at the station.",
    )
    direct_billing_allowed = fields.Boolean(
        string="Direct Billing (委托收款)",
        help="The station may collect the repair payment from the insurer on the customer's "
        "behalf.",
    )
    commission_rate = fields.Float(string="Commission (%)", help="Commission on premiums sold.")
    note = fields.Html()

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for agreement in self:
            if agreement.date_end and agreement.date_end < agreement.date_start:
                raise ValidationError(
                    _("The agreement %(name)s ends before it starts.", name=agreement.name)
                )

    @api.constrains("settlement_limit", "commission_rate")
    def _check_amounts(self):
        for agreement in self:
            if agreement.settlement_limit < 0:
                raise ValidationError(_("The settlement authority cannot be negative."))
            if not 0 <= agreement.commission_rate <= 100:
                raise ValidationError(_("The commission rate must be between 0 and 100%."))

    @api.model
    def _find_for(self, insurer, date, company):
        """The agreement in force with ``insurer`` on ``date``, if any."""
        if not insurer or not date:
            return self.browse()
        return self.search(
            [
                ("insurer_id", "=", insurer.id),
                ("company_id", "=", company.id),
                ("date_start", "<=", date),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", date),
            ],
            limit=1,
        )
