#!/usr/bin/env bash
# README command 1: set up and start Odoo with customer_quality and demo data
# on http://localhost:8069.  Usage: tools/start.sh [database] [odoo options...]
# (default database: customer_quality; options such as --workers=2 --max-cron-threads=2 go to Odoo)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DB_NAME="${1:-customer_quality}"
[ $# -gt 0 ] && shift
HTTP_PORT="${CQ_HTTP_PORT:-8069}"

require_odoo
install_requirements "$REPO_DIR/requirements.txt"
link_addon

if ! psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
    echo "Creating database $DB_NAME with demo data (a few minutes)..."
    odoo_bin -d "$DB_NAME" -i customer_quality --stop-after-init --log-level=warn
else
    echo "Updating customer_quality in database $DB_NAME..."
    odoo_bin -d "$DB_NAME" -u customer_quality --stop-after-init --log-level=warn
fi

cat <<MSG

  Customer Quality is running on http://localhost:$HTTP_PORT  (database: $DB_NAME)
  Demo logins:
    admin / admin   Customer Quality manager
    demo  / demo    Customer Quality user
  Stop with Ctrl+C.

MSG
exec "$PYTHON" "$ODOO_LAUNCHER" --addons-path="$ODOO_ADDONS_PATH" --db_host="$DB_HOST" --db_port="$DB_PORT" \
    --db_user="$DB_USER" -d "$DB_NAME" --db-filter="^$DB_NAME\$" --http-port="$HTTP_PORT" "$@"
