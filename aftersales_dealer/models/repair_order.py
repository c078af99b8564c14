from odoo import fields, models

VISIT_TYPES = [
    ("maintenance_first", "First Maintenance"),
    ("maintenance_routine", "Routine Maintenance"),
    ("repair", "Repair"),
    ("body_paint", "Body and Paint"),
    ("warranty", "Warranty"),
    ("accident", "Accident"),
]


class RepairOrder(models.Model):
    _inherit = "repair.order"

    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Truck",
        index=True,
        tracking=True,
        check_company=True,
        domain="[('customer_id', '=?', partner_id)]",
    )
    odometer = fields.Float(help="Odometer reading when the truck was received.")
    reception_date = fields.Datetime(
        readonly=True, copy=False, help="Set when the truck is received."
    )
    visit_type = fields.Selection(VISIT_TYPES, default="repair", tracking=True)
    is_appointment = fields.Boolean(
        string="Appointment", help="The customer booked this visit in advance."
    )
    pre_inspection_done = fields.Boolean(copy=False)
    technician_ids = fields.Many2many(
        "hr.employee",
        "repair_order_technician_rel",
        "repair_id",
        "employee_id",
        string="Technicians",
        check_company=True,
    )
    team_leader_id = fields.Many2one("hr.employee", string="Team Leader", check_company=True)
    labor_line_ids = fields.One2many(
        "aftersales.labor.line", "repair_id", string="Labour", copy=True
    )
    promised_date = fields.Datetime(help="Delivery time agreed with the customer at reception.")
    delivered_date = fields.Datetime(readonly=True, copy=False)
    is_rework = fields.Boolean(string="Rework", copy=False)
    rework_of_id = fields.Many2one(
        "repair.order", string="Rework Of", copy=False, check_company=True, index="btree_not_null"
    )
    old_parts_shown = fields.Boolean(copy=False)
    reminder_given = fields.Boolean(copy=False)
    cancel_reason = fields.Selection(
        [
            ("customer_left", "Customer left without repair"),
            ("duplicate", "Duplicate"),
            ("other", "Other"),
        ],
        copy=False,
        tracking=True,
    )
