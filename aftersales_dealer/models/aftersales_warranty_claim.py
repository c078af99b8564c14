from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

CLAIM_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("paid", "Paid"),
]


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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("aftersales.warranty.claim") or "/"
                )
        return super().create(vals_list)

    def _check_manager(self):
        if not self.env.user.has_group("aftersales_dealer.group_aftersales_manager"):
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
