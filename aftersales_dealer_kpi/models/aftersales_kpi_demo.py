import random
from datetime import timedelta
from functools import partial

from odoo import Command, api, models

HISTORY_WEEKS = 12
# the same history on every demo database: trends and comparisons read alike for everyone
HISTORY_SEED = 18
HISTORY_MARKER = "aftersales_dealer_kpi.kpi_demo_history_ro_first"

VISIT_TYPES = [
    ("maintenance_first", "labor_std_first_service", "首保：更换机油、机滤"),
    ("maintenance_routine", "labor_std_routine_service", "定期保养：三滤更换"),
    ("maintenance_routine", "labor_std_air_filter", "定期保养：更换空滤"),
    ("repair", "labor_std_brake_front", "前制动蹄片更换"),
    ("repair", "labor_std_clutch", "离合器从动盘更换"),
    ("repair", "labor_std_tyre", "轮胎更换"),
    ("repair", "labor_std_alignment", "四轮定位"),
    ("body_paint", False, "驾驶室钣金喷漆"),
    ("warranty", "labor_std_brake_chamber", "三包：更换制动气室"),
]
TRUCKS = [
    ("partner_shunda", "vehicle_shunda_1"),
    ("partner_shunda", "vehicle_shunda_2"),
    ("partner_shunda", "vehicle_shunda_3"),
    ("partner_youjiang", "vehicle_youjiang_1"),
    ("partner_youjiang", "vehicle_youjiang_2"),
    ("partner_youjiang", "vehicle_youjiang_3"),
    ("partner_hongyun", "vehicle_hongyun_1"),
    ("partner_hongyun", "vehicle_hongyun_2"),
    ("partner_huatong", "vehicle_huatong_1"),
    ("partner_huatong", "vehicle_huatong_2"),
    ("partner_debao_mining", "vehicle_debao_1"),
    ("partner_debao_mining", "vehicle_debao_2"),
    ("partner_pingguo_fleet", "vehicle_pingguo_1"),
    ("partner_pingguo_fleet", "vehicle_pingguo_2"),
    ("partner_li_guofu", "vehicle_li_1"),
    ("partner_nong_zhiqiang", "vehicle_nong_1"),
    ("partner_wei_mingliang", "vehicle_wei_1"),
    ("partner_huang_jianguo", "vehicle_huang_1"),
]
ADVISORS = [
    "base.user_admin",
    "base.user_demo",
    "aftersales_dealer.user_demo_advisor_li",
    "aftersales_dealer.user_demo_advisor_wang",
]
TEAM_LEADERS = ["employee_team_leader_zhao", "employee_team_leader_pan"]
TECHNICIANS = [
    "employee_technician_zhang",
    "employee_technician_liu",
    "employee_technician_huang",
    "employee_technician_meng",
]
# storable parts of the demo and the level the Monday order tops their stock up to
PARTS = [
    ("kpi_demo_part_brake_pad", 8),
    ("kpi_demo_part_oil_filter", 10),
    ("kpi_demo_part_fuel_filter", 6),
    ("kpi_demo_part_air_dryer", 2),
    ("kpi_demo_part_clutch", 1),
]
NEW_CUSTOMERS = [
    "田阳鑫达运输有限公司",
    "德保县农家运输队",
    "凌云县顺风物流",
    "那坡边贸货运部",
    "田东县宏发建材运输",
]
# the weeks before this one in which a new customer comes (the last two always do)
NEW_CUSTOMER_WEEKS = (1, 2, 4, 7, 10)


