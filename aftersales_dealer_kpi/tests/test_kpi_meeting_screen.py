import io

import openpyxl

from odoo.tests import tagged

from .kpi_common import AftersalesKpiCommon
from .test_kpi_meeting import CORE_CODES


@tagged("post_install", "-at_install")
class TestKpiMeetingScreen(AftersalesKpiCommon):
    """Meeting lines on screen: rates as percentages, company-wide rows named Company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.core_metrics = cls.env["aftersales.kpi.metric"].search([("code", "in", CORE_CODES)])
        cls.env.ref("base.lang_zh_CN").active = True
        cls.env.ref("aftersales_dealer_kpi.kpi_metric_on_time_delivery_rate").target = 0.76
        cls.env.ref("aftersales_dealer_kpi.kpi_metric_ro_count").target = 40

    def _computed(self):
        meeting = self._meeting()
        meeting._compute_metric_lines(self.core_metrics.with_user(self.manager))
        return meeting.with_user(self.manager)

    def _line(self, meeting, code, person_name=False):
        return meeting.line_ids.filtered(
            lambda line: line.metric_id.code == code and line.person_name == person_name
        )

    def test_rates_show_as_percentages(self):
        meeting = self._computed()
        on_time = self._line(meeting, "on_time_delivery_rate")
        self.assertEqual(
            (on_time.value_display, on_time.previous_display, on_time.change_display),
            ("50.0%", "100.0%", "-50.0%"),
        )
        self.assertEqual(on_time.target_display, "76.0%")
        # amounts and counts keep their number
        ro_count = self._line(meeting, "ro_count")
        self.assertEqual((ro_count.value_display, ro_count.target_display), ("6", "40"))
        form = self.env["aftersales.kpi.meeting"].get_views([(False, "form")])["views"]["form"]
        self.assertIn('name="target_display"', form["arch"])
        self.assertNotIn('name="target"', form["arch"])

    def test_company_wide_rows_name_the_company(self):
        meeting = self._computed()
        ro_count = self._line(meeting, "ro_count")
        self.assertEqual(ro_count.person_display, "Company")
        self.assertEqual(ro_count.with_context(lang="zh_CN").person_display, "公司")
        person = self._line(meeting, "on_time_delivery_rate", "黄顾问")
        self.assertEqual(person.person_display, "黄顾问")
        # the export reads the same field
        sheet = openpyxl.load_workbook(
            io.BytesIO(meeting.with_context(lang="zh_CN")._kpi_export_xlsx())
        ).active
        label = ro_count.metric_id.with_context(lang="zh_CN").name
        persons = {row[1] for row in sheet.iter_rows(values_only=True) if row[0] == label}
        self.assertIn("公司", persons)
