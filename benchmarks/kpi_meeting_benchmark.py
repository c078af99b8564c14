#!/usr/bin/env python3
"""Weekly-meeting benchmark: a dealer group's history, the meeting against plain SQL.

Not a test. It fills a scratch database (the addons installed) with a dealer group's
history by bulk ``INSERT ... SELECT generate_series`` — 1,000,000 repair orders,
2,000,000 follow-ups, 200,000 trucks at ``--scale 1`` — then prints, side by side, the
time to compute a weekly meeting through the ORM and the time PostgreSQL alone takes for
the same aggregates written by hand, and their ratio.

    python3 benchmarks/kpi_meeting_benchmark.py \\
        --db bench_kpi --create --template tpl_aftersales_deps \\
        --addons-path /opt/odoo18/addons,/opt/odoo18/odoo/addons,. --scale 1

``--create`` drops and recreates the scratch database from the template and installs the
addons; without it the database is reused (and refilled only with ``--fill``).
"""

# A command-line script: its measurements are its output, printed to stdout.
# pylint: disable=print-used

import argparse
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta

ADDONS = "aftersales_dealer,aftersales_dealer_insurance,aftersales_dealer_kpi"
# the metrics timed on both sides: the ones over the core's records (repair orders,
# findings, follow-ups, customers), whose hand-written SQL is below
CODES = (
    "ro_count",
    "warranty_ro_count",
    "body_paint_ro_count",
    "maintenance_first_count",
    "maintenance_routine_count",
    "preinspection_rate",
    "advisor_ro_count",
    "reminder_given_count",
    "old_parts_shown_count",
    "left_without_repair_count",
    "on_time_delivery_rate",
    "rework_count",
    "rework_rate",
    "team_on_time_delivery_rate",
    "first_time_fix_rate",
    "appointment_show_rate",
    "preinspection_declined_count",
    "inrepair_declined_count",
    "declined_recapture_rate",
    "followup_problem_count",
    "dissatisfied_count",
    "churned_customer_count",
    "new_customer_count",
    "hours_per_ro",
    "effective_labor_rate",
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="bench_aftersales_kpi")
    parser.add_argument("--template", default="tpl_aftersales_deps")
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--db-host", default="127.0.0.1")
    parser.add_argument("--db-user", default="root")
    parser.add_argument("--http-port", default="18999")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--create", action="store_true")
    parser.add_argument("--fill", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    return parser.parse_args()


def create_database(args):
    pg = ["-h", args.db_host, "-U", args.db_user]
    subprocess.run(["dropdb", *pg, "--if-exists", args.db], check=True)
    subprocess.run(["createdb", *pg, "-T", args.template, args.db], check=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            "-d",
            args.db,
            f"--db_host={args.db_host}",
            f"--db_user={args.db_user}",
            f"--addons-path={args.addons_path}",
            "-i",
            ADDONS,
            "--stop-after-init",
            f"--http-port={args.http_port}",
            "--log-level=warn",
        ],
        check=True,
    )


def clone_rows(cr, table, template_id, count, overrides):
    """Insert ``count`` copies of a template row, with SQL expressions over ``g`` (1..count)
    for the columns that vary."""
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position",
        [table],
    )
    columns = [name for (name,) in cr.fetchall()]
    select = ", ".join(overrides.get(col, f"t.{col}") for col in columns).replace("%", "%%")
    cr.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 - fixed names only
        f"SELECT {select} FROM {table} t, generate_series(1, %s) g WHERE t.id = %s",
        [count, template_id],
    )


