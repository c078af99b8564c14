from datetime import datetime, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.aftersales_dealer.models.aftersales_guards import (
    MIN_PLAUSIBLE_YEAR,
    is_aftersales_manager,
)

ACCIDENT_STATES = [
    ("reported", "Reported"),
    ("towing", "Towing"),
    ("assessment", "Loss Assessment"),
    ("repairing", "Repairing"),
    ("delivered", "Delivered"),
    ("claim_submitted", "Claim Submitted"),
    ("paid", "Paid"),
    ("closed", "Closed"),
]
# the state moves a write may make (the buttons make them); anything else is refused.
# Any open case can be closed; a closed case is reopened by the manager (action_reopen).
ACCIDENT_MOVES = {
    ("reported", "towing"),
    ("reported", "assessment"),
    ("towing", "assessment"),
    ("assessment", "repairing"),
    ("repairing", "delivered"),
    ("delivered", "claim_submitted"),
    ("claim_submitted", "paid"),
    # a collection removed reopens the claim (_update_paid_state)
    ("paid", "claim_submitted"),
} | {(state, "closed") for state, _label in ACCIDENT_STATES if state != "closed"}
# a clock a few minutes ahead is not a date in the future
FUTURE_SLACK = timedelta(minutes=10)


class AftersalesAccident(models.Model):
    _name = "aftersales.accident"
    _description = "Accident Case"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.truck.customer.mixin"]
    _order = "accident_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default=lambda self: _("New")
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        ACCIDENT_STATES,
        default="reported",
        required=True,
        copy=False,
        tracking=True,
        index=True,
        group_expand="_group_expand_states",
    )
    # report
    report_channel = fields.Selection(
        [("hotline", "24-Hour Hotline"), ("counter", "At the Counter")],
        string="Reported Through",
        default="hotline",
        required=True,
    )
    reported_date = fields.Datetime(
        string="Reported On", required=True, default=fields.Datetime.now, copy=False
    )
    accident_date = fields.Datetime(
        string="Accident Time", required=True, default=fields.Datetime.now, tracking=True
    )
    accident_place = fields.Char(string="Place")
    is_out_of_town = fields.Boolean(
        string="Out of Town", help="The accident happened outside the station's city."
    )
    police_involved = fields.Boolean()
    description = fields.Text()
    # people and truck
    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Truck",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
    )
    handler_id = fields.Many2one(
        "hr.employee",
        string="Accident Team Member",
        tracking=True,
        check_company=True,
        help="The accident-team member who helps the customer through the case.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    # insurance
    policy_id = fields.Many2one(
        "aftersales.insurance.policy",
        compute="_compute_policy_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        check_company=True,
        domain="[('vehicle_id', '=', vehicle_id)]",
    )
    insurer_id = fields.Many2one(
        "res.partner",
        compute="_compute_insurer_id",
        store=True,
        readonly=False,
        index=True,
        domain="[('is_insurer', '=', True)]",
        check_company=True,
    )
    insured_here = fields.Boolean(
        related="policy_id.sold_here",
        store=True,
        string="Insured Here",
        help="The truck's policy was sold by the station.",
    )
    claim_number = fields.Char(tracking=True)
    assessed_amount = fields.Monetary(
        string="Loss Assessment (定损)", currency_field="currency_id", tracking=True
    )
    assessment_date = fields.Date()
    direct_billing = fields.Boolean(
        string="Direct Billing (委托收款)",
        compute="_compute_direct_billing",
        store=True,
        readonly=False,
        help="The customer assigned his claim to the station, which collects from the insurer.",
    )
    # towing
    towed = fields.Boolean(string="Towed by the Station")
    tow_distance_km = fields.Float(string="Towing Distance (km)")
    tow_cost = fields.Monetary(
        string="Towing Cost",
        currency_field="currency_id",
        help="Borne by the station: towing is free.",
    )
    arrival_date = fields.Datetime(string="Arrived at Station", copy=False, tracking=True)
    # repair
    repair_ids = fields.One2many("repair.order", "accident_id", string="Repair Orders")
    repair_count = fields.Integer(compute="_compute_repair_count")
    repaired_here = fields.Boolean(
        compute="_compute_repaired_here",
        store=True,
        help="At least one repair order of the case was completed at the station.",
    )
    delivered_date = fields.Datetime(copy=False, readonly=True, tracking=True)
    claim_submitted_date = fields.Date(copy=False, readonly=True)
    paid_date = fields.Date(copy=False, readonly=True)
    close_reason = fields.Selection(
        [
            ("repaired_elsewhere", "Repaired Elsewhere"),
            ("no_claim", "No Claim / Customer Settled"),
            ("written_off", "Written Off"),
            ("other", "Other"),
        ],
        copy=False,
        tracking=True,
    )
    # money
    amount_billed_insurer = fields.Monetary(
        string="Billed to Insurer", currency_field="currency_id", tracking=True
    )
    amount_billed_customer = fields.Monetary(
        string="Billed to Customer",
        currency_field="currency_id",
        tracking=True,
        help="The deductible and what the insurance does not cover.",
    )
    amount_billed = fields.Monetary(
        compute="_compute_amounts", store=True, currency_field="currency_id"
    )
    payment_ids = fields.One2many(
        "aftersales.accident.payment", "accident_id", string="Collections", copy=False
    )
    amount_collected_insurer = fields.Monetary(
        compute="_compute_amounts", store=True, currency_field="currency_id"
    )
    amount_collected_customer = fields.Monetary(
        compute="_compute_amounts", store=True, currency_field="currency_id"
    )
    amount_collected = fields.Monetary(
        compute="_compute_amounts", store=True, currency_field="currency_id"
    )
    amount_outstanding = fields.Monetary(
        compute="_compute_amounts", store=True, currency_field="currency_id"
    )
    post_accident_followup_ids = fields.One2many(
        "aftersales.followup",
        "accident_id",
        string="Follow-Up Calls",
        domain=[("followup_type", "=", "post_accident")],
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("aftersales.accident") or _(
                    "New"
                )
            if vals.get("state", "reported") != "reported" and not is_aftersales_manager(self.env):
                raise AccessError(
                    _("An accident case starts as reported: only the manager can record one later.")
                )
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals and not self.env.su:
            labels = dict(self._fields["state"]._description_selection(self.env))
            for accident in self.filtered(lambda a: a.state != vals["state"]):
                move = (accident.state, vals["state"])
                if accident.state == "closed":
                    if not is_aftersales_manager(self.env):
                        raise AccessError(
                            _(
                                "Accident %(name)s is closed: only the after-sales manager can "
                                "reopen it.",
                                name=accident.name,
                            )
                        )
                elif move not in ACCIDENT_MOVES:
                    raise UserError(
                        _(
                            "Accident %(name)s cannot go from %(old)s to %(new)s.",
                            name=accident.name,
                            old=labels[move[0]],
                            new=labels[move[1]],
                        )
                    )
        return super().write(vals)

    def unlink(self):
        # collections and calls feed the team's figures: keep the case, close it instead
        if not self.env.su:
            kept = self.filtered(
                lambda a: (
                    a.payment_ids
                    or a.state not in ("reported", "towing")
                    or self.env["aftersales.followup"].search_count(
                        [("accident_id", "=", a.id)], limit=1
                    )
                )
            )
            if kept:
                raise UserError(
                    _(
                        "Accident %(name)s has collections, calls or a repair under way: it is "
                        "part of the station's history and cannot be deleted; close it instead.",
                        name=kept[0].name,
                    )
                )
        return super().unlink()

    def _group_expand_states(self, states, domain):
        return [key for key, _label in self._fields["state"].selection]

    @api.depends("vehicle_id", "accident_date")
    def _compute_policy_id(self):
        # one query for the whole batch, then pick the policy in force on each accident day
        policies = self.env["aftersales.insurance.policy"].search(
            [
                ("vehicle_id", "in", self.vehicle_id.ids),
                ("state", "in", ("active", "expired", "renewed")),
            ],
            order="date_start desc, id desc",
        )
        for accident in self:
            day = accident.accident_date and accident.company_id._aftersales_local_date(
                accident.accident_date
            )
            accident.policy_id = (
                day
                and policies.filtered(
                    lambda p, accident=accident, day=day: (
                        p.vehicle_id == accident.vehicle_id and p.date_start <= day <= p.date_end
                    )
                )[:1]
            )

    @api.depends("policy_id")
    def _compute_insurer_id(self):
        for accident in self:
            if accident.policy_id:
                accident.insurer_id = accident.policy_id.insurer_id

    @api.depends("insurer_id", "policy_id.agreement_id")
    def _compute_direct_billing(self):
        for accident in self:
            agreement = accident.policy_id.agreement_id or self.env[
                "aftersales.insurance.agreement"
            ]._find_for(
                accident.insurer_id,
                accident.company_id._aftersales_local_date(
                    accident.accident_date or fields.Datetime.now()
                ),
                accident.company_id,
            )
            accident.direct_billing = agreement.direct_billing_allowed

    def _compute_repair_count(self):
        counts = dict(
            self.env["repair.order"]._read_group(
                [("accident_id", "in", self._origin.ids)], ["accident_id"], ["__count"]
            )
        )
        for accident in self:
            accident.repair_count = counts.get(accident._origin, 0)

    @api.depends("repair_ids.state")
    def _compute_repaired_here(self):
        for accident in self:
            accident.repaired_here = "done" in accident.repair_ids.mapped("state")

    @api.depends(
        "amount_billed_insurer",
        "amount_billed_customer",
        "payment_ids.amount",
        "payment_ids.payer",
    )
    def _compute_amounts(self):
        for accident in self:
            by_insurer = accident.payment_ids.filtered(lambda p: p.payer == "insurer")
            by_customer = accident.payment_ids - by_insurer
            accident.amount_billed = (
                accident.amount_billed_insurer + accident.amount_billed_customer
            )
            accident.amount_collected_insurer = sum(by_insurer.mapped("amount"))
            accident.amount_collected_customer = sum(by_customer.mapped("amount"))
            accident.amount_collected = (
                accident.amount_collected_insurer + accident.amount_collected_customer
            )
            accident.amount_outstanding = accident.amount_billed - accident.amount_collected

    @api.constrains(
        "tow_distance_km",
        "tow_cost",
        "assessed_amount",
        "amount_billed_insurer",
        "amount_billed_customer",
    )
    def _check_non_negative(self):
        labels = {
            "tow_distance_km": _("The towing distance"),
            "tow_cost": _("The towing cost"),
            "assessed_amount": _("The loss assessment"),
            "amount_billed_insurer": _("The amount billed to the insurer"),
            "amount_billed_customer": _("The amount billed to the customer"),
        }
        for accident in self:
            for field_name, label in labels.items():
                if accident[field_name] < 0:
                    raise ValidationError(
                        _(
                            "%(what)s of accident %(name)s cannot be negative.",
                            what=label,
                            name=accident.name,
                        )
                    )

    @api.constrains("amount_billed_insurer", "amount_billed_customer")
    def _check_collected_within_billed(self):
        self._check_non_negative()  # a negative bill gets its own message
        self._check_collections()

    def _check_collections(self):
        currency_cmp = self.env.company.currency_id.compare_amounts
        for accident in self:
            currency = accident.currency_id
            cmp = currency.compare_amounts if currency else currency_cmp
            if cmp(accident.amount_collected_insurer, accident.amount_billed_insurer) > 0:
                raise ValidationError(
                    _(
                        "Accident %(name)s: %(collected)s collected from the insurer is more than "
                        "the %(billed)s billed to it.",
                        name=accident.name,
                        collected=accident.amount_collected_insurer,
                        billed=accident.amount_billed_insurer,
                    )
                )
            if cmp(accident.amount_collected_customer, accident.amount_billed_customer) > 0:
                raise ValidationError(
                    _(
                        "Accident %(name)s: %(collected)s collected from the customer is more than "
                        "the %(billed)s billed to him.",
                        name=accident.name,
                        collected=accident.amount_collected_customer,
                        billed=accident.amount_billed_customer,
                    )
                )

    @api.constrains("accident_date", "reported_date", "arrival_date")
    def _check_dates(self):
        latest = fields.Datetime.now() + FUTURE_SLACK
        earliest = datetime(MIN_PLAUSIBLE_YEAR, 1, 1)
        labels = {
            "accident_date": _("The accident time"),
            "reported_date": _("The report time"),
            "arrival_date": _("The arrival at the station"),
        }
        for accident in self:
            for fname, label in labels.items():
                value = accident[fname]
                if value and not earliest <= value <= latest:
                    raise ValidationError(
                        _(
                            "Accident %(name)s: %(what)s cannot be in the future or before "
                            "%(year)s.",
                            name=accident.name,
                            what=label,
                            year=MIN_PLAUSIBLE_YEAR,
                        )
                    )
            if accident.reported_date < accident.accident_date:
                raise ValidationError(
                    _(
                        "Accident %(name)s: it cannot be reported before it happened.",
                        name=accident.name,
                    )
                )
            if accident.arrival_date and accident.arrival_date < accident.accident_date:
                raise ValidationError(
                    _(
                        "Accident %(name)s: the truck cannot arrive before the accident.",
                        name=accident.name,
                    )
                )

    # ------------------------------------------------------------------ workflow

    def _check_state(self, allowed, action_label):
        state_labels = dict(self._fields["state"]._description_selection(self.env))
        for accident in self:
            if accident.state not in allowed:
                raise UserError(
                    _(
                        "Accident %(name)s is %(state)s: cannot %(action)s.",
                        name=accident.name,
                        state=state_labels[accident.state],
                        action=action_label,
                    )
                )

    def action_start_towing(self):
        self._check_state(("reported",), _("dispatch the tow truck"))
        self.write({"state": "towing", "towed": True})
        return True

    def action_arrive(self):
        self._check_state(("reported", "towing"), _("register its arrival"))
        now = fields.Datetime.now()
        for accident in self:
            accident.write({"state": "assessment", "arrival_date": accident.arrival_date or now})
        return True

    def _prepare_repair_values(self):
        self.ensure_one()
        return {
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
            "vehicle_id": self.vehicle_id.id,
            "visit_type": "accident",
            "accident_id": self.id,
            "internal_notes": self.description or False,
        }

    def action_start_repair(self):
        self._check_state(("assessment",), _("start the repair"))
        for accident in self:
            if accident.insurer_id and not accident.assessed_amount:
                raise UserError(
                    _(
                        "Accident %(name)s: enter the insurer's loss assessment before the "
                        "repair starts.",
                        name=accident.name,
                    )
                )
        without_repair = self.filtered(lambda a: not a.repair_ids)
        if without_repair:
            self.env["repair.order"].create([a._prepare_repair_values() for a in without_repair])
        self.write({"state": "repairing"})
        return True

    def action_deliver(self):
        self._check_state(("repairing",), _("deliver the truck"))
        for accident in self:
            states = set(accident.repair_ids.mapped("state"))
            if "done" not in states or states - {"done", "cancel"}:
                raise UserError(
                    _(
                        "Accident %(name)s: finish its repair orders before delivering the truck.",
                        name=accident.name,
                    )
                )
        now = fields.Datetime.now()
        for accident in self:
            # the repair orders know when the truck left; fall back on now
            repair_dates = [d for d in accident.repair_ids.mapped("delivered_date") if d]
            accident.write({"state": "delivered", "delivered_date": max(repair_dates, default=now)})
        return True

    def action_submit_claim(self):
        self._check_state(("delivered",), _("submit the claim"))
        for accident in self:
            if not accident.amount_billed:
                raise UserError(
                    _(
                        "Accident %(name)s: enter the amounts billed before submitting the claim.",
                        name=accident.name,
                    )
                )
            if accident.amount_billed_insurer and not accident.claim_number:
                raise UserError(
                    _(
                        "Accident %(name)s: enter the insurer's claim number first.",
                        name=accident.name,
                    )
                )
        today = fields.Date.context_today(self)
        self.write({"state": "claim_submitted", "claim_submitted_date": today})
        for accident in self:
            accident.activity_schedule(
                "aftersales_dealer_insurance.mail_activity_type_accident_collection",
                date_deadline=fields.Date.add(today, days=30),
                user_id=(accident.user_id or self.env.user).id,
            )
        self._update_paid_state()
        return True

    def action_mark_paid(self):
        self._check_state(("claim_submitted",), _("mark it paid"))
        if any(a.currency_id.compare_amounts(a.amount_outstanding, 0) > 0 for a in self):
            raise UserError(_("An accident case with an outstanding amount cannot be marked paid."))
        self.write({"state": "paid", "paid_date": fields.Date.context_today(self)})
        self.activity_feedback(
            ["aftersales_dealer_insurance.mail_activity_type_accident_collection"]
        )
        return True

    def action_close(self):
        self._check_state(
            (
                "reported",
                "towing",
                "assessment",
                "repairing",
                "delivered",
                "claim_submitted",
                "paid",
            ),
            _("close it"),
        )
        if any(
            not accident.close_reason for accident in self.filtered(lambda a: a.state != "paid")
        ):
            raise UserError(_("Choose why the accident case is closed before closing it."))
        self.write({"state": "closed"})
        return True

    def action_reopen(self):
        """The manager reopens a closed case where its dates say it stood."""
        if not is_aftersales_manager(self.env):
            raise AccessError(_("Only the after-sales manager can reopen an accident case."))
        self._check_state(("closed",), _("reopen it"))
        for accident in self:
            if accident.paid_date:
                state = "paid"
            elif accident.claim_submitted_date:
                state = "claim_submitted"
            elif accident.delivered_date:
                state = "delivered"
            elif accident.repair_ids:
                state = "repairing"
            elif accident.arrival_date:
                state = "assessment"
            else:
                state = "reported"
            accident.write({"state": state, "close_reason": False})
            accident.message_post(body=_("Reopened by %(user)s.", user=self.env.user.name))
        return True

    def _update_paid_state(self):
        """Collections settle a submitted claim, and reopen it when one is removed."""
        settled = self.filtered(
            lambda a: (
                a.state == "claim_submitted"
                and a.amount_billed
                and a.currency_id.compare_amounts(a.amount_outstanding, 0) <= 0
            )
        )
        settled.write({"state": "paid", "paid_date": fields.Date.context_today(self)})
        settled.activity_feedback(
            ["aftersales_dealer_insurance.mail_activity_type_accident_collection"],
            feedback=_("Fully collected."),
        )
        reopened = self.filtered(
            lambda a: (
                a.state == "paid" and a.currency_id.compare_amounts(a.amount_outstanding, 0) > 0
            )
        )
        reopened.write({"state": "claim_submitted", "paid_date": False})

    def action_view_repairs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("repair.action_repair_order_tree")
        action["domain"] = [("accident_id", "=", self.id)]
        action["context"] = {
            "default_accident_id": self.id,
            "default_vehicle_id": self.vehicle_id.id,
            "default_partner_id": self.partner_id.id,
            "default_visit_type": "accident",
        }
        return action

    # ------------------------------------------------------------------ figures

    @api.model
    def _get_return_rate(self, date_from, date_to, companies=None):
        """Share of accidents of trucks insured here that were repaired here (None when none)."""
        companies = companies or self.env.companies
        domain = [
            ("company_id", "in", companies.ids),
            ("insured_here", "=", True),
            ("accident_date", ">=", date_from),
            ("accident_date", "<", fields.Date.add(date_to, days=1)),
        ]
        counts = dict(self._read_group(domain, ["repaired_here"], ["__count"]))
        total = sum(counts.values())
        return counts.get(True, 0) / total if total else None
