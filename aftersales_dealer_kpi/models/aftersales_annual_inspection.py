from odoo import api, fields, models


class AftersalesAnnualInspection(models.Model):
    _name = "aftersales.annual.inspection"
    _description = "Annual Inspection Handled"
    _inherit = ["mail.thread", "aftersales.truck.customer.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", compute="_compute_name", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    vehicle_id = fields.Many2one("fleet.vehicle", string="Truck", required=True, check_company=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Handled By",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    passed = fields.Boolean(default=True)
    fee = fields.Monetary(help="Service fee charged to the customer.")
    currency_id = fields.Many2one(related="company_id.currency_id")
    note = fields.Text()

    _sql_constraints = [
        ("fee_positive", "CHECK(fee >= 0)", "An inspection fee cannot be negative."),
    ]

    @api.depends("vehicle_id.license_plate", "date")
    def _compute_name(self):
        for inspection in self:
            inspection.name = f"{inspection.vehicle_id.license_plate or ''} {inspection.date or ''}"

    @api.model_create_multi
    def create(self, vals_list):
        inspections = super().create(vals_list)
        # A passed inspection moves the truck's next due date on by the age rule.
        for inspection in inspections.filtered("passed"):
            vehicle = inspection.vehicle_id
            next_due = vehicle._aftersales_next_inspection_date(inspection.date)
            if not vehicle.annual_inspection_date or vehicle.annual_inspection_date < next_due:
                vehicle.annual_inspection_date = next_due
        return inspections
