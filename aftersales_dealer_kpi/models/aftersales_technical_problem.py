from odoo import _, api, fields, models
from odoo.exceptions import UserError

PROBLEM_SOURCES = [
    ("complaint", "Complaint"),
    ("rework", "Rework Order"),
    ("quality_check", "Failed Quality Check"),
    ("warranty_rejection", "Warranty Rejection"),
    ("quality_analysis", "Quality Analysis"),
    ("other", "Other"),
]
PROBLEM_STATES = [
    ("new", "New"),
    ("analysis", "Analysing"),
    ("plan", "Plan Running"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("new", "analysis", "plan")


class AftersalesTechnicalProblem(models.Model):
    _name = "aftersales.technical.problem"
    _description = "Technical Problem and Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "priority desc, deadline, id desc"
    _check_company_auto = True

    name = fields.Char(string="Problem", required=True, tracking=True)
    description = fields.Html()
    source = fields.Selection(PROBLEM_SOURCES, required=True, default="other", tracking=True)
    priority = fields.Selection([("0", "Normal"), ("1", "High")], default="0")
    date = fields.Date(string="Raised On", required=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    complaint_id = fields.Many2one("aftersales.complaint", check_company=True)
    repair_id = fields.Many2one(
        "repair.order", string="Repair Order", check_company=True, index="btree_not_null"
    )
    warranty_claim_id = fields.Many2one("aftersales.warranty.claim", check_company=True)
    vehicle_model_id = fields.Many2one("fleet.vehicle.model", string="Truck Model")
    root_cause = fields.Text(tracking=True)
    corrective_plan = fields.Html(string="Corrective and Quality Plan")
    owner_id = fields.Many2one(
        "res.users",
        string="Owner",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    deadline = fields.Date(required=True, tracking=True)
    state = fields.Selection(
        PROBLEM_STATES, default="new", required=True, tracking=True, copy=False, index=True
    )
    closed_date = fields.Date(readonly=True, copy=False)
    result = fields.Text(string="Verified Result", help="What showed the plan worked.")
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    color = fields.Integer()

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for problem in self:
            problem.is_overdue = bool(
                problem.state in OPEN_STATES and problem.deadline and problem.deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on overdue problems."))
        today = fields.Date.context_today(self)
        overdue = [("state", "in", OPEN_STATES), ("deadline", "<", today)]
        if (operator == "=") == value:
            return overdue
        return ["|", ("state", "not in", OPEN_STATES), ("deadline", ">=", today)]

    @api.onchange("repair_id")
    def _onchange_repair_id(self):
        if self.repair_id and not self.vehicle_model_id:
            self.vehicle_model_id = self.repair_id.vehicle_id.model_id

    def write(self, vals):
        if (
            "state" not in vals
            and set(vals) - {"color", "priority", "result"}
            and self.filtered(lambda p: p.state in ("closed", "cancelled"))
        ):
            raise UserError(_("A closed or cancelled problem cannot be changed; reopen it first."))
        return super().write(vals)

    def action_analyse(self):
        self._move(("new",), "analysis")

    def action_start_plan(self):
        for problem in self:
            if not problem.root_cause or not problem.corrective_plan:
                raise UserError(
                    _(
                        "Write the root cause and the corrective plan of %(problem)s first.",
                        problem=problem.name,
                    )
                )
        self._move(("new", "analysis"), "plan")

    def action_close(self):
        for problem in self:
            if not problem.result:
                raise UserError(
                    _(
                        "Record the verified result of %(problem)s before closing it.",
                        problem=problem.name,
                    )
                )
        self._move(("plan",), "closed", closed_date=fields.Date.context_today(self))

    def action_cancel(self):
        self._move(OPEN_STATES, "cancelled")

    def action_reopen(self):
        self._move(("closed", "cancelled"), "analysis", closed_date=False)

    def _move(self, from_states, to_state, **extra):
        wrong = self.filtered(lambda p: p.state not in from_states)
        if wrong:
            raise UserError(
                _(
                    "%(problems)s cannot move to %(state)s from its current state.",
                    problems=", ".join(wrong.mapped("name")),
                    state=dict(PROBLEM_STATES)[to_state],
                )
            )
        self.write(dict(extra, state=to_state))
        return True
