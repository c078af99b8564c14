from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .kpi_common import AftersalesKpiCommon


@tagged("post_install", "-at_install")
class TestKpiReports(AftersalesKpiCommon):
    """The monthly analyses read the same records as the meeting, through SQL views."""

    def _groups(self, model, groupby, aggregates, domain=()):
        self.env.flush_all()
        return (
            self.env[model].with_user(self.manager)._read_group(list(domain), groupby, aggregates)
        )

    def test_service_operations(self):
        by_type = dict(
            (visit_type, (count, hours))
            for visit_type, count, hours in self._groups(
                "aftersales.kpi.service.report",
                ["visit_type"],
                ["order_count:sum", "labor_hours:sum"],
                [("state", "!=", "cancel"), ("date", ">=", "2026-03-09")],
            )
        )
        self.assertEqual(by_type["maintenance_routine"], (1, 3.0))
        self.assertEqual(by_type["warranty"], (1, 4.0))
        self.assertEqual(sum(count for count, _hours in by_type.values()), 6)
        [(on_time,)] = self._groups(
            "aftersales.kpi.service.report",
            [],
            ["on_time_rate:avg"],
            [("delivered_date", ">=", "2026-03-09"), ("delivered_date", "<", "2026-03-16")],
        )
        self.assertEqual(on_time, 0.5)
        # the other station's order is not in this station's analysis; nor, since
        # 18.0.1.1.0, the cancelled order (r4), which never counts as received
        [(orders,)] = self._groups("aftersales.kpi.service.report", [], ["order_count:sum"])
        self.assertEqual(orders, 9)

    def test_revenue_is_labour_lines_plus_parts(self):
        """Revenue: the labour lines' amounts plus the parts on the order, at their
        quotation price when quoted, else at their sales price; nothing for the parts of a
        warranty order nor for a cancelled order."""
        Product = self.env["product.product"].with_company(self.company)
        filter_part = Product.create({"name": "机油滤清器", "type": "consu", "list_price": 60})
        belt = Product.create({"name": "发电机皮带", "type": "consu", "list_price": 150})

        def parts(order, *lines, **vals):
            order.write(
                {
                    "move_ids": [
                        Command.create(
                            {"product_id": p.id, "product_uom_qty": q, "repair_line_type": "add"}
                        )
                        for p, q in lines
                    ],
                    **vals,
                }
            )

        parts(self.orders["r1"], (filter_part, 2))  # 2 × 60
        parts(self.orders["r2"], (filter_part, 1), (belt, 1))  # 60 + 150
        parts(self.orders["r3"], (belt, 1), under_warranty=True)  # warranty: no parts revenue
        parts(self.orders["r4"], (belt, 2))  # cancelled: nothing
        # r2 was quoted: its belt sells at the quotation's price
        quotation = self.env["sale.order"].create(
            {
                "partner_id": self.customer_1.id,
                "company_id": self.company.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": belt.id,
                            "product_uom_qty": 1,
                            "price_unit": 130,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        self.orders["r2"].move_ids.filtered(
            lambda m: m.product_id == belt
        ).sale_line_id = quotation.order_line
        by_order = {
            repair.id: (labour, parts_amount, revenue)
            for repair, labour, parts_amount, revenue in self._groups(
                "aftersales.kpi.service.report",
                ["repair_id"],
                ["labor_revenue:sum", "parts_revenue:sum", "revenue:sum"],
                [("repair_id", "in", [o.id for o in self.orders.values()])],
            )
        }
        self.assertEqual(by_order[self.orders["r1"].id], (160.0, 120.0, 280.0))
        self.assertEqual(by_order[self.orders["r2"].id], (240.0, 190.0, 430.0))
        self.assertEqual(by_order[self.orders["r3"].id], (0.0, 0.0, 0.0))
        self.assertEqual(by_order[self.orders["r4"].id], (0.0, 0.0, 0.0))
        self.assertEqual(by_order[self.orders["r5"].id], (80.0, 0.0, 80.0))

    def test_quality_and_failing_items(self):
        [(rate,)] = self._groups(
            "aftersales.kpi.quality.report",
            [],
            ["rework_rate:avg"],
            [("date", ">=", "2026-03-09"), ("date", "<", "2026-03-16")],
        )
        self.assertAlmostEqual(rate, 1 / 6)
        items = self._groups(
            "aftersales.kpi.finding.report",
            ["name"],
            ["finding_count:sum"],
        )
        top_item, top_count = max(items, key=lambda item: item[1])
        self.assertEqual((top_item, top_count), ("制动片磨损", 2))
        [(recaptured,)] = self._groups(
            "aftersales.kpi.finding.report",
            [],
            ["recapture_rate:avg"],
            [("decision", "=", "declined")],
        )
        self.assertAlmostEqual(recaptured, 1 / 4)

    def test_followups(self):
        [(count, on_time, reached, satisfaction, problems)] = self._groups(
            "aftersales.kpi.followup.report",
            [],
            [
                "followup_count:sum",
                "on_time_rate:avg",
                "reached_rate:avg",
                "satisfaction:avg",
                "problem_count:sum",
            ],
        )
        self.assertEqual(count, 6)
        # due on the 10th: done on the 10th and the 1st are on time, later ones and the
        # unreachable call are not
        self.assertAlmostEqual(on_time, 2 / 6)
        self.assertAlmostEqual(reached, 5 / 6)
        self.assertAlmostEqual(satisfaction, (2 + 1 + 5 + 2 + 1) / 5)
        self.assertEqual(problems, 3)

    def test_customer_survey_feeds_satisfaction_analysis(self):
        survey = self.env.ref("aftersales_dealer_kpi.survey_customer_satisfaction")
        self.customer_1.email = "shunda@example.com"
        followup = self.followups[0]
        followup.repair_id = self.orders["r1"]
        followup.vehicle_id = self.truck_1
        followup.with_user(self.manager).action_send_customer_survey()
        answer = followup.survey_answer_ids
        self.assertEqual(answer.survey_id, survey)
        self.assertEqual(answer.partner_id, self.customer_1)
        self.assertEqual(answer.aftersales_repair_id, self.orders["r1"])
        self.assertEqual(answer.aftersales_vehicle_id, self.truck_1)
        self.assertIn(answer.access_token, followup.message_ids[0].body)
        questions = survey.question_ids.filtered(lambda q: q.question_type == "simple_choice")
        self.assertEqual(len(questions), 5)
        for question, score in zip(questions, [5, 4, 2, 4, 5], strict=True):
            choice = question.suggested_answer_ids.filtered(lambda a, s=score: a.answer_score == s)
            answer._save_lines(question, choice.id)
        answer._mark_done()
        [(answers, score, dissatisfied)] = self._groups(
            "aftersales.kpi.survey.report",
            [],
            ["answer_count:sum", "score:avg", "dissatisfied_count:sum"],
            [("repair_id", "=", self.orders["r1"].id)],
        )
        self.assertEqual((answers, score, dissatisfied), (5, 4.0, 1))

    def test_survey_needs_an_email(self):
        self.customer_2.email = False
        followup = self.followups[1]
        followup.partner_id = self.customer_2
        with self.assertRaises(UserError):
            followup.with_user(self.manager).action_send_customer_survey()
        self.assertFalse(followup.survey_answer_ids)

    def test_four_survey_forms_in_chinese(self):
        forms = [
            "survey_customer_satisfaction",
            "survey_employee_satisfaction",
            "survey_accident_repair_quality",
            "survey_service_process",
        ]
        titles = [self.env.ref(f"aftersales_dealer_kpi.{form}").title for form in forms]
        self.assertEqual(
            titles,
            [
                "客户满意度调查表",
                "员工内部满意度调查表",
                "事故车维修质量调查表",
                "服务流程各环节满意度调查表",
            ],
        )

    def test_dashboard_is_published_for_managers(self):
        dashboard = self.env.ref("aftersales_dealer_kpi.spreadsheet_dashboard_aftersales")
        data = dashboard.with_user(self.manager).get_readonly_dashboard()
        models = {pivot["model"] for pivot in data["snapshot"]["pivots"].values()}
        self.assertIn("aftersales.kpi.service.report", models)
        self.assertIn("aftersales.kpi.followup.report", models)
