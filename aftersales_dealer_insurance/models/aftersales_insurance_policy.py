from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.aftersales_dealer.models.aftersales_guards import (
    MIN_PLAUSIBLE_YEAR,
    changes_since,
    is_aftersales_manager,
    records_changing,
    snapshot,
)

POLICY_STATES = [
    ("draft", "Draft"),
    ("active", "Active"),
    ("expired", "Expired"),
    ("renewed", "Renewed"),
    ("cancelled", "Cancelled"),
]
DRAFT_NUMBER = "/"
# the state moves a write may make, and who may make them; anything else is refused
POLICY_MOVES = {
    ("draft", "active"): "user",
    ("draft", "expired"): "user",
    ("active", "expired"): "user",
    ("active", "renewed"): "user",
    ("expired", "renewed"): "user",
    ("draft", "cancelled"): "user",
    # a sold policy pays its seller: only the manager takes it back
    ("active", "cancelled"): "manager",
    ("expired", "cancelled"): "manager",
    ("cancelled", "draft"): "manager",
}
# who sold it and what it is worth: frozen once the policy is no longer a draft, except
# for the manager (the premium is the sum of the coverage lines, locked likewise)
POLICY_LOCKED_FIELDS = ("sold_by_id", "sold_here", "vehicle_id", "date_start", "date_end")
# one truck's yearly premium above this is a typing error, not a sale (CNY)
MAX_POLICY_PREMIUM = 200_000
MAX_POLICY_YEARS = 3


