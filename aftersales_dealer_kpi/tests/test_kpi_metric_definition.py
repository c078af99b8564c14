from ast import literal_eval
from datetime import date, datetime, timedelta

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tests import tagged

from .kpi_common import AftersalesKpiCommon

SERVICE = "aftersales.kpi.service.report"


@tagged("post_install", "-at_install")
class TestKpiMetricDefinition(AftersalesKpiCommon):
    """A metric is a declaration a manager can add in the form: it is checked when saved,
    and the meeting's figure of every metric is the aggregate its source gives."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Metric = cls.env["aftersales.kpi.metric"].with_user(cls.manager)
        cls.valid = {
            "code": "delivered_hours",
            "name": "Delivered labour hours",
            "role": "technical_manager",
            "unit": "hours",
            "source_model": SERVICE,
            "date_field": "delivered_date",
            "aggregate": "sum",
            "value_field": "labor_hours",
        }
        # some of every source, so that no metric is compared on nothing
        cls.env["aftersales.complaint"].with_company(cls.company).create(
            {
                "company_id": cls.company.id,
                "partner_id": cls.customer_1.id,
                "description": "交车后制动异响",
                "complaint_date": datetime(2026, 3, 10, 9),
            }
        )
        cls.env["aftersales.rescue"].with_company(cls.company).create(
            {
                "company_id": cls.company.id,
                "location": "G324国道 田阳段 K1820",
                "request_date": datetime(2026, 3, 10, 2),
            }
        )
        cls.env["aftersales.accident"].with_company(cls.company).create(
            {
                "company_id": cls.company.id,
                "vehicle_id": cls.truck_5.id,
                "accident_date": datetime(2026, 3, 9, 6),
                "arrival_date": datetime(2026, 3, 9, 8),
                "state": "claim_submitted",
                "amount_billed_insurer": 6000,
                "claim_submitted_date": date(2026, 3, 11),
                "payment_ids": [
                    Command.create({"amount": 2500, "payer": "insurer", "date": date(2026, 3, 13)})
                ],
            }
        )

    def _refused(self, **changes):
        """Creating the metric with ``changes`` is refused, and nothing is saved."""
        with self.assertRaises(ValidationError) as caught, self.cr.savepoint():
            self.Metric.create({**self.valid, **changes})
        self.assertFalse(self.Metric.search([("code", "=", self.valid["code"])]))
        return str(caught.exception)

    def test_valid_declaration_is_saved(self):
        metric = self.Metric.create(self.valid)
        self.assertEqual(metric.domain, "[]")
        self.assertFalse(metric.per_person)
        metric.person_field = "team_leader_id"
        self.assertEqual(metric.per_person, "employee")
        meeting = self._meeting()
        meeting._compute_metric_lines(metric)
        # 2 + 3 + 1 hours on the orders delivered in the week
        self.assertEqual(self._figure(meeting, "delivered_hours"), 6.0)
        self.assertEqual(self._figure(meeting, "delivered_hours", self.team_leader_1), 5.0)
        self.assertEqual(self._figure(meeting, "delivered_hours", self.team_leader_2), 1.0)

    def test_unknown_model(self):
        message = self._refused(source_model="aftersales.no.such.model")
        self.assertIn("aftersales.no.such.model", message)
        self._refused(source_model=False)

    def test_model_without_company(self):
        self._refused(source_model="fleet.vehicle.model", date_field="create_date")

    def test_unknown_or_unstored_fields(self):
        self.assertIn("no_such_date", self._refused(date_field="no_such_date"))
        self._refused(date_field="visit_type")  # not a date
        self._refused(value_field="no_such_field")
        self._refused(value_field="visit_type")  # not a number
        # a computed field that is not stored cannot be summed by the database
        self._refused(
            source_model="repair.order",
            date_field="reception_date",
            value_field="warranty_claim_count",
        )

    def test_bad_domains(self):
        self.assertIn("not a valid domain", self._refused(domain="[('state', '=' 'done'"))
        self._refused(domain="state = 'done'")
        self._refused(domain="[('state', 'like like', 'done')]")
        self.assertIn("no_such_field", self._refused(domain="[('no_such_field', '=', 1)]"))

    def test_sum_or_average_needs_a_value(self):
        self._refused(aggregate="sum", value_field=False)
        self._refused(aggregate="avg", value_field=False)

    def test_ratio_needs_a_denominator(self):
        self.assertIn("ratio", self._refused(aggregate="ratio", value_field="labor_hours"))
        self._refused(aggregate="ratio", numerator_domain="[('oops', '=', 1)]")
        self._refused(aggregate="ratio", denominator_field="partner_id")
        metric = self.Metric.create(
            {
                **self.valid,
                "unit": "rate",
                "date_field": "date",
                "domain": "[('order_count', '=', 1)]",
                "aggregate": "ratio",
                "value_field": False,
                "numerator_domain": "[('is_rework', '=', True)]",
                "person_field": "team_leader_id",
            }
        )
        meeting = self._meeting()
        meeting._compute_metric_lines(metric)
        # of the 6 orders received in the week, r5 is a rework (team leader 2's, of 2)
        self.assertAlmostEqual(self._figure(meeting, "delivered_hours"), 1 / 6)
        self.assertEqual(self._figure(meeting, "delivered_hours", self.team_leader_2), 0.5)
        self.assertEqual(self._figure(meeting, "delivered_hours", self.team_leader_1), 0.0)

    def test_person_must_be_user_or_employee(self):
        self.assertIn("res.partner", self._refused(person_field="partner_id"))
        self._refused(person_field="visit_type")
        self._refused(person_field="no_such_person")

    def test_hooks_are_named_methods(self):
        self._refused(hook_method="unlink")
        self._refused(hook_method="_kpi_hook_no_such_figure")
        metric = self.Metric.create(
            {**self.valid, "hook_method": "_kpi_hook_churned_customer_count"}
        )
        meeting = self._meeting()
        meeting._compute_metric_lines(metric)
        self.assertEqual(self._figure(meeting, "delivered_hours"), 1)

    def test_bad_write_keeps_the_definition(self):
        metric = self.env.ref("aftersales_dealer_kpi.kpi_metric_ro_count")
        with self.assertRaises(ValidationError), self.cr.savepoint():
            metric.with_user(self.manager).write(
                {"value_field": "order_count", "person_field": "partner_id"}
            )
        metric.invalidate_recordset()
        self.assertEqual((metric.value_field, metric.person_field), ("order_count", False))

    def test_every_metric_agrees_with_its_source(self):
        """The meeting's figure of every active declared metric, company-wide and per
        person, is the aggregate its source gives through _read_group, for both periods."""
        metrics = self.env["aftersales.kpi.metric"].search([])
        declared = metrics.filtered(lambda metric: not metric.hook_method)
        self.assertGreaterEqual(len(declared), 30)
        meeting = self._meeting()
        meeting._compute_metric_lines(metrics.with_user(self.manager))
        self.env.flush_all()
        compared = 0
        for metric in declared:
            for date_from, date_to, previous in (
                (meeting.date_from, meeting.date_to, False),
                (meeting.previous_date_from, meeting.previous_date_to, True),
            ):
                expected = self._from_source(metric, date_from, date_to)
                lines = meeting.line_ids.filtered(lambda line, m=metric: line.metric_id == m)
                got = {
                    (line.user_id.id or line.employee_id.id or False): (
                        line.previous_value if previous else line.value,
                        line.previous_empty if previous else line.value_empty,
                    )
                    for line in lines
                }
                for person, value in expected.items():
                    figure, empty = got.get(person, (0.0, metric.aggregate == "ratio"))
                    message = f"{metric.code} {person} {date_from}"
                    if value is None:
                        self.assertTrue(empty, message)
                    else:
                        self.assertFalse(empty, message)
                        self.assertAlmostEqual(figure, value, msg=message)
                    compared += 1
        self.assertGreater(compared, 2 * len(declared))

    def _from_source(self, metric, date_from, date_to):
        """{person or False: figure} read from the metric's source, one _read_group per
        side, independently of the meeting's batching."""
        source = self.env[metric.source_model]
        tz_start = self.company._aftersales_day_start(date_from)
        tz_end = self.company._aftersales_day_start(date_to + timedelta(days=1))
        if source._fields[metric.date_field].type == "date":
            tz_start, tz_end = date_from, date_to + timedelta(days=1)
        period = [(metric.date_field, "<", tz_end)]
        if metric.date_mode == "period":
            period.append((metric.date_field, ">=", tz_start))
        base = expression.AND(
            [[("company_id", "=", self.company.id)], period, literal_eval(metric.domain)]
        )
        groupby = [metric.person_field] if metric.person_field else []

        def read(domain, spec):
            groups = source._read_group(domain, groupby, [spec])
            by_person = {False: sum(value or 0.0 for *_g, value in groups)}
            for *group, value in groups:
                if group and group[0]:
                    by_person[group[0].id] = value or 0.0
            return by_person

        value_spec = f"{metric.value_field}:sum" if metric.value_field else "__count"
        if metric.aggregate in ("count", "sum"):
            return read(base, "__count" if metric.aggregate == "count" else value_spec)
        if metric.aggregate == "avg":
            total = read(base, value_spec)
            count = read(base, f"{metric.value_field}:count")
            return {p: (total[p] / count[p] if count[p] else None) for p in total}
        numerator_domain = base
        if metric.numerator_domain:
            numerator_domain = expression.AND([base, literal_eval(metric.numerator_domain)])
        numerator = read(numerator_domain, value_spec)
        denominator = read(
            base,
            f"{metric.denominator_field}:sum" if metric.denominator_field else value_spec,
        )
        return {
            person: (numerator.get(person, 0.0) / total if total else None)
            for person, total in denominator.items()
        }
