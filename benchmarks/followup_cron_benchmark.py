#!/usr/bin/env python3
"""Benchmark of the follow-up generation cron (not a test).

Fills a scratch database with trucks, their customers and history (a delivered repair
order per truck, maintenance and inspection dates, declined findings, quiet retained
customers) with set-based SQL, then runs ``aftersales.followup._cron_generate_followups``
the way the cron runner does (committing after each batch) for every batch size given,
and prints vehicles per second, queries per vehicle and per batch, and the peak Python
memory of the run (tracemalloc, which also slows the run down).

The scratch database is a copy of a database where ``aftersales_dealer`` is installed::

    createdb -T dev_issue4 bench_followups
    python3 benchmarks/followup_cron_benchmark.py -d bench_followups \\
        --addons-path=/opt/odoo18/addons,/opt/odoo18/odoo/addons,. \\
        --vehicles 200000 --batch-sizes 250,1000
    dropdb bench_followups

With several ``--vehicles`` values (e.g. ``20000,50000``) the data grows between the
measurements: queries per batch must stay flat and memory must follow the batch size,
not the data size.
"""

# A command-line script: its measurements are its output, printed to stdout.
# pylint: disable=print-used

import argparse
import time
import tracemalloc

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.tools import SQL, config


def copy_rows(env, table, proto_id, count, overrides, offset_param="g"):
    """Insert ``count`` copies of row ``proto_id`` of ``table``; ``overrides`` maps a
    column to an SQL expression of the series number ``g`` (offset by the rows made so
    far), and ``p`` is the prototype row. Returns the new ids, in series order."""
    env.cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position",
            table,
        )
    )
    columns = [name for (name,) in env.cr.fetchall()]
    select = SQL(", ").join(overrides.get(name, SQL.identifier("p", name)) for name in columns)
    env.cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM generate_series(1, %s) AS %s, %s AS p "
            "WHERE p.id = %s ORDER BY %s RETURNING id",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(name) for name in columns),
            select,
            count,
            SQL.identifier(offset_param),
            SQL.identifier(table),
            proto_id,
            SQL.identifier(offset_param),
        )
    )
    return [row_id for (row_id,) in env.cr.fetchall()]


def generate(env, count, start, today):
    """Add ``count`` trucks (two per customer) with their history, numbered from ``start``."""
    company = env.company
    brand = company.aftersales_own_brand_id or env["fleet.vehicle.model.brand"].create(
        {"name": "Bench Jiefang"}
    )
    company.aftersales_own_brand_id = brand
    model = env["fleet.vehicle.model"].search([("brand_id", "=", brand.id)], limit=1) or env[
        "fleet.vehicle.model"
    ].create({"name": "Bench J6P", "brand_id": brand.id})
    proto_partner = env["res.partner"].create({"name": "Bench proto", "phone": "0776-1"})
    proto_vehicle = env["fleet.vehicle"].create(
        {"model_id": model.id, "customer_id": proto_partner.id, "license_plate": "BENCH"}
    )
    proto_repair = env["repair.order"].create(
        {"partner_id": proto_partner.id, "vehicle_id": proto_vehicle.id}
    )
    proto_finding = env["aftersales.finding"].create(
        {"name": "Bench finding", "vehicle_id": proto_vehicle.id}
    )
    env.flush_all()
    g = SQL.identifier("g")
    n = SQL("(%s + %s)", g, start)  # global truck number
    partners = copy_rows(
        env,
        "res_partner",
        proto_partner.id,
        count // 2,
        {
            "name": SQL("'Bench customer ' || %s", n),
            "complete_name": SQL("'Bench customer ' || %s", n),
            "commercial_partner_id": SQL("NULL"),
            "aftersales_segment": SQL("'retained'"),
            "churn_state": SQL("'active'"),
            "last_visit_date": SQL("%s::date - mod(%s, 200)", today, n),
        },
    )
    env.cr.execute(SQL("CREATE TEMP TABLE IF NOT EXISTS bench_partner (num int, id int)"))
    env.cr.execute(SQL("TRUNCATE bench_partner"))
    env.cr.execute(SQL("CREATE INDEX IF NOT EXISTS bench_partner_g ON bench_partner (num)"))
    env.cr.execute(
        SQL(
            "INSERT INTO bench_partner SELECT ordinality, id"
            " FROM unnest(%s::int[]) WITH ORDINALITY AS t(id, ordinality)",
            partners,
        )
    )
    vehicles = copy_rows(
        env,
        "fleet_vehicle",
        proto_vehicle.id,
        count,
        {
            "license_plate": SQL("'B' || %s", n),
            "vin_sn": SQL("NULL"),
            "customer_id": SQL("(SELECT id FROM bench_partner bp WHERE bp.num = (%s + 1) / 2)", g),
            "next_maintenance_date": SQL("%s::date + mod(%s, 60) - 30", today, n),
            "annual_inspection_date": SQL("%s::date + mod(%s, 365) - 30", today, n),
            "is_own_brand": SQL("true"),
        },
    )
    env.cr.execute(
        SQL("CREATE TEMP TABLE IF NOT EXISTS bench_vehicle (num int, id int, customer_id int)")
    )
    env.cr.execute(SQL("TRUNCATE bench_vehicle"))
    env.cr.execute(SQL("CREATE INDEX IF NOT EXISTS bench_vehicle_g ON bench_vehicle (num)"))
    env.cr.execute(
        SQL(
            "INSERT INTO bench_vehicle SELECT t.ordinality, t.id, v.customer_id "
            "FROM unnest(%s::int[]) WITH ORDINALITY AS t(id, ordinality) "
            "JOIN fleet_vehicle v ON v.id = t.id",
            vehicles,
        )
    )
    # history: one delivered repair order per truck, delivered 0..39 days ago
    copy_rows(
        env,
        "repair_order",
        proto_repair.id,
        count,
        {
            "name": SQL("'BENCH/' || %s", n),
            "vehicle_id": SQL("(SELECT id FROM bench_vehicle bv WHERE bv.num = %s)", g),
            "partner_id": SQL("(SELECT customer_id FROM bench_vehicle bv WHERE bv.num = %s)", g),
            "reception_date": SQL(
                "%s::timestamp - (mod(%s, 40) || ' days')::interval - interval '5 hours'", today, n
            ),
            "delivered_date": SQL("%s::timestamp - (mod(%s, 40) || ' days')::interval", today, n),
        },
    )
    # a declined finding for one truck in ten
    copy_rows(
        env,
        "aftersales_finding",
        proto_finding.id,
        count // 10,
        {
            "name": SQL("'Bench finding ' || %s", n),
            "vehicle_id": SQL("(SELECT id FROM bench_vehicle bv WHERE bv.num = %s * 10)", g),
            "partner_id": SQL(
                "(SELECT customer_id FROM bench_vehicle bv WHERE bv.num = %s * 10)", g
            ),
            "decision": SQL("'declined'"),
            "decision_date": SQL("%s::date - 40", today),
            "reminder_date": SQL("%s::date - mod(%s, 20)", today, n),
        },
    )
    env.cr.execute(
        SQL("UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", partners)
    )
    env.cr.execute(SQL("ANALYZE"))