def fill(env, scale):
    from odoo import Command

    cr = env.cr
    n_orders = int(1_000_000 * scale)
    n_followups = int(2_000_000 * scale)
    n_vehicles = int(200_000 * scale)
    n_partners = max(n_vehicles // 4, 1)
    company = env.ref("base.main_company")
    advisors = env["res.users"].create(
        [
            {
                "name": f"顾问{i}",
                "login": f"bench_advisor_{i}",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
            }
            for i in range(20)
        ]
    )
    leaders = env["hr.employee"].create(
        [
            {"name": f"组长{i}", "aftersales_role": "team_leader", "company_id": company.id}
            for i in range(8)
        ]
    )
    partner = env["res.partner"].create({"name": "模板客户", "company_id": company.id})
    model = env["fleet.vehicle.model"].search([], limit=1)
    vehicle = env["fleet.vehicle"].create(
        {"model_id": model.id, "customer_id": partner.id, "company_id": company.id}
    )
    order = env["repair.order"].create(
        {
            "partner_id": partner.id,
            "vehicle_id": vehicle.id,
            "company_id": company.id,
            "user_id": advisors[0].id,
            "team_leader_id": leaders[0].id,
        }
    )
    followup = env["aftersales.followup"].create(
        {
            "name": "回访",
            "partner_id": partner.id,
            "followup_type": "post_repair",
            "due_date": date.today(),
            "company_id": company.id,
        }
    )
    finding = env["aftersales.finding"].create(
        {
            "name": "制动片磨损",
            "repair_id": order.id,
            "vehicle_id": vehicle.id,
            "company_id": company.id,
        }
    )
    labor = env["aftersales.labor.line"].create({"repair_id": order.id, "name": "保养", "hours": 1})
    env.flush_all()
    advisor_ids = "ARRAY[%s]" % ",".join(str(i) for i in advisors.ids)
    leader_ids = "ARRAY[%s]" % ",".join(str(i) for i in leaders.ids)
    started = time.time()
    cr.execute("SELECT COALESCE(MAX(id), 0) FROM res_partner")
    partner_base = cr.fetchone()[0]
    clone_rows(
        cr,
        "res_partner",
        partner.id,
        n_partners,
        {
            "name": "'客户' || g",
            "complete_name": "'客户' || g",
            "churn_date": "CASE WHEN g % 50 = 0 THEN CURRENT_DATE - (g % 1800) END",
            "churn_state": "CASE WHEN g % 50 = 0 THEN 'lost' ELSE 'active' END",
        },
    )
    cr.execute("SELECT COALESCE(MAX(id), 0) FROM fleet_vehicle")
    vehicle_base = cr.fetchone()[0]
    clone_rows(
        cr,
        "fleet_vehicle",
        vehicle.id,
        n_vehicles,
        {
            "customer_id": f"{partner_base} + 1 + (g % {n_partners})",
            "license_plate": "'桂L' || g",
            "name": "'桂L' || g",
        },
    )
    # five years of orders, about 550 a day
    cr.execute("SELECT COALESCE(MAX(id), 0) FROM repair_order")
    order_base = cr.fetchone()[0]
    clone_rows(
        cr,
        "repair_order",
        order.id,
        n_orders,
        {
            "name": "'RO/' || g",
            "vehicle_id": f"{vehicle_base} + 1 + (g % {n_vehicles})",
            "partner_id": f"{partner_base} + 1 + ((g % {n_vehicles}) % {n_partners})",
            "user_id": f"({advisor_ids})[1 + g % 20]",
            "team_leader_id": f"({leader_ids})[1 + g % 8]",
            "visit_type": "(ARRAY['maintenance_first','maintenance_routine','repair','body_paint',"
            "'warranty','accident'])[1 + g % 6]",
            "state": "CASE WHEN g % 40 = 0 THEN 'cancel' WHEN g % 7 = 0 THEN 'under_repair' "
            "ELSE 'done' END",
            "cancel_reason": "CASE WHEN g % 40 = 0 THEN 'customer_left' END",
            "reception_date": "NOW() - (g % 1825) * INTERVAL '1 day' "
            "- (g % 600) * INTERVAL '1 minute'",
            "schedule_date": "NOW() - (g % 1825) * INTERVAL '1 day' - INTERVAL '2 hours'",
            "promised_date": "NOW() - (g % 1825) * INTERVAL '1 day' + INTERVAL '8 hours'",
            "delivered_date": "CASE WHEN g % 40 != 0 AND g % 7 != 0 THEN NOW() - (g % 1825) "
            "* INTERVAL '1 day' + (g % 13) * INTERVAL '1 hour' END",
            "is_appointment": "g % 3 = 0",
            "pre_inspection_done": "g % 5 != 0",
            "is_rework": "g % 60 = 0",
            "reminder_given": "g % 2 = 0",
            "old_parts_shown": "g % 3 != 0",
        },
    )
    clone_rows(
        cr,
        "aftersales_labor_line",
        labor.id,
        n_orders,
        {
            "repair_id": f"{order_base} + g",
            "hours": "1 + (g % 8) * 0.5",
        },
    )
    clone_rows(
        cr,
        "aftersales_finding",
        finding.id,
        n_orders // 3,
        {
            "repair_id": f"{order_base} + g * 3",
            "vehicle_id": f"{vehicle_base} + 1 + ((g * 3) % {n_vehicles})",
            "stage": "CASE WHEN g % 4 = 0 THEN 'in_repair' ELSE 'pre_inspection' END",
            "decision": "(ARRAY['pending','accepted','declined','deferred'])[1 + g % 4]",
            "decision_date": "CURRENT_DATE - ((g * 3) % 1825)",
            "recaptured_repair_id": f"CASE WHEN g % 12 = 2 THEN {order_base} + g * 3 + 1 END",
        },
    )
    clone_rows(
        cr,
        "aftersales_followup",
        followup.id,
        n_followups,
        {
            "name": "'回访' || g",
            "partner_id": f"{partner_base} + 1 + (g % {n_partners})",
            "followup_type": "(ARRAY['post_repair','maintenance_due','annual_inspection_due',"
            "'declined_finding','usage_check'])[1 + g % 5]",
            "due_date": "CURRENT_DATE - (g % 1825)",
            "state": "(ARRAY['done','done','done','unreachable','todo'])[1 + g % 5]",
            "done_date": "CASE WHEN g % 5 < 3 THEN CURRENT_DATE - (g % 1825) + (g % 3) END",
            "satisfaction": "CASE WHEN g % 5 < 3 THEN 1 + g % 5 ELSE 0 END",
            "has_problem": "g % 17 = 0",
            "responsible_employee_id": f"CASE WHEN g % 5 < 2 THEN ({leader_ids})[1 + g % 8] END",
            "source_key": "NULL",
        },
    )
    cr.execute("ANALYZE")
    print(
        f"generated in {time.time() - started:.0f}s: {n_orders:,} repair orders, "
        f"{n_followups:,} follow-ups, {n_vehicles:,} trucks, {n_partners:,} customers"
    )


# The best hand-written SQL for the same figures: every query restricted by a range on an
# indexed date (no FILTER over the whole table), each grouped once by the people its
# figures are reported by; per period as the meeting does.
HAND_WRITTEN = [
    # orders received: counts by visit type, pre-inspections, reworks, customers who left,
    # new customers; per advisor and team leader (the company's figure is their sum)
    """SELECT ro.user_id, ro.team_leader_id,
              COUNT(*) FILTER (WHERE ro.state != 'cancel'),
              COUNT(*) FILTER (WHERE ro.state != 'cancel' AND ro.visit_type = 'warranty'),
              COUNT(*) FILTER (WHERE ro.state != 'cancel' AND ro.visit_type = 'body_paint'),
              COUNT(*) FILTER (WHERE ro.state != 'cancel'
                                 AND ro.visit_type = 'maintenance_first'),
              COUNT(*) FILTER (WHERE ro.state != 'cancel'
                                 AND ro.visit_type = 'maintenance_routine'),
              COUNT(*) FILTER (WHERE ro.state != 'cancel' AND ro.pre_inspection_done),
              COUNT(*) FILTER (WHERE ro.state != 'cancel' AND ro.is_rework),
              COUNT(*) FILTER (WHERE ro.state = 'cancel'
                                 AND ro.cancel_reason = 'customer_left'),
              COUNT(*) FILTER (WHERE ro.state != 'cancel' AND NOT EXISTS (
                  SELECT 1 FROM repair_order o
                   WHERE o.partner_id = ro.partner_id AND o.company_id = ro.company_id
                     AND o.state != 'cancel' AND o.reception_date IS NOT NULL
                     AND (o.reception_date < ro.reception_date
                          OR (o.reception_date = ro.reception_date AND o.id < ro.id))))
         FROM repair_order ro
        WHERE ro.company_id = %(c)s AND ro.reception_date >= %(s)s AND ro.reception_date < %(e)s
        GROUP BY ro.user_id, ro.team_leader_id""",
    # orders delivered: reminders, old parts, on time, fixed first time, labour hours and
    # revenue (labour lines; parts on the order)
    """SELECT ro.user_id, ro.team_leader_id, COUNT(*),
              COUNT(*) FILTER (WHERE ro.reminder_given),
              COUNT(*) FILTER (WHERE ro.old_parts_shown),
              COUNT(*) FILTER (WHERE ro.promised_date IS NOT NULL),
              COUNT(*) FILTER (WHERE ro.delivered_date <= ro.promised_date),
              COUNT(*) FILTER (WHERE NOT EXISTS (
                  SELECT 1 FROM repair_order rw
                   WHERE rw.vehicle_id = ro.vehicle_id AND rw.is_rework
                     AND rw.state != 'cancel' AND rw.id != ro.id
                     AND rw.reception_date > ro.delivered_date
                     AND rw.reception_date <= ro.delivered_date + INTERVAL '30 days')),
              SUM(labor.hours), SUM(labor.amount)
         FROM repair_order ro
         LEFT JOIN LATERAL (
              SELECT SUM(l.hours) AS hours, SUM(l.amount) AS amount
                FROM aftersales_labor_line l WHERE l.repair_id = ro.id) labor ON TRUE
        WHERE ro.company_id = %(c)s AND ro.state != 'cancel'
          AND ro.delivered_date >= %(s)s AND ro.delivered_date < %(e)s
        GROUP BY ro.user_id, ro.team_leader_id""",
    # appointments booked for the period, and received
    """SELECT COUNT(*), COUNT(reception_date) FROM repair_order
        WHERE company_id = %(c)s AND is_appointment
          AND schedule_date >= %(s)s AND schedule_date < %(e)s""",
    # findings declined per advisor
    """SELECT ro.user_id, COUNT(*) FILTER (WHERE f.stage = 'pre_inspection'),
              COUNT(*) FILTER (WHERE f.stage = 'in_repair'), COUNT(*),
              COUNT(f.recaptured_repair_id)
         FROM aftersales_finding f LEFT JOIN repair_order ro ON ro.id = f.repair_id
        WHERE f.company_id = %(c)s AND f.decision = 'declined'
          AND f.decision_date >= %(ds)s AND f.decision_date < %(de)s
        GROUP BY ro.user_id""",
    # follow-ups done, per responsible employee
    """SELECT responsible_employee_id, COUNT(*) FILTER (WHERE has_problem),
              COUNT(*) FILTER (WHERE satisfaction BETWEEN 1 AND 2)
         FROM aftersales_followup WHERE company_id = %(c)s AND state = 'done'
          AND done_date >= %(ds)s AND done_date < %(de)s
        GROUP BY responsible_employee_id""",
    # customers lost
    """SELECT COUNT(*) FROM res_partner
        WHERE (company_id = %(c)s OR company_id IS NULL)
          AND churn_date >= %(ds)s AND churn_date < %(de)s""",
]


def main():
    args = parse_args()
    if args.create:
        create_database(args)
    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(
        [
            "-d",
            args.db,
            f"--db_host={args.db_host}",
            f"--db_user={args.db_user}",
            f"--addons-path={args.addons_path}",
            "--log-level=warn",
        ]
    )
    registry = Registry(args.db)

    if args.create or args.fill:
        with registry.cursor() as cr:
            fill(api.Environment(cr, SUPERUSER_ID, {}), args.scale)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = env.ref("base.main_company")
        cr.execute("SELECT COUNT(*) FROM repair_order")
        orders = cr.fetchone()[0]
        cr.execute("SELECT COUNT(*) FROM aftersales_followup")
        followups = cr.fetchone()[0]
        cr.execute("SELECT COUNT(*) FROM fleet_vehicle")
        vehicles = cr.fetchone()[0]
        metrics = env["aftersales.kpi.metric"].search([("code", "in", CODES)])
        last_monday = date.today() - timedelta(days=date.today().weekday() + 7)
        meeting = env["aftersales.kpi.meeting"].create(
            {
                "company_id": company.id,
                "date_from": last_monday,
                "date_to": last_monday + timedelta(days=6),
            }
        )
        # the meeting's own bounds: the station's midnights, and its days for date fields
        day_start = company._aftersales_day_start
        periods = [
            (day_start(meeting.previous_date_from), day_start(meeting.date_from)),
            (day_start(meeting.date_from), day_start(meeting.date_to + timedelta(days=1))),
        ]
        days = [
            (meeting.previous_date_from, meeting.date_from),
            (meeting.date_from, meeting.date_to + timedelta(days=1)),
        ]
        orm_times, sql_times = [], []
        for _run in range(args.runs):
            env.invalidate_all()
            started = time.perf_counter()
            meeting._compute_metric_lines(metrics)
            env.flush_all()
            orm_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            for (start, end), (first_day, end_day) in zip(periods, days, strict=True):
                params = {"s": start, "e": end, "ds": first_day, "de": end_day, "c": company.id}
                for query in HAND_WRITTEN:
                    cr.execute(query, params)
                    cr.fetchall()
            sql_times.append(time.perf_counter() - started)
        figures = len(meeting.line_ids)
        orm, sql = statistics.median(orm_times), statistics.median(sql_times)
        print(f"data: {orders:,} repair orders, {followups:,} follow-ups, {vehicles:,} trucks")
        print(
            f"meeting {meeting.date_from} – {meeting.date_to}: {len(metrics)} metrics, "
            f"{figures} figures (this week and the week before), median of {args.runs} runs"
        )
        print(f"{'meeting (ORM action)':<28}{'PostgreSQL alone':>20}{'ratio':>10}")
        print(f"{orm * 1000:>20.0f} ms{sql * 1000:>17.0f} ms{orm / sql:>10.2f}")
        # the first run creates the figures, the next ones update those that moved
        first = orm_times[0]
        print(f"first computation (creating the figures): {first * 1000:.0f} ms")
        cr.rollback()


if __name__ == "__main__":
    main()
