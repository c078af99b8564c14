"""Issue 11, core add-on: each hole tried by the user who would use it, and refused."""

from contextlib import contextmanager

from psycopg2.errors import UniqueViolation

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL, mute_logger
from odoo.tools.sql import index_exists

from .common_repair import AftersalesRepairCase


@tagged("post_install", "-at_install")
class TestGuards(AftersalesRepairCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a technician records work and parts; he has no advisor rights
        cls.tech_user = new_test_user(
            cls.env,
            login="as_tech",
            name="Technician Wu",
            groups="aftersales_dealer.group_aftersales_user",
        )
        cls.colleague = cls.env["hr.employee"].create(
            {"name": "Technician Huang", "aftersales_role": "technician"}
        )
        cls.other_company = cls.env["res.company"].create({"name": "Other Station"})
        cls.foreign_customer = cls.env["res.partner"].create(
            {
                "name": "Customer of the Other Station",
                "phone": "0771-5550000",
                "company_id": cls.other_company.id,
            }
        )

    @contextmanager
    def assertRefused(self, exception, regex):
        """assertRaises (which rolls the refused change back) plus a look at the message."""
        with self.assertRaises(exception) as cm:
            yield cm
        self.assertRegex(str(cm.exception), regex)

    def _flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()

    def _claim(self, user=None):
        return (
            self.env["aftersales.warranty.claim"]
            .with_user(user or self.advisor)
            .create(
                {
                    "repair_id": self._new_order(visit_type="warranty").id,
                    "appraisal": "Injection pump plunger worn: material defect",
                    "line_ids": [
                        (0, 0, {"name": "Injection pump", "quantity": 1, "price_unit": 3200}),
                        (0, 0, {"name": "Replace pump", "line_type": "labor", "price_unit": 400}),
                    ],
                }
            )
        )

    def _paid_claim(self):
        claim = self._claim()
        claim.action_submit()
        claim.with_user(self.manager).action_approve()
        claim.with_user(self.manager).action_paid()
        self.assertEqual(claim.state, "paid")
        return claim

    def _delivered_order(self, **values):
        repair = self._new_order(
            team_leader_id=self.team_leader.id,
            technician_ids=[(6, 0, self.technician.ids)],
            **values,
        )
        self.env["aftersales.labor.line"].with_user(self.advisor).create(
            {
                "repair_id": repair.id,
                "standard_id": self.brake_standard.id,
                "technician_id": self.technician.id,
            }
        )
        repair.with_user(self.advisor).action_receive()
        repair.with_user(self.advisor).action_deliver()
        return repair

    # ------------------------------------------------------------------ warranty claims

    def test_hole_advisor_writes_claim_paid_with_amounts(self):
        claim = self._claim()
        claim.action_submit()
        with self.assertRefused(UserError, "cannot go from"):
            claim.write({"state": "paid", "amount_approved": 50000, "amount_paid": 50000})
        with self.assertRefused(AccessError, "manager"):
            claim.write({"state": "approved"})
        with self.assertRefused(AccessError, "manager"):
            claim.write({"amount_approved": 50000})
        self.assertEqual(claim.state, "submitted")
        self.assertEqual((claim.amount_approved, claim.amount_paid), (0, 0))
        # the manager cannot jump either: approve comes before pay
        with self.assertRefused(UserError, "cannot go from"):
            claim.with_user(self.manager).write({"state": "paid"})
        self.assertEqual(claim.state, "submitted")

    def test_hole_technician_submits_claim(self):
        claim = self._claim(user=self.tech_user)
        with self.assertRefused(AccessError, "service advisor"):
            claim.action_submit()
        self.assertEqual(claim.state, "draft")
        with self.assertRefused(AccessError, "starts as a draft"):
            self.env["aftersales.warranty.claim"].with_user(self.advisor).create(
                {"repair_id": claim.repair_id.id, "state": "approved"}
            )

    def test_hole_paid_claim_lines_edited_or_deleted(self):
        claim = self._paid_claim()
        line = claim.line_ids[0]
        for user in (self.advisor, self.manager):
            with self.assertRefused(UserError, "cannot be changed"):
                line.with_user(user).write({"price_unit": 9999})
            with self.assertRefused(UserError, "cannot be changed"):
                line.with_user(user).unlink()
            with self.assertRefused(UserError, "cannot be changed"):
                self.env["aftersales.warranty.claim.line"].with_user(user).create(
                    {"claim_id": claim.id, "name": "Extra", "price_unit": 500}
                )
        self.assertEqual(line.price_unit, 3200)
        self.assertEqual(len(claim.line_ids), 2)
        self.assertEqual(claim.amount_claimed, 3600)
        # the settled figures themselves are frozen too
        with self.assertRefused(UserError, "is paid"):
            claim.with_user(self.manager).write({"amount_paid": 100})
        self.assertEqual(claim.amount_paid, 3600)
        # recording the old part's return stays possible
        claim.write({"old_part_returned": True})
        self.assertTrue(claim.old_part_returned)

    def test_hole_paid_claim_back_to_draft_by_write(self):
        claim = self._paid_claim()
        for user in (self.advisor, self.manager):
            with self.assertRefused(UserError, "cannot go from"):
                claim.with_user(user).write({"state": "draft"})
        self.assertEqual(claim.state, "paid")
        with self.assertRefused(AccessError, "manager"):
            claim.action_reopen()
        self.assertEqual(claim.state, "paid")
        claim.with_user(self.manager).action_reopen()
        self.assertEqual(claim.state, "approved")
        self.assertFalse(claim.paid_date)
        self.assertIn("Reopened by Manager Chen", claim.message_ids[0].body)

    def test_hole_amount_paid_above_approved(self):
        claim = self._claim()
        claim.action_submit()
        claim.with_user(self.manager).action_approve()
        with self.assertRefused(ValidationError, "cannot be more than the amount approved"):
            claim.with_user(self.manager).write({"amount_paid": 3601})
        with self.assertRefused(ValidationError, "negative|cannot be more"):
            claim.with_user(self.manager).write({"amount_approved": -1})
        self.assertEqual((claim.amount_approved, claim.amount_paid), (3600, 0))

    def test_decided_claims_kept(self):
        claim = self._paid_claim()
        with self.assertRefused(UserError, "Only draft warranty claims"):
            claim.with_user(self.manager).unlink()
        self.assertTrue(claim.exists())

    # ------------------------------------------------------------------ complaints

    def _complaint(self, **values):
        return (
            self.env["aftersales.complaint"]
            .with_user(self.advisor)
            .create(
                {
                    "partner_id": self.customer.id,
                    "description": "Brakes squeal again",
                    "responsible_employee_id": self.technician.id,
                    **values,
                }
            )
        )

    def test_hole_complaint_moved_to_colleague_then_cancelled(self):
        complaint = self._complaint()
        with self.assertRefused(AccessError, "manager"):
            complaint.action_cancel()
        self.assertEqual(complaint.state, "new")
        complaint.resolution = "<p>Linings replaced free of charge</p>"
        complaint.action_resolve()
        with self.assertRefused(AccessError, "closed"):
            complaint.write({"responsible_employee_id": self.colleague.id})
        with self.assertRefused(UserError, "cannot go from"):
            complaint.write({"state": "cancelled"})
        with self.assertRefused(AccessError, "manager"):
            complaint.action_reopen()
        self.assertEqual(complaint.responsible_employee_id, self.technician)
        self.assertEqual(complaint.state, "resolved")
        # a resolved complaint is not cancelled, even by the manager: he reopens it first
        with self.assertRefused(UserError, "open complaints"):
            complaint.with_user(self.manager).action_cancel()

    def test_manager_moves_attribution_tracked(self):
        complaint = self._complaint()
        complaint.resolution = "<p>Explained</p>"
        complaint.action_resolve()
        # a record is not tracked in the transaction that created it: end that one first
        self._flush_tracking()
        complaint.with_user(self.manager).write({"responsible_employee_id": self.colleague.id})
        self._flush_tracking()
        tracked = complaint.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "responsible_employee_id"
        )
        self.assertEqual(tracked.old_value_char, "Technician Zhang")
        self.assertEqual(tracked.new_value_char, "Technician Huang")

    def test_cancelled_complaint_keeps_history(self):
        complaint = self._complaint()
        complaint.with_user(self.manager).action_cancel()
        self.assertEqual(complaint.state, "cancelled")
        self.assertEqual(complaint.responsible_employee_id, self.technician)
        with self.assertRefused(UserError, "cancel it instead"):
            complaint.with_user(self.manager).unlink()
        self.assertTrue(complaint.exists())

    # ------------------------------------------------------------------ repair orders

    def test_hole_labour_of_delivered_order_raised(self):
        repair = self._delivered_order()
        line = repair.labor_line_ids
        for user in (self.tech_user, self.advisor):
            with self.assertRefused(AccessError, "done or delivered"):
                line.with_user(user).write({"hours": 20})
            with self.assertRefused(AccessError, "done or delivered"):
                line.with_user(user).write({"technician_id": self.colleague.id})
            with self.assertRefused(AccessError, "done or delivered"):
                line.with_user(user).unlink()
            with self.assertRefused(AccessError, "done or delivered"):
                self.env["aftersales.labor.line"].with_user(user).create(
                    {"repair_id": repair.id, "name": "Extra", "hours": 10}
                )
        self.assertEqual(line.hours, 2.5)
        self.assertEqual(line.technician_id, self.technician)
        self.assertEqual(repair.labor_hours, 2.5)
        # the manager corrects it; the order's chatter says who changed what
        line.with_user(self.manager).write({"hours": 3})
        self.assertEqual(repair.labor_hours, 3)
        body = repair.message_ids[0].body
        self.assertIn("Changed by Manager Chen", body)
        self.assertIn("2.5 → 3.0", body)

    def test_hole_labour_hours_implausible(self):
        repair = self._new_order()
        Line = self.env["aftersales.labor.line"].with_user(self.tech_user)
        with self.assertRefused(ValidationError, "not plausible"):
            Line.create({"repair_id": repair.id, "name": "Overhaul", "hours": 1e9})
        line = Line.create({"repair_id": repair.id, "name": "Overhaul", "hours": 24})
        with self.assertRefused(ValidationError, "not plausible"):
            line.write({"actual_hours": 500})
        self.assertEqual(repair.labor_line_ids.mapped("hours"), [24])

    def test_hole_rework_attributed_after_delivery(self):
        first = self._delivered_order()
        second = self._delivered_order()
        for user in (self.tech_user, self.advisor):
            with self.assertRefused(AccessError, "rework attribution"):
                second.with_user(user).write({"is_rework": True, "rework_of_id": first.id})
            with self.assertRefused(AccessError, "rework attribution"):
                second.with_user(user).write({"technician_ids": [(6, 0, self.colleague.ids)]})
        self.assertFalse(second.is_rework)
        self.assertEqual(second.technician_ids, self.technician)
        second.with_user(self.manager).write({"is_rework": True, "rework_of_id": first.id})
        self.assertIn("Changed by Manager Chen", second.message_ids[0].body)
        # an open order's attribution is still the advisor's to record
        open_order = self._new_order()
        open_order.action_receive()
        open_order.write({"is_rework": True, "rework_of_id": first.id})
        self.assertTrue(open_order.is_rework)

    def test_hole_technician_changes_prices(self):
        repair = self._new_order()
        repair.with_user(self.advisor).action_receive()
        Line = self.env["aftersales.labor.line"].with_user(self.tech_user)
        # he records his work at the catalogue rate
        line = Line.create(
            {"repair_id": repair.id, "standard_id": self.brake_standard.id, "price_unit": 150}
        )
        line.write({"actual_hours": 3, "hours": 3})
        self.assertEqual(line.price_unit, 150)
        with self.assertRefused(AccessError, "rate"):
            line.write({"price_unit": 300})
        with self.assertRefused(AccessError, "rate"):
            Line.create({"repair_id": repair.id, "name": "Extra", "hours": 1, "price_unit": 999})
        with self.assertRefused(AccessError, "under warranty"):
            repair.with_user(self.tech_user).write({"under_warranty": True})
        with self.assertRefused(AccessError, "price of a repair"):
            self.env["stock.move"].with_user(self.tech_user).create(
                {
                    "repair_id": repair.id,
                    "repair_line_type": "add",
                    "product_id": self.part.id,
                    "product_uom_qty": 1,
                    "price_unit": 1,
                }
            )
        self.assertEqual(line.price_unit, 150)
        self.assertFalse(repair.under_warranty)
        self.assertFalse(repair.move_ids)
        # the quotation of the repair: its prices are the advisor's
        repair.with_user(self.advisor).action_create_sale_order()
        sale_line = line.sale_line_id
        self.assertEqual(sale_line.price_unit, 150)
        # he may open the quotation (his own), so only the price rule stands in his way
        self.env["sale.order"].browse(sale_line.order_id.id).user_id = self.tech_user
        with self.assertRefused(AccessError, "prices and discounts"):
            sale_line.with_user(self.tech_user).write({"price_unit": 10})
        with self.assertRefused(AccessError, "prices and discounts"):
            sale_line.with_user(self.tech_user).write({"discount": 50})
        with self.assertRefused(AccessError, "prices and discounts"):
            self.env["sale.order.line"].with_user(self.tech_user).create(
                {"order_id": sale_line.order_id.id, "product_id": self.part.id, "price_unit": 1}
            )
        self.assertEqual((sale_line.price_unit, sale_line.discount), (150, 0))
        self.assertEqual(len(sale_line.order_id.order_line), 1)
        # the advisor prices
        self.env["sale.order"].browse(sale_line.order_id.id).user_id = self.advisor
        line.with_user(self.advisor).write({"price_unit": 180})
        self.assertEqual(sale_line.price_unit, 180)
        repair.with_user(self.advisor).write({"under_warranty": True})
        self.assertTrue(repair.under_warranty)

    def test_delivered_order_kept(self):
        repair = self._delivered_order()
        with self.assertRefused(UserError, "cannot be deleted"):
            repair.with_user(self.manager).unlink()
        self.assertTrue(repair.exists())

    # ------------------------------------------------------------------ companies

    def test_hole_customer_of_another_company(self):
        vals = {"partner_id": self.foreign_customer.id}
        with self.assertRefused(UserError, "ompan"):
            self.env["aftersales.followup"].with_user(self.advisor).create(
                dict(vals, name="Call", followup_type="promotion", due_date="2026-03-10")
            )
        with self.assertRefused(UserError, "ompan"):
            self.env["aftersales.complaint"].with_user(self.advisor).create(
                dict(vals, description="Rude")
            )
        with self.assertRefused(UserError, "ompan"):
            self.env["aftersales.rescue"].with_user(self.advisor).create(
                dict(vals, location="G80 K1500")
            )
        self.assertFalse(
            self.env["aftersales.followup"].search([("partner_id", "=", self.foreign_customer.id)])
        )

    def test_followup_phone_read_with_callers_rights(self):
        # computed as superuser, a related field would read any customer's phone
        self.assertFalse(self.env["aftersales.followup"]._fields["partner_phone"].compute_sudo)
        followup = self.env["aftersales.followup"].create(
            {
                "name": "Call",
                "partner_id": self.customer.id,
                "followup_type": "promotion",
                "due_date": "2026-03-10",
            }
        )
        self.customer.phone = "0776-1234567"
        self.assertEqual(followup.with_user(self.advisor).partner_phone, "0776-1234567")

    # ------------------------------------------------------------------ history

    def test_completed_call_kept(self):
        followup = self.env["aftersales.followup"].create(
            {
                "name": "Post-repair call",
                "partner_id": self.customer.id,
                "followup_type": "promotion",
                "due_date": "2026-03-10",
                "state": "done",
                "outcome": "not_interested",
            }
        )
        with self.assertRefused(UserError, "completed calls"):
            followup.with_user(self.manager).unlink()
        self.assertTrue(followup.exists())

    # ------------------------------------------------------------------ bad input

    def test_hole_duplicate_vin_without_company(self):
        Vehicle = self.env["fleet.vehicle"].with_user(self.advisor)
        vals = {"model_id": self.vehicle_model.id, "vin_sn": "LFWSRXSJ3L1A00017"}
        Vehicle.create(dict(vals, company_id=False, license_plate="桂L·V0001"))
        with self.assertRefused(ValidationError, "already has the VIN"):
            Vehicle.create(dict(vals, company_id=False, license_plate="桂L·V0002"))
        with self.assertRefused(ValidationError, "already has the VIN"):
            Vehicle.create(dict(vals, license_plate="桂L·V0003"))
        self.assertEqual(
            self.env["fleet.vehicle"].search_count([("vin_sn", "=", "LFWSRXSJ3L1A00017")]), 1
        )
        # the database holds it too, past the ORM (two requests at the same moment)
        self.assertTrue(index_exists(self.env.cr, "fleet_vehicle_vin_no_company_uniq"))
        other = Vehicle.create(
            dict(vals, company_id=False, vin_sn="LFWSRXSJ3L1A00025", license_plate="桂L·V0004")
        )
        with self.assertRaises(UniqueViolation), mute_logger("odoo.sql_db"):
            self.env.cr.execute(
                SQL(
                    "UPDATE fleet_vehicle SET vin_sn = %s WHERE id = %s",
                    "LFWSRXSJ3L1A00017",
                    other.id,
                )
            )

    def test_hole_implausible_truck_figures(self):
        truck = self.truck.with_user(self.advisor)
        with self.assertRefused(ValidationError, "not plausible"):
            self.env["fleet.vehicle.odometer"].with_user(self.advisor).create(
                {"vehicle_id": truck.id, "value": 1e12, "date": "2026-02-01"}
            )
        with self.assertRefused(ValidationError, "not plausible"):
            self._new_order(odometer=1e12)
        with self.assertRefused(ValidationError, "not plausible"):
            truck.write({"last_maintenance_odometer": 1e15})
        with self.assertRefused(ValidationError, "at most 20 characters"):
            truck.write({"license_plate": "桂" * 10000})
        with self.assertRefused(ValidationError, "not plausible"):
            truck.write({"annual_inspection_date": "2999-01-01"})
        with self.assertRefused(ValidationError, "between"):
            truck.write({"last_maintenance_date": "1900-01-01"})
        self.assertEqual(truck.odometer, 100000)
        self.assertEqual(truck.last_maintenance_odometer, 0)
        self.assertEqual(truck.license_plate, "桂L·T0001")
        self.assertFalse(truck.annual_inspection_date)

    def test_hole_duplicate_churn_cause_names(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        Reason = self.env["aftersales.churn.reason"].with_user(self.manager)
        reason = Reason.with_context(lang="en_US").create({"name": "Test: too far away"})
        reason.with_context(lang="zh_CN").name = "测试：路太远"
        # the stored values differ (one has a Chinese translation): the SQL rule lets it pass
        with self.assertRefused(ValidationError, "already exists"):
            Reason.with_context(lang="en_US").create({"name": "Test: too far away"})
        # refused in the user's language, with the message in that language
        with self.assertRefused(ValidationError, "已存在|already exists"):
            Reason.with_context(lang="zh_CN").create({"name": "测试：路太远"})
        self.assertEqual(
            Reason.with_context(active_test=False).search_count(
                [("name", "=", "Test: too far away")]
            ),
            1,
        )

    def test_hole_duplicate_labour_code_without_company(self):
        Standard = self.env["aftersales.labor.standard"].with_user(self.manager)
        vals = {"name": "Test operation", "code": "TEST-DUP-1", "hours": 1, "company_id": False}
        Standard.create(vals)
        with self.assertRefused(ValidationError, "already has standard hours"):
            Standard.create(vals)
        with self.assertRefused(ValidationError, "already has standard hours"):
            Standard.create(dict(vals, company_id=self.company.id))
        self.assertEqual(Standard.search_count([("code", "=", "TEST-DUP-1")]), 1)

    def test_hole_grade_in_use_deleted(self):
        grade = self.env["aftersales.grade"].create(
            {"name": "Test master technician", "role": "technician", "level": 42}
        )
        self.technician.aftersales_grade = grade
        with self.assertRefused(UserError, "archive it"):
            grade.with_user(self.manager).unlink()
        self.assertTrue(grade.exists())
        self.assertEqual(self.technician.aftersales_grade, grade)