def reset(env):
    """Forget the follow-ups of a previous measurement, so each one starts equal."""
    env.cr.execute(SQL("DELETE FROM aftersales_followup WHERE source_key IS NOT NULL"))
    env.cr.execute(
        SQL(
            "UPDATE res_partner SET churn_state = 'active', at_risk_date = NULL "
            "WHERE churn_state = 'at_risk'"
        )
    )
    env.cr.commit()
    env.invalidate_all()


def measure(env, batch_size, vehicle_total):
    cron = env.ref("aftersales_dealer.ir_cron_generate_followups")
    progress = env["ir.cron.progress"].create({"cron_id": cron.id})
    env.cr.commit()
    followups = env["aftersales.followup"].with_context(ir_cron_progress_id=progress.id)
    # count the engine's batch steps, to report queries per batch
    model_class = type(followups)
    batch_step = model_class._generate_followups_batch
    steps = []

    def counted_batch_step(self, *args, **kwargs):
        steps.append(1)
        return batch_step(self, *args, **kwargs)

    model_class._generate_followups_batch = counted_batch_step
    queries_before = env.cr.sql_log_count
    tracemalloc.start()
    started = time.perf_counter()
    created = followups._cron_generate_followups(batch_size=batch_size)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    model_class._generate_followups_batch = batch_step
    queries = env.cr.sql_log_count - queries_before
    batches = len(steps)
    print(
        f"{vehicle_total:>8} trucks  batch {batch_size:>5}: {created:>7} follow-ups in "
        f"{elapsed:7.1f} s = {vehicle_total / elapsed:8.0f} trucks/s, "
        f"{queries / vehicle_total:6.3f} queries/truck, {batches} batches, "
        f"{queries / batches:6.1f} queries/batch, "
        f"peak {peak / 2**20:7.1f} MiB",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument(
        "--vehicles", default="200000", help="comma-separated data sizes, grown in turn"
    )
    parser.add_argument("--batch-sizes", default="250,1000")
    args = parser.parse_args()
    config.parse_config(["-d", args.database, f"--addons-path={args.addons_path}"])
    registry = odoo.modules.registry.Registry(args.database)
    sizes = [int(size) for size in args.vehicles.split(",")]
    batch_sizes = [int(size) for size in args.batch_sizes.split(",")]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        today = fields.Date.context_today(env["aftersales.followup"])
        total = 0
        for size in sizes:
            started = time.perf_counter()
            generate(env, size - total, total, today)
            env.cr.commit()
            print(
                f"generated {size - total} trucks in {time.perf_counter() - started:.1f} s",
                flush=True,
            )
            total = size
            for batch_size in batch_sizes:
                reset(env)
                measure(env, batch_size, total)
        reset(env)


if __name__ == "__main__":
    main()
