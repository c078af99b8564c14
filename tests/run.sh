#!/usr/bin/env bash
# Runs every test of the project against an existing Odoo 18 and PostgreSQL:
#   1. installs the three addons into a fresh database with Odoo's test mode, so each
#      addon's own tests (<addon>/tests/) run, the browser tour included;
#   2. runs pytest-odoo over the cross-addon scenarios in tests/;
#   3. drops the database and prints one closing line "N passed, N failed".
# Exits non-zero on a failed test, an install error or any ERROR line in Odoo's log.
#
# Environment: PGHOST, PGPORT, PGUSER, PGPASSWORD (libpq defaults otherwise),
# ODOO_ADDONS_PATH (more addons folders, comma-separated), ODOO_TEST_DB (database name),
# ODOO_TEST_TAGS (narrow the addons' tests, e.g. /aftersales_dealer:TestVehicle).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
addons="aftersales_dealer,aftersales_dealer_insurance,aftersales_dealer_kpi"
python=${PYTHON:-python3}

die() {
    echo "tests/run.sh: $*" >&2
    exit 2
}

# --- what must be there: fail loudly, never skip our way to green -----------------------
odoo_version=$("$python" -c "import odoo.release as r; print(r.version_info[0])" 2>/dev/null) ||
    die "Odoo is not importable ('$python -c \"import odoo\"' fails). Install Odoo 18.0 (README: 'Running against an existing Odoo')."
[ "$odoo_version" = "18" ] || die "Odoo $odoo_version found, these addons need Odoo 18.0."
"$python" -c "import pytest_odoo, xlsxwriter, openpyxl, freezegun" 2>/dev/null ||
    die "Python test dependencies missing: pip install -r requirements.txt"
"$python" -c "import websocket" 2>/dev/null ||
    die "The websocket-client package is missing: Odoo would silently skip the browser tour (pip install websocket-client)."
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || command -v google-chrome-stable) ||
    die "Chromium is missing: Odoo would silently skip the browser tour (apt-get install chromium)."
# a first start builds Chromium's profile and font caches: do it here, where slowness
# costs nothing, and know now that it runs at all
timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --dump-dom about:blank >/dev/null 2>&1 ||
    die "Chromium ($chrome) does not start headless: the browser tours cannot run."
command -v wkhtmltopdf >/dev/null || die "wkhtmltopdf is missing: the printed documents cannot be rendered (apt-get install wkhtmltopdf)."

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-$(id -un)}
"$python" - <<'PY' || die "PostgreSQL cannot be reached at ${PGHOST}:${PGPORT} as ${PGUSER}."
import psycopg2
psycopg2.connect(dbname="postgres", connect_timeout=5).close()
PY

# --- a fresh, uniquely named database, dropped whatever happens -------------------------
db=${ODOO_TEST_DB:-aftersales_test_$(date +%Y%m%d_%H%M%S)_$$}
logdir=$(mktemp -d "${TMPDIR:-/tmp}/aftersales-tests.XXXXXX")
odoo_log="$logdir/odoo.log"
started=$(date +%s)
filestore_root=$("$python" -c "import odoo.tools.config as c; c.parse_config([]); print(c.filestore(''))")
drop_db() {
    "$python" - "$db" <<'PY' >/dev/null 2>&1
import sys, psycopg2
conn = psycopg2.connect(dbname="postgres")
conn.autocommit = True
conn.cursor().execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % sys.argv[1].replace('"', ''))
PY
    rm -rf "${filestore_root:?}/$db"
}
trap drop_db EXIT

