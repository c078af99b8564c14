from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .aftersales_guards import can_set_prices, is_aftersales_manager, records_changing

CLAIM_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("paid", "Paid"),
]
# the state moves a write may make, and who may make them; anything else is refused
CLAIM_MOVES = {
    ("draft", "submitted"): "advisor",
    ("submitted", "draft"): "advisor",
    ("rejected", "draft"): "advisor",
    ("submitted", "approved"): "manager",
    ("submitted", "rejected"): "manager",
    ("approved", "paid"): "manager",
    # action_reopen: the manager takes a decision or a payment back
    ("approved", "submitted"): "manager",
    ("rejected", "submitted"): "manager",
    ("paid", "approved"): "manager",
}
# the manufacturer's decision and payment: the manager records them
CLAIM_DECISION_FIELDS = ("amount_approved", "amount_paid", "paid_date")
# a paid claim is settled: of its own fields, only the old part's return to the
# manufacturer and the OEM reference are still recorded
CLAIM_PAID_FROZEN = (
    "name",
    "repair_id",
    "user_id",
    "failure_date",
    "appraisal",
    "line_ids",
    "amount_approved",
    "amount_paid",
    "submitted_date",
    "decision_date",
    "paid_date",
    "rejection_reason",
)
# the claimed lines are what the manager decided on
CLAIM_LINES_FROZEN_STATES = ("submitted", "approved", "paid")


