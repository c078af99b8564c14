from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_own_brand_id = fields.Many2one(
        related="company_id.aftersales_own_brand_id", readonly=False
    )
    aftersales_retained_window_days = fields.Integer(
        related="company_id.aftersales_retained_window_days", readonly=False
    )
    aftersales_maintenance_interval_km = fields.Integer(
        related="company_id.aftersales_maintenance_interval_km", readonly=False
    )
    aftersales_maintenance_interval_days = fields.Integer(
        related="company_id.aftersales_maintenance_interval_days", readonly=False
    )
    aftersales_post_repair_delay_days = fields.Integer(
        related="company_id.aftersales_post_repair_delay_days", readonly=False
    )
    aftersales_maintenance_lead_days = fields.Integer(
        related="company_id.aftersales_maintenance_lead_days", readonly=False
    )
    aftersales_inspection_lead_days = fields.Integer(
        related="company_id.aftersales_inspection_lead_days", readonly=False
    )
    aftersales_usage_check_days = fields.Integer(
        related="company_id.aftersales_usage_check_days", readonly=False
    )
    aftersales_followup_max_age_days = fields.Integer(
        related="company_id.aftersales_followup_max_age_days", readonly=False
    )
    aftersales_followup_max_attempts = fields.Integer(
        related="company_id.aftersales_followup_max_attempts", readonly=False
    )
    aftersales_followup_retry_days = fields.Integer(
        related="company_id.aftersales_followup_retry_days", readonly=False
    )
    aftersales_followup_user_id = fields.Many2one(
        related="company_id.aftersales_followup_user_id", readonly=False
    )
    aftersales_complaint_respond_hours = fields.Integer(
        related="company_id.aftersales_complaint_respond_hours", readonly=False
    )
    aftersales_complaint_resolve_days = fields.Integer(
        related="company_id.aftersales_complaint_resolve_days", readonly=False
    )
    aftersales_quality_check_required = fields.Boolean(
        related="company_id.aftersales_quality_check_required", readonly=False
    )
    aftersales_inspection_interval_months = fields.Integer(
        related="company_id.aftersales_inspection_interval_months", readonly=False
    )
    aftersales_inspection_old_age_years = fields.Integer(
        related="company_id.aftersales_inspection_old_age_years", readonly=False
    )
    aftersales_inspection_old_interval_months = fields.Integer(
        related="company_id.aftersales_inspection_old_interval_months", readonly=False
    )