default_addons=$("$python" - <<'PY'
import odoo.tools.config as config
config.parse_config([])
print(config["addons_path"])
PY
)
addons_path="$root,$default_addons${ODOO_ADDONS_PATH:+,$ODOO_ADDONS_PATH}"
http_port=$("$python" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
odoo_args=(
    --addons-path="$addons_path" -d "$db"
    --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER"
    --http-interface=127.0.0.1 --http-port="$http_port" --workers=0 --max-cron-threads=0
)

# --- Odoo's own modules, installed once and kept as a template --------------------------
# Installing the ~90 modules our addons depend on, with their demo data, is two thirds of a
# run and never changes between runs: keep that database, keyed on Odoo's version and the
# dependency list, and copy it (with its filestore) for every run. ODOO_TEST_CACHE=0 installs
# everything from scratch instead.
deps=$("$python" - "$addons_path" "$addons" <<'PY'
import sys
import odoo.tools.config as config
config.parse_config(["--addons-path=" + sys.argv[1]])
from odoo.modules.module import get_manifest, initialize_sys_path
initialize_sys_path()
ours = set(sys.argv[2].split(","))
todo, seen = list(ours), set()
while todo:
    name = todo.pop()
    for dep in get_manifest(name)["depends"]:
        if dep not in seen:
            seen.add(dep)
            todo.append(dep)
print(",".join(sorted(seen - ours)))
PY
) || die "cannot read the addons' manifests on $addons_path"
cache_key=$("$python" -c "import hashlib, sys, odoo.release as r; print(hashlib.sha1((r.version + ' ' + sys.argv[1]).encode()).hexdigest()[:12])" "$deps")
cache_db="aftersales_deps_$cache_key"
db_exists() {
    "$python" - "$1" <<'PY'
import sys, psycopg2
conn = psycopg2.connect(dbname="postgres")
cur = conn.cursor()
cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [sys.argv[1]])
sys.exit(0 if cur.fetchone() else 1)
PY
}
if [ "${ODOO_TEST_CACHE:-1}" != "0" ]; then
    (
        # one build at a time; a half-built database never carries the cache's name
        flock 9
        if ! db_exists "$cache_db"; then
            building="${cache_db}_building_$$"
            echo "== caching Odoo's modules our addons depend on in $cache_db (once per Odoo version and dependency list)"
            cache_started=$(date +%s)
            if ! "$python" -m odoo --addons-path="$addons_path" -d "$building" \
                --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER" \
                --http-interface=127.0.0.1 --http-port="$http_port" --workers=0 --max-cron-threads=0 \
                -i "$deps" --stop-after-init --log-level=warn >"$logdir/cache.log" 2>&1; then
                tail -n 40 "$logdir/cache.log" >&2
                "$python" -c "import sys, psycopg2; c = psycopg2.connect(dbname='postgres'); c.autocommit = True; c.cursor().execute('DROP DATABASE IF EXISTS \"%s\"' % sys.argv[1])" "$building"
                rm -rf "${filestore_root:?}/$building"
                exit 1
            fi
            "$python" - "$building" "$cache_db" <<'PY'
import sys, psycopg2
conn = psycopg2.connect(dbname="postgres")
conn.autocommit = True
conn.cursor().execute('ALTER DATABASE "%s" RENAME TO "%s"' % (sys.argv[1], sys.argv[2]))
PY
            [ -d "$filestore_root/$building" ] && mv "$filestore_root/$building" "$filestore_root/$cache_db"
            echo "   cached in $(( $(date +%s) - cache_started )) s"
        fi
    ) 9>"${TMPDIR:-/tmp}/aftersales-test-cache.lock" || die "installing Odoo's modules into $cache_db failed (log above)"
    "$python" - "$cache_db" "$db" <<'PY' || die "cannot copy $cache_db into $db"
import sys, psycopg2
conn = psycopg2.connect(dbname="postgres")
conn.autocommit = True
conn.cursor().execute('CREATE DATABASE "%s" TEMPLATE "%s"' % (sys.argv[2], sys.argv[1]))
PY
    mkdir -p "$filestore_root"
    if [ -d "$filestore_root/$cache_db" ]; then
        cp -a "$filestore_root/$cache_db" "$filestore_root/$db"
    fi
    echo "== $db copied from $cache_db"
