import ast

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

KPI_ROLES = [
    ("info_clerk", "Information Clerk"),
    ("accident_leader", "Insurance-Accident Team Leader"),
    ("service_manager", "Service Manager"),
    ("advisor", "Service Advisor"),
    ("parts_manager", "Parts Manager"),
    ("team_leader", "Repair Team Leader"),
    ("technical_manager", "Technical Manager"),
]
KPI_UNITS = [
    ("count", "Count"),
    ("rate", "Rate"),
    ("amount", "Amount"),
    ("hours", "Hours"),
    ("amount_per_hour", "Amount per Hour"),
]
KPI_AGGREGATES = [
    ("count", "Count"),
    ("sum", "Sum"),
    ("avg", "Average"),
    ("ratio", "Ratio"),
]
# the person a line is reported by follows the person field's model, never a free setting
PERSON_MODELS = {"res.users": "user", "hr.employee": "employee"}
NUMERIC_TYPES = ("integer", "float", "monetary")
HOOK_PREFIX = "_kpi_hook_"


class AftersalesKpiMetric(models.Model):
    """A figure of the weekly meeting, declared as data: which records (a source model,
    normally a row-level report view, and a domain), dated by which field, aggregated how
    and reported by which person. The meeting evaluates the metrics sharing a source and a
    date field with one grouped query. A figure no declaration can express names a hook
    method of the meeting instead (``_kpi_hook_<code>``)."""

    _name = "aftersales.kpi.metric"
    _description = "Weekly Meeting Metric"
    _order = "role, sequence, id"

    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, help="Technical key of the metric (exports, dashboards).")
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True, help="How the figure is counted.")
    role = fields.Selection(KPI_ROLES, required=True, help="Who reports the figure at the meeting.")
    unit = fields.Selection(KPI_UNITS, required=True, default="count")
    higher_is_better = fields.Boolean(default=True)
    target = fields.Float(help="Target value; for a rate, a fraction between 0 and 1.")
    source_model = fields.Char(
        help="Technical name of the model the figure is read from, normally a report view "
        "(e.g. aftersales.kpi.service.report). It must have a company field.",
    )
    date_field = fields.Char(
        help="Stored date or date-time field of the source that places a record in a period "
        "(e.g. date for the reception, delivered_date for the delivery).",
    )
    date_mode = fields.Selection(
        [("period", "Dated in the Period"), ("until_end", "Dated up to the Period's End")],
        required=True,
        default="period",
        help="Dated in the period: a flow (orders received in the week). Dated up to the "
        "period's end: a balance (what is still outstanding when the week ends).",
    )
    domain = fields.Char(
        default="[]",
        required=True,
        help="Odoo domain on the source selecting the records counted, e.g. "
        "[('state', '!=', 'cancel')].",
    )
    aggregate = fields.Selection(
        KPI_AGGREGATES,
        required=True,
        default="count",
        help="Count: number of records. Sum or Average: of the value field. Ratio: the "
        "numerator divided by the denominator, empty when the denominator is empty.",
    )
    value_field = fields.Char(
        help="Numeric stored field of the source summed or averaged. For a ratio: the "
        "numerator's field (records are counted when empty).",
    )
    denominator_field = fields.Char(
        help="For a ratio: numeric stored field summed over the domain as denominator. "
        "Empty: the value field (or the number of records) over the domain.",
    )
    numerator_domain = fields.Char(
        help="For a ratio: the part of the domain that forms the numerator, e.g. "
        "[('pre_inspection_done', '=', True)].",
    )
    person_field = fields.Char(
        help="Many2one field of the source to a user or an employee: beside the "
        "company-wide figure, the meeting shows one figure per person. Empty: company-wide "
        "only.",
    )
    hook_method = fields.Char(
        help="For a figure no declaration can express: name of the meeting's method "
        "computing it (starting with _kpi_hook_). The source fields are then ignored.",
    )
    per_person = fields.Selection(
        [("user", "Per Service Advisor"), ("employee", "Per Employee")],
        compute="_compute_per_person",
        store=True,
        help="Follows the person field: a user field gives one figure per user, an "
        "employee field one per employee.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Another metric already uses this code."),
    ]

    @api.depends("source_model", "person_field", "hook_method")
    def _compute_per_person(self):
        for metric in self:
            comodel = metric._kpi_person_comodel()
            metric.per_person = PERSON_MODELS.get(comodel, False)

    def _kpi_person_comodel(self):
        self.ensure_one()
        if self.hook_method or not self.person_field or self.source_model not in self.env:
            return False
        field = self.env[self.source_model]._fields.get(self.person_field)
        return field.comodel_name if field and field.type == "many2one" else False

    @api.constrains("unit", "target")
    def _check_rate_target(self):
        for metric in self:
            if metric.unit == "rate" and not 0 <= metric.target <= 1:
                raise ValidationError(
                    _(
                        "The target of the rate %(metric)s is a fraction between 0 and 1 "
                        "(0.95 for 95%%).",
                        metric=metric.name,
                    )
                )

    # ---------------------------------------------------------------- definition
    def _kpi_parse_domain(self, text, label, check=True):
        """The domain as a list, or a ValidationError saying what is wrong with it; with
        ``check``, also that it fits the source model."""
        self.ensure_one()
        try:
            domain = ast.literal_eval((text or "[]").strip())
            if not isinstance(domain, list | tuple):
                raise ValueError(text)
            domain = expression.normalize_domain(list(domain))
        except (ValueError, SyntaxError, TypeError, AssertionError, MemoryError) as error:
            raise ValidationError(
                _(
                    "Metric %(metric)s: the %(label)s %(domain)s is not a valid domain "
                    "(a list of conditions such as [('state', '!=', 'cancel')]).",
                    metric=self.name,
                    label=label,
                    domain=text,
                )
            ) from error
        if not check:
            return domain
        try:
            # sudo: only whether the domain compiles on the model, not what it finds
            self.env[self.source_model].sudo()._where_calc(domain)
        except (ValueError, KeyError, TypeError, AssertionError) as error:
            raise ValidationError(
                _(
                    "Metric %(metric)s: the %(label)s %(domain)s does not fit the model "
                    "%(model)s: %(error)s",
                    metric=self.name,
                    label=label,
                    domain=text,
                    model=self.source_model,
                    error=error,
                )
            ) from error
        return domain

    def _kpi_check_field(self, name, label, types):
        self.ensure_one()
        field = self.env[self.source_model]._fields.get(name)
        if not field or not field.store or field.type not in types:
            raise ValidationError(
                _(
                    "Metric %(metric)s: %(label)s %(field)s is not a stored field of "
                    "%(model)s of a suitable type (%(types)s).",
                    metric=self.name,
                    label=label,
                    field=name,
                    model=self.source_model,
                    types=", ".join(types),
                )
            )
        return field

    @api.constrains(
        "source_model",
        "date_field",
        "domain",
        "aggregate",
        "value_field",
        "denominator_field",
        "numerator_domain",
        "person_field",
        "hook_method",
    )
    def _check_definition(self):
        for metric in self:
            if metric.hook_method:
                method = metric.hook_method
                meeting = self.env["aftersales.kpi.meeting"]
                if not method.startswith(HOOK_PREFIX) or not callable(
                    getattr(meeting, method, None)
                ):
                    raise ValidationError(
                        _(
                            "Metric %(metric)s: %(method)s is not a figure method of the "
                            "weekly meeting (their names start with %(prefix)s).",
                            metric=metric.name,
                            method=method,
                            prefix=HOOK_PREFIX,
                        )
                    )
                continue
            if not metric.source_model:
                raise ValidationError(
                    _(
                        "Metric %(metric)s: declare the model its figure is read from, or "
                        "the meeting's method computing it.",
                        metric=metric.name,
                    )
                )
            if metric.source_model not in self.env:
                raise ValidationError(
                    _(
                        "Metric %(metric)s: %(model)s is not a model of this database.",
                        metric=metric.name,
                        model=metric.source_model,
                    )
                )
            source = self.env[metric.source_model]
            company = source._fields.get("company_id")
            if not company or not company.store or company.comodel_name != "res.company":
                raise ValidationError(
                    _(
                        "Metric %(metric)s: the model %(model)s has no stored company field, "
                        "so one station's figures could not be kept apart from another's.",
                        metric=metric.name,
                        model=metric.source_model,
                    )
                )
            metric._kpi_check_field(metric.date_field, _("date field"), ("date", "datetime"))
            metric._kpi_parse_domain(metric.domain, _("domain"))
            if metric.aggregate in ("sum", "avg") and not metric.value_field:
                raise ValidationError(
                    _(
                        "Metric %(metric)s: a sum or an average needs the value field.",
                        metric=metric.name,
                    )
                )
            if metric.value_field:
                metric._kpi_check_field(metric.value_field, _("value field"), NUMERIC_TYPES)
            if metric.aggregate == "ratio":
                if not (metric.numerator_domain or metric.denominator_field):
                    raise ValidationError(
                        _(
                            "Metric %(metric)s: a ratio needs a numerator domain or a "
                            "denominator field, or it divides a figure by itself.",
                            metric=metric.name,
                        )
                    )
                if metric.denominator_field:
                    metric._kpi_check_field(
                        metric.denominator_field, _("denominator field"), NUMERIC_TYPES
                    )
                if metric.numerator_domain:
                    metric._kpi_parse_domain(metric.numerator_domain, _("numerator domain"))
            if metric.person_field:
                field = metric._kpi_check_field(
                    metric.person_field, _("person field"), ("many2one",)
                )
                if field.comodel_name not in PERSON_MODELS:
                    raise ValidationError(
                        _(
                            "Metric %(metric)s: the person field %(field)s must point to a "
                            "user or an employee, not to %(comodel)s.",
                            metric=metric.name,
                            field=metric.person_field,
                            comodel=field.comodel_name,
                        )
                    )

    def _kpi_query_specs(self):
        """[(key, groupby field or False, aggregates, role)] the metric needs, where ``key``
        identifies one grouped query: (source, date field, date mode, domain)."""
        self.ensure_one()
        base = (
            self.source_model,
            self.date_field,
            self.date_mode,
            repr(self._kpi_parse_domain(self.domain, _("domain"), check=False)),
        )
        value = f"{self.value_field}:sum" if self.value_field else "__count"
        if self.aggregate == "count":
            return [(base, ["__count"], "value")]
        if self.aggregate == "sum":
            return [(base, [value], "value")]
        if self.aggregate == "avg":
            return [(base, [value, f"{self.value_field}:count"], "avg")]
        denominator = f"{self.denominator_field}:sum" if self.denominator_field else value
        if self.numerator_domain:
            numerator_domain = expression.AND(
                [
                    self._kpi_parse_domain(self.domain, _("domain"), check=False),
                    self._kpi_parse_domain(
                        self.numerator_domain, _("numerator domain"), check=False
                    ),
                ]
            )
            numerator_key = base[:3] + (repr(numerator_domain),)
            return [(numerator_key, [value], "numerator"), (base, [denominator], "denominator")]
        return [(base, [value], "numerator"), (base, [denominator], "denominator")]
