from datetime import timedelta

from psycopg2.errors import UniqueViolation

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

FOLLOWUP_TYPES = [
    ("post_repair", "Post-Repair Call"),
    ("maintenance_due", "Maintenance Due"),
    ("annual_inspection_due", "Annual Inspection Due"),
    ("declined_finding", "Declined Finding"),
    ("usage_check", "Usage Check"),
    ("promotion", "Promotion"),
]
FOLLOWUP_STATES = [
    ("todo", "To Do"),
    ("done", "Done"),
    ("unreachable", "Unreachable"),
    ("cancelled", "Cancelled"),
]
FOLLOWUP_OUTCOMES = [
    ("reached", "Reached"),
    ("appointment", "Appointment Booked"),
    ("not_interested", "Not Interested"),
    ("complaint", "Complaint"),
    ("unreachable", "Unreachable"),
]
# the visit an appointment booked from a call is for
APPOINTMENT_VISIT_TYPES = {
    "maintenance_due": "maintenance_routine",
    "annual_inspection_due": "maintenance_routine",
    "promotion": "maintenance_routine",
}


class AftersalesFollowup(models.Model):
    """A follow-up call (回访) of the information clerk.

    Generation engine (the daily cron ``_cron_generate_followups``):

    * ``_followup_rules()`` names the generation-rule methods, run in order. Add-ons
      append theirs (the insurance add-on adds its renewal rule).
    * A rule is ``_generate_<xxx>(self, today, limit) -> list[dict]``: at most ``limit``
      create values, each with a deterministic unique ``source_key`` (e.g.
      ``post_repair:<repair id>``, ``maintenance_due:<vehicle id>:<due date>``), only for
      sources that have no follow-up with that key yet (an anti-join in the search, see
      ``_search_new_sources``), so calling it again gives the next batch and ``[]`` once
      nothing is left. Each rule's source domain is its own overridable method
      (``_post_repair_domain(today)``, ...).
    * ``_create_followups(vals_list)`` creates idempotently: a key that exists is
      skipped, also against a concurrent run (unique constraint on ``source_key``,
      savepoint and unique-violation handling).
    """

    _name = "aftersales.followup"
    _description = "Follow-Up Call"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.opportunity.mixin"]
    _order = "due_date, id"
    _check_company_auto = True

    name = fields.Char(string="Subject", required=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, check_company=True
    )
    # read with the caller's rights: never a customer's phone the caller may not see
    partner_phone = fields.Char(related="partner_id.phone", string="Phone", compute_sudo=False)
    vehicle_id = fields.Many2one("fleet.vehicle", string="Truck", index=True, check_company=True)
    followup_type = fields.Selection(FOLLOWUP_TYPES, string="Type", required=True, index=True)
    due_date = fields.Date(required=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Assigned To", tracking=True, default=lambda self: self.env.user
    )
    state = fields.Selection(
        FOLLOWUP_STATES, default="todo", required=True, tracking=True, index=True
    )
    done_date = fields.Date(copy=False)
    satisfaction = fields.Integer(help="1 (very dissatisfied) to 5 (very satisfied).")
    has_problem = fields.Boolean(string="Problem Found")
    problem = fields.Text()
    responsible_employee_id = fields.Many2one(
        "hr.employee",
        check_company=True,
        help="Who caused the dissatisfaction or the problem.",
    )
    dissatisfaction_reason = fields.Text(
        string="Why Dissatisfied", help="What the customer was dissatisfied with, and why."
    )
    outcome = fields.Selection(FOLLOWUP_OUTCOMES, copy=False, tracking=True)
    attempt_count = fields.Integer(
        string="Failed Attempts", copy=False, help="Calls that did not reach the customer."
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    note = fields.Text(string="Call Notes")
    # the source of the call; ``source_key`` makes generation idempotent
    repair_id = fields.Many2one(
        "repair.order", string="Repair Order", index="btree_not_null", check_company=True
    )
    finding_id = fields.Many2one("aftersales.finding", index="btree_not_null", check_company=True)
    campaign_id = fields.Many2one("utm.campaign", index="btree_not_null", ondelete="restrict")
    source_key = fields.Char(
        readonly=True,
        copy=False,
        help="Identifies the source and occasion of a generated follow-up; "
        "the same source never gives two follow-ups.",
    )
    # what the call led to
    appointment_repair_id = fields.Many2one(
        "repair.order", string="Appointment", copy=False, readonly=True, check_company=True
    )
    complaint_id = fields.Many2one(
        "aftersales.complaint", copy=False, readonly=True, check_company=True
    )

    _sql_constraints = [
        ("source_key_uniq", "unique(source_key)", "This follow-up was already generated."),
        (
            "satisfaction_range",
            "CHECK(satisfaction IS NULL OR satisfaction = 0 OR satisfaction BETWEEN 1 AND 5)",
            "Satisfaction is a score from 1 to 5.",
        ),
        ("attempt_count_positive", "CHECK(attempt_count >= 0)", "Attempts cannot be negative."),
    ]

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------

    @api.depends("due_date", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for followup in self:
            followup.is_overdue = followup.state == "todo" and followup.due_date < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on overdue follow-ups."))
        domain = [("state", "=", "todo"), ("due_date", "<", fields.Date.context_today(self))]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.constrains("satisfaction")
    def _check_satisfaction(self):
        for followup in self:
            if followup.satisfaction and not 1 <= followup.satisfaction <= 5:
                raise ValidationError(
                    _(
                        "Satisfaction is a score from 1 (very dissatisfied) to 5 (very "
                        "satisfied), not %(score)s.",
                        score=followup.satisfaction,
                    )
                )

    @api.constrains("state", "outcome", "followup_type", "satisfaction", "has_problem", "problem")
    def _check_call_result(self):
        for followup in self.filtered(lambda f: f.state == "done" and f.outcome == "reached"):
            if followup.followup_type == "post_repair" and not followup.satisfaction:
                raise ValidationError(
                    _("A post-repair call cannot be done without the customer's satisfaction.")
                )
            if followup.has_problem and not (followup.problem or "").strip():
                raise ValidationError(_("Describe the problem the customer reported."))
            if (
                followup.satisfaction
                and followup.satisfaction <= 2
                and not (followup.dissatisfaction_reason or "").strip()
            ):
                raise ValidationError(
                    _("Say why the customer is dissatisfied, and who caused it if you know.")
                )

    @api.constrains("due_date", "repair_id", "finding_id")
    def _check_due_date_after_source(self):
        for followup in self:
            repair = followup.repair_id
            source_dt = repair.delivered_date or repair.reception_date
            source_day = source_dt and repair.company_id._aftersales_local_date(source_dt)
            if source_day and followup.due_date < source_day:
                raise ValidationError(
                    _(
                        "The follow-up %(followup)s cannot be due on %(due)s, before its repair "
                        "order %(order)s (%(date)s).",
                        followup=followup.name,
                        due=followup.due_date,
                        order=repair.name,
                        date=source_day,
                    )
                )
            finding = followup.finding_id
            if finding.decision_date and followup.due_date < finding.decision_date:
                raise ValidationError(
                    _(
                        "The follow-up %(followup)s cannot be due on %(due)s, before the "
                        "customer's decision on the finding %(finding)s (%(date)s).",
                        followup=followup.name,
                        due=followup.due_date,
                        finding=finding.name,
                        date=finding.decision_date,
                    )
                )

    def unlink(self):
        # a completed call is a figure of the meeting and of pay: it stays
        done = self.filtered(lambda f: f.state == "done")
        if done and not self.env.su:
            raise UserError(
                _(
                    "The follow-up %(followup)s was made: completed calls are kept as the "
                    "station's history and cannot be deleted.",
                    followup=done[0].name,
                )
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Generation engine
    # ------------------------------------------------------------------

    @api.model
    def _followup_rules(self):
        """Names of the generation-rule methods the daily cron runs, in order.

        Each is ``_generate_xxx(self, today, limit) -> list of create values`` (see the class
        docstring). Extend with ``super()._followup_rules() + ["_generate_mine"]``.
        """
        return [
            "_generate_post_repair",
            "_generate_maintenance_due",
            "_generate_annual_inspection_due",
            "_generate_declined_finding",
            "_generate_usage_check",
        ]

    @api.model
    def _per_company_domain(self, company_domain):
        """OR of ``company_domain(company)`` over the records of each company, so that
        every company's own windows apply; records without a company use the current
        company's."""
        domains = [[("company_id", "=", False), *company_domain(self.env.company)]]
        for company in self.env["res.company"].search([]):
            domains.append([("company_id", "=", company.id), *company_domain(company)])
        return expression.OR(domains)

    @api.model
    def _search_new_sources(self, model_name, domain, key_prefix, limit, date_field=None):
        """Records of ``model_name`` matching ``domain`` that have no follow-up yet with
        the key ``<key_prefix>:<id>`` (``<key_prefix>:<id>:<date_field value>`` when a date
        field is given), the lowest ids first, at most ``limit``.

        The anti-join on the unique, indexed ``source_key`` runs inside the search, so a
        batch costs the same queries however many sources are already done."""
        model = self.env[model_name]
        # within a cron run, sources below the last batch's are done: skip them rather
        # than anti-join them again, so a run stays linear in the number of sources
        floor = self.env.context.get("followup_source_floor", {}).get(key_prefix)
        if floor:
            domain = expression.AND([domain, [("id", ">", floor)]])
        query = model._search(domain, limit=limit, order="id")
        key = SQL("%s || %s", f"{key_prefix}:", SQL.identifier(query.table, "id"))
        if date_field:
            key = SQL(
                "%s || ':' || to_char(%s, 'YYYY-MM-DD')",
                key,
                SQL.identifier(query.table, date_field),
            )
        query.add_where(
            SQL("NOT EXISTS (SELECT 1 FROM aftersales_followup f WHERE f.source_key = %s)", key)
        )
        return model.browse(query.get_result_ids())

    @api.model
    def _source_key(self, key_prefix, record, date=None):
        """The key ``_search_new_sources`` anti-joins on, built in Python."""
        key = f"{key_prefix}:{record.id}"
        return f"{key}:{fields.Date.to_string(date)}" if date else key

    def _truck_label(self, vehicle):
        return vehicle.license_plate or vehicle.name or ""

    # post-repair call -------------------------------------------------

    @api.model
    def _post_repair_domain(self, today):
        """Delivered repair orders whose call falls due by ``today``, not older than the
        company's maximum age."""

        def window(company):
            last_delivery = today - timedelta(days=company.aftersales_post_repair_delay_days)
            first_delivery = last_delivery - timedelta(
                days=company.aftersales_followup_max_age_days
            )
            return [
                ("delivered_date", ">=", company._aftersales_day_start(first_delivery)),
                (
                    "delivered_date",
                    "<",
                    company._aftersales_day_start(last_delivery + timedelta(days=1)),
                ),
            ]

        return expression.AND(
            [
                [("state", "!=", "cancel"), ("partner_id", "!=", False)],
                self._per_company_domain(window),
            ]
        )

    @api.model
    def _generate_post_repair(self, today, limit):
        """A call N days (setting) after a repair order was delivered."""
        repairs = self._search_new_sources(
            "repair.order", self._post_repair_domain(today), "post_repair", limit
        )
        return [
            {
                "name": _("Post-repair call: %(order)s", order=repair.name),
                "followup_type": "post_repair",
                "partner_id": repair.partner_id.id,
                "vehicle_id": repair.vehicle_id.id,
                "repair_id": repair.id,
                "company_id": repair.company_id.id,
                "user_id": repair.company_id.aftersales_followup_user_id.id,
                "due_date": max(
                    repair.company_id._aftersales_local_date(repair.delivered_date)
                    + timedelta(days=repair.company_id.aftersales_post_repair_delay_days),
                    today,
                ),
                "source_key": self._source_key("post_repair", repair),
            }
            for repair in repairs
        ]

    # maintenance and annual inspection due ------------------------------

    @api.model
    def _vehicle_due_domain(self, today, date_field, lead_field):
        def window(company):
            return [
                (date_field, "<=", today + timedelta(days=company[lead_field])),
                (
                    date_field,
                    ">=",
                    today - timedelta(days=company.aftersales_followup_max_age_days),
                ),
            ]

        return expression.AND([[("customer_id", "!=", False)], self._per_company_domain(window)])

    @api.model
    def _maintenance_due_domain(self, today):
        """Trucks whose next maintenance is due within the lead time."""
        return self._vehicle_due_domain(
            today, "next_maintenance_date", "aftersales_maintenance_lead_days"
        )

    @api.model
    def _annual_inspection_due_domain(self, today):
        """Trucks whose annual inspection is due within the lead time."""
        return self._vehicle_due_domain(
            today, "annual_inspection_date", "aftersales_inspection_lead_days"
        )

    @api.model
    def _generate_vehicle_due(self, today, limit, followup_type, domain, date_field, lead_field):
        vehicles = self._search_new_sources(
            "fleet.vehicle", domain, followup_type, limit, date_field=date_field
        )
        vals_list = []
        for vehicle in vehicles:
            company = vehicle.company_id or self.env.company
            event_date = vehicle[date_field]
            if followup_type == "maintenance_due":
                name = _(
                    "Maintenance due %(date)s: %(truck)s",
                    date=event_date,
                    truck=self._truck_label(vehicle),
                )
            else:
                name = _(
                    "Annual inspection due %(date)s: %(truck)s",
                    date=event_date,
                    truck=self._truck_label(vehicle),
                )
            vals_list.append(
                {
                    "name": name,
                    "followup_type": followup_type,
                    "partner_id": vehicle.customer_id.id,
                    "vehicle_id": vehicle.id,
                    "company_id": company.id,
                    "user_id": company.aftersales_followup_user_id.id,
                    "due_date": max(event_date - timedelta(days=company[lead_field]), today),
                    "source_key": self._source_key(followup_type, vehicle, event_date),
                }
            )
        return vals_list

    @api.model
    def _generate_maintenance_due(self, today, limit):
        """A reminder a lead time (setting) before ``next_maintenance_date``, which the
        truck computes from days and projected mileage."""
        return self._generate_vehicle_due(
            today,
            limit,
            "maintenance_due",
            self._maintenance_due_domain(today),
            "next_maintenance_date",
            "aftersales_maintenance_lead_days",
        )

    @api.model
    def _generate_annual_inspection_due(self, today, limit):
        """A reminder a lead time (setting) before the annual inspection (年审)."""
        return self._generate_vehicle_due(
            today,
            limit,
            "annual_inspection_due",
            self._annual_inspection_due_domain(today),
            "annual_inspection_date",
            "aftersales_inspection_lead_days",
        )

    # declined and deferred findings -----------------------------------

    @api.model
    def _declined_finding_domain(self, today):
        """Declined or deferred findings, not fixed since, whose reminder date has come."""

        def window(company):
            return [
                ("reminder_date", "<=", today),
                (
                    "reminder_date",
                    ">=",
                    today - timedelta(days=company.aftersales_followup_max_age_days),
                ),
            ]

        return expression.AND(
            [
                [
                    ("decision", "in", ("declined", "deferred")),
                    ("recaptured_repair_id", "=", False),
                    "|",
                    ("partner_id", "!=", False),
                    ("vehicle_id.customer_id", "!=", False),
                ],
                self._per_company_domain(window),
            ]
        )

    @api.model
    def _generate_declined_finding(self, today, limit):
        """A call on the reminder date of a finding the customer declined or deferred."""
        findings = self._search_new_sources(
            "aftersales.finding",
            self._declined_finding_domain(today),
            "declined_finding",
            limit,
            date_field="reminder_date",
        )
        return [
            {
                # env._: inside a comprehension `_` cannot find the environment's language
                "name": self.env._(
                    "Declined finding: %(finding)s (%(truck)s)",
                    finding=finding.name,
                    truck=self._truck_label(finding.vehicle_id),
                ),
                "followup_type": "declined_finding",
                "partner_id": (finding.partner_id or finding.vehicle_id.customer_id).id,
                "vehicle_id": finding.vehicle_id.id,
                "finding_id": finding.id,
                "repair_id": finding.repair_id.id,
                "company_id": finding.company_id.id,
                "user_id": finding.company_id.aftersales_followup_user_id.id,
                "due_date": max(finding.reminder_date, finding.decision_date or today, today),
                "source_key": self._source_key("declined_finding", finding, finding.reminder_date),
            }
            for finding in findings
        ]

    # retained customers gone quiet ------------------------------------

    @api.model
    def _usage_check_domain(self, today):
        """Retained, active customers without a visit for longer than the window."""

        def window(company):
            return [
                (
                    "last_visit_date",
                    "<",
                    today - timedelta(days=company.aftersales_usage_check_days),
                )
            ]

        return expression.AND(
            [
                [("aftersales_segment", "=", "retained"), ("churn_state", "=", "active")],
                self._per_company_domain(window),
            ]
        )

    @api.model
    def _generate_usage_check(self, today, limit):
        """Ask a quiet retained customer how the trucks run; creating it marks the
        customer at risk (see ``_after_followups_generated``)."""
        partners = self._search_new_sources(
            "res.partner",
            self._usage_check_domain(today),
            "usage_check",
            limit,
            date_field="last_visit_date",
        )
        vals_list = []
        for partner in partners:
            company = partner.company_id or self.env.company
            vals_list.append(
                {
                    "name": _(
                        "Usage check: %(customer)s, no visit since %(date)s",
                        customer=partner.name,
                        date=partner.last_visit_date,
                    ),
                    "followup_type": "usage_check",
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "user_id": company.aftersales_followup_user_id.id,
                    "due_date": today,
                    "source_key": self._source_key("usage_check", partner, partner.last_visit_date),
                }
            )
        return vals_list

    # creation -----------------------------------------------------------

    @api.model
    def _create_followups(self, vals_list):
        """Create follow-ups idempotently and return the created records.

        A ``source_key`` that already exists (or repeats in ``vals_list``) is skipped.
        A concurrent run may commit the same keys after this transaction's snapshot: the
        unique constraint on ``source_key`` then refuses them, the batch is retried one
        record per savepoint and the refused ones are skipped."""
        by_key = {}
        for vals in vals_list:
            by_key.setdefault(vals["source_key"], vals)
        if not by_key:
            return self.browse()
        # plain SQL: keys of other companies count too, whatever the record rules
        self.env.cr.execute(
            SQL(
                "SELECT source_key FROM aftersales_followup WHERE source_key = ANY(%s)",
                list(by_key),
            )
        )
        existing = {key for (key,) in self.env.cr.fetchall()}
        new_vals = [vals for key, vals in by_key.items() if key not in existing]
        if not new_vals:
            return self.browse()
        # generated calls need no creation message nor followers: keeps a batch's
        # query count independent of its size
        followups = self.with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True
        )
        try:
            with self.env.cr.savepoint():
                created = followups.create(new_vals)
        except UniqueViolation:
            created = self.browse()
            for vals in new_vals:
                try:
                    with self.env.cr.savepoint():
                        created |= followups.create(vals)
                except UniqueViolation:
                    continue
        created = created.with_env(self.env)
        created._after_followups_generated()
        return created

    def _after_followups_generated(self):
        """Side effects of generated follow-ups: a usage check puts an active customer at
        risk."""
        partners = self.filtered(lambda f: f.followup_type == "usage_check").partner_id
        # no tracking message per customer: the usage-check call and the at-risk date
        # record the change, and a batch keeps a constant number of queries
        partners.filtered(lambda p: p.churn_state == "active").with_context(
            tracking_disable=True
        )._aftersales_mark_at_risk()

    @api.model
    def _generate_followups_batch(self, today, batch_size, rules=None):
        """One step of the engine, without committing: the first rule (of ``rules``,
        default all) that still has sources gives up to ``batch_size`` follow-ups, which
        are created. Returns a dict: ``created`` (the follow-ups), ``rule`` (its name,
        None once every rule is done), ``exhausted`` (the rule gave less than a full
        batch) and ``last_source_id`` (the highest source id of the batch)."""
        for rule in rules or self._followup_rules():
            vals_list = getattr(self, rule)(today, batch_size)
            if vals_list:
                key_parts = [vals["source_key"].split(":") for vals in vals_list]
                source_ids = [
                    int(parts[1]) for parts in key_parts if len(parts) > 1 and parts[1].isdigit()
                ]
                return {
                    "created": self._create_followups(vals_list),
                    "rule": rule,
                    "exhausted": len(vals_list) < batch_size,
                    # keys not shaped "<prefix>:<id>..." get no floor
                    "last_source_id": max(source_ids) if len(source_ids) == len(key_parts) else 0,
                    "key_prefix": key_parts[0][0],
                }
        return {
            "created": self.browse(),
            "rule": None,
            "exhausted": True,
            "last_source_id": 0,
            "key_prefix": None,
        }

    @api.model
    def _cron_generate_followups(self, batch_size=500):
        """Daily cron: run every rule in batches of ``batch_size`` until none has sources
        left, and report progress to the cron runner. Returns the number created."""
        # Only the cron commits: each committed batch survives a killed or timed-out
        # run, and the anti-join makes the next run resume after it. Called from code
        # (tests, a button) the caller's transaction stays whole.
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        today = self.env.company._aftersales_today()
        # call subjects in the language of the clerks who read them, not the cron user's
        company = self.env.company
        lang = company.aftersales_followup_user_id.lang or company.partner_id.lang
        # a language that is not (or no longer) installed cannot translate anything
        if lang and self.env["res.lang"]._lang_get(lang) and not self.env.context.get("lang"):
            self = self.with_context(lang=lang)
        done = 0
        for rule in self._followup_rules():
            floors = {}
            while True:
                batch = self.with_context(followup_source_floor=floors)._generate_followups_batch(
                    today, batch_size, rules=[rule]
                )
                done += len(batch["created"])
                if in_cron:
                    # at least one more batch may follow; the exact count is not worth a query
                    self.env["ir.cron"]._notify_progress(done=done, remaining=batch_size)
                    self.env.cr.commit()  # pylint: disable=invalid-commit
                    # what was committed is not needed anymore: memory stays per batch
                    self.env.invalidate_all()
                # nothing created although the rule had sources: a concurrent run took
                # them; stop rather than ask for the same sources again
                if batch["exhausted"] or not batch["created"]:
                    break
                if batch["last_source_id"]:
                    floors = {batch["key_prefix"]: batch["last_source_id"]}
        self.env["ir.cron"]._notify_progress(done=done, remaining=0)
        return done

    # ------------------------------------------------------------------
    # Call outcomes (one click each)
    # ------------------------------------------------------------------

    def _check_todo(self):
        if any(followup.state != "todo" for followup in self):
            raise UserError(_("Only follow-ups still to call can get a call outcome."))

    def action_open_done_wizard(self):
        self.ensure_one()
        self._check_todo()
        return {
            "type": "ir.actions.act_window",
            "name": _("Call Done"),
            "res_model": "aftersales.followup.done.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_followup_id": self.id},
        }

    def _record_done(
        self,
        satisfaction=0,
        has_problem=False,
        problem=False,
        responsible_employee_id=False,
        dissatisfaction_reason=False,
        note=False,
    ):
        """The customer was reached: record their satisfaction and any problem."""
        self._check_todo()
        self.write(
            {
                "state": "done",
                "outcome": "reached",
                "done_date": fields.Date.context_today(self),
                "satisfaction": satisfaction,
                "has_problem": has_problem,
                "problem": problem,
                "responsible_employee_id": responsible_employee_id,
                "dissatisfaction_reason": dissatisfaction_reason,
                "note": note or False,
            }
        )

    def action_unreachable(self):
        """Nobody answered: call again after the retry delay, or give up after the set
        number of attempts."""
        self._check_todo()
        today = fields.Date.context_today(self)
        for followup in self:
            company = followup.company_id
            attempts = followup.attempt_count + 1
            if attempts >= company.aftersales_followup_max_attempts:
                followup.write(
                    {
                        "attempt_count": attempts,
                        "state": "unreachable",
                        "outcome": "unreachable",
                        "done_date": today,
                    }
                )
            else:
                retry_date = today + timedelta(days=company.aftersales_followup_retry_days)
                followup.write(
                    {"attempt_count": attempts, "due_date": max(retry_date, followup.due_date)}
                )
                followup.message_post(
                    body=_(
                        "Not reachable (attempt %(attempt)s of %(max)s), call again on %(date)s.",
                        attempt=attempts,
                        max=company.aftersales_followup_max_attempts,
                        date=followup.due_date,
                    )
                )

    def action_book_appointment(self):
        """The customer books a visit: create the appointment repair order and open it
        to set the time."""
        self.ensure_one()
        self._check_todo()
        if not self.vehicle_id:
            raise UserError(_("Choose the truck the appointment is for."))
        repair = self.env["repair.order"].create(
            {
                "partner_id": self.partner_id.id,
                "vehicle_id": self.vehicle_id.id,
                "company_id": self.company_id.id,
                "is_appointment": True,
                "visit_type": APPOINTMENT_VISIT_TYPES.get(self.followup_type, "repair"),
                "internal_notes": self.name,
            }
        )
        self.write(
            {
                "state": "done",
                "outcome": "appointment",
                "done_date": fields.Date.context_today(self),
                "appointment_repair_id": repair.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "res_id": repair.id,
            "view_mode": "form",
        }

    def action_not_interested(self):
        self._check_todo()
        self.write(
            {
                "state": "done",
                "outcome": "not_interested",
                "done_date": fields.Date.context_today(self),
            }
        )

    def action_open_complaint(self):
        """The customer complains on the phone: open a complaint from this call."""
        self.ensure_one()
        self._check_todo()
        complaint = self.env["aftersales.complaint"].create(
            {
                "partner_id": self.partner_id.id,
                "vehicle_id": self.vehicle_id.id,
                "repair_id": self.repair_id.id,
                "company_id": self.company_id.id,
                "channel": "followup_call",
                "description": self.problem or self.name,
                "followup_id": self.id,
            }
        )
        self.write(
            {
                "state": "done",
                "outcome": "complaint",
                "done_date": fields.Date.context_today(self),
                "complaint_id": complaint.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.complaint",
            "res_id": complaint.id,
            "view_mode": "form",
        }

    def action_cancel(self):
        self.filtered(lambda f: f.state == "todo").write({"state": "cancelled"})

    def action_reset_to_todo(self):
        self.filtered(lambda f: f.state in ("cancelled", "unreachable")).write(
            {"state": "todo", "outcome": False, "done_date": False, "attempt_count": 0}
        )

    def _prepare_opportunity_values(self):
        values = super()._prepare_opportunity_values()
        values["description"] = self.note or self.problem or False
        if self.campaign_id:
            values["campaign_id"] = self.campaign_id.id
        return values
