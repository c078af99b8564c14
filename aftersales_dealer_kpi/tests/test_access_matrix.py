"""Who may do what, in one table: business model x role x create/read/write/delete, plus
the state moves of the meeting, the incentive statement, the grading assessment, the
warranty claim, the complaint and the accident case.

Every cell calls the ORM as a user of that role: a letter in the table means the call
succeeds, a missing letter that it raises AccessError. Each call runs in a savepoint
rolled back afterwards, so the cells do not depend on each other.
"""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

ROLES = (
    "technician",
    "advisor",
    "clerk",
    "accident",
    "parts_mgr",
    "tech_mgr",
    "service_mgr",
    "internal",
    "portal",
    "other_co",
)

# c = create, r = read, w = write, d = delete, - = nothing; one column per role of ROLES.
# fmt: off
MATRIX = {
    #                                  tech adv  clrk accd part tchm serv intr prtl othr
    "repair.order":                   "crwd crwd crwd crwd crwd crwd crwd -    -    -",
    "aftersales.finding":             "crw  crw  crw  crw  crwd crwd crwd -    -    -",
    "aftersales.followup":            "crw  crw  crw  crw  crwd crwd crwd -    -    -",
    "aftersales.complaint":           "crw  crw  crw  crw  crwd crwd crwd -    -    -",
    "aftersales.warranty.claim":      "crw  crw  crw  crw  crwd crwd crwd -    -    -",
    "aftersales.rescue":              "crw  crw  crw  crw  crwd crwd crwd -    -    -",
    "aftersales.wash.visit":          "crw  crw  crw  crw  crwd crwd crwd -    -    -",
    "aftersales.labor.line":          "crwd crwd crwd crwd crwd crwd crwd -    -    -",
    "aftersales.insurance.policy":    "crw  crw  crw  crw  crwd crwd crwd -    -    -",
    "aftersales.accident":            "r    r    r    crw  crwd crwd crwd -    -    -",
    "aftersales.accident.payment":    "r    r    r    crwd crwd crwd crwd -    -    -",
    "aftersales.kpi.meeting":         "r    r    r    r    crwd crwd crwd -    -    -",
    "aftersales.kpi.meeting.line":    "r    r    r    r    crwd crwd crwd -    -    -",
    # metrics are shared definitions (no company): any station's manager keeps them
    "aftersales.kpi.metric":          "r    r    r    r    crwd crwd crwd -    -    crwd",
    "aftersales.incentive.period":    "-    -    -    -    crwd crwd crwd -    -    -",
    # the statement (and lines), assessment and history of the matrix are the technician's
    "aftersales.incentive.statement": "r    -    -    -    crwd crwd crwd -    -    -",
    "aftersales.incentive.statement.line":
                                      "r    -    -    -    crwd crwd crwd -    -    -",
    "aftersales.incentive.scheme":    "r    r    r    r    crwd crwd crwd -    -    -",
    # the split of the advisor's order: he splits it (to others), nobody else below manager
    "aftersales.labor.share":         "r    crwd r    r    crwd crwd crwd -    -    -",
    "aftersales.grading.assessment":  "r    -    -    -    crwd crwd crwd -    -    -",
    # written by approvals and tracked grade changes only, never by hand
    "aftersales.grading.history":     "r    -    -    -    r    r    r    -    -    -",
    # everyone records the inspections they handled; the advisor's is his to annotate
    "aftersales.annual.inspection":   "cr   crw  cr   cr   crwd crwd crwd -    -    -",
    "aftersales.grade":               "r    r    r    r    crwd crwd crwd -    -    -",
}

