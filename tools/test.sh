#!/usr/bin/env bash
# README command 2: run the whole test suite (static tier + Odoo tier).
# Usage: tools/test.sh [static] [odoo] [pytest arguments]
#   tools/test.sh                     both tiers, every test (CI)
#   tools/test.sh -k deadline         the tests whose name matches, Odoo tier only
#   tools/test.sh --lf                the tests that failed last time
#   tools/test.sh tests/test_lifecycle.py
# (see tools/run_tests.py)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
STOP_TAIL="0 passed, 1 failed"
if ! require_odoo; then
    echo "$STOP_TAIL"
    exit 1
fi
# what the suite needs from the machine: Chromium (tours), wkhtmltopdf (PDF reports), a running
# PostgreSQL; installed with apt as root or with sudo, else the command to run is printed
packages=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
    || command -v google-chrome >/dev/null 2>&1 || packages+=(chromium)
command -v wkhtmltopdf >/dev/null 2>&1 || packages+=(wkhtmltopdf)
# Lato as a system font: the PDF letters' text stays text (static/src/scss/report_fonts.scss)
fc-list 2>/dev/null | grep -qi "lato" || packages+=(fonts-lato)
command -v psql >/dev/null 2>&1 || packages+=(postgresql-client)
apt_install "${packages[@]}"
ensure_postgres
ensure_role
install_requirements "$REPO_DIR/requirements-dev.txt"
link_addon
export CQ_DB_HOST="$DB_HOST" CQ_DB_PORT="$DB_PORT" CQ_DB_USER="$DB_USER"
exec "$PYTHON" "$REPO_DIR/tools/run_tests.py" "$@"
