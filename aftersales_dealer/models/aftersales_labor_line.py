from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import float_compare

from .aftersales_guards import (
    MAX_LINE_HOURS,
    can_set_prices,
    changes_since,
    is_aftersales_manager,
    records_changing,
    snapshot,
)

# what a labour line pays: frozen once its order is done or delivered, except for the manager
LABOR_LOCKED_FIELDS = (
    "repair_id",
    "name",
    "standard_id",
    "technician_id",
    "hours",
    "actual_hours",
    "product_id",
    "price_unit",
)


class AftersalesLaborLine(models.Model):
    _name = "aftersales.labor.line"
    _description = "Repair Labour Line"
    _order = "repair_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    repair_id = fields.Many2one(
        "repair.order", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    standard_id = fields.Many2one(
        "aftersales.labor.standard",
        string="Catalogue Operation",
        check_company=True,
        help="Standard operation of the labour catalogue; fills the operation, hours and price.",
    )
    name = fields.Char(
        string="Operation",
        required=True,
        compute="_compute_from_standard",
        store=True,
        readonly=False,
        precompute=True,
    )
    technician_id = fields.Many2one("hr.employee", check_company=True)
    hours = fields.Float(
        string="Standard Hours",
        compute="_compute_from_standard",
        store=True,
        readonly=False,
        precompute=True,
        help="Flat-rate hours sold to the customer.",
    )
    actual_hours = fields.Float(help="Hours the technician really spent.")
    product_id = fields.Many2one(
        "product.product",
        string="Labour Product",
        required=True,
        compute="_compute_from_standard",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('type', '=', 'service')]",
        help="Service product that prices one labour hour and invoices it.",
    )
    price_unit = fields.Float(
        string="Hourly Rate",
        compute="_compute_price_unit",
        store=True,
        readonly=False,
        precompute=True,
        digits="Product Price",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(compute="_compute_amount", store=True, currency_field="currency_id")
    finding_id = fields.Many2one("aftersales.finding", index="btree_not_null", copy=False)
    sale_line_id = fields.Many2one(
        "sale.order.line", copy=False, readonly=True, index="btree_not_null"
    )

    _sql_constraints = [
        ("hours_positive", "CHECK(hours >= 0)", "Labour hours cannot be negative."),
        (
            "actual_hours_positive",
            "CHECK(actual_hours >= 0)",
            "Actual labour hours cannot be negative.",
        ),
        ("price_positive", "CHECK(price_unit >= 0)", "The hourly rate cannot be negative."),
    ]

    @api.depends("standard_id")
    def _compute_from_standard(self):
        default_product = self.env.ref(
            "aftersales_dealer.product_labor_hour", raise_if_not_found=False
        )
        for line in self:
            standard = line.standard_id
            if standard:
                line.name = standard.name
                line.hours = standard.hours
                line.product_id = standard.product_id or default_product
            else:
                line.name = line.name
                line.hours = line.hours
                line.product_id = line.product_id or default_product

    @api.depends("product_id", "repair_id.under_warranty")
    def _compute_price_unit(self):
        for line in self:
            line.price_unit = 0.0 if line.repair_id.under_warranty else line.product_id.lst_price

    @api.depends("hours", "price_unit")
    def _compute_amount(self):
        for line in self:
            line.amount = line.hours * line.price_unit

    @api.constrains("hours", "actual_hours", "price_unit")
    def _check_figures(self):
        # the SQL constraints say the same; this gives a translated message in the form
        for line in self:
            if line.hours < 0 or line.actual_hours < 0 or line.price_unit < 0:
                raise ValidationError(
                    _(
                        "Labour hours and rates cannot be negative (%(operation)s).",
                        operation=line.name,
                    )
                )
            if line.hours > MAX_LINE_HOURS or line.actual_hours > MAX_LINE_HOURS:
                raise ValidationError(
                    _(
                        "%(operation)s: more than %(max)s hours on one labour line is not "
                        "plausible; split the work into several lines.",
                        operation=line.name,
                        max=MAX_LINE_HOURS,
                    )
                )

    def _catalogue_price(self):
        """The rate a line gets without anyone setting it (see _compute_price_unit)."""
        self.ensure_one()
        return 0.0 if self.repair_id.under_warranty else self.product_id.lst_price

    def _check_price_rights(self, lines_priced):
        if can_set_prices(self.env):
            return
        for line in lines_priced:
            if float_compare(line.price_unit, line._catalogue_price(), precision_digits=6):
                raise AccessError(
                    _(
                        "Only a service advisor or the manager can set the rate of labour "
                        "%(operation)s.",
                        operation=line.name,
                    )
                )

    def _check_order_open(self, repairs=None):
        """Labour of a done or delivered order pays: only the manager changes it."""
        locked = (self.repair_id if repairs is None else repairs).filtered(
            lambda repair: repair._aftersales_is_locked()
        )
        if locked and not is_aftersales_manager(self.env):
            raise AccessError(
                _(
                    "%(order)s is done or delivered: only the after-sales manager can change "
                    "its labour.",
                    order=locked[0].name,
                )
            )
        return locked

    def _prepare_sale_order_line_values(self):
        self.ensure_one()
        return {
            "order_id": self.repair_id.sale_order_id.id,
            "product_id": self.product_id.id,
            "name": self.name,
            "product_uom_qty": self.hours,
            "price_unit": self.price_unit,
        }

    def _create_sale_order_line(self):
        lines = self.filtered(lambda line: line.repair_id.sale_order_id and not line.sale_line_id)
        sale_lines = self.env["sale.order.line"].create(
            [line._prepare_sale_order_line_values() for line in lines]
        )
        for line, sale_line in zip(lines, sale_lines, strict=True):
            line.sale_line_id = sale_line

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_price_rights(
            self.browse(
                [
                    line.id
                    for line, vals in zip(lines, vals_list, strict=True)
                    if "price_unit" in vals
                ]
            )
        )
        for repair in lines._check_order_open():
            added = lines.filtered(lambda line, repair=repair: line.repair_id == repair)
            repair._aftersales_post_locked_change(
                [
                    # env._: inside a comprehension `_` cannot find the environment's language
                    self.env._(
                        "labour added: %(operation)s, %(hours)s h",
                        operation=line.name,
                        hours=line.hours,
                    )
                    for line in added
                ]
            )
        lines._create_sale_order_line()
        return lines

    def write(self, vals):
        if records_changing(self, vals, ["price_unit"]) and not can_set_prices(self.env):
            raise AccessError(
                _("Only a service advisor or the manager can set the rate of a labour line.")
            )
        changing = records_changing(self, vals, LABOR_LOCKED_FIELDS)
        if vals.get("repair_id"):
            self._check_order_open(self.env["repair.order"].browse(vals["repair_id"]))
        locked = changing._check_order_open()
        locked_lines = changing.filtered(lambda line: line.repair_id in locked)
        before = snapshot(locked_lines, LABOR_LOCKED_FIELDS)
        res = super().write(vals)
        for repair in locked:
            repair._aftersales_post_locked_change(
                changes_since(
                    locked_lines.filtered(lambda line, repair=repair: line.repair_id == repair),
                    before,
                    LABOR_LOCKED_FIELDS,
                )
            )
        if {"hours", "price_unit", "name", "product_id"} & set(vals):
            for line in self.filtered(
                lambda line: line.sale_line_id and line.sale_line_id.order_id.state != "cancel"
            ):
                sale_vals = {
                    "name": line.name,
                    "product_uom_qty": line.hours,
                    "price_unit": line.price_unit,
                }
                # a confirmed order refuses a product change even to the same product
                if line.sale_line_id.product_id != line.product_id:
                    sale_vals["product_id"] = line.product_id.id
                line.sale_line_id.write(sale_vals)
        return res

    def unlink(self):
        for repair in self._check_order_open():
            removed = self.filtered(lambda line, repair=repair: line.repair_id == repair)
            repair._aftersales_post_locked_change(
                [
                    # env._: inside a comprehension `_` cannot find the environment's language
                    self.env._(
                        "labour removed: %(operation)s, %(hours)s h",
                        operation=line.name,
                        hours=line.hours,
                    )
                    for line in removed
                ]
            )
        sale_lines = self.sale_line_id
        draft_lines = sale_lines.filtered(lambda sale_line: sale_line.order_id.state == "draft")
        (sale_lines - draft_lines).write({"product_uom_qty": 0.0})
        draft_lines.unlink()
        return super().unlink()
