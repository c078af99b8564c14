from datetime import date, timedelta

from freezegun import freeze_time
from lxml import html as lxml_html

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common_china_rules import AftersalesChinaRulesCase


@tagged("post_install", "-at_install")
class TestCompletionCertificate(AftersalesChinaRulesCase):
    def _qualifying_delivery(self, day):
        repair = self._received(
            f"2026-03-{day:02d} 01:00:00",
            odometer=100000 + day * 100,
            work_class_id=self.class_level2.id,
        )
        return repair

    def test_numbers_in_order_without_gap_or_reuse(self):
        first = self._deliver(self._qualifying_delivery(2), "2026-03-02 06:00:00")
        self.assertEqual(first.certificate_number, "T0001")
        # a non-qualifying order consumes nothing
        minor = self._received(
            "2026-03-03 01:00:00", odometer=100350, work_class_id=self.class_minor.id
        )
        self._deliver(minor, "2026-03-03 09:00:00")
        self.assertFalse(minor.certificate_number)
        # the next blank is spoiled in the printer: skipped, with its reason and user
        void = (
            self.env["aftersales.certificate.void"]
            .with_user(self.advisor)
            .create({"range_id": self.cert_range.id, "reason": "spoiled", "note": "卡纸"})
        )
        self.assertEqual(void.certificate_number, "T0002")
        self.assertEqual(void.user_id, self.advisor)
        second = self._deliver(self._qualifying_delivery(4), "2026-03-04 06:00:00")
        self.assertEqual(second.certificate_number, "T0003")
        self.assertEqual(self.cert_range.remaining_count, 0)
        # every number up to the pointer is issued once or voided with a reason
        issued = self.env["repair.order"].search(
            [("certificate_range_id", "=", self.cert_range.id)]
        )
        self.assertEqual(
            sorted(
                issued.mapped("certificate_number")
                + self.cert_range.void_ids.mapped("certificate_number")
            ),
            [self.cert_range._format_number(n) for n in range(1, self.cert_range.next_number)],
        )
        # the log of voids cannot be rewritten, the pointer cannot be moved by hand
        with self.assertRaises(UserError):
            void.with_user(self.manager).write({"reason": "other"})
        with self.assertRaises(UserError):
            self.cert_range.with_user(self.manager).write({"next_number": 2})
        with self.assertRaises(AccessError):
            self.cert_range.with_user(self.advisor).write({"number_to": 10})

    def test_delivery_refused_without_certificate(self):
        self.env["aftersales.certificate.void"].create(
            [{"range_id": self.cert_range.id, "reason": "damaged"} for _i in range(3)]
        )
        repair = self._qualifying_delivery(5)
        with self.assertRaises(UserError) as refused:
            self._deliver(repair, "2026-03-05 06:00:00")
        self.assertIn("no certificate number is left", str(refused.exception))
        # nothing half-saved: the order is still waiting for its certificate
        repair.invalidate_recordset()
        self.assertFalse(repair.delivered_date)
        self.assertFalse(repair.certificate_number)
        self.assertFalse(repair.guarantee_end_date)
        # the manager registers the next block of forms; delivery goes through
        self.env["aftersales.certificate.range"].with_user(self.manager).create(
            {"prefix": "T", "number_from": 4, "number_to": 10, "padding": 4}
        )
        self._deliver(repair, "2026-03-05 06:00:00")
        self.assertEqual(repair.certificate_number, "T0004")

    def test_ranges_cannot_overlap(self):
        with self.assertRaises(ValidationError):
            self.env["aftersales.certificate.range"].with_user(self.manager).create(
                {"prefix": "T", "number_from": 3, "number_to": 8}
            )


