import re
from datetime import datetime

from odoo.tests import new_test_user, tagged

from .common_repair import AftersalesRepairCase

OUR_ADDONS = ("aftersales_dealer", "aftersales_dealer_insurance", "aftersales_dealer_kpi")


@tagged("post_install", "-at_install")
class TestPrintStation(AftersalesRepairCase):
    """Printouts read the station's clock and paper; the app opens on After-Sales."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.advisor.tz = "America/New_York"
        cls.advisor_berlin = new_test_user(
            cls.env,
            login="as_advisor_berlin",
            name="Advisor Berlin",
            tz="Europe/Berlin",
            groups="aftersales_dealer.group_aftersales_advisor",
        )

    def _printed_times(self, user, repair):
        html = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(
                "aftersales_dealer.action_report_aftersales_repair_order", repair.ids
            )[0]
            .decode()
        )
        return re.findall(r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d", html)

    def test_repair_order_prints_station_time(self):
        repair = self._new_order()
        # 02:30 UTC is 10:30 at the station (UTC+8), 22:30 the day before in New York
        repair.write(
            {
                "reception_date": datetime(2026, 3, 10, 2, 30),
                "promised_date": datetime(2026, 3, 10, 9),
            }
        )
        new_york = self._printed_times(self.advisor, repair)
        berlin = self._printed_times(self.advisor_berlin, repair)
        self.assertEqual(new_york, ["03/10/2026 10:30:00", "03/10/2026 17:00:00"])
        self.assertEqual(berlin, new_york)

    def test_certificate_prints_station_day(self):
        repair = self._new_order()
        # 18:30 UTC on the 10th is the 11th at the station, still the 10th in New York
        repair.write({"reception_date": datetime(2026, 3, 10, 18, 30)})
        ref = "aftersales_dealer.action_report_aftersales_completion_certificate"
        for user in (self.advisor, self.advisor_berlin):
            with self.subTest(user=user.login):
                html = (
                    self.env["ir.actions.report"]
                    .with_user(user)
                    ._render_qweb_html(ref, repair.ids)[0]
                )
                self.assertIn("03/11/2026", html.decode())
                self.assertNotIn("03/10/2026", html.decode())

    def test_our_reports_print_on_a4(self):
        xmlids = self.env["ir.model.data"].search(
            [("model", "=", "ir.actions.report"), ("module", "in", OUR_ADDONS)]
        )
        reports = self.env["ir.actions.report"].browse(xmlids.mapped("res_id"))
        self.assertGreaterEqual(len(reports), 4)
        for report in reports:
            with self.subTest(report=report.report_name):
                self.assertEqual(report.paperformat_id.format, "A4")

    def test_app_opens_on_after_sales(self):
        # the web client opens the first root menu the user sees
        roots = self.env["ir.ui.menu"].with_user(self.advisor).load_menus(False)["root"]["children"]
        self.assertEqual(roots[0], self.env.ref("aftersales_dealer.menu_aftersales_root").id)
        self.assertIn(self.env.ref("mail.menu_root_discuss").id, roots)


@tagged("post_install", "-at_install")
class TestDemoUsers(AftersalesRepairCase):
    """The demo station has a user for every role: Chinese name, station time zone."""

    def test_every_role_has_a_demo_user(self):
        if not self.env.ref("aftersales_dealer.user_info_clerk", raise_if_not_found=False):
            self.skipTest("installed without demo data")
        Employee = self.env["hr.employee"]
        roles = [key for key, _label in Employee._fields["aftersales_role"].selection]
        for role in roles:
            with self.subTest(role=role):
                users = Employee.search([("aftersales_role", "=", role)]).user_id.filtered(
                    lambda user: (
                        user.tz == "Asia/Shanghai" and re.search(r"[\u4e00-\u9fff]", user.name)
                    )
                )
                self.assertTrue(users, f"no demo user of role {role}")
                self.assertTrue(users[0].has_group("aftersales_dealer.group_aftersales_user"))
        lang = self.env["res.lang"]._get_code("zh_CN")
        clerk = self.env.ref("aftersales_dealer.user_info_clerk")
        self.assertEqual(clerk.lang == "zh_CN", bool(lang))
        advisor = self.env.ref("aftersales_dealer.user_demo_advisor_li")
        self.assertTrue(advisor.has_group("aftersales_dealer.group_aftersales_advisor"))
