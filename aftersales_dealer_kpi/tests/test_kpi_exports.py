import io
from datetime import date

import openpyxl

from odoo.tests import HttpCase, tagged

from .kpi_common import AftersalesKpiCommon
from .test_kpi_meeting import CORE_CODES


@tagged("post_install", "-at_install")
class TestKpiExports(AftersalesKpiCommon, HttpCase):
    # an HttpCase: wkhtmltopdf fetches the meeting pack's assets from the running server,
    # whose request must share the test's transaction instead of waiting for it

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        metrics = cls.env["aftersales.kpi.metric"].search([("code", "in", CORE_CODES)])
        cls.env.ref("base.lang_zh_CN").active = True
        cls.manager.lang = "en_US"
        cls.ro_metric = cls.env.ref("aftersales_dealer_kpi.kpi_metric_ro_count")
        cls.ro_metric.update_field_translations("name", {"zh_CN": "维修台次"})
        cls.meeting = (
            cls.env["aftersales.kpi.meeting"]
            .with_company(cls.company)
            .create(
                {
                    "company_id": cls.company.id,
                    "date_from": date(2026, 3, 9),
                    "date_to": date(2026, 3, 15),
                    "user_id": cls.manager.id,
                }
            )
        )
        cls.meeting._compute_metric_lines(metrics)

    def test_meeting_pack_pdf(self):
        report = "aftersales_dealer_kpi.action_report_kpi_meeting"
        Report = self.env["ir.actions.report"].with_user(self.manager)
        html = Report._render_qweb_html(report, self.meeting.ids)[0].decode()
        self.assertIn("Repair orders received", html)
        self.assertIn("50.0%", html)  # on-time delivery rate of the week
        self.assertIn("黄顾问", html)  # per-advisor figures
        pdf, report_type = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report, self.meeting.ids
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_meeting_pack_in_chinese(self):
        self.manager.lang = "zh_CN"
        html = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html("aftersales_dealer_kpi.action_report_kpi_meeting", self.meeting.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("维修台次", html)

    def _sheet(self, meeting):
        workbook = openpyxl.load_workbook(io.BytesIO(meeting._kpi_export_xlsx()))
        return workbook.active

    def _row(self, sheet, label, person=None):
        for row in sheet.iter_rows(values_only=True):
            if row[0] == label and (person is None or row[1] == person):
                return row
        self.fail(f"no row {label} / {person}: {list(sheet.iter_rows(values_only=True))[:8]}")

    def test_xlsx_export(self):
        sheet = self._sheet(self.meeting.with_user(self.manager).with_context(lang="en_US"))
        self.assertEqual(sheet["A1"].value, self.meeting.name)
        self.assertEqual(sheet["A2"].value, "百色解放服务站")
        ro_count = self._row(sheet, "Repair orders received")
        self.assertEqual(ro_count[2:5], (6, 2, 4))
        on_time = self._row(sheet, "On-time delivery rate", "黄顾问")
        self.assertEqual(on_time[2], 0.5)
        # an empty rate stays an empty cell, not a zero
        self.assertIsNone(self._row(sheet, "On-time delivery rate", "农顾问")[2])

    def test_xlsx_export_in_chinese(self):
        self.manager.lang = "zh_CN"
        sheet = self._sheet(self.meeting.with_user(self.manager).with_context(lang="zh_CN"))
        self.assertEqual(self._row(sheet, "维修台次")[2], 6)

    def test_xlsx_action_and_route(self):
        action = self.meeting.with_user(self.manager).action_export_xlsx()
        self.assertEqual(action["url"], f"/aftersales_kpi/meeting/{self.meeting.id}/xlsx")
