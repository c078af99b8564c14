"""Metrics become declarations (source model, date field, domain, aggregate, person
field). Their data file is noupdate: fill the new fields of the metrics shipped with the
module from it, unless a manager already declared them, and drop the hand-set per-person
setting for the one the person field gives."""

import logging
import os

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.modules.module import get_module_path

_logger = logging.getLogger(__name__)

DECLARATION = (
    "source_model",
    "date_field",
    "date_mode",
    "domain",
    "aggregate",
    "value_field",
    "denominator_field",
    "numerator_domain",
    "person_field",
    "hook_method",
)
# their meaning moved to the date the money moves
REDEFINED = ("accident_collected_amount", "accident_unpaid_amount")


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    path = os.path.join(get_module_path("aftersales_dealer_kpi"), "data", "kpi_metric_data.xml")
    tree = etree.parse(path)
    for node in tree.iterfind(".//record[@model='aftersales.kpi.metric']"):
        metric = env.ref(f"aftersales_dealer_kpi.{node.get('id')}", raise_if_not_found=False)
        if not metric or metric.source_model or metric.hook_method:
            continue
        values = {
            field.get("name"): field.text
            for field in node.iterfind("field")
            if field.get("name") in DECLARATION
        }
        values.setdefault("domain", "[]")
        if metric.code in REDEFINED:
            values["description"] = node.findtext("field[@name='description']")
        metric.write(values)
    _logger.info("Weekly meeting metrics declared as data.")