class AftersalesWarrantyClaim(models.Model):
    _name = "aftersales.warranty.claim"
    _description = "Warranty Claim"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Claim Number", required=True, readonly=True, copy=False, default="/")
    repair_id = fields.Many2one(
        "repair.order",
        string="Repair Order",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        related="repair_id.company_id", store=True, index=True, precompute=True
    )
    vehicle_id = fields.Many2one(related="repair_id.vehicle_id", store=True)
    partner_id = fields.Many2one(related="repair_id.partner_id", store=True)
    user_id = fields.Many2one(
        "res.users", string="Service Advisor", default=lambda self: self.env.user, tracking=True
    )
    state = fields.Selection(
        CLAIM_STATES, default="draft", required=True, tracking=True, index=True, copy=False
    )
    failure_date = fields.Date()
    appraisal = fields.Text(
        string="Technical Appraisal", help="The advisor's diagnosis of the failure and its cause."
    )
    oem_reference = fields.Char(
        string="OEM Reference", copy=False, help="Claim number given by the manufacturer."
    )
    line_ids = fields.One2many(
        "aftersales.warranty.claim.line", "claim_id", string="Claimed Parts and Labour", copy=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_claimed = fields.Monetary(compute="_compute_amount_claimed", store=True)
    amount_approved = fields.Monetary(tracking=True, copy=False)
    amount_paid = fields.Monetary(tracking=True, copy=False)
    old_part_returned = fields.Boolean(copy=False, help="The failed part was sent back to the OEM.")
    old_part_return_date = fields.Date(copy=False)
    submitted_date = fields.Date(readonly=True, copy=False, index=True)
    decision_date = fields.Date(readonly=True, copy=False)
    paid_date = fields.Date(readonly=True, copy=False)
    rejection_reason = fields.Text(copy=False)

    _sql_constraints = [
        (
            "amounts_positive",
            "CHECK(amount_approved >= 0 AND amount_paid >= 0)",
            "Claim amounts cannot be negative.",
        ),
    ]

    @api.depends("line_ids.amount")
    def _compute_amount_claimed(self):
        for claim in self:
            claim.amount_claimed = sum(claim.line_ids.mapped("amount"))

    @api.constrains("amount_approved", "amount_paid")
    def _check_amounts(self):
        for claim in self:
            if claim.amount_approved < 0 or claim.amount_paid < 0:
                raise ValidationError(
                    _("The amounts of claim %(claim)s cannot be negative.", claim=claim.name)
                )

    @api.constrains("amount_approved", "amount_paid")
    def _check_paid_within_approved(self):
        for claim in self:
            if claim.currency_id.compare_amounts(claim.amount_paid, claim.amount_approved) > 0:
                raise ValidationError(
                    _(
                        "Claim %(claim)s: the amount paid (%(paid)s) cannot be more than the "
                        "amount approved (%(approved)s).",
                        claim=claim.name,
                        paid=claim.amount_paid,
                        approved=claim.amount_approved,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("aftersales.warranty.claim") or "/"
                )
            state = vals.get("state", "draft")
            if state != "draft" and not is_aftersales_manager(self.env):
                raise AccessError(
                    _("A warranty claim starts as a draft: only the manager can record one later.")
                )
            if any(vals.get(fname) for fname in CLAIM_DECISION_FIELDS):
                self._check_manager()
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals:
            for claim in self.filtered(lambda c: c.state != vals["state"]):
                claim._check_move(claim.state, vals["state"])
        if records_changing(self, vals, CLAIM_DECISION_FIELDS):
            self._check_manager()
        if not self.env.su and vals.get("state", "paid") == "paid":
            paid = self.filtered(lambda c: c.state == "paid")
            paid = records_changing(paid, vals, CLAIM_PAID_FROZEN)
            if paid:
                raise UserError(
                    _(
                        "Claim %(claim)s is paid: it cannot be changed any more. The manager "
                        "can reopen it.",
                        claim=paid[0].name,
                    )
                )
        return super().write(vals)

    def unlink(self):
        if not self.env.su and any(claim.state != "draft" for claim in self):
            raise UserError(
                _(
                    "Only draft warranty claims can be deleted: a submitted, decided or paid "
                    "claim is part of the station's history."
                )
            )
        return super().unlink()

    def _check_move(self, old, new):
        """Who may move a claim from ``old`` to ``new`` (see CLAIM_MOVES)."""
        self.ensure_one()
        if self.env.su:
            return
        labels = dict(CLAIM_STATES)
        who = CLAIM_MOVES.get((old, new))
        if not who:
            raise UserError(
                _(
                    "Claim %(claim)s cannot go from %(old)s to %(new)s.",
                    claim=self.name,
                    old=labels[old],
                    new=labels[new],
                )
            )
        if who == "manager":
            self._check_manager()
        elif not can_set_prices(self.env):
            raise AccessError(
                _(
                    "Only a service advisor or the manager can submit warranty claim "
                    "%(claim)s or set it back to draft.",
                    claim=self.name,
                )
            )

    def _check_manager(self):
        if not is_aftersales_manager(self.env):
            raise AccessError(
                _("Only the after-sales manager can decide on or settle warranty claims.")
            )

    def _check_state(self, allowed):
        for claim in self:
            if claim.state not in allowed:
                raise UserError(
                    _(
                        "Claim %(claim)s is %(state)s: this step is not possible.",
                        claim=claim.name,
                        state=dict(CLAIM_STATES)[claim.state],
                    )
                )

    def _check_lines_editable(self):
        if self.env.su:
            return
        for claim in self:
            if claim.state in CLAIM_LINES_FROZEN_STATES:
                raise UserError(
                    _(
                        "Claim %(claim)s is %(state)s: its parts and labour cannot be changed. "
                        "Set it back to draft first.",
                        claim=claim.name,
                        state=dict(CLAIM_STATES)[claim.state],
                    )
                )

    def action_submit(self):
        self._check_state(["draft"])
        for claim in self:
            if not claim.line_ids:
                raise UserError(
                    _(
                        "Add the claimed parts or labour before submitting %(claim)s.",
                        claim=claim.name,
                    )
                )
            if not claim.appraisal:
                raise UserError(
                    _(
                        "Write the technical appraisal before submitting %(claim)s.",
                        claim=claim.name,
                    )
                )
        self.write({"state": "submitted", "submitted_date": fields.Date.context_today(self)})
        return True

    def action_approve(self):
        self._check_manager()
        self._check_state(["submitted"])
        for claim in self:
            claim.write(
                {
                    "state": "approved",
                    "decision_date": fields.Date.context_today(self),
                    "amount_approved": claim.amount_approved or claim.amount_claimed,
                }
            )
        return True

    def action_reject(self):
        self._check_manager()
        self._check_state(["submitted"])
        if any(not claim.rejection_reason for claim in self):
            raise UserError(_("Write why the manufacturer rejected the claim."))
        self.write({"state": "rejected", "decision_date": fields.Date.context_today(self)})
        return True

    def action_paid(self):
        self._check_manager()
        self._check_state(["approved"])
        for claim in self:
            claim.write(
                {
                    "state": "paid",
                    "paid_date": fields.Date.context_today(self),
                    "amount_paid": claim.amount_paid or claim.amount_approved,
                }
            )
        return True

    def action_reset_draft(self):
        self._check_state(["submitted", "rejected"])
        self.write({"state": "draft", "submitted_date": False, "decision_date": False})
        return True

    def action_reopen(self):
        """The manager takes back a decision or a payment; the chatter keeps why and when."""
        self._check_manager()
        self._check_state(["approved", "rejected", "paid"])
        for claim in self:
            previous = dict(CLAIM_STATES)[claim.state]
            if claim.state == "paid":
                claim.write({"state": "approved", "paid_date": False})
            else:
                claim.write({"state": "submitted", "decision_date": False})
            claim.message_post(
                body=_(
                    "Reopened by %(user)s (was %(state)s).",
                    user=self.env.user.name,
                    state=previous,
                )
            )
        return True


class AftersalesWarrantyClaimLine(models.Model):
    _name = "aftersales.warranty.claim.line"
    _description = "Warranty Claim Line"
    _order = "claim_id, sequence, id"

    claim_id = fields.Many2one(
        "aftersales.warranty.claim", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="claim_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    line_type = fields.Selection(
        [("part", "Part"), ("labor", "Labour")], required=True, default="part"
    )
    product_id = fields.Many2one("product.product")
    name = fields.Char(string="Description", required=True)
    quantity = fields.Float(default=1.0)
    price_unit = fields.Float(string="Unit Amount", digits="Product Price")
    currency_id = fields.Many2one(related="claim_id.currency_id")
    amount = fields.Monetary(compute="_compute_amount", store=True)

    _sql_constraints = [
        (
            "figures_positive",
            "CHECK(quantity >= 0 AND price_unit >= 0)",
            "Claimed quantities and amounts cannot be negative.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        claims = self.env["aftersales.warranty.claim"].browse(
            [vals["claim_id"] for vals in vals_list if vals.get("claim_id")]
        )
        claims._check_lines_editable()
        return super().create(vals_list)

    def write(self, vals):
        changing = records_changing(self, vals, [f for f in vals if f in self._fields])
        changing.claim_id._check_lines_editable()
        if "claim_id" in vals:
            self.env["aftersales.warranty.claim"].browse(vals["claim_id"])._check_lines_editable()
        return super().write(vals)

    def unlink(self):
        self.claim_id._check_lines_editable()
        return super().unlink()

    @api.depends("quantity", "price_unit")
    def _compute_amount(self):
        for line in self:
            line.amount = line.quantity * line.price_unit

    @api.onchange("product_id")
    def _onchange_product_id(self):
        if self.product_id:
            self.name = self.product_id.display_name
            self.price_unit = self.product_id.standard_price or self.product_id.lst_price

    @api.constrains("quantity", "price_unit")
    def _check_figures(self):
        for line in self:
            if line.quantity < 0 or line.price_unit < 0:
                raise ValidationError(
                    _(
                        "Claimed quantities and amounts cannot be negative (%(line)s).",
                        line=line.name,
                    )
                )