@tagged("post_install", "-at_install")
class TestGuaranteeClock(AftersalesChinaRulesCase):
    def test_days_limit_first(self):
        # 100,000 km on 5 Jan, 102,000 km on 2 Mar: about 36 km a day
        repair = self._received(
            "2026-03-02 01:00:00", odometer=102000, work_class_id=self.class_level2.id
        )
        self._deliver(repair, "2026-03-02 06:00:00")
        self.assertEqual(repair.guarantee_end_date, date(2026, 3, 2) + timedelta(days=30))
        self.assertEqual(repair.guarantee_end_km, 102000 + 5000)
        km_per_day = 2000 / (date(2026, 3, 2) - date(2026, 1, 5)).days
        self.assertGreater(5000 / km_per_day, 30, "at this mileage the days run out first")
        self.assertEqual(repair.guarantee_expiry_date, repair.guarantee_end_date)
        with freeze_time("2026-04-01"):
            self.assertTrue(repair.guarantee_active)
        with freeze_time("2026-04-02"):
            repair.invalidate_recordset(["guarantee_active"])
            self.assertFalse(repair.guarantee_active)
            self.assertNotIn(
                repair, self.env["repair.order"].search([("guarantee_active", "=", True)])
            )

    def test_km_limit_first(self):
        # a long-haul tractor: 200,000 km on 1 Jan, 229,500 km on 2 Mar, ~492 km a day
        truck = self.other_truck
        self.env["fleet.vehicle.odometer"].create(
            {"vehicle_id": truck.id, "value": 200000, "date": "2026-01-01"}
        )
        repair = self._received(
            "2026-03-02 01:00:00",
            vehicle=truck,
            odometer=229500,
            work_class_id=self.class_level2.id,
        )
        self._deliver(repair, "2026-03-02 06:00:00")
        km_per_day = 29500 / (date(2026, 3, 2) - date(2026, 1, 1)).days
        days_to_limit = int(5000 // km_per_day)
        self.assertLess(days_to_limit, 30, "at this mileage the kilometres run out first")
        self.assertEqual(repair.guarantee_end_date, date(2026, 4, 1))
        self.assertEqual(repair.guarantee_expiry_date, date(2026, 3, 2) + timedelta(days_to_limit))
        # a new reading beyond the limit ends the guarantee on the day it was read
        self.env["fleet.vehicle.odometer"].create(
            {"vehicle_id": truck.id, "value": 235000, "date": "2026-03-08"}
        )
        self.assertEqual(repair.guarantee_expiry_date, date(2026, 3, 8))
        # the truck comes back inside the dates but past the kilometres: no guarantee
        back = self._received(
            "2026-03-09 01:00:00", vehicle=truck, odometer=235500, work_class_id=self.class_minor.id
        )
        self.assertFalse(back.guarantee_running_repair_id)

    def test_guarantees_per_truck_and_customer(self):
        repair = self._received(
            "2026-03-02 01:00:00", odometer=102000, work_class_id=self.class_level2.id
        )
        self._deliver(repair, "2026-03-02 06:00:00")
        with freeze_time("2026-03-10"):
            truck = self.truck.with_user(self.advisor)
            self.assertEqual(truck.guarantee_repair_count, 1)
            self.assertEqual(self.customer.with_user(self.advisor).guarantee_repair_count, 1)
            action = truck.action_view_guarantees()
            self.assertEqual(self.env["repair.order"].search(action["domain"]), repair)


@tagged("post_install", "-at_install")
class TestGuaranteeRework(AftersalesChinaRulesCase, HttpCase):
    # an HttpCase: wkhtmltopdf fetches the printed documents' assets from the server

    def _add_part(self, repair, qty=1.0):
        return (
            self.env["stock.move"]
            .with_user(self.advisor)
            .create(
                {
                    "repair_id": repair.id,
                    "repair_line_type": "add",
                    "product_id": self.part.id,
                    "product_uom_qty": qty,
                }
            )
        )

    def _add_labour(self, repair):
        return (
            self.env["aftersales.labor.line"]
            .with_user(self.advisor)
            .create(
                {
                    "repair_id": repair.id,
                    "standard_id": self.brake_standard.id,
                    "technician_id": self.technician.id,
                }
            )
        )

    def test_return_inside_guarantee_becomes_free_rework(self):
        first = self._received(
            "2026-03-02 01:00:00", odometer=102000, work_class_id=self.class_minor.id
        )
        self._add_labour(first)
        self._add_part(first)
        self._deliver(first, "2026-03-02 06:00:00")
        self.assertEqual(first.guarantee_end_date, date(2026, 3, 12))

        back = self._received("2026-03-06 01:00:00", odometer=102600, customer_complaint="刹车异响")
        self.assertEqual(back.guarantee_running_repair_id, first)
        back.with_user(self.advisor).action_guarantee_free_rework()
        self.assertTrue(back.is_rework)
        self.assertEqual(back.rework_of_id, first)
        self.assertEqual(back.guarantee_decision, "rework")
        labour = self._add_labour(back)
        self._add_part(back, qty=2)
        self.assertEqual(labour.price_unit, 0.0)
        back.with_user(self.advisor).action_create_sale_order()
        self.assertEqual(back.sale_order_id.amount_untaxed, 0.0)
        self.assertEqual(back.settlement_payer, "station")
        self.assertEqual(back.settlement_customer_amount, 0.0)
        # it counts in the rework figures
        self.assertIn(back, self.env["repair.order"].search([("is_rework", "=", True)]))
        # the rework cannot be turned back into a charge behind the customer's back
        back.with_user(self.advisor).under_warranty = False
        with self.assertRaises(UserError):
            self._deliver(back, "2026-03-06 06:00:00")

    def test_return_after_guarantee_is_new_work(self):
        first = self._received(
            "2026-03-02 01:00:00", odometer=102000, work_class_id=self.class_minor.id
        )
        self._deliver(first, "2026-03-02 06:00:00")
        late = self._received("2026-03-13 01:00:00", odometer=102300)
        self.assertFalse(late.guarantee_running_repair_id)
        with self.assertRaises(UserError):
            late.with_user(self.advisor).action_guarantee_free_rework()
        inside = self._received("2026-03-05 01:00:00", vehicle=self.truck, odometer=102300)
        self.assertEqual(inside.guarantee_running_repair_id, first)
        inside.with_user(self.advisor).action_guarantee_new_work()
        self.assertEqual(inside.guarantee_decision, "new_work")
        self.assertFalse(inside.is_rework)

    def test_settlement_list_totals_match_the_order(self):
        repair = self._received(
            "2026-03-02 01:00:00", odometer=102000, work_class_id=self.class_level2.id
        )
        self._add_labour(repair)
        self._add_part(repair, qty=2)
        self.env["aftersales.labor.line"].with_user(self.advisor).create(
            {"repair_id": repair.id, "name": "检查制动气路", "hours": 0.5}
        )
        repair.with_user(self.advisor).action_create_sale_order()
        order = repair.sale_order_id
        self._deliver(repair, "2026-03-02 06:00:00")

        self.assertEqual(repair.settlement_total, order.amount_untaxed)
        self.assertEqual(repair.settlement_labor_amount, repair.labor_amount)
        part_lines = order.order_line.filtered(lambda line: line.product_id == self.part)
        self.assertEqual(repair.settlement_parts_amount, sum(part_lines.mapped("price_subtotal")))
        self.assertEqual(repair.settlement_customer_amount, order.amount_untaxed)

        report = self.env["ir.actions.report"].with_user(self.advisor)
        ref = "aftersales_dealer.action_report_aftersales_settlement_list"
        page = lxml_html.fromstring(report._render_qweb_html(ref, repair.ids)[0])

        def amount(xpath):
            return [float(node.get("data-amount")) for node in page.xpath(xpath)]

        labour = amount("//table[contains(@class, 'o_settlement_labor')]//td[@data-amount]")
        parts = amount("//table[contains(@class, 'o_settlement_parts')]//td[@data-amount]")
        (labour_total,) = amount("//td[contains(@class, 'o_settlement_labor_total')]")
        (parts_total,) = amount("//td[contains(@class, 'o_settlement_parts_total')]")
        (total,) = amount("//td[contains(@class, 'o_settlement_total')]")
        self.assertEqual(len(labour), len(repair.labor_line_ids))
        self.assertEqual(len(parts), 1)
        self.assertAlmostEqual(sum(labour), labour_total, places=2)
        self.assertAlmostEqual(sum(parts), parts_total, places=2)
        self.assertAlmostEqual(labour_total + parts_total, total, places=2)
        self.assertAlmostEqual(total, order.amount_untaxed, places=2)
        self.assertIn(repair.certificate_number, page.text_content())
        self.assertIn("5000", page.text_content())

        # the certificate prints the same number, and both documents render as PDF
        ref_cert = "aftersales_dealer.action_report_aftersales_completion_certificate"
        cert = report._render_qweb_html(ref_cert, repair.ids)[0].decode()
        self.assertIn(repair.certificate_number, cert)
        self.assertIn("桂L·T0001", cert)
        for xml_id in (ref, ref_cert):
            with mute_logger("odoo.addons.base.models.ir_actions_report"):
                pdf, content_type = report.with_context(
                    force_report_rendering=True
                )._render_qweb_pdf(xml_id, repair.ids)
            self.assertEqual(content_type, "pdf")
            self.assertTrue(pdf.startswith(b"%PDF"))


@tagged("post_install", "-at_install")
class TestStagedInspections(AftersalesChinaRulesCase):
    def test_inspections_block_delivery(self):
        repair = self._received(
            "2026-03-02 01:00:00",
            odometer=102000,
            work_class_id=self.class_assembly.id,
            technician_ids=[(6, 0, self.technician.ids)],
        )
        Inspection = self.env["aftersales.repair.inspection"].with_user(self.advisor)
        for stage in ("entry", "in_process"):
            Inspection.create(
                {"repair_id": repair.id, "stage": stage, "inspector_id": self.inspector.id}
            )
        with self.assertRaises(UserError) as refused:
            self._deliver(repair, "2026-03-02 06:00:00")
        self.assertIn("inspections must all be passed", str(refused.exception))
        Inspection.create(
            {
                "repair_id": repair.id,
                "stage": "completion",
                "inspector_id": self.inspector.id,
                "result": "fail",
            }
        )
        with self.assertRaises(UserError):
            self._deliver(repair, "2026-03-02 06:00:00")
        self.assertFalse(repair.delivered_date)
        self.assertFalse(repair.certificate_number)
        Inspection.create(
            {"repair_id": repair.id, "stage": "completion", "inspector_id": self.inspector.id}
        )
        self._deliver(repair, "2026-03-02 07:00:00")
        self.assertEqual(repair.certificate_number, "T0001")

    def test_inspector_is_not_a_technician(self):
        repair = self._received(
            "2026-03-02 01:00:00",
            odometer=102000,
            work_class_id=self.class_assembly.id,
            technician_ids=[(6, 0, self.technician.ids)],
        )
        Inspection = self.env["aftersales.repair.inspection"].with_user(self.advisor)
        with self.assertRaises(ValidationError):
            Inspection.create(
                {"repair_id": repair.id, "stage": "entry", "inspector_id": self.technician.id}
            )
        self.assertFalse(repair.inspection_ids)
        Inspection.create(
            {"repair_id": repair.id, "stage": "entry", "inspector_id": self.inspector.id}
        )
        # nor can the inspector be put to work on the truck afterwards
        with self.assertRaises(ValidationError):
            repair.with_user(self.advisor).technician_ids = [(4, self.inspector.id)]


@tagged("post_install", "-at_install")
class TestChinaRulesTranslation(AftersalesChinaRulesCase):
    def test_work_classes_and_labels_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["aftersales_dealer"], ["zh_CN"], overwrite=True
        )
        level2 = self.env.ref("aftersales_dealer.work_class_maintenance_2")
        self.assertEqual(level2.with_context(lang="zh_CN").name, "二级维护")
        self.assertEqual((level2.guarantee_km, level2.guarantee_days), (5000, 30))
        self.assertTrue(level2.certificate_required)
        Repair = self.env["repair.order"].with_context(lang="zh_CN")
        self.assertEqual(
            Repair.fields_get(["work_class_id"])["work_class_id"]["string"], "维修类别"
        )