fi

echo "== installing $addons into $db with the addons' tests (log: $odoo_log)"
"$python" -m odoo "${odoo_args[@]}" -i "$addons" \
    --test-enable --test-tags="${ODOO_TEST_TAGS:-/aftersales_dealer,/aftersales_dealer_insurance,/aftersales_dealer_kpi}" \
    --stop-after-init --log-level=info >"$odoo_log" 2>&1
odoo_rc=$?
# what a reader needs: warnings, errors, test failures and each module's test summary
grep -E " (WARNING|ERROR|CRITICAL) |odoo\.tests\.(result|stats)|^(FAIL|ERROR):|Traceback" "$odoo_log" | grep -v "security risk" | tail -n 200

read -r odoo_failed odoo_errors odoo_total < <(
    grep -E "odoo\.tests\.result: [0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading database" "$odoo_log" |
        tail -n 1 | sed -E 's/.*: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1 \2 \3/'
)
odoo_failed=${odoo_failed:-0} odoo_errors=${odoo_errors:-0} odoo_total=${odoo_total:-0}
log_errors=$(grep -cE "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " "$odoo_log")
# how Odoo logs a browser test it skipped
skip_pattern="Chrome executable not found|skipped.*[Cc]hrome|websocket-client"
skipped_tours=$(grep -cE "$skip_pattern" "$odoo_log")
# Odoo only warns when demo data fails, and installs on without it
demo_failed=$(grep -c "demo data failed to install" "$odoo_log")
install_failed=0
if [ "$odoo_rc" -ne 0 ] || [ "$odoo_total" -eq 0 ] || [ "$skipped_tours" -ne 0 ] || [ "$demo_failed" -ne 0 ]; then
    install_failed=1
    grep -E "$skip_pattern" "$odoo_log" >&2
    echo "!! Odoo exited with $odoo_rc, ran $odoo_total tests, $skipped_tours browser-test skips, $demo_failed demo data failures" >&2
fi
# failing tests log ERROR lines themselves; without a failing test, any ERROR line counts
extra_errors=0
if [ $(( odoo_failed + odoo_errors )) -eq 0 ]; then
    extra_errors=$log_errors
fi

echo "== running the cross-addon scenarios in tests/ with pytest-odoo"
junit="$logdir/pytest.xml"
# test-file puts Odoo in test mode for the scenarios without re-running the addons' tests
(cd "$root" && "$python" -m pytest tests \
    --odoo-database="$db" --odoo-addons-path="$addons_path" --odoo-log-level=warn \
    --odoo-extra="test-file=$root/tests" \
    --odoo-extra="db_host=$PGHOST" --odoo-extra="db_port=$PGPORT" --odoo-extra="db_user=$PGUSER" \
    -p no:cacheprovider -q -rfEs --junitxml="$junit")
pytest_rc=$?
read -r py_total py_failed py_errors py_skipped < <("$python" - "$junit" <<'PY'
import sys
import xml.etree.ElementTree as ET
try:
    suite = ET.parse(sys.argv[1]).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    print(*(suite.get(k, "0") for k in ("tests", "failures", "errors", "skipped")))
except Exception:
    print(0, 0, 1, 0)
PY
)
if [ "$pytest_rc" -ne 0 ] && [ $(( py_failed + py_errors )) -eq 0 ]; then
    py_errors=1  # pytest itself failed (collection error, no test ran...)
fi

passed=$(( odoo_total - odoo_failed - odoo_errors + py_total - py_failed - py_errors - py_skipped ))
failed=$(( odoo_failed + odoo_errors + extra_errors + install_failed + py_failed + py_errors + py_skipped ))
echo "addons: $odoo_total tests, $odoo_failed failed, $odoo_errors errors, $extra_errors other ERROR lines; pytest: $py_total tests, $py_failed failed, $py_errors errors, $py_skipped skipped"
echo "duration: $(( $(date +%s) - started )) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
