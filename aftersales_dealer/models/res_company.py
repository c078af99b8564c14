from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_own_brand_id = fields.Many2one(
        "fleet.vehicle.model.brand",
        string="Own Brand",
        help="The brand this station is an authorised dealer for (e.g. FAW Jiefang). "
        "Trucks of this brand count towards retained and potential customers.",
    )
    aftersales_retained_window_days = fields.Integer(
        string="Retained Customer Window (days)",
        default=365,
        help="A customer owning an own-brand truck who visited within this many days "
        "is a retained customer; otherwise a potential one.",
    )
    aftersales_maintenance_interval_km = fields.Integer(
        string="Default Maintenance Interval (km)",
        default=20000,
        help="Used for trucks whose vehicle model sets no interval.",
    )
    aftersales_maintenance_interval_days = fields.Integer(
        string="Default Maintenance Interval (days)",
        default=90,
        help="Used for trucks whose vehicle model sets no interval.",
    )

    @api.constrains(
        "aftersales_retained_window_days",
        "aftersales_maintenance_interval_km",
        "aftersales_maintenance_interval_days",
    )
    def _check_aftersales_windows(self):
        for company in self:
            if (
                company.aftersales_retained_window_days <= 0
                or company.aftersales_maintenance_interval_km <= 0
                or company.aftersales_maintenance_interval_days <= 0
            ):
                raise ValidationError(
                    _("After-sales windows and maintenance intervals must be positive.")
                )

    def write(self, vals):
        res = super().write(vals)
        if "aftersales_retained_window_days" in vals or "aftersales_own_brand_id" in vals:
            # the window is read from the company by a compute that cannot depend on it
            # for customers without a company: recompute every truck owner
            partners = self.env["res.partner"].search([("vehicle_ids", "!=", False)])
            partners._compute_aftersales_segment()
        return res
