"""Who may change what: helpers shared by the guards of the after-sales documents.

Not a model: the checks of ``create``/``write``/``unlink`` of several models call them.
``env.su`` (module install, crons, Odoo's own sudo calls) is never a caller's choice, so
it passes like a manager; no context key can skip a guard."""

from odoo.tools import float_is_zero

MANAGER_GROUP = "aftersales_dealer.group_aftersales_manager"
ADVISOR_GROUP = "aftersales_dealer.group_aftersales_advisor"
# plausibility bounds, named once (see README "Guards")
MAX_LINE_HOURS = 24.0
MAX_ODOMETER_KM = 5_000_000.0
MAX_PLATE_LENGTH = 20
MIN_PLAUSIBLE_YEAR = 2000


def is_aftersales_manager(env):
    return env.su or env.user.has_group(MANAGER_GROUP)


def can_set_prices(env):
    """Prices, discounts and warranty decisions: service advisors and managers."""
    return env.su or env.user.has_group(ADVISOR_GROUP) or env.user.has_group(MANAGER_GROUP)


def _x2many_ids(commands):
    """The ids a Command.set / list of ids leaves, or None when the commands do more."""
    if not isinstance(commands, (list, tuple)):
        return None
    if all(isinstance(c, int) for c in commands):
        return set(commands)
    if len(commands) == 1 and commands[0][0] == 6:
        return set(commands[0][2])
    return None


def records_changing(records, vals, fnames):
    """The records of ``records`` whose value of one of ``fnames`` ``vals`` really changes.

    A form saves every field it shows: resending a value unchanged is not a change."""
    fnames = [fname for fname in fnames if fname in vals]
    if not fnames:
        return records.browse()

    def differs(record):
        for fname in fnames:
            field = record._fields[fname]
            value = vals[fname]
            if field.type in ("one2many", "many2many"):
                ids = _x2many_ids(value)
                if ids is None or ids != set(record[fname].ids):
                    return True
            elif field.type in ("float", "monetary"):
                if not float_is_zero((value or 0.0) - (record[fname] or 0.0), precision_digits=6):
                    return True
            elif field.type == "many2one":
                new_id = value.id if hasattr(value, "id") else (value or False)
                if new_id != record[fname].id:
                    return True
            else:
                new = field.convert_to_record(field.convert_to_cache(value, record), record)
                if (new or False) != (record[fname] or False):
                    return True
        return False

    return records.filtered(differs)


def _display(record, fname):
    field = record._fields[fname]
    value = record[fname]
    if field.type in ("many2one", "one2many", "many2many"):
        return ", ".join(value.mapped("display_name")) or "-"
    if field.type == "selection":
        return dict(field._description_selection(record.env)).get(value) or "-"
    if field.type == "boolean":
        return "✔" if value else "✘"
    return str(value) if value not in (False, None) else "-"


def snapshot(records, fnames):
    """What ``fnames`` show on ``records`` now, to say afterwards what a change changed."""
    return {record.id: {fname: _display(record, fname) for fname in fnames} for record in records}


def changes_since(records, before, fnames):
    """``Label: old → new`` for every field of ``fnames`` that moved since ``snapshot``."""
    changes = []
    for record in records:
        for fname in fnames:
            old = before.get(record.id, {}).get(fname)
            new = _display(record, fname)
            if old != new:
                label = record._fields[fname]._description_string(record.env)
                changes.append(f"{record.display_name} / {label}: {old} → {new}")
    return changes
