from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .aftersales_finding import FINDING_SEVERITIES


class AftersalesWashVisit(models.Model):
    _name = "aftersales.wash.visit"
    _description = "Car-Wash Visit"
    _inherit = ["mail.thread", "aftersales.opportunity.mixin", "aftersales.truck.customer.mixin"]
    _order = "visit_date desc, id desc"
    _check_company_auto = True

    license_plate = fields.Char(required=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Truck",
        compute="_compute_vehicle_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
    )
    visit_date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one("res.users", string="Recorded By", default=lambda self: self.env.user)
    usage_route = fields.Char(string="Route", help="Usual route, e.g. 百色—南宁.")
    usage_load = fields.Char(string="Load", help="What the truck carries and how heavy.")
    usage_purpose = fields.Selection(
        [
            ("logistics", "Long-Haul Logistics"),
            ("mining", "Mining and Construction"),
            ("agriculture", "Agricultural Produce"),
            ("urban", "Urban Delivery"),
            ("other", "Other"),
        ],
        string="Use",
    )
    opportunity = fields.Char(
        string="Spotted Opportunity", help="What the washer or advisor noticed on the truck."
    )
    severity = fields.Selection(FINDING_SEVERITIES, default="advice")
    remaining_days = fields.Integer(default=30)
    finding_id = fields.Many2one(
        "aftersales.finding", readonly=True, copy=False, check_company=True
    )

    _sql_constraints = [
        (
            "remaining_days_positive",
            "CHECK(remaining_days >= 0)",
            "Remaining days cannot be negative.",
        ),
    ]

    @api.constrains("remaining_days")
    def _check_remaining_days(self):
        if any(visit.remaining_days < 0 for visit in self):
            raise ValidationError(_("Remaining days cannot be negative."))

    @api.depends("license_plate", "company_id")
    def _compute_vehicle_id(self):
        plates = {self._normalize_plate(v.license_plate) for v in self if v.license_plate}
        vehicles = self.env["fleet.vehicle"]
        if plates:
            vehicles = vehicles.search(
                [
                    ("license_plate", "in", list(plates)),
                    ("company_id", "in", [False] + self.company_id.ids),
                ]
            )
        for visit in self:
            plate = self._normalize_plate(visit.license_plate)
            visit.vehicle_id = vehicles.filtered(
                lambda v, plate=plate, visit=visit: (
                    self._normalize_plate(v.license_plate) == plate
                    and v.company_id in (visit.company_id, self.env["res.company"])
                )
            )[:1]

    @api.model
    def _normalize_plate(self, plate):
        return (plate or "").replace(" ", "").upper()

    @api.depends("license_plate", "visit_date")
    def _compute_display_name(self):
        for visit in self:
            visit.display_name = "%s %s" % (
                visit.license_plate or "",
                fields.Date.to_string(fields.Datetime.to_datetime(visit.visit_date)) or "",
            )

    def action_create_finding(self):
        for visit in self:
            if visit.finding_id:
                continue
            if not visit.vehicle_id or not visit.opportunity:
                raise UserError(_("A finding needs a known truck and the spotted opportunity."))
            visit.finding_id = self.env["aftersales.finding"].create(
                {
                    "name": visit.opportunity,
                    "vehicle_id": visit.vehicle_id.id,
                    "partner_id": visit.partner_id.id,
                    "company_id": visit.company_id.id,
                    "stage": "pre_inspection",
                    "severity": visit.severity or "advice",
                    "remaining_days": visit.remaining_days,
                    "decision": "deferred",
                    "decision_date": fields.Date.to_date(visit.visit_date),
                }
            )
        return True

    def _prepare_opportunity_values(self):
        values = super()._prepare_opportunity_values()
        values.update(
            name=_(
                "%(plate)s: %(opportunity)s",
                plate=self.license_plate,
                opportunity=self.opportunity,
            ),
            user_id=self.user_id.id,
            description=self.usage_route or False,
        )
        return values

    def action_create_opportunity(self):
        self.ensure_one()
        if not self.opportunity:
            raise UserError(_("Describe the spotted opportunity first."))
        return super().action_create_opportunity()
