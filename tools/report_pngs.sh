#!/usr/bin/env bash
# Render the first page of every report, in Spanish, to docs/reports/*.png.
# Usage: tools/report_pngs.sh [database]   (a demo database, created when missing)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DB_NAME="${1:-cq_reports}"
require_odoo
link_addon
if ! psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
    odoo_bin -d "$DB_NAME" -i customer_quality --stop-after-init --log-level=warn
else
    odoo_bin -d "$DB_NAME" -u customer_quality --stop-after-init --log-level=warn
fi
CQ_DOCS_DIR="$REPO_DIR/docs/reports" odoo_bin shell -d "$DB_NAME" --log-level=warn --no-http \
    < "$REPO_DIR/tools/report_pngs.py"