class AftersalesInsurancePolicy(models.Model):
    _name = "aftersales.insurance.policy"
    _description = "Insurance Policy"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.truck.customer.mixin"]
    _order = "date_end desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Policy Number",
        required=True,
        copy=False,
        default=DRAFT_NUMBER,
        tracking=True,
        help="The number the insurer gave the policy; needed to activate it.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
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
        string="Insured Customer",
        required=True,
        index=True,
        tracking=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
    )
    insurer_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_insurer', '=', True)]",
        check_company=True,
    )
    agreement_id = fields.Many2one(
        "aftersales.insurance.agreement",
        compute="_compute_agreement_id",
        store=True,
        readonly=False,
        check_company=True,
        domain="[('insurer_id', '=', insurer_id)]",
    )
    line_ids = fields.One2many(
        "aftersales.insurance.policy.line", "policy_id", string="Coverages", copy=True
    )
    premium = fields.Monetary(
        compute="_compute_premium", store=True, currency_field="currency_id", tracking=True
    )
    sum_insured = fields.Monetary(
        string="Total Sum Insured",
        compute="_compute_premium",
        store=True,
        currency_field="currency_id",
    )
    date_start = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    date_end = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self) + relativedelta(years=1, days=-1),
        tracking=True,
    )
    state = fields.Selection(
        POLICY_STATES, default="draft", required=True, copy=False, tracking=True, index=True
    )
    sold_by_id = fields.Many2one(
        "hr.employee",
        tracking=True,
        check_company=True,
        default=lambda self: self.env.user.employee_id,
        help="Every employee sells insurance: the one who closed this policy.",
    )
    sold_here = fields.Boolean(
        default=True, help="The policy was sold by the station (not bought elsewhere)."
    )
    previous_policy_id = fields.Many2one(
        "aftersales.insurance.policy",
        copy=False,
        index="btree_not_null",
        check_company=True,
    )
    renewal_ids = fields.One2many(
        "aftersales.insurance.policy", "previous_policy_id", string="Renewals"
    )
    promotion_ids = fields.Many2many(
        "aftersales.insurance.promotion",
        string="Promotions Granted",
        help="What the customer got for insuring here: free wash, free maintenance, "
        "labour discount...",
    )
    renewal_followup_ids = fields.One2many(
        "aftersales.followup",
        "policy_id",
        string="Renewal Calls",
        domain=[("followup_type", "=", "insurance_renewal")],
    )
    days_to_expiry = fields.Integer(compute="_compute_days_to_expiry")
    note = fields.Html()

    @api.depends("insurer_id", "date_start", "company_id")
    def _compute_agreement_id(self):
        agreement_model = self.env["aftersales.insurance.agreement"]
        for policy in self:
            policy.agreement_id = agreement_model._find_for(
                policy.insurer_id, policy.date_start, policy.company_id
            )

    @api.depends("line_ids.premium", "line_ids.sum_insured")
    def _compute_premium(self):
        for policy in self:
            policy.premium = sum(policy.line_ids.mapped("premium"))
            policy.sum_insured = sum(policy.line_ids.mapped("sum_insured"))

    @api.depends("date_end")
    def _compute_days_to_expiry(self):
        today = fields.Date.context_today(self)
        for policy in self:
            policy.days_to_expiry = (policy.date_end - today).days if policy.date_end else 0

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for policy in self:
            if policy.date_start.year < MIN_PLAUSIBLE_YEAR or (
                policy.date_end > policy.date_start + relativedelta(years=MAX_POLICY_YEARS)
            ):
                raise ValidationError(
                    _(
                        "Policy %(number)s: a period from %(start)s to %(end)s is not plausible "
                        "(it starts in %(year)s or later and lasts at most %(years)s years).",
                        number=policy.name,
                        start=policy.date_start,
                        end=policy.date_end,
                        year=MIN_PLAUSIBLE_YEAR,
                        years=MAX_POLICY_YEARS,
                    )
                )
            if policy.date_end <= policy.date_start:
                raise ValidationError(
                    _(
                        "Policy %(number)s ends on %(end)s, before it starts on %(start)s.",
                        number=policy.name,
                        end=policy.date_end,
                        start=policy.date_start,
                    )
                )

    @api.constrains("premium")
    def _check_premium(self):
        for policy in self:
            if policy.currency_id.compare_amounts(policy.premium, MAX_POLICY_PREMIUM) > 0:
                raise ValidationError(
                    _(
                        "Policy %(number)s: a premium of %(premium)s for one truck is not "
                        "plausible (at most %(max)s).",
                        number=policy.name,
                        premium=policy.premium,
                        max=MAX_POLICY_PREMIUM,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("state", "draft") != "draft" for vals in vals_list):
            if not is_aftersales_manager(self.env):
                raise AccessError(
                    _("A policy starts as a draft: only the manager can record one later.")
                )
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals:
            for policy in self.filtered(lambda p: p.state != vals["state"]):
                policy._check_move(policy.state, vals["state"])
        locked = records_changing(
            self.filtered(lambda p: p.state != "draft"), vals, POLICY_LOCKED_FIELDS
        )
        if locked:
            locked._check_sold_policy_change()
        before = snapshot(locked, POLICY_LOCKED_FIELDS)
        res = super().write(vals)
        for policy in locked:
            policy._post_sold_policy_change(changes_since(policy, before, POLICY_LOCKED_FIELDS))
        return res

    def unlink(self):
        if not self.env.su:
            kept = self.filtered(
                lambda p: (
                    p.state not in ("draft", "cancelled")
                    or "done"
                    in p.env["aftersales.followup"]
                    .search([("policy_id", "=", p.id)])
                    .mapped("state")
                )
            )
            if kept:
                raise UserError(
                    _(
                        "Policy %(number)s was sold or has completed calls: it is part of the "
                        "station's history and cannot be deleted; cancel it instead.",
                        number=kept[0].name,
                    )
                )
        # calls still to make about a deleted draft have nothing left to call about
        self.env["aftersales.followup"].search([("policy_id", "in", self.ids)]).unlink()
        return super().unlink()

    def _check_move(self, old, new):
        """Who may move a policy from ``old`` to ``new`` (see POLICY_MOVES)."""
        self.ensure_one()
        if self.env.su:
            return
        labels = dict(POLICY_STATES)
        who = POLICY_MOVES.get((old, new))
        if not who:
            raise UserError(
                _(
                    "Policy %(number)s cannot go from %(old)s to %(new)s.",
                    number=self.name,
                    old=labels[old],
                    new=labels[new],
                )
            )
        if who == "manager" and not is_aftersales_manager(self.env):
            raise AccessError(
                _(
                    "Only the after-sales manager can cancel a sold policy or set it back to "
                    "draft (%(number)s).",
                    number=self.name,
                )
            )

    def _check_sold_policy_change(self):
        if not is_aftersales_manager(self.env):
            raise AccessError(
                _(
                    "Policy %(number)s is no longer a draft: only the after-sales manager can "
                    "change its seller, premium, truck or period.",
                    number=self[:1].name,
                )
            )

    def _post_sold_policy_change(self, changes):
        """The manager's change to a sold policy, kept in its chatter."""
        self.ensure_one()
        if changes:
            self.message_post(
                body=_(
                    "Changed by %(user)s after the policy was sold: %(changes)s",
                    user=self.env.user.name,
                    changes="; ".join(changes),
                )
            )

    @api.constrains("name", "insurer_id")
    def _check_number_unique(self):
        for policy in self.filtered(lambda p: p.name != DRAFT_NUMBER):
            if self.search_count(
                [
                    ("id", "!=", policy.id),
                    ("name", "=", policy.name),
                    ("insurer_id", "=", policy.insurer_id.id),
                    ("company_id", "=", policy.company_id.id),
                ],
                limit=1,
            ):
                raise ValidationError(
                    _(
                        "%(insurer)s already has a policy numbered %(number)s.",
                        insurer=policy.insurer_id.display_name,
                        number=policy.name,
                    )
                )

    @api.constrains("state", "vehicle_id", "date_start", "date_end")
    def _check_overlap(self):
        """Two active policies of one truck may not cover the same risk over the same days."""
        for policy in self.filtered(lambda p: p.state == "active"):
            others = self.search(
                [
                    ("id", "!=", policy.id),
                    ("state", "=", "active"),
                    ("vehicle_id", "=", policy.vehicle_id.id),
                    ("date_start", "<=", policy.date_end),
                    ("date_end", ">=", policy.date_start),
                ]
            )
            for other in others:
                common = policy.line_ids.coverage_type_id & other.line_ids.coverage_type_id
                if common:
                    raise ValidationError(
                        _(
                            "Truck %(truck)s is already covered for %(coverages)s by active policy "
                            "%(other)s from %(start)s to %(end)s.",
                            truck=policy.vehicle_id.display_name,
                            coverages=", ".join(common.mapped("name")),
                            other=other.name,
                            start=other.date_start,
                            end=other.date_end,
                        )
                    )

    @api.depends("name", "vehicle_id")
    def _compute_display_name(self):
        for policy in self:
            number = policy.name if policy.name != DRAFT_NUMBER else _("Draft Policy")
            policy.display_name = (
                f"{number} ({policy.vehicle_id.license_plate})"
                if policy.vehicle_id.license_plate
                else number
            )

    def action_activate(self):
        for policy in self:
            if policy.state != "draft":
                raise UserError(_("Only a draft policy can be activated."))
            if not policy.name or policy.name == DRAFT_NUMBER:
                raise UserError(
                    _("Enter the insurer's policy number before activating the policy.")
                )
            if not policy.line_ids:
                raise UserError(
                    _(
                        "Policy %(number)s has no coverage: add at least one line.",
                        number=policy.name,
                    )
                )
        today = fields.Date.context_today(self)
        self.write({"state": "active"})
        # a renewal in force retires the policy it replaces
        self.previous_policy_id.filtered(lambda p: p.state in ("active", "expired")).write(
            {"state": "renewed"}
        )
        self.filtered(lambda p: p.date_end < today).write({"state": "expired"})
        return True

    def action_cancel(self):
        if any(policy.state in ("renewed", "cancelled") for policy in self):
            raise UserError(_("A renewed or cancelled policy cannot be cancelled."))
        self.write({"state": "cancelled"})
        return True

    def action_reset_to_draft(self):
        if any(policy.state != "cancelled" for policy in self):
            raise UserError(_("Only a cancelled policy can be set back to draft."))
        self.write({"state": "draft"})
        return True

    def _prepare_renewal_values(self):
        self.ensure_one()
        date_start = self.date_end + relativedelta(days=1)
        return {
            "company_id": self.company_id.id,
            "vehicle_id": self.vehicle_id.id,
            "partner_id": self.partner_id.id,
            "insurer_id": self.insurer_id.id,
            "date_start": date_start,
            "date_end": date_start + relativedelta(years=1, days=-1),
            "previous_policy_id": self.id,
            "sold_by_id": (self.env.user.employee_id or self.sold_by_id).id,
            "sold_here": True,
            "line_ids": [
                fields.Command.create(
                    {
                        "sequence": line.sequence,
                        "coverage_type_id": line.coverage_type_id.id,
                        "sum_insured": line.sum_insured,
                        "premium": line.premium,
                    }
                )
                for line in self.line_ids
            ],
        }

    def action_renew(self):
        """Create the next policy of the chain, as a draft to complete with the new number."""
        self.ensure_one()
        if self.state not in ("active", "expired"):
            raise UserError(_("Only an active or expired policy can be renewed."))
        if self.renewal_ids.filtered(lambda p: p.state != "cancelled"):
            raise UserError(_("Policy %(number)s already has a renewal.", number=self.name))
        renewal = self.create(self._prepare_renewal_values())
        self.message_post(body=_("Renewal %(renewal)s created.", renewal=renewal._get_html_link()))
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": renewal.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_renewals(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Renewals"),
            "res_model": self._name,
            "view_mode": "list,form",
            "domain": [("previous_policy_id", "=", self.id)],
        }

    @api.model
    def _cron_update_policy_states(self, batch_size=500):
        """Expire the active policies whose period is over, in batches."""
        today = fields.Date.context_today(self)
        domain = [("state", "=", "active"), ("date_end", "<", today)]
        policies = self.search(domain, limit=batch_size)
        policies.write({"state": "expired"})
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(policies), remaining=remaining)
        return policies
