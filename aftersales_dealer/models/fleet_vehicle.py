import logging
import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL
from odoo.tools.sql import index_exists

from .aftersales_guards import MAX_ODOMETER_KM, MAX_PLATE_LENGTH, MIN_PLAUSIBLE_YEAR
from .fleet_vehicle_model import AXLE_CONFIGURATIONS

_logger = logging.getLogger(__name__)
# two trucks without company cannot share a VIN, even created at the same moment
VIN_NO_COMPANY_INDEX = "fleet_vehicle_vin_no_company_uniq"

# ISO 3779: 17 characters, digits and capital letters except I, O and Q
VIN_PATTERN = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    customer_id = fields.Many2one(
        "res.partner",
        tracking=True,
        index=True,
        check_company=True,
        help="The owner of the truck, who is the station's customer.",
    )
    is_own_brand = fields.Boolean(
        string="Own Brand",
        compute="_compute_is_own_brand",
        store=True,
        help="The truck is of the brand this station is a dealer for.",
    )
    axle_configuration = fields.Selection(
        AXLE_CONFIGURATIONS,
        compute="_compute_truck_data",
        store=True,
        readonly=False,
    )
    gross_vehicle_weight = fields.Float(
        string="Gross Vehicle Weight (t)",
        compute="_compute_truck_data",
        store=True,
        readonly=False,
    )
    engine_model = fields.Char(compute="_compute_truck_data", store=True, readonly=False)
    engine_hours = fields.Float(help="Engine running hours at the last reading.")
    maintenance_interval_km = fields.Integer(
        string="Maintenance Interval (km)",
        compute="_compute_maintenance_intervals",
        store=True,
        readonly=False,
    )
    maintenance_interval_days = fields.Integer(
        string="Maintenance Interval (days)",
        compute="_compute_maintenance_intervals",
        store=True,
        readonly=False,
    )
    last_maintenance_date = fields.Date(tracking=True)
    last_maintenance_odometer = fields.Float(
        string="Odometer at Last Maintenance",
        help="Kilometres on the odometer when the last maintenance was done.",
    )
    odometer_log_ids = fields.One2many(
        "fleet.vehicle.odometer", "vehicle_id", string="Odometer History"
    )
    next_maintenance_date = fields.Date(
        compute="_compute_next_maintenance_date",
        store=True,
        help="The earlier of: the last maintenance plus the interval in days, and the day "
        "the interval in kilometres will be reached at the mileage rate of the "
        "odometer history.",
    )
    annual_inspection_date = fields.Date(
        string="Annual Inspection Due", tracking=True, help="Next annual inspection (年审) due."
    )
    last_visit_date = fields.Date(
        readonly=True, help="Last day the truck was received at the station."
    )
    repair_order_ids = fields.One2many("repair.order", "vehicle_id", string="Repair Orders")
    repair_order_count = fields.Integer(compute="_compute_repair_order_count")

    _sql_constraints = [
        (
            "vin_company_uniq",
            "unique(vin_sn, company_id)",
            "Another truck of this company already has this VIN.",
        ),
        (
            "truck_figures_positive",
            "CHECK(engine_hours >= 0 AND gross_vehicle_weight >= 0 "
            "AND last_maintenance_odometer >= 0 AND maintenance_interval_km >= 0 "
            "AND maintenance_interval_days >= 0)",
            "Engine hours, weight, odometer and maintenance intervals cannot be negative.",
        ),
    ]

    @api.depends("brand_id", "company_id.aftersales_own_brand_id")
    def _compute_is_own_brand(self):
        for vehicle in self:
            own_brand = (vehicle.company_id or self.env.company).aftersales_own_brand_id
            vehicle.is_own_brand = bool(own_brand) and vehicle.brand_id == own_brand

    @api.depends("model_id")
    def _compute_truck_data(self):
        for vehicle in self:
            model = vehicle.model_id
            vehicle.axle_configuration = model.axle_configuration
            vehicle.gross_vehicle_weight = model.gross_vehicle_weight
            vehicle.engine_model = model.engine_model

    @api.depends("model_id", "company_id")
    def _compute_maintenance_intervals(self):
        for vehicle in self:
            company = vehicle.company_id or self.env.company
            vehicle.maintenance_interval_km = (
                vehicle.model_id.maintenance_interval_km
                or company.aftersales_maintenance_interval_km
            )
            vehicle.maintenance_interval_days = (
                vehicle.model_id.maintenance_interval_days
                or company.aftersales_maintenance_interval_days
            )

    @api.depends(
        "last_maintenance_date",
        "last_maintenance_odometer",
        "acquisition_date",
        "maintenance_interval_km",
        "maintenance_interval_days",
        "odometer_log_ids.value",
        "odometer_log_ids.date",
    )
    def _compute_next_maintenance_date(self):
        # readings never go back (see fleet.vehicle.odometer), so the earliest reading
        # has the lowest value and the latest the highest: one grouped query for all
        history = {
            vehicle.id: (first_date, last_date, low, high)
            for vehicle, first_date, last_date, low, high in self.env[
                "fleet.vehicle.odometer"
            ]._read_group(
                [("vehicle_id", "in", [vid for vid in self._origin.ids if vid])],
                ["vehicle_id"],
                ["date:min", "date:max", "value:min", "value:max"],
            )
        }
        for vehicle in self:
            candidates = []
            baseline = vehicle.last_maintenance_date or vehicle.acquisition_date
            if baseline and vehicle.maintenance_interval_days:
                candidates.append(baseline + timedelta(days=vehicle.maintenance_interval_days))
            first_date, last_date, low, high = history.get(vehicle._origin.id, (None,) * 4)
            if vehicle.maintenance_interval_km and first_date and last_date > first_date:
                km_per_day = (high - low) / (last_date - first_date).days
                if km_per_day > 0:
                    target = vehicle.last_maintenance_odometer + vehicle.maintenance_interval_km
                    days_left = int((target - high) // km_per_day)
                    candidates.append(last_date + timedelta(days=days_left))
            vehicle.next_maintenance_date = min(candidates) if candidates else False

    def _aftersales_next_inspection_date(self, from_date):
        """Next annual inspection (年审) after one on ``from_date``: the company's interval,
        the shorter one once the truck has reached the age limit counted from its
        registration date (``acquisition_date``)."""
        self.ensure_one()
        company = self.company_id or self.env.company
        months = company.aftersales_inspection_interval_months or 12
        age_limit = company.aftersales_inspection_old_age_years
        if (
            self.acquisition_date
            and age_limit
            and from_date >= self.acquisition_date + relativedelta(years=age_limit)
        ):
            months = company.aftersales_inspection_old_interval_months or months
        return from_date + relativedelta(months=months)

    def _get_odometer(self):
        # fleet searches the last reading truck by truck: one grouped query for the list
        last_values = dict(
            self.env["fleet.vehicle.odometer"]._read_group(
                [("vehicle_id", "in", self._origin.ids)], ["vehicle_id"], ["value:max"]
            )
        )
        for vehicle in self:
            vehicle.odometer = last_values.get(vehicle._origin, 0)

    def _compute_repair_order_count(self):
        counts = dict(
            self.env["repair.order"]._read_group(
                [("vehicle_id", "in", self._origin.ids)], ["vehicle_id"], ["__count"]
            )
        )
        for vehicle in self:
            vehicle.repair_order_count = counts.get(vehicle._origin, 0)

    @api.constrains("vin_sn")
    def _check_vin(self):
        for vehicle in self:
            if vehicle.vin_sn and not VIN_PATTERN.match(vehicle.vin_sn):
                raise ValidationError(
                    _(
                        "The VIN %(vin)s is not valid: a VIN has 17 characters, digits and "
                        "capital letters without I, O and Q (ISO 3779).",
                        vin=vehicle.vin_sn,
                    )
                )

    @api.constrains("vin_sn", "company_id")
    def _check_vin_unique(self):
        """One truck per VIN in a company, and a truck shared by every company (no company)
        clashes with any: the SQL rule alone lets empty companies through."""
        # no flush: the record's own row would hit the unique rules before this clear message
        for vehicle in self.filtered("vin_sn"):
            # plain SQL: the clash may be with a truck of a company the user cannot see
            self.env.cr.execute(
                SQL(
                    "SELECT 1 FROM fleet_vehicle WHERE vin_sn = %s AND id != %s "
                    "AND (company_id IS NULL OR %s IS NULL OR company_id = %s) LIMIT 1",
                    vehicle.vin_sn,
                    vehicle._origin.id or 0,  # 0: a truck not yet created
                    vehicle.company_id.id or None,
                    vehicle.company_id.id or None,
                )
            )
            if self.env.cr.fetchone():
                raise ValidationError(
                    _("Another truck already has the VIN %(vin)s.", vin=vehicle.vin_sn)
                )

    @api.constrains("license_plate")
    def _check_license_plate(self):
        for vehicle in self:
            if vehicle.license_plate and len(vehicle.license_plate) > MAX_PLATE_LENGTH:
                raise ValidationError(
                    _(
                        "A licence plate has at most %(max)s characters.",
                        max=MAX_PLATE_LENGTH,
                    )
                )

    @api.constrains("last_maintenance_odometer", "last_maintenance_date", "annual_inspection_date")
    def _check_plausible_figures(self):
        today = fields.Date.context_today(self)
        earliest = date(MIN_PLAUSIBLE_YEAR, 1, 1)
        for vehicle in self:
            if vehicle.last_maintenance_odometer > MAX_ODOMETER_KM:
                raise ValidationError(
                    _(
                        "%(vehicle)s: an odometer above %(max)s km at the last maintenance is "
                        "not plausible.",
                        vehicle=vehicle.display_name,
                        max=int(MAX_ODOMETER_KM),
                    )
                )
            last = vehicle.last_maintenance_date
            if last and not earliest <= last <= today + relativedelta(days=1):
                raise ValidationError(
                    _(
                        "%(vehicle)s: the last maintenance on %(date)s must lie between "
                        "%(earliest)s and today.",
                        vehicle=vehicle.display_name,
                        date=last,
                        earliest=earliest,
                    )
                )
            due = vehicle.annual_inspection_date
            # inspections come at most a year apart: the next one is due within two years
            if due and not earliest <= due <= today + relativedelta(years=2):
                raise ValidationError(
                    _(
                        "%(vehicle)s: an annual inspection due on %(date)s is not plausible; "
                        "it must lie between %(earliest)s and two years from today.",
                        vehicle=vehicle.display_name,
                        date=due,
                        earliest=earliest,
                    )
                )

    @api.model
    def _normalize_vin(self, vals):
        if vals.get("vin_sn"):
            vals["vin_sn"] = vals["vin_sn"].strip().replace(" ", "").upper()
        return vals

    def init(self):
        super().init()
        if index_exists(self.env.cr, VIN_NO_COMPANY_INDEX):
            return
        # trucks of 18.0.1.0.0 may share a VIN without company: report them, keep upgrading
        self.env.cr.execute(
            SQL(
                "SELECT vin_sn FROM fleet_vehicle WHERE company_id IS NULL AND vin_sn IS NOT NULL "
                "GROUP BY vin_sn HAVING count(*) > 1"
            )
        )
        duplicates = [vin for (vin,) in self.env.cr.fetchall()]
        if duplicates:
            _logger.warning(
                "Trucks without company share the VINs %s: index %s not created; merge or "
                "correct them and update the module.",
                ", ".join(duplicates),
                VIN_NO_COMPANY_INDEX,
            )
            return
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX %s ON fleet_vehicle (vin_sn) "
                "WHERE company_id IS NULL AND vin_sn IS NOT NULL",
                SQL.identifier(VIN_NO_COMPANY_INDEX),
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._normalize_vin(vals) for vals in vals_list]
        # the row is inserted before the constraints run: check a truck without company first
        for vals in vals_list:
            if vals.get("vin_sn") and "company_id" in vals and not vals["company_id"]:
                self.new({"vin_sn": vals["vin_sn"], "company_id": False})._check_vin_unique()
        return super().create(vals_list)

    def write(self, vals):
        return super().write(self._normalize_vin(vals))

    def action_view_repair_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("repair.action_repair_order_tree")
        action.update(
            domain=[("vehicle_id", "=", self.id)],
            context={
                "default_vehicle_id": self.id,
                "default_partner_id": self.customer_id.id,
            },
        )
        return action

    def action_view_odometer_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "fleet.fleet_vehicle_odometer_action"
        )
        action.update(
            domain=[("vehicle_id", "=", self.id)],
            context={"default_vehicle_id": self.id},
        )
        return action