class AftersalesKpiDemo(models.AbstractModel):
    _name = "aftersales.kpi.demo"
    _description = "After-Sales Demo Station"

    @api.model
    def _demo_station_currency(self):
        """The demo station keeps its books in yuan. Odoo refuses a new company currency
        once journal items exist; on a demo database the only ones are Odoo's generic demo
        invoices and statements (in the old currency), which the station drops first."""
        company = self.env.ref("base.main_company")
        cny = self.env.ref("base.CNY")
        if company.currency_id == cny:
            return
        if not self.env.ref(f"account.{company.id}_demo_invoice_1", raise_if_not_found=False):
            return  # not Odoo's demo books: never delete real entries
        old_currency = company.currency_id
        moves = (
            self.env["account.move"]
            .with_context(active_test=False)
            .search([("company_id", "child_of", company.id)])
        )
        moves.filtered(lambda move: move.state != "draft").button_draft()
        moves.with_context(force_delete=True).unlink()
        self.env["account.bank.statement"].search([("company_id", "=", company.id)]).unlink()
        cny.active = True
        company.currency_id = cny
        self.env["product.pricelist"].search(
            [("company_id", "in", (company.id, False)), ("currency_id", "=", old_currency.id)]
        ).currency_id = cny

    @api.model
    def _demo_history(self):
        """Twelve weeks of a station's life before the current week, through the models'
        own flows, so the dashboard's trends and the meetings' comparisons move."""
        if self.env.ref(HISTORY_MARKER, raise_if_not_found=False):
            return  # loaded once: a module update must not add another twelve weeks
        company = self.env.ref("base.main_company")
        self = self.with_company(company).with_context(
            tracking_disable=True, mail_notrack=True, mail_create_nolog=True
        )
        rng = random.Random(HISTORY_SEED)
        today = company._aftersales_today()
        monday = today - timedelta(days=today.weekday())

        def ref(xmlid):
            return self.env.ref(xmlid if "." in xmlid else f"aftersales_dealer.{xmlid}")

        def at(day, hour):
            return company._aftersales_day_start(day) + timedelta(hours=hour)

        parts = [(ref(f"aftersales_dealer_kpi.{xmlid}"), qty) for xmlid, qty in PARTS]
        stock_location = self.env.ref("stock.stock_location_stock")
        start = monday - timedelta(weeks=HISTORY_WEEKS, days=1)
        self._demo_count_stock({part: qty for part, qty in parts}, stock_location, at(start, 10))

        first_ro = False
        new_customers = list(NEW_CUSTOMERS)
        for week in range(HISTORY_WEEKS, 0, -1):
            week_start = monday - timedelta(weeks=week)
            self._demo_restock(parts, stock_location, at(week_start, 8))
            orders = self._demo_week_orders(rng, week, week_start, at, ref, parts, new_customers)
            first_ro = first_ro or orders[0]
            self._demo_week_care(rng, week_start, at, ref, orders)
            self._demo_week_parts(rng, week, week_start, at, parts, stock_location)
            self._demo_accident(rng, week_start, at, ref)
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": HISTORY_MARKER, "record": first_ro, "noupdate": True}]
        )

    def _demo_week_orders(self, rng, week, week_start, at, ref, parts, new_customers):
        """A week's repair orders. Every week has the station's usual set pieces: a warranty
        job, an appointment whose part was in stock, a clutch nobody stocks enough of (an
        emergency purchase), a comeback for a declined finding, a rework and a truck that
        leaves unrepaired; a new customer now and then."""
        demo_ro = partial(self._demo_repair_order, rng, week_start, at, ref, parts)
        warranty = demo_ro(visit=VISIT_TYPES[-1], day=0)
        appointment = demo_ro(appointment=True, part_list=parts[:1], day=1)
        orders = [
            warranty,
            appointment,
            demo_ro(visit=VISIT_TYPES[4], part_list=parts[-1:], day=2),
            # the finding declined on the appointment (see _demo_week_care) is fixed
            demo_ro(
                visit=(
                    "repair",
                    "labor_std_brake_front",
                    "回厂处理上次建议项目：更换制动蹄片",
                ),
                truck=(appointment.partner_id, appointment.vehicle_id),
                day=4,
            ),
        ]
        rework = demo_ro(
            visit=("repair", False, "返修：制动气室仍漏气"),
            truck=(warranty.partner_id, warranty.vehicle_id),
            day=3,
        )
        rework.write({"is_rework": True, "rework_of_id": warranty.id})
        orders.append(rework)
        orders.append(demo_ro(walk_out=True))
        if week in NEW_CUSTOMER_WEEKS and new_customers:
            orders.append(demo_ro(truck=self._demo_new_truck(new_customers.pop())))
        # business grows a little towards today, with weekly noise
        for _index in range(3 + (HISTORY_WEEKS - week) // 4 + rng.randint(-1, 2)):
            orders.append(demo_ro())
        return orders

    def _demo_count_stock(self, quantities, location, date):
        """Apply a stock count and date it: the history's inventory gains and losses."""
        if not quantities:
            return
        for product, quantity in quantities.items():
            quant = self.env["stock.quant"]._gather(product, location)[:1] or self.env[
                "stock.quant"
            ].create({"product_id": product.id, "location_id": location.id})
            quant.with_context(inventory_mode=True).inventory_quantity = quantity
            quant.action_apply_inventory()
        moves = self.env["stock.move"].search(
            [("product_id", "in", [p.id for p in quantities]), ("is_inventory", "=", True)],
            order="id desc",
            limit=len(quantities),
        )
        moves.write({"date": date})
        moves.move_line_ids.write({"date": date})

    def _demo_new_truck(self, name):
        """A customer the station never served before (new customers of the week)."""
        customer = self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "city": "百色",
                "country_id": self.env.ref("base.cn").id,
            }
        )
        truck = self.env.ref("aftersales_dealer.vehicle_shunda_1").copy(
            {"customer_id": customer.id, "license_plate": f"桂L·{80000 + customer.id}"}
        )
        return customer, truck

    def _demo_restock(self, parts, location, date):
        """The Monday order from the regional parts centre tops the stock up."""
        lines = []
        for part, level in parts:
            on_hand = sum(self.env["stock.quant"]._gather(part, location).mapped("quantity"))
            if on_hand < level:
                lines.append((part, level - on_hand))
        if lines:
            self._demo_purchase(lines, date, {})

    def _demo_purchase(self, lines, date, values):
        """A purchase confirmed and received on ``date``."""
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.env.ref("aftersales_dealer_kpi.kpi_demo_supplier").id,
                "date_order": date,
                "order_line": [
                    Command.create(
                        {
                            "product_id": part.id,
                            "product_qty": qty,
                            "price_unit": part.standard_price,
                        }
                    )
                    for part, qty in lines
                ],
                **values,
            }
        )
        order.button_confirm()
        order.write({"date_approve": date, "date_order": date})
        for picking in order.picking_ids:
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            picking.move_ids.picked = True
            picking.button_validate()
            picking.move_ids.write({"date": date})
            picking.move_ids.move_line_ids.write({"date": date})
            picking.date_done = date
        return order

    def _demo_repair_order(
        self,
        rng,
        week_start,
        at,
        ref,
        parts,
        truck=None,
        visit=None,
        appointment=None,
        part_list=None,
        day=None,
        walk_out=False,
    ):
        visit_type, standard, note = visit or rng.choice(VISIT_TYPES)
        partner, vehicle = truck or (ref(p) for p in rng.choice(TRUCKS))
        day = week_start + timedelta(days=rng.randint(0, 5) if day is None else day)
        reception = at(day, rng.choice((8, 8.5, 9, 10, 11)))
        promised = reception + timedelta(hours=rng.choice((6, 8, 24, 30)))
        if appointment is None:
            appointment = rng.random() < 0.45
        if part_list is None:
            part_list = rng.sample(parts, rng.randint(0, 2))
        technician = ref(rng.choice(TECHNICIANS))
        if standard:
            labor = {"standard_id": ref(standard).id, "technician_id": technician.id}
        else:
            labor = {
                "name": note,
                "hours": rng.choice((4.0, 6.0, 8.0)),
                "technician_id": technician.id,
            }
        if visit_type == "body_paint":  # sold at its own hourly rate
            labor["product_id"] = ref("aftersales_dealer_kpi.kpi_demo_labor_body").id
        ro = self.env["repair.order"].create(
            {
                "partner_id": partner.id,
                "vehicle_id": vehicle.id,
                "user_id": ref(rng.choice(ADVISORS)).id,
                "team_leader_id": ref(rng.choice(TEAM_LEADERS)).id,
                "visit_type": visit_type,
                "is_appointment": appointment,
                "schedule_date": reception - timedelta(minutes=30) if appointment else reception,
                "reception_date": reception,
                "promised_date": promised,
                "pre_inspection_done": rng.random() < 0.8,
                "internal_notes": note,
                "labor_line_ids": [Command.create(labor)],
                "move_ids": [
                    Command.create(
                        {
                            "product_id": part.id,
                            "product_uom_qty": rng.randint(1, 3),
                            "repair_line_type": "add",
                        }
                    )
                    for part, _qty in part_list
                ],
            }
        )
        if walk_out:
            ro.write({"state": "cancel", "cancel_reason": "customer_left"})
            return ro
        ro._action_repair_confirm()
        confirmed = reception + timedelta(minutes=40)
        ro.move_ids.filtered("aftersales_confirm_date").write(
            {"aftersales_confirm_date": confirmed}
        )
        if ro.aftersales_parts_checked_date:
            ro.aftersales_parts_checked_date = confirmed
        # a part missing at confirmation comes in by emergency purchase the same day
        missing = ro.move_ids.filtered(lambda move: move.state != "assigned")
        if missing:
            self._demo_purchase(
                [(move.product_id, move.product_uom_qty) for move in missing],
                confirmed + timedelta(hours=1),
                {
                    "is_emergency": True,
                    "emergency_reason": "no_stock",
                    "aftersales_repair_id": ro.id,
                    "emergency_note": "在修车辆等件，向南宁中心库紧急调货。",
                },
            )
            missing._action_assign()
        ro.action_repair_start()
        ro.move_ids.picked = True
        ro.action_repair_end()
        delivered = reception + timedelta(hours=rng.choice((5, 7, 7, 23, 28, 34)))
        ro.write(
            {
                "delivered_date": delivered,
                "reminder_given": rng.random() < 0.7,
                "old_parts_shown": rng.random() < 0.6,
            }
        )
        done_moves = ro.move_ids.filtered(lambda move: move.state == "done")
        done_moves.write({"date": delivered})
        done_moves.move_line_ids.write({"date": delivered})
        return ro

    def _demo_week_care(self, rng, week_start, at, ref, orders):
        """The calls after delivery, the findings declined, complaints, rescues and claims."""
        done = [ro for ro in orders if ro.state == "done"]
        clerk = ref("aftersales_dealer.user_info_clerk")
        for index, ro in enumerate(done):
            due = ro.delivered_date.date() + timedelta(days=2)
            reached = index == 0 or rng.random() < 0.85
            satisfaction = rng.choice(("5", "5", "4", "4", "3", "2")) if reached else False
            problem = reached and satisfaction in ("2", "3") and rng.random() < 0.7
            if index == 0:  # the warranty truck's owner, unhappy: it comes back this week
                satisfaction, problem = "2", True
            self.env["aftersales.followup"].create(
                {
                    "name": f"维修后回访：{ro.internal_notes}",
                    "partner_id": ro.partner_id.id,
                    "vehicle_id": ro.vehicle_id.id,
                    "repair_id": ro.id,
                    "followup_type": "post_repair",
                    "due_date": due,
                    "user_id": clerk.id,
                    "state": "done" if reached else "unreachable",
                    "done_date": due if reached else False,
                    "satisfaction": satisfaction,
                    "has_problem": problem,
                    "problem": "交车后仍有异响，客户要求复查" if problem else False,
                    "responsible_employee_id": ro.team_leader_id.id if problem else False,
                }
            )
        # declined at pre-inspection of the appointment (fixed on day 4), during a repair,
        # and maybe more
        declined = [(done[1], "pre_inspection"), (done[2], "in_repair")]
        declined += [
            (ro, rng.choice(("pre_inspection", "in_repair")))
            for ro in rng.sample(done[5:], min(len(done[5:]), rng.randint(0, 2)))
        ]
        for ro, stage in declined:
            self.env["aftersales.finding"].create(
                {
                    "repair_id": ro.id,
                    "vehicle_id": ro.vehicle_id.id,
                    "partner_id": ro.partner_id.id,
                    "name": rng.choice(
                        ("制动片磨损", "轮胎偏磨", "传动轴万向节松旷", "蓄电池老化")
                    ),
                    "stage": stage,
                    "recaptured_repair_id": done[3].id if ro == done[1] else False,
                    "severity": rng.choice(("safety", "soon")),
                    "remaining_km": rng.choice((3000, 6000, 10000)),
                    "remaining_days": rng.choice((15, 30, 60)),
                    "estimated_amount": rng.choice((380, 760, 1200)),
                    "decision": "declined",
                    "decision_date": ro.reception_date.date(),
                }
            )
        # the unhappy warranty customer complains and is called back the next day; now and
        # then another complaint is still open at the week's end
        complainers = [done[0]] + ([rng.choice(done)] if rng.random() < 0.4 else [])
        for index, ro in enumerate(complainers):
            complaint = self.env["aftersales.complaint"].create(
                {
                    "partner_id": ro.partner_id.id,
                    "vehicle_id": ro.vehicle_id.id,
                    "channel": "phone",
                    "category": rng.choice(("repair_quality", "waiting_time", "price")),
                    "severity": "medium",
                    "description": "客户反映交车时间比承诺晚，影响发车。",
                    "user_id": ref("base.user_admin").id,
                    "complaint_date": at(week_start + timedelta(days=rng.randint(2, 4)), 10),
                    "resolution": "<p>服务经理回电致歉，下次保养工时费九折。</p>",
                }
            )
            if index == 0:
                complaint.action_resolve()
                complaint.write(
                    {
                        "responded_date": complaint.complaint_date + timedelta(hours=2),
                        "resolved_date": complaint.complaint_date + timedelta(days=1),
                    }
                )
        for _index in range(rng.randint(1, 2)):
            partner, vehicle = rng.choice(TRUCKS)
            request = at(week_start + timedelta(days=rng.randint(0, 6)), rng.randint(1, 20))
            self.env["aftersales.rescue"].create(
                {
                    "vehicle_id": ref(vehicle).id,
                    "partner_id": ref(partner).id,
                    "location": f"G80 广昆高速 K{rng.randint(1300, 1500)}",
                    "distance_km": rng.randint(10, 90),
                    "description": rng.choice(("爆胎", "气路漏气无法行驶", "蓄电池亏电")),
                    "user_id": ref("aftersales_dealer.user_demo_advisor_wang").id,
                    "request_date": request,
                    "dispatch_date": request + timedelta(hours=1),
                    "arrival_date": request + timedelta(hours=2),
                    "outcome": "fixed_on_site",
                    "state": "done",
                    "technician_ids": [Command.set([ref(rng.choice(TECHNICIANS)).id])],
                    "done_date": request + timedelta(hours=4),
                }
            )
        for ro in [ro for ro in done if ro.visit_type == "warranty"][:2]:
            self.env["aftersales.warranty.claim"].create(
                {
                    "repair_id": ro.id,
                    "user_id": ro.user_id.id,
                    "failure_date": ro.reception_date.date(),
                    "appraisal": "制动气室膜片破裂漏气，出厂不足两年，申请三包。",
                    "submitted_date": ro.reception_date.date() + timedelta(days=1),
                    "state": "submitted",
                    "line_ids": [
                        Command.create(
                            {
                                "line_type": "part",
                                "product_id": ref("part_brake_chamber").id,
                                "name": "制动气室",
                                "quantity": 1,
                                "price_unit": 380,
                            }
                        )
                    ],
                }
            )

    def _demo_week_parts(self, rng, week, week_start, at, parts, location):
        """The Saturday stock count: one or two parts off by a piece, either way."""
        counted = {}
        for part, _qty in rng.sample(parts, 2):
            on_hand = sum(self.env["stock.quant"]._gather(part, location).mapped("quantity"))
            if on_hand >= 1:
                counted[part] = on_hand + rng.choice((-1, -1, 1))
        self._demo_count_stock(counted, location, at(week_start + timedelta(days=5), 17))

    def _demo_accident(self, rng, week_start, at, ref):
        """An accident repaired in the week; the customer pays at delivery, the insurer
        later (the last weeks' insurers still owe)."""
        partner, vehicle = rng.choice(TRUCKS)
        arrival = at(week_start + timedelta(days=rng.randint(0, 2)), 14)
        billed_insurer = rng.choice((8600, 12800, 18500, 26000))
        today = self.env.company._aftersales_today()
        # the insurer pays in two instalments, ten and twenty-four days after the truck came in
        first_instalment = round(billed_insurer * 0.7)
        instalments = [
            (arrival.date() + timedelta(days=days), amount)
            for days, amount in ((10, first_instalment), (24, billed_insurer - first_instalment))
        ]
        paid = [(day, amount) for day, amount in instalments if day <= today]
        accident = self.env["aftersales.accident"].create(
            {
                "report_channel": "hotline",
                "reported_date": arrival - timedelta(hours=5),
                "accident_date": arrival - timedelta(hours=6),
                "accident_place": "百色至靖西高速 K45",
                "vehicle_id": ref(vehicle).id,
                "partner_id": ref(partner).id,
                "handler_id": ref("employee_accident_leader").id,
                "description": "追尾前车，前保险杠、散热器、大灯损坏。",
                "arrival_date": arrival,
                "assessed_amount": billed_insurer + 1000,
                "assessment_date": arrival.date(),
                "amount_billed_insurer": billed_insurer,
                "amount_billed_customer": 1000,
                "delivered_date": arrival + timedelta(days=4),
                "state": "paid" if len(paid) == len(instalments) else "delivered",
            }
        )
        payments = [
            {
                "accident_id": accident.id,
                "payer": "customer",
                "date": (arrival + timedelta(days=4)).date(),
                "amount": 1000,
                "reference": "收据",
            }
        ] + [
            {
                "accident_id": accident.id,
                "payer": "insurer",
                "date": day,
                "amount": amount,
                "reference": "保险公司赔款 转账",
            }
            for day, amount in paid
        ]
        self.env["aftersales.accident.payment"].create(payments)
