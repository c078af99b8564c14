from datetime import date, datetime

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class AftersalesKpiCommon(TransactionCase):
    """A station's week (9–15 March 2026) and the week before, with a known answer for
    every metric over the models of the core."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "百色解放服务站"})
        cls.other_company = cls.env["res.company"].create({"name": "南宁解放服务站"})
        cls.manager = new_test_user(
            cls.env,
            login="kpi_manager",
            groups="aftersales_dealer.group_aftersales_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
            name="梁经理",
        )
        cls.advisor_1 = new_test_user(
            cls.env,
            login="kpi_adv1",
            groups="aftersales_dealer.group_aftersales_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
            name="黄顾问",
        )
        cls.advisor_2 = new_test_user(
            cls.env,
            login="kpi_adv2",
            groups="aftersales_dealer.group_aftersales_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
            name="农顾问",
        )
        Employee = cls.env["hr.employee"].with_company(cls.company)
        cls.team_leader_1 = Employee.create({"name": "韦组长", "aftersales_role": "team_leader"})
        cls.team_leader_2 = Employee.create({"name": "陆组长", "aftersales_role": "team_leader"})
        cls.technician = Employee.create({"name": "李师傅", "aftersales_role": "technician"})
        cls.receptionist = Employee.create({"name": "覃顾问", "aftersales_role": "advisor"})
        Partner = cls.env["res.partner"]
        cls.customer_1 = Partner.create({"name": "百色顺达物流", "company_id": cls.company.id})
        cls.customer_2 = Partner.create({"name": "右江运输", "company_id": cls.company.id})
        cls.customer_3 = Partner.create({"name": "德保矿业", "company_id": cls.company.id})
        cls.customer_4 = Partner.create({"name": "平果车队", "company_id": cls.company.id})
        cls.other_customer = Partner.create(
            {"name": "南宁客户", "company_id": cls.other_company.id}
        )
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "解放"})
        model = cls.env["fleet.vehicle.model"].create({"name": "J6P", "brand_id": brand.id})
        Vehicle = cls.env["fleet.vehicle"]

        def truck(plate, customer, company=cls.company):
            return Vehicle.create(
                {
                    "model_id": model.id,
                    "license_plate": plate,
                    "customer_id": customer.id,
                    "company_id": company.id,
                }
            )

        cls.truck_1 = truck("桂L12345", cls.customer_1)
        cls.truck_2 = truck("桂L23456", cls.customer_1)
        cls.truck_3 = truck("桂L34567", cls.customer_2)
        cls.truck_4 = truck("桂L45678", cls.customer_3)
        cls.truck_5 = truck("桂L56789", cls.customer_4)
        cls.other_truck = truck("桂A11111", cls.other_customer, cls.other_company)
        cls.date_from = date(2026, 3, 9)
        cls.date_to = date(2026, 3, 15)
        cls.orders = cls._create_week()
        cls.findings = cls._create_findings()
        cls.followups = cls._create_followups()
        cls.customer_3.churn_date = date(2026, 3, 12)
        cls.other_customer.churn_date = date(2026, 3, 12)
        cls.metrics = cls.env["aftersales.kpi.metric"].search([])

    @classmethod
    def _order(cls, **vals):
        vals.setdefault("company_id", cls.company.id)
        vals.setdefault("state", "confirmed")
        vals.setdefault("schedule_date", datetime(2026, 1, 1))
        return cls.env["repair.order"].with_company(vals["company_id"]).create(vals)

    @classmethod
    def _create_week(cls):
        order = cls._order
        dt = datetime
        history = order(
            user_id=cls.advisor_1.id,
            partner_id=cls.customer_1.id,
            vehicle_id=cls.truck_1.id,
            reception_date=dt(2026, 1, 5, 9),
            delivered_date=dt(2026, 1, 5, 17),
            state="done",
        )
        # the week before
        prev_1 = order(
            user_id=cls.advisor_1.id,
            team_leader_id=cls.team_leader_1.id,
            visit_type="repair",
            partner_id=cls.customer_1.id,
            vehicle_id=cls.truck_1.id,
            pre_inspection_done=True,
            reception_date=dt(2026, 3, 2, 9),
            promised_date=dt(2026, 3, 4, 18),
            delivered_date=dt(2026, 3, 3, 16),
            state="done",
        )
        prev_2 = order(
            user_id=cls.advisor_2.id,
            team_leader_id=cls.team_leader_2.id,
            visit_type="maintenance_routine",
            partner_id=cls.customer_2.id,
            vehicle_id=cls.truck_3.id,
            pre_inspection_done=True,
            reception_date=dt(2026, 3, 4, 9),
            promised_date=dt(2026, 3, 5, 12),
            delivered_date=dt(2026, 3, 5, 10),
            state="done",
        )
        # the week: 6 received (one more cancelled), 3 delivered (1 on time, 1 late, 1 unpromised)
        r1 = order(
            user_id=cls.advisor_1.id,
            team_leader_id=cls.team_leader_1.id,
            visit_type="maintenance_first",
            partner_id=cls.customer_1.id,
            vehicle_id=cls.truck_1.id,
            pre_inspection_done=True,
            is_appointment=True,
            schedule_date=dt(2026, 3, 9, 8),
            reception_date=dt(2026, 3, 9, 9),
            promised_date=dt(2026, 3, 10, 18),
            delivered_date=dt(2026, 3, 10, 17),
            reminder_given=True,
            old_parts_shown=True,
            state="done",
        )
        r2 = order(
            user_id=cls.advisor_1.id,
            team_leader_id=cls.team_leader_1.id,
            visit_type="maintenance_routine",
            partner_id=cls.customer_1.id,
            vehicle_id=cls.truck_2.id,
            reception_date=dt(2026, 3, 10, 9),
            promised_date=dt(2026, 3, 11, 12),
            delivered_date=dt(2026, 3, 12, 10),
            old_parts_shown=True,
            state="done",
        )
        r3 = order(
            user_id=cls.advisor_2.id,
            team_leader_id=cls.team_leader_2.id,
            visit_type="warranty",
            partner_id=cls.customer_2.id,
            vehicle_id=cls.truck_3.id,
            pre_inspection_done=True,
            reception_date=dt(2026, 3, 11, 9),
            state="under_repair",
        )
        r4 = order(
            user_id=cls.advisor_2.id,
            team_leader_id=cls.team_leader_2.id,
            visit_type="body_paint",
            partner_id=cls.customer_3.id,
            vehicle_id=cls.truck_4.id,
            pre_inspection_done=True,
            reception_date=dt(2026, 3, 12, 9),
            state="cancel",
            cancel_reason="customer_left",
        )
        r5 = order(
            user_id=cls.advisor_1.id,
            team_leader_id=cls.team_leader_2.id,
            visit_type="repair",
            partner_id=cls.customer_1.id,
            vehicle_id=cls.truck_1.id,
            pre_inspection_done=True,
            is_rework=True,
            rework_of_id=prev_1.id,
            reception_date=dt(2026, 3, 13, 9),
            delivered_date=dt(2026, 3, 14, 11),
            state="done",
        )
        r6 = order(
            user_id=cls.advisor_2.id,
            team_leader_id=cls.team_leader_1.id,
            visit_type="accident",
            partner_id=cls.customer_4.id,
            vehicle_id=cls.truck_5.id,
            pre_inspection_done=True,
            reception_date=dt(2026, 3, 14, 9),
        )
        r7 = order(  # a booked appointment nobody came to
            user_id=cls.advisor_1.id,
            partner_id=cls.customer_2.id,
            vehicle_id=cls.truck_3.id,
            is_appointment=True,
            schedule_date=dt(2026, 3, 11, 8),
            state="cancel",
            cancel_reason="other",
        )
        r8 = order(
            user_id=cls.advisor_1.id,
            team_leader_id=cls.team_leader_1.id,
            visit_type="body_paint",
            partner_id=cls.customer_2.id,
            vehicle_id=cls.truck_3.id,
            reception_date=dt(2026, 3, 15, 20),
            state="draft",
        )
        # another company's order in the same week
        order(
            company_id=cls.other_company.id,
            partner_id=cls.other_customer.id,
            vehicle_id=cls.other_truck.id,
            reception_date=dt(2026, 3, 10, 9),
            delivered_date=dt(2026, 3, 10, 15),
            promised_date=dt(2026, 3, 10, 12),
            state="done",
        )
        cls.env["aftersales.labor.line"].create(
            [
                {
                    "repair_id": r1.id,
                    "name": "首保",
                    "hours": 2.0,
                    "price_unit": 80,
                    "technician_id": cls.technician.id,
                },
                {"repair_id": r2.id, "name": "常规保养", "hours": 3.0, "price_unit": 80},
                {"repair_id": r5.id, "name": "返修制动", "hours": 1.0, "price_unit": 80},
                {"repair_id": r3.id, "name": "三包更换", "hours": 4.0, "price_unit": 0},
            ]
        )
        return {
            "history": history,
            "prev_1": prev_1,
            "prev_2": prev_2,
            "r1": r1,
            "r2": r2,
            "r3": r3,
            "r4": r4,
            "r5": r5,
            "r6": r6,
            "r7": r7,
            "r8": r8,
        }

    @classmethod
    def _create_findings(cls):
        o = cls.orders
        Finding = cls.env["aftersales.finding"].with_company(cls.company)

        def finding(order, **vals):
            return Finding.create(
                {
                    "repair_id": order.id,
                    "vehicle_id": order.vehicle_id.id,
                    "partner_id": order.partner_id.id,
                    "company_id": cls.company.id,
                    **vals,
                }
            )

        return [
            finding(
                o["r1"],
                name="制动片磨损",
                stage="pre_inspection",
                decision="declined",
                decision_date=date(2026, 3, 9),
                recaptured_repair_id=o["r5"].id,
            ),
            finding(
                o["r3"],
                name="轮胎偏磨",
                stage="in_repair",
                decision="declined",
                decision_date=date(2026, 3, 11),
            ),
            finding(
                o["r3"],
                name="制动片磨损",
                stage="pre_inspection",
                decision="declined",
                decision_date=date(2026, 3, 11),
            ),
            finding(
                o["r2"],
                name="空滤堵塞",
                stage="pre_inspection",
                decision="accepted",
                decision_date=date(2026, 3, 10),
            ),
            finding(
                o["prev_1"],
                name="灯光故障",
                stage="pre_inspection",
                decision="declined",
                decision_date=date(2026, 3, 1),
            ),
        ]

    @classmethod
    def _create_followups(cls):
        Followup = cls.env["aftersales.followup"].with_company(cls.company)
        base = {
            "company_id": cls.company.id,
            "followup_type": "post_repair",
            "due_date": date(2026, 3, 10),
            "partner_id": cls.customer_1.id,
        }
        return Followup.create(
            [
                {
                    **base,
                    "name": "回访1",
                    "state": "done",
                    "done_date": date(2026, 3, 10),
                    "has_problem": True,
                    "satisfaction": 2,
                    "responsible_employee_id": cls.technician.id,
                },
                {
                    **base,
                    "name": "回访2",
                    "state": "done",
                    "done_date": date(2026, 3, 11),
                    "satisfaction": 1,
                    "responsible_employee_id": cls.technician.id,
                },
                {
                    **base,
                    "name": "回访3",
                    "state": "done",
                    "done_date": date(2026, 3, 12),
                    "satisfaction": 5,
                    "has_problem": True,
                },
                {
                    **base,
                    "name": "回访4",
                    "state": "done",
                    "done_date": date(2026, 3, 12),
                    "satisfaction": 2,
                    "responsible_employee_id": cls.receptionist.id,
                },
                {
                    **base,
                    "name": "回访5",
                    "state": "unreachable",
                    "done_date": date(2026, 3, 12),
                    "satisfaction": 1,
                    "has_problem": True,
                },
                {
                    **base,
                    "name": "回访6",
                    "state": "done",
                    "done_date": date(2026, 3, 1),
                    "satisfaction": 1,
                    "has_problem": True,
                },
            ]
        )

    def _meeting(self, company=None, user=None):
        company = company or self.company
        return (
            self.env["aftersales.kpi.meeting"]
            .with_user(user or self.manager)
            .with_company(company)
            .create(
                {
                    "company_id": company.id,
                    "date_from": self.date_from,
                    "date_to": self.date_to,
                }
            )
        )

    @staticmethod
    def _figure(meeting, code, person=False):
        line = meeting.line_ids.filtered(
            lambda line: (
                line.metric_id.code == code
                and (line.user_id.id or line.employee_id.id or False) == (person and person.id)
            )
        )
        assert len(line) == 1, f"{code}/{person}: {len(line)} lines"
        return None if line.value_empty else line.value

    @staticmethod
    def _previous(meeting, code, person=False):
        line = meeting.line_ids.filtered(
            lambda line: (
                line.metric_id.code == code
                and (line.user_id.id or line.employee_id.id or False) == (person and person.id)
            )
        )
        return None if line.previous_empty else line.previous_value
