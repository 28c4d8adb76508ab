#!/usr/bin/env bash
# Run the benchmarks on a scratch database (created without demo data when missing).
# Usage: bench/run.sh [database]
source "$(dirname "${BASH_SOURCE[0]}")/../tools/common.sh"
DB_NAME="${1:-cq_bench}"
require_odoo
link_addon
if ! psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
    # crm is the baseline of bench/pqrs.py
    odoo_bin -d "$DB_NAME" -i customer_quality,crm --without-demo=all --stop-after-init --log-level=warn
else
    odoo_bin -d "$DB_NAME" -i crm -u customer_quality --stop-after-init --log-level=warn
fi
for script in "$REPO_DIR"/bench/*.py; do
    echo "== $(basename "$script")"
    case "$(basename "$script")" in
        peer.py)
            # its own database (<db>_peer) with crm and OCA helpdesk_mgmt unpacked from PyPI
            CQ_DB_HOST="$DB_HOST" CQ_DB_PORT="$DB_PORT" CQ_DB_USER="$DB_USER" "$PYTHON" "$script" "$DB_NAME"
            ;;
        load_*)
            # load tests talk HTTP to an Odoo they start themselves (loopback only)
            psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME" -qc \
                "INSERT INTO ir_config_parameter (key, value) VALUES ('customer_quality.pqrs_public_rate_ip', '1000000'), ('customer_quality.pqrs_public_rate_email', '1000000'), ('customer_quality.pqrs_public_rate_track_ip', '1000000') ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
            CQ_DB_HOST="$DB_HOST" CQ_DB_PORT="$DB_PORT" CQ_DB_USER="$DB_USER" "$PYTHON" "$script" "$DB_NAME"
            ;;
        *)
            odoo_bin shell -d "$DB_NAME" --log-level=warn --no-http < "$script"
            ;;
    esac
done
