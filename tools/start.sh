#!/usr/bin/env bash
# README command 1: from a fresh Debian/Ubuntu machine to Odoo 18.0 serving customer_quality with
# its demo data on http://localhost:8069.
#   Usage: tools/start.sh [database] [odoo options...]
#   (default database: customer_quality; options such as --workers=2 --max-cron-threads=2 go to Odoo)
#
# When Odoo 18.0 is not importable it is installed from source as Odoo's documentation describes:
#   ODOO_REPO  the repository to clone (default Odoo's public one; a local mirror works)
#   ODOO_REF   a branch, tag or commit of it (default 18.0)
#   ODOO_DIR   where to clone it (default /opt/odoo18 as root, ~/odoo18 otherwise)
#   CQ_VENV    the virtual environment made when the machine's Python is managed by the system
#              (Debian 12, Ubuntu 23.04 and later), default ~/.local/share/customer_quality/venv
# System packages (build headers, wkhtmltopdf, PostgreSQL when no server answers) are installed with
# apt when run as root or with password-less sudo; otherwise the script stops at the first missing
# piece and prints the exact command to run: it never half-installs silently. Run it again at any
# time: what is there is kept, only the addon is updated.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DB_NAME="${1:-customer_quality}"
[ $# -gt 0 ] && shift
HTTP_PORT="${CQ_HTTP_PORT:-8069}"
ODOO_REPO="${ODOO_REPO:-https://github.com/odoo/odoo.git}"
ODOO_REF="${ODOO_REF:-18.0}"
if [ "$(id -u)" = 0 ]; then
    ODOO_DIR="${ODOO_DIR:-/opt/odoo18}"
else
    ODOO_DIR="${ODOO_DIR:-$HOME/odoo18}"
fi
# Odoo's documentation (source install, Debian/Ubuntu): the headers its Python requirements build with
BUILD_PACKAGES=(git python3-dev python3-venv python3-pip build-essential libxml2-dev libxslt1-dev
                libldap2-dev libsasl2-dev libjpeg-dev zlib1g-dev libpq-dev libffi-dev libssl-dev)

system_managed_python() {
    # a Python whose packages belong to the system (PEP 668) and that is not a virtual environment
    "$PYTHON" - <<'PY'
import os, sys, sysconfig
managed = os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED"))
sys.exit(0 if managed and sys.prefix == sys.base_prefix else 1)
PY
}

check_odoo_repo() {
    git ls-remote "$ODOO_REPO" HEAD >/dev/null 2>&1 || \
        stop "the Odoo repository $ODOO_REPO cannot be reached (no network, or a wrong path)." \
             "ODOO_REPO=/path/to/a/mirror/of/odoo ODOO_REF=<branch, tag or commit> tools/start.sh"
}

install_odoo() {
    echo "Odoo 18.0 is not importable from $PYTHON: installing it from source ($ODOO_REPO, $ODOO_REF) in $ODOO_DIR."
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || \
        stop "Odoo 18.0 needs Python 3.10 or later; $PYTHON is $("$PYTHON" --version 2>&1)." \
             "install Python 3.10+ and run: PYTHON=/path/to/python3 tools/start.sh"
    local packages=() missing
    if command -v apt-get >/dev/null 2>&1; then
        packages=("${BUILD_PACKAGES[@]}")
        command -v wkhtmltopdf >/dev/null 2>&1 || packages+=(wkhtmltopdf)
        # Lato as a system font: the PDF letters' text stays text (static/src/scss/report_fonts.scss)
        packages+=(fonts-lato)
        command -v psql >/dev/null 2>&1 || packages+=(postgresql-client)
        mapfile -t missing < <(missing_packages "${packages[@]}")
    else
        missing=()
        command -v git >/dev/null 2>&1 || missing+=(git)
    fi
    # the repository is checked before anything changes (after apt, when git itself is missing)
    local repo_checked=""
    if command -v git >/dev/null 2>&1 && [ ! -e "$ODOO_DIR/odoo-bin" ]; then
        check_odoo_repo
        repo_checked=1
    fi
    apt_install "${missing[@]}"
    if [ ! -e "$ODOO_DIR/odoo-bin" ]; then
        [ -n "$repo_checked" ] || check_odoo_repo
        [ -e "$ODOO_DIR" ] && stop "$ODOO_DIR exists but holds no Odoo checkout." "rm -rf $ODOO_DIR"
        mkdir -p "$(dirname "$ODOO_DIR")" 2>/dev/null || \
            stop "$(dirname "$ODOO_DIR") cannot be created by this user." "ODOO_DIR=\$HOME/odoo18 tools/start.sh"
        # cloned beside, then moved: an interrupted clone never looks like a checkout
        local partial="$ODOO_DIR.partial-$$"
        if git ls-remote --exit-code "$ODOO_REPO" "$ODOO_REF" >/dev/null 2>&1; then
            git clone -q --depth 1 --branch "$ODOO_REF" "$ODOO_REPO" "$partial"
        else  # a commit
            git clone -q --no-checkout "$ODOO_REPO" "$partial"
            git -C "$partial" checkout -q "$ODOO_REF" || { rm -rf "$partial"; stop "$ODOO_REF is not in $ODOO_REPO."; }
        fi
        mv "$partial" "$ODOO_DIR"
    fi
    if system_managed_python; then
        if [ ! -x "$CQ_VENV/bin/python3" ]; then
            echo "The system manages $PYTHON's packages: a virtual environment in $CQ_VENV holds Odoo's."
            "$PYTHON" -m venv "$CQ_VENV" || stop "the virtual environment cannot be created." \
                                                 "sudo apt-get install -y python3-venv"
        fi
        PYTHON="$CQ_VENV/bin/python3"
    fi
    "$PYTHON" -m pip --version >/dev/null 2>&1 || stop "pip is missing for $PYTHON." "sudo apt-get install -y python3-pip"
    # Odoo 18.0 pins packages whose source builds still need setuptools' pkg_resources
    local constraint="$SCRATCH_DIR/pip-constraint.txt"
    mkdir -p "$SCRATCH_DIR"
    echo 'setuptools<70' > "$constraint"
    echo "Installing Odoo's Python requirements (a few minutes)..."
    PIP_CONSTRAINT="${PIP_CONSTRAINT:-$constraint}" "$PYTHON" -m pip install -q --disable-pip-version-check \
        -r "$ODOO_DIR/requirements.txt" || stop "Odoo's Python requirements did not install (see above)." \
        "PIP_CONSTRAINT=$constraint $PYTHON -m pip install -r $ODOO_DIR/requirements.txt"
    PIP_CONSTRAINT="${PIP_CONSTRAINT:-$constraint}" "$PYTHON" -m pip install -q --disable-pip-version-check \
        --use-pep517 -e "$ODOO_DIR" || stop "Odoo did not install (see above)." \
        "$PYTHON -m pip install --use-pep517 -e $ODOO_DIR"
    "$PYTHON" -c "import odoo.cli" || stop "Odoo is installed but cannot be imported (see above)."
}

if ! "$PYTHON" -c "import odoo.cli" >/dev/null 2>&1; then
    install_odoo
elif command -v apt-get >/dev/null 2>&1 && ! fc-list 2>/dev/null | grep -qi "lato"; then
    # Lato as a system font: the PDF letters' text stays text (static/src/scss/report_fonts.scss)
    apt_install fonts-lato
fi
require_odoo
ensure_postgres
ensure_role
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
  Demo company: Neumática Andina S.A.S. (Bogotá). Demo logins:
    admin  / admin    Customer Quality manager (Spanish)
    demo   / demo     Customer Quality user (Spanish)
    portal / portal   Joel Willis, a portal customer (English)
  Stop with Ctrl+C.

MSG
exec "$PYTHON" "$ODOO_LAUNCHER" --addons-path="$ODOO_ADDONS_PATH" --db_host="$DB_HOST" --db_port="$DB_PORT" \
    --db_user="$DB_USER" -d "$DB_NAME" --db-filter="^$DB_NAME\$" --http-port="$HTTP_PORT" "$@"