@tagged("post_install", "-at_install")
class TestChinaRulesAccess(AftersalesChinaRulesCase):
    def test_register_rights_and_company_isolation(self):
        # advisors read the register and record spoiled forms; only managers keep it
        with self.assertRaises(AccessError):
            self.env["aftersales.certificate.range"].with_user(self.advisor).create(
                {"prefix": "X", "number_from": 1, "number_to": 5}
            )
        with self.assertRaises(AccessError):
            self.class_minor.with_user(self.advisor).guarantee_days = 30
        self.assertEqual(self.class_minor.guarantee_days, 10)
        other_company = self.env["res.company"].create({"name": "Other Station"})
        other_range = self.env["aftersales.certificate.range"].create(
            {"company_id": other_company.id, "prefix": "O", "number_from": 1, "number_to": 5}
        )
        other_class = self.env["aftersales.work.class"].create(
            {"name": "Other class", "code": "O-1", "company_id": other_company.id}
        )
        self.manager.write({"company_ids": [(4, self.company.id)]})
        Range = self.env["aftersales.certificate.range"].with_user(self.manager)
        self.assertNotIn(other_range, Range.search([]))
        self.assertNotIn(
            other_class, self.env["aftersales.work.class"].with_user(self.advisor).search([])
        )
        # the other company's numbers are never taken for this company's orders
        repair = self._received(
            "2026-03-02 01:00:00", odometer=102000, work_class_id=self.class_level2.id
        )
        self._deliver(repair, "2026-03-02 06:00:00")
        self.assertEqual(repair.certificate_range_id, self.cert_range)
        self.assertEqual(other_range.next_number, 1)
        # the upload queue is read-only to advisors
        self.company.aftersales_health_record_enabled = True
        other = self._received(
            "2026-03-03 01:00:00", odometer=102100, work_class_id=self.class_minor.id
        )
        self._deliver(other, "2026-03-03 06:00:00")
        upload = other.health_record_upload_ids
        self.assertEqual(len(upload), 1)
        with self.assertRaises(AccessError):
            upload.with_user(self.advisor).write({"state": "sent"})
