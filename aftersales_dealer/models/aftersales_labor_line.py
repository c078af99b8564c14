from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


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
        lines._create_sale_order_line()
        return lines

    def write(self, vals):
        res = super().write(vals)
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
        sale_lines = self.sale_line_id
        draft_lines = sale_lines.filtered(lambda sale_line: sale_line.order_id.state == "draft")
        (sale_lines - draft_lines).write({"product_uom_qty": 0.0})
        draft_lines.unlink()
        return super().unlink()
