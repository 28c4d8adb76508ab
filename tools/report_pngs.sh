#!/usr/bin/env bash
# Render the first page of every report, in Spanish, to docs/reports/*.png, and the README's
# screenshots of the main screens to docs/screens/*.png (tools/ui_pngs.py).
# Usage: tools/report_pngs.sh [database]   (a demo database, created when missing)
# CQ_REPORT_ONLY=name1,name2 renders only those reports (names as in tools/report_pngs.py);
# CQ_BASE_URL is the address printed in the letters' links (default: the demo company's).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DB_NAME="${1:-cq_reports}"
require_odoo
link_addon
# pdftoppm turns the printed PDFs into PNGs
command -v pdftoppm >/dev/null 2>&1 || apt_install poppler-utils
if ! psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
    odoo_bin -d "$DB_NAME" -i customer_quality --stop-after-init --log-level=warn
else
    odoo_bin -d "$DB_NAME" -u customer_quality --stop-after-init --log-level=warn
fi
# wkhtmltopdf fetches the report's CSS and fonts from a running Odoo
PORT="${CQ_REPORT_PORT:-8169}"
odoo_bin -d "$DB_NAME" --http-port="$PORT" --max-cron-threads=0 --log-level=warn >/dev/null 2>&1 &
SERVER=$!
# odoo_bin is a shell function: $! is the subshell, Odoo its child; stop both
trap 'pkill -P "$SERVER" 2>/dev/null; kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$PORT/web/webclient/version_info" -H 'Content-Type: application/json' -d '{}' \
        >/dev/null 2>&1 && break
    sleep 1
done
CQ_DOCS_DIR="$REPO_DIR/docs/reports" CQ_REPORT_URL="http://127.0.0.1:$PORT" \
    odoo_bin shell -d "$DB_NAME" --log-level=warn --no-http < "$REPO_DIR/tools/report_pngs.py"
CQ_UI_URL="http://127.0.0.1:$PORT" CQ_UI_DB="$DB_NAME" CQ_SCREENS_DIR="$REPO_DIR/docs/screens" \
    "$PYTHON" "$REPO_DIR/tools/ui_pngs.py"
