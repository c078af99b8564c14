from datetime import datetime, time

import pytz

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
    aftersales_post_repair_delay_days = fields.Integer(
        string="Post-Repair Call After (days)",
        default=3,
        help="The post-repair call is due this many days after the truck was delivered.",
    )
    aftersales_maintenance_lead_days = fields.Integer(
        string="Maintenance Reminder Lead (days)",
        default=7,
        help="Call this many days before a truck's next maintenance is due.",
    )
    aftersales_inspection_lead_days = fields.Integer(
        string="Annual Inspection Reminder Lead (days)",
        default=30,
        help="Call this many days before a truck's annual inspection is due.",
    )
    aftersales_usage_check_days = fields.Integer(
        string="Usage Check After Silence (days)",
        default=90,
        help="A retained customer with no visit for this many days is called to ask how "
        "the trucks run, and becomes at risk.",
    )
    aftersales_followup_max_age_days = fields.Integer(
        string="Ignore Occasions Older Than (days)",
        default=30,
        help="Follow-ups are not generated for deliveries, due dates and reminders that "
        "passed more than this many days ago (e.g. history imported at go-live).",
    )
    aftersales_followup_max_attempts = fields.Integer(
        string="Call Attempts",
        default=3,
        help="How many times an unreachable customer is called before the follow-up is "
        "closed as unreachable.",
    )
    aftersales_followup_retry_days = fields.Integer(
        string="Retry Unreachable After (days)",
        default=1,
        help="An unreachable customer is called again this many days later.",
    )
    aftersales_followup_user_id = fields.Many2one(
        "res.users",
        string="Follow-Up Caller",
        help="The information clerk who gets the generated follow-up calls.",
    )
    aftersales_complaint_respond_hours = fields.Integer(
        string="Respond to Complaints Within (hours)",
        default=24,
    )
    aftersales_complaint_resolve_days = fields.Integer(
        string="Resolve Complaints Within (days)",
        default=7,
    )
    aftersales_quality_check_required = fields.Boolean(
        string="Final Quality Check Required",
        help="A truck is delivered only after a team leader or quality inspector who did not "
        "work on it has signed a passed final quality check.",
    )
    aftersales_inspection_interval_months = fields.Integer(
        string="Annual Inspection Interval (months)",
        default=12,
        help="Months between two inspections of a truck younger than the age limit.",
    )
    aftersales_inspection_old_age_years = fields.Integer(
        string="Older Trucks From (years)",
        default=10,
        help="From this age, counted from the registration date, trucks are inspected at "
        "the shorter interval.",
    )
    aftersales_inspection_old_interval_months = fields.Integer(
        string="Older Trucks' Inspection Interval (months)",
        default=6,
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

    @api.constrains(
        "aftersales_inspection_interval_months",
        "aftersales_inspection_old_age_years",
        "aftersales_inspection_old_interval_months",
    )
    def _check_aftersales_inspection_rules(self):
        for company in self:
            if (
                min(
                    company.aftersales_inspection_interval_months,
                    company.aftersales_inspection_old_age_years,
                    company.aftersales_inspection_old_interval_months,
                )
                <= 0
            ):
                raise ValidationError(
                    _("Annual inspection intervals and the age limit must be positive.")
                )

    def write(self, vals):
        res = super().write(vals)
        if "aftersales_retained_window_days" in vals:
            # the own brand reaches the segment through field dependencies; the window is
            # read from the company (or the current one for customers without a company),
            # which no dependency can express: recompute those companies' truck owners
            partners = self.env["res.partner"].search(
                [("vehicle_ids", "!=", False), ("company_id", "in", [*self.ids, False])]
            )
            partners._compute_aftersales_segment()
        return res

    @api.constrains(
        "aftersales_post_repair_delay_days",
        "aftersales_maintenance_lead_days",
        "aftersales_inspection_lead_days",
        "aftersales_usage_check_days",
        "aftersales_followup_max_age_days",
        "aftersales_followup_max_attempts",
        "aftersales_followup_retry_days",
        "aftersales_complaint_respond_hours",
        "aftersales_complaint_resolve_days",
    )
    def _check_aftersales_care_settings(self):
        for company in self:
            if (
                min(
                    company.aftersales_post_repair_delay_days,
                    company.aftersales_maintenance_lead_days,
                    company.aftersales_inspection_lead_days,
                    company.aftersales_followup_max_age_days,
                )
                < 0
            ):
                raise ValidationError(_("Follow-up delays and lead times cannot be negative."))
            if (
                min(
                    company.aftersales_usage_check_days,
                    company.aftersales_followup_max_attempts,
                    company.aftersales_followup_retry_days,
                    company.aftersales_complaint_respond_hours,
                    company.aftersales_complaint_resolve_days,
                )
                <= 0
            ):
                raise ValidationError(
                    _(
                        "The usage-check window, call attempts, retry delay and complaint "
                        "deadlines must be positive."
                    )
                )

    # station-day helpers: datetimes are stored in UTC, but a station's day (a call's due
    # date, a meeting's week) runs from its own midnight

    def _aftersales_tz(self):
        """The station's time zone: its address's, else the user's, else UTC."""
        self.ensure_one()
        return pytz.timezone(self.partner_id.tz or self.env.user.tz or "UTC")

    def _aftersales_day_start(self, day):
        """The station's midnight starting ``day``, as a naive UTC datetime."""
        midnight = self._aftersales_tz().localize(datetime.combine(day, time.min))
        return midnight.astimezone(pytz.utc).replace(tzinfo=None)

    def _aftersales_local_date(self, value):
        """The station's calendar day of the naive UTC datetime ``value``."""
        return pytz.utc.localize(value).astimezone(self._aftersales_tz()).date()

    def _aftersales_today(self):
        return self._aftersales_local_date(fields.Datetime.now())