# State moves: y = the role may make it, n = refused (AccessError or UserError).
STATE_MOVES = {
    #                      tech adv clrk accd part tchm serv intr prtl othr
    "meeting_hold":       "n    n   n    n    y    y    y    n    n    n",
    "meeting_reopen":     "n    n   n    n    y    y    y    n    n    n",
    "statement_confirm":  "n    n   n    n    y    y    y    n    n    n",
    "statement_pay":      "n    n   n    n    y    y    y    n    n    n",
    "statement_reopen":   "n    n   n    n    y    y    y    n    n    n",
    "assessment_approve": "n    n   n    n    y    y    y    n    n    n",
    # the advisor submits a claim; the manufacturer's decision and payment are the manager's
    "claim_submit":       "n    y   n    n    y    y    y    n    n    n",
    "claim_approve":      "n    n   n    n    y    y    y    n    n    n",
    "claim_reject":       "n    n   n    n    y    y    y    n    n    n",
    "claim_pay":          "n    n   n    n    y    y    y    n    n    n",
    "claim_reopen":       "n    n   n    n    y    y    y    n    n    n",
    # anyone resolves a complaint; cancelling (no deduction) and reopening are the manager's
    "complaint_resolve":  "y    y   y    y    y    y    y    n    n    n",
    "complaint_cancel":   "n    n   n    n    y    y    y    n    n    n",
    "complaint_reopen":   "n    n   n    n    y    y    y    n    n    n",
    # the accident team runs its cases; only the manager reopens a closed one
    "accident_tow":       "n    n   n    y    y    y    y    n    n    n",
    "accident_arrive":    "n    n   n    y    y    y    y    n    n    n",
    "accident_repair":    "n    n   n    y    y    y    y    n    n    n",
    "accident_close":     "n    n   n    y    y    y    y    n    n    n",
    "accident_reopen":    "n    n   n    n    y    y    y    n    n    n",
}
# fmt: on

# each state move: the record of setUpClass it is made on, the button, the state it reaches
MOVE_CALLS = {
    "meeting_hold": ("meeting_to_hold", "action_done", "done"),
    "meeting_reopen": ("meeting_held", "action_draft", "draft"),
    "statement_confirm": ("statement_draft", "action_confirm", "confirmed"),
    "statement_pay": ("statement_confirmed", "action_mark_paid", "paid"),
    "statement_reopen": ("statement_confirmed", "action_reset_draft", "draft"),
    "assessment_approve": ("assessment", "action_approve", "approved"),
    "claim_submit": ("claim_draft", "action_submit", "submitted"),
    "claim_approve": ("claim_submitted", "action_approve", "approved"),
    "claim_reject": ("claim_submitted", "action_reject", "rejected"),
    "claim_pay": ("claim_approved", "action_paid", "paid"),
    "claim_reopen": ("claim_paid", "action_reopen", "approved"),
    "complaint_resolve": ("complaint_open", "action_resolve", "resolved"),
    "complaint_cancel": ("complaint_open", "action_cancel", "cancelled"),
    "complaint_reopen": ("complaint_resolved", "action_reopen", "new"),
    "accident_tow": ("accident_reported", "action_start_towing", "towing"),
    "accident_arrive": ("accident_reported", "action_arrive", "assessment"),
    "accident_repair": ("accident_assessed", "action_start_repair", "repairing"),
    "accident_close": ("accident_assessed", "action_close", "closed"),
    "accident_reopen": ("accident_closed", "action_reopen", "reported"),
}

# a metric the engine accepts: orders counted from the service analysis
METRIC_DECLARATION = {
    "source_model": "aftersales.kpi.service.report",
    "date_field": "date",
    "aggregate": "count",
}


