from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import file_open, file_path
from odoo.tools.translate import code_translations, extract_spreadsheet_terms

from odoo.addons.aftersales_dealer.tests.common_browser import AftersalesBrowserCase


@tagged("post_install", "-at_install")
class TestKpiDashboardTour(AftersalesBrowserCase):
    """The managers' dashboard opens in Chromium without a single error cell."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Dashboard Tour Station"})
        cls.manager = new_test_user(
            cls.env,
            login="dashboard_manager",
            groups="aftersales_dealer.group_aftersales_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        customer = cls.env["res.partner"].create(
            {"name": "Tour Fleet", "company_id": cls.company.id}
        )
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Tour Jiefang"})
        model = cls.env["fleet.vehicle.model"].create({"name": "Tour J6", "brand_id": brand.id})
        truck = cls.env["fleet.vehicle"].create(
            {
                "model_id": model.id,
                "license_plate": "桂L·D0001",
                "customer_id": customer.id,
                "company_id": cls.company.id,
            }
        )
        now = fields.Datetime.now().replace(microsecond=0)
        Order = cls.env["repair.order"].with_company(cls.company)
        # this week's and last week's orders: the scorecards compare the two
        for days_ago in (1, 2, 3, 9, 10):
            received = now - timedelta(days=days_ago, hours=2)
            order = Order.create(
                {
                    "company_id": cls.company.id,
                    "partner_id": customer.id,
                    "vehicle_id": truck.id,
                    "user_id": cls.manager.id,
                    "visit_type": "repair",
                    "schedule_date": received,
                    "reception_date": received,
                    "promised_date": received + timedelta(hours=8),
                    "delivered_date": received + timedelta(hours=6),
                    "state": "done",
                }
            )
            cls.env["aftersales.labor.line"].create(
                {"repair_id": order.id, "name": "Brake service", "hours": 2.5}
            )
            cls.env["aftersales.followup"].create(
                {
                    "name": "Call after repair",
                    "company_id": cls.company.id,
                    "partner_id": customer.id,
                    "vehicle_id": truck.id,
                    "repair_id": order.id,
                    "followup_type": "post_repair",
                    "due_date": (received + timedelta(days=1)).date(),
                    "state": "done",
                    "done_date": (received + timedelta(days=1)).date(),
                    "satisfaction": "4",
                }
            )

    def test_dashboard_has_no_error_cell(self):
        dashboard = self.env.ref("aftersales_dealer_kpi.spreadsheet_dashboard_aftersales")
        self.assertIn(self.manager, dashboard.group_ids.users)
        self.start_tour(
            f"/odoo/dashboards?dashboard_id={dashboard.id}",
            "aftersales_kpi_dashboard",
            login="dashboard_manager",
        )


@tagged("post_install", "-at_install")
class TestKpiDashboardTranslations(TransactionCase):
    def test_every_dashboard_title_is_translated(self):
        """Cells, chart titles and filter labels of the dashboard reach the Chinese web
        client: each term Odoo extracts from the JSON has a zh_CN web translation."""
        path = file_path("aftersales_dealer_kpi/data/files/aftersales_kpi_dashboard.json")
        with file_open(path, "rb") as json_file:
            terms = {term for _l, _f, term, _c in extract_spreadsheet_terms(json_file, [], [], {})}
        self.assertGreater(len(terms), 20)
        web = code_translations.get_web_translations("aftersales_dealer_kpi", "zh_CN")
        translated = {message["id"] for message in web["messages"]}
        self.assertFalse(terms - translated)
        dashboard = self.env.ref("aftersales_dealer_kpi.spreadsheet_dashboard_aftersales")
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["aftersales_dealer_kpi"], ["zh_CN"])
        self.assertEqual(dashboard.with_context(lang="zh_CN").name, "售后概览")