@tagged("post_install", "-at_install")
class TestAccessMatrix(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env.company
        cls.company_b = env["res.company"].create({"name": "Nanning Station (matrix)"})
        user_group = "aftersales_dealer.group_aftersales_user"
        manager_group = "aftersales_dealer.group_aftersales_manager"
        # the advisor group comes with the core's guards; tolerate its absence
        advisor_groups = user_group
        if env.ref("aftersales_dealer.group_aftersales_advisor", raise_if_not_found=False):
            advisor_groups += ",aftersales_dealer.group_aftersales_advisor"
        specs = {
            "technician": (user_group, "technician"),
            "advisor": (advisor_groups, "advisor"),
            "clerk": ("aftersales_dealer.group_aftersales_info_clerk", "info_clerk"),
            "accident": ("aftersales_dealer.group_aftersales_accident", "accident_leader"),
            "parts_mgr": (manager_group, "parts_manager"),
            "tech_mgr": (manager_group, "technical_manager"),
            "service_mgr": (manager_group, "service_manager"),
            "internal": ("base.group_user", False),
            "portal": ("base.group_portal", False),
        }
        cls.users, cls.employees = {}, {}
        for role, (groups, aftersales_role) in specs.items():
            user = new_test_user(
                env,
                f"matrix_{role}",
                groups=groups,
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            )
            cls.users[role] = user
            if aftersales_role:
                cls.employees[role] = env["hr.employee"].create(
                    {
                        "name": f"Matrix {role}",
                        "user_id": user.id,
                        "aftersales_role": aftersales_role,
                        "company_id": cls.company.id,
                    }
                )
        cls.users["other_co"] = new_test_user(
            env,
            "matrix_other_co",
            groups=manager_group,
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls._build_records()

    @classmethod
    def _build_records(cls):
        env, company = cls.env, cls.company
        technician, advisor = cls.employees["technician"], cls.employees["advisor"]
        today = fields.Date.context_today(env.user)
        customer = env["res.partner"].create({"name": "Matrix Transport", "is_company": True})
        insurer = env["res.partner"].create({"name": "Matrix Insurer", "is_insurer": True})
        brand = env["fleet.vehicle.model.brand"].create({"name": "Matrix FAW"})
        model = env["fleet.vehicle.model"].create({"name": "Matrix J6P", "brand_id": brand.id})
        trucks = env["fleet.vehicle"].create(
            [
                {"model_id": model.id, "customer_id": customer.id, "license_plate": plate}
                for plate in ("桂L·M0001", "桂L·M0002")
            ]
        )
        cls.customer, cls.insurer, cls.trucks = customer, insurer, trucks
        order = env["repair.order"].create(
            {
                "partner_id": customer.id,
                "vehicle_id": trucks[0].id,
                "user_id": cls.users["advisor"].id,
                "company_id": company.id,
            }
        )
        labor_line = env["aftersales.labor.line"].create(
            {
                "repair_id": order.id,
                "name": "Brake linings",
                "technician_id": technician.id,
                "hours": 2.0,
            }
        )
        env["aftersales.grade"].search([]).active = False  # a grade table of our own
        grade = env["aftersales.grade"].create(
            {
                "name": "Matrix T9",
                "role": "technician",
                "level": 9,
                "min_score": 0,
                "max_score": 0,
                "company_id": company.id,
            }
        )
        grade_pass = env["aftersales.grade"].create(
            {
                "name": "Matrix T8",
                "role": "technician",
                "level": 8,
                "min_score": 0,
                "max_score": 100,
                "company_id": company.id,
            }
        )
        policy_vals = {
            "name": "MATRIX-P-0001",
            "vehicle_id": trucks[0].id,
            "insurer_id": insurer.id,
            "date_start": today,
            "date_end": today + timedelta(days=364),
            "company_id": company.id,
        }
        accident = env["aftersales.accident"].create(
            {
                "vehicle_id": trucks[0].id,
                "insurer_id": insurer.id,
                "company_id": company.id,
                "amount_billed_insurer": 1000.0,
            }
        )
        meeting = env["aftersales.kpi.meeting"].create(
            {
                "company_id": company.id,
                "date_from": today - timedelta(days=70),
                "date_to": today - timedelta(days=64),
            }
        )
        metric = env["aftersales.kpi.metric"].create(
            {
                "code": "matrix_metric",
                "name": "Matrix figure",
                "role": "service_manager",
                **METRIC_DECLARATION,
            }
        )
        meeting_line = env["aftersales.kpi.meeting.line"].create(
            {"meeting_id": meeting.id, "company_id": company.id, "metric_id": metric.id}
        )
        scheme = env["aftersales.incentive.scheme"].create(
            {"name": "Matrix inspections", "kind": "annual_inspection", "company_id": company.id}
        )
        month = today.replace(day=1) - timedelta(days=400)
        month = month.replace(day=1)
        period = env["aftersales.incentive.period"].create(
            {"date_from": month, "company_id": company.id}
        )
        statement = env["aftersales.incentive.statement"].create(
            {"employee_id": technician.id, "date_from": month, "company_id": company.id}
        )
        statement_line = env["aftersales.incentive.statement.line"].create(
            {"statement_id": statement.id, "scheme_id": scheme.id, "basis": 1, "amount": 10}
        )
        share = env["aftersales.labor.share"].create(
            {"labor_line_id": labor_line.id, "employee_id": technician.id, "share": 100}
        )
        assessment = env["aftersales.grading.assessment"].create(
            {"employee_id": technician.id, "training_score": 90, "ability_score": 90}
        )
        technician.aftersales_grade = grade_pass  # enters the history as a tracked change
        history = env["aftersales.grading.history"].search(
            [("employee_id", "=", technician.id)], limit=1
        )
        inspection = env["aftersales.annual.inspection"].create(
            {"vehicle_id": trucks[0].id, "employee_id": advisor.id, "date": today}
        )
        cls.records = {
            "repair.order": order,
            "aftersales.finding": env["aftersales.finding"].create(
                {"name": "Worn brake linings", "vehicle_id": trucks[0].id, "repair_id": order.id}
            ),
            "aftersales.followup": env["aftersales.followup"].create(
                {
                    "name": "Post-repair call",
                    "partner_id": customer.id,
                    "followup_type": "promotion",
                    "due_date": today,
                }
            ),
            "aftersales.complaint": env["aftersales.complaint"].create(
                {"partner_id": customer.id, "description": "Waited too long"}
            ),
            "aftersales.warranty.claim": env["aftersales.warranty.claim"].create(
                {"repair_id": order.id}
            ),
            "aftersales.rescue": env["aftersales.rescue"].create(
                {"location": "G75 km 1203", "partner_id": customer.id}
            ),
            "aftersales.wash.visit": env["aftersales.wash.visit"].create(
                {"license_plate": "桂L·M0001"}
            ),
            "aftersales.labor.line": labor_line,
            "aftersales.insurance.policy": env["aftersales.insurance.policy"].create(policy_vals),
            "aftersales.accident": accident,
            "aftersales.accident.payment": env["aftersales.accident.payment"].create(
                {"accident_id": accident.id, "amount": 100.0}
            ),
            "aftersales.kpi.meeting": meeting,
            "aftersales.kpi.meeting.line": meeting_line,
            "aftersales.kpi.metric": metric,
            "aftersales.incentive.period": period,
            "aftersales.incentive.statement": statement,
            "aftersales.incentive.statement.line": statement_line,
            "aftersales.incentive.scheme": scheme,
            "aftersales.labor.share": share,
            "aftersales.grading.assessment": assessment,
            "aftersales.grading.history": history,
            "aftersales.annual.inspection": inspection,
            "aftersales.grade": grade,
        }
        # records free of dependants for the delete cell (others: the record above)
        cls.delete_records = {
            "repair.order": env["repair.order"].create(
                {"partner_id": customer.id, "company_id": company.id}
            ),
            # a case just reported: one with collections or calls is history, never deleted
            "aftersales.accident": env["aftersales.accident"].create(
                {"vehicle_id": trucks[0].id, "insurer_id": insurer.id, "company_id": company.id}
            ),
            "aftersales.kpi.metric": env["aftersales.kpi.metric"].create(
                {
                    "code": "matrix_metric_d",
                    "name": "Matrix figure D",
                    "role": "service_manager",
                    **METRIC_DECLARATION,
                }
            ),
        }
        # one harmless field per model for the write cell
        cls.write_vals = {
            "repair.order": {"internal_notes": "<p>Matrix</p>"},
            "aftersales.finding": {"name": "Worn brake linings (front)"},
            "aftersales.followup": {"name": "Post-repair call (2)"},
            "aftersales.complaint": {"description": "Waited too long at delivery"},
            "aftersales.warranty.claim": {"appraisal": "Leaking seal"},
            "aftersales.rescue": {"location": "G75 km 1204"},
            "aftersales.wash.visit": {"license_plate": "桂L·M0009"},
            "aftersales.labor.line": {"name": "Brake linings, both axles"},
            "aftersales.insurance.policy": {"name": "MATRIX-P-0002"},
            "aftersales.accident": {"description": "Rear-ended at a toll gate"},
            "aftersales.accident.payment": {"amount": 120.0},
            "aftersales.kpi.meeting": {"notes": "<p>Minutes</p>"},
            "aftersales.kpi.meeting.line": {"value": 3.0},
            "aftersales.kpi.metric": {"target": 5.0},
            "aftersales.incentive.period": {"manufacturer_score": 95.0},
            "aftersales.incentive.statement": {"manufacturer_factor": 1.0},
            "aftersales.incentive.statement.line": {"amount": 12.0},
            "aftersales.incentive.scheme": {"name": "Matrix inspections (2)"},
            "aftersales.labor.share": {"share": 100.0},
            "aftersales.grading.assessment": {"training_score": 91.0},
            "aftersales.grading.history": {"date_from": today},
            "aftersales.annual.inspection": {"note": "Certificate filed"},
            "aftersales.grade": {"name": "Matrix T9 (senior)"},
        }
        # values of a new record; the other company's user gets this company's values
        cls.create_vals = {
            "repair.order": {"partner_id": customer.id, "company_id": company.id},
            "aftersales.finding": {
                "name": "Cracked mirror",
                "vehicle_id": trucks[0].id,
                "company_id": company.id,
            },
            "aftersales.followup": {
                "name": "Promotion",
                "partner_id": customer.id,
                "followup_type": "promotion",
                "due_date": today,
                "company_id": company.id,
            },
            "aftersales.complaint": {
                "partner_id": customer.id,
                "description": "Rude",
                "company_id": company.id,
            },
            "aftersales.warranty.claim": {"repair_id": order.id},
            "aftersales.rescue": {"location": "G80 km 12", "company_id": company.id},
            "aftersales.wash.visit": {"license_plate": "桂L·M0003", "company_id": company.id},
            "aftersales.labor.line": {"repair_id": order.id, "name": "Tyres", "hours": 1.0},
            "aftersales.insurance.policy": dict(
                policy_vals, name="MATRIX-P-0003", vehicle_id=trucks[1].id
            ),
            "aftersales.accident": {
                "vehicle_id": trucks[1].id,
                "insurer_id": insurer.id,
                "company_id": company.id,
            },
            "aftersales.accident.payment": {"accident_id": accident.id, "amount": 50.0},
            "aftersales.kpi.meeting": {
                "company_id": company.id,
                "date_from": today - timedelta(days=140),
                "date_to": today - timedelta(days=134),
            },
            "aftersales.kpi.meeting.line": {
                "meeting_id": meeting.id,
                "company_id": company.id,
                "metric_id": metric.id,
                "employee_id": technician.id,
            },
            "aftersales.kpi.metric": {
                "code": "matrix_metric_2",
                "name": "Matrix figure 2",
                "role": "service_manager",
                **METRIC_DECLARATION,
            },
            "aftersales.incentive.period": {
                "date_from": month - timedelta(days=40),
                "company_id": company.id,
            },
            "aftersales.incentive.statement": {
                "employee_id": technician.id,
                "date_from": month - timedelta(days=40),
                "company_id": company.id,
            },
            "aftersales.incentive.statement.line": {
                "statement_id": statement.id,
                "scheme_id": scheme.id,
                "amount": 1.0,
            },
            "aftersales.incentive.scheme": {
                "name": "Matrix scheme 2",
                "kind": "annual_inspection",
                "company_id": company.id,
            },
            "aftersales.labor.share": {
                "labor_line_id": labor_line.id,
                "employee_id": cls.employees["clerk"].id,
                "share": 10.0,
            },
            "aftersales.grading.assessment": {
                "employee_id": technician.id,
                "training_score": 50,
                "ability_score": 50,
                "company_id": company.id,
            },
            "aftersales.grading.history": {
                "employee_id": technician.id,
                "grade_id": grade.id,
                "date_from": today,
                "company_id": company.id,
            },
            # the handler: the creator's own employee (see _create_vals)
            "aftersales.annual.inspection": {
                "vehicle_id": trucks[1].id,
                "date": today,
                "company_id": company.id,
            },
            "aftersales.grade": {
                "name": "Matrix T7",
                "role": "technician",
                "level": 7,
                "company_id": company.id,
            },
        }
        # state-move fixtures
        cls.meeting_to_hold = env["aftersales.kpi.meeting"].create(
            {
                "company_id": company.id,
                "date_from": today - timedelta(days=210),
                "date_to": today - timedelta(days=204),
            }
        )
        cls.meeting_to_hold.computed_on = fields.Datetime.now()
        cls.meeting_held = env["aftersales.kpi.meeting"].create(
            {
                "company_id": company.id,
                "date_from": today - timedelta(days=280),
                "date_to": today - timedelta(days=274),
            }
        )
        cls.meeting_held.computed_on = fields.Datetime.now()
        cls.meeting_held.action_done()
        # another month: the period above stays free of confirmed statements
        confirmed = env["aftersales.incentive.statement"].create(
            {
                "employee_id": cls.employees["clerk"].id,
                "date_from": month - timedelta(days=100),
                "company_id": company.id,
            }
        )
        confirmed.action_confirm()
        cls.statement_draft = statement
        cls.statement_confirmed = confirmed
        cls.assessment = assessment
        cls._build_move_records(order)

    @classmethod
    def _build_move_records(cls, order):
        """A warranty claim, complaint and accident case in each state a move starts from."""
        env, company = cls.env, cls.company
        claim_vals = {
            "repair_id": order.id,
            "appraisal": "Injection pump plunger worn: material defect",
            "rejection_reason": "Outside the warranty period",
            "line_ids": [
                Command.create({"name": "Injection pump", "quantity": 1, "price_unit": 3200}),
            ],
        }
        claims = env["aftersales.warranty.claim"].create(
            [
                claim_vals,
                {**claim_vals, "state": "submitted"},
                {**claim_vals, "state": "approved", "amount_approved": 3200},
                {**claim_vals, "state": "paid", "amount_approved": 3200, "amount_paid": 3200},
            ]
        )
        cls.claim_draft, cls.claim_submitted, cls.claim_approved, cls.claim_paid = claims
        complaint_vals = {
            "partner_id": cls.customer.id,
            "description": "Truck returned dirty",
            "resolution": "<p>Washed and apologised</p>",
            "company_id": company.id,
        }
        cls.complaint_open, cls.complaint_resolved = env["aftersales.complaint"].create(
            [complaint_vals, {**complaint_vals, "state": "resolved"}]
        )
        accident_vals = {
            "vehicle_id": cls.trucks[1].id,
            "insurer_id": cls.insurer.id,
            "company_id": company.id,
            "close_reason": "repaired_elsewhere",
        }
        accidents = env["aftersales.accident"].create(
            [
                accident_vals,
                {**accident_vals, "state": "assessment", "assessed_amount": 8000},
                {**accident_vals, "state": "closed"},
            ]
        )
        cls.accident_reported, cls.accident_assessed, cls.accident_closed = accidents

    # ------------------------------------------------------------------ cells
    def _create_vals(self, model, role):
        vals = dict(self.create_vals[model])
        if model == "aftersales.annual.inspection":
            # one's own inspection; who has no employee of this company tries the advisor's
            vals["employee_id"] = self.employees.get(role, self.employees["advisor"]).id
        return vals

    def _cell(self, model, role, operation):
        """Run one operation as the role's user; True if it went through."""
        user = self.users[role]
        record = self.records[model].with_user(user)
        savepoint = self.env.cr.savepoint()
        try:
            if operation == "c":
                record.browse().create(self._create_vals(model, role))
            elif operation == "r":
                record.read(["create_date"])
            elif operation == "w":
                record.write(dict(self.write_vals[model]))
            else:
                self.delete_records.get(model, self.records[model]).with_user(user).unlink()
            # constraints and computations run as they would at the end of the request
            record.env.flush_all()
            return True
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()

    def test_matrix_is_complete(self):
        self.assertEqual(set(MATRIX), set(self.records))
        self.assertEqual(set(STATE_MOVES), set(MOVE_CALLS))
        for table in (MATRIX, STATE_MOVES):
            for key, cells in table.items():
                self.assertEqual(len(cells.split()), len(ROLES), key)

    def test_crud_matrix(self):
        for model, cells in MATRIX.items():
            for role, allowed in zip(ROLES, cells.split(), strict=True):
                for operation in "crwd":
                    with self.subTest(model=model, role=role, operation=operation):
                        if operation in allowed:
                            self.assertTrue(self._cell(model, role, operation))
                        else:
                            with self.assertRaises(AccessError):
                                self._cell(model, role, operation)

    def _move(self, move, role):
        attribute, method, state = MOVE_CALLS[move]
        record = getattr(self, attribute)
        savepoint = self.env.cr.savepoint()
        try:
            getattr(record.with_user(self.users[role]), method)()
            self.assertEqual(record.state, state)
            self.env.flush_all()
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()

    def test_state_moves(self):
        for move, cells in STATE_MOVES.items():
            for role, allowed in zip(ROLES, cells.split(), strict=True):
                with self.subTest(move=move, role=role):
                    if allowed == "y":
                        self._move(move, role)
                    else:
                        with self.assertRaises(UserError):  # AccessError is a UserError
                            self._move(move, role)
