# Shared set-up of the two README commands (sourced, not run).
# Links this clone under the name customer_quality in a scratch addons folder,
# so the clone folder may have any name, and finds Odoo's own addons.
set -euo pipefail
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# outside the clone: a link inside it would make Odoo walk the addon recursively
SCRATCH_DIR="${CQ_SCRATCH_DIR:-${TMPDIR:-/tmp}/customer_quality-$(printf '%s' "$REPO_DIR" | md5sum | cut -c1-8)}"
# the virtual environment tools/start.sh makes when the system manages its Python's packages
CQ_VENV="${CQ_VENV:-${XDG_DATA_HOME:-$HOME/.local/share}/customer_quality/venv}"
if [ -z "${PYTHON:-}" ]; then
    # the first Python that imports Odoo (pyenv shims may be missing from a bare PATH)
    PYTHON=python3
    for candidate in python3 "$HOME/.pyenv/shims/python3" "$CQ_VENV/bin/python3" /usr/local/bin/python3 \
            /usr/bin/python3; do
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "import odoo" >/dev/null 2>&1; then
            PYTHON="$candidate"
            break
        fi
    done
fi
DB_HOST="${PGHOST:-127.0.0.1}"
DB_PORT="${PGPORT:-5432}"
DB_USER="${PGUSER:-$(id -un)}"
[ "$DB_USER" = "postgres" ] && DB_USER=root  # Odoo refuses the postgres superuser

require_odoo() {
    if ! "$PYTHON" -c "import odoo.cli" >/dev/null 2>&1; then
        cat >&2 <<'MSG'
ERROR: Odoo 18.0 is not importable from this Python.
tools/start.sh installs it from source (ODOO_REPO, ODOO_REF); or install it as Odoo's documentation
describes (https://www.odoo.com/documentation/18.0/administration/on_premise/source.html):
    git clone --branch 18.0 --depth 1 https://github.com/odoo/odoo /opt/odoo18
    pip install -r /opt/odoo18/requirements.txt
    pip install --use-pep517 -e /opt/odoo18
then run this command again.
MSG
        return 1
    fi
    find_launcher
}

install_requirements() {
    "$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore -r "$1"
}

link_addon() {
    mkdir -p "$SCRATCH_DIR/addons"
    ln -sfn "$REPO_DIR" "$SCRATCH_DIR/addons/customer_quality"
    ODOO_ADDONS_PATH="$("$PYTHON" - "$SCRATCH_DIR/addons" <<'PY'
import os, sys
import odoo
root = os.path.dirname(os.path.abspath(odoo.__file__))
paths = [sys.argv[1], os.path.join(root, "addons")]
core = os.path.join(os.path.dirname(root), "addons")
if os.path.isdir(core):
    paths.insert(1, core)
print(",".join(paths))
PY
)"
    export ODOO_ADDONS_PATH CQ_SCRATCH_DIR="$SCRATCH_DIR"
}

# Odoo's own launcher (the `odoo` console script, or odoo-bin of a source checkout), never
# `python -m odoo`: Odoo re-executes its launcher to reload (a worker past its time limit, a
# module installed from the UI), which `-m` cannot do.
find_launcher() {
    ODOO_LAUNCHER="$("$PYTHON" - <<'PY'
import os, sys, sysconfig
import odoo
candidates = [os.path.join(sysconfig.get_path("scripts"), "odoo"),
              os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__))), "odoo-bin"),
              os.path.join(os.path.dirname(sys.executable), "odoo")]
print(next((path for path in candidates if os.path.isfile(path)), ""))
PY
)"
    if [ -z "$ODOO_LAUNCHER" ]; then
        echo "ERROR: Odoo's launcher (odoo or odoo-bin) was not found next to this Python." >&2
        return 1
    fi
    export ODOO_LAUNCHER
}

odoo_bin() {
    "$PYTHON" "$ODOO_LAUNCHER" "$@" --addons-path="$ODOO_ADDONS_PATH" \
        --db_host="$DB_HOST" --db_port="$DB_PORT" --db_user="$DB_USER"
}

# ---------------------------------------------------------------------------
# Machine set-up shared by the two commands: system packages with apt (as root
# or with password-less sudo), PostgreSQL running and a role for DB_USER.
# Without the rights, stop at the first missing piece with the command to run.
# ---------------------------------------------------------------------------
stop() {
    # stop() "why" ["command to run"...]
    echo "ERROR: $1" >&2
    shift
    if [ $# -gt 0 ]; then
        echo "Run:" >&2
        printf '    %s\n' "$@" >&2
    fi
    echo "then run tools/$(basename "$0") again." >&2
    # the README commands' contract: the test command's last line counts tests
    [ -n "${STOP_TAIL:-}" ] && echo "$STOP_TAIL"
    exit 1
}

can_be_root() {
    [ "$(id -u)" = 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }
}

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

missing_packages() {
    local package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || echo "$package"
    done
}

apt_install() {
    [ $# -eq 0 ] && return 0
    command -v apt-get >/dev/null 2>&1 || \
        stop "these system packages are missing and this is not a Debian/Ubuntu machine (no apt-get): $*" \
             "install their equivalents with your system's package manager"
    can_be_root || stop "these system packages are missing and this user cannot install them: $*" \
                        "sudo apt-get update && sudo apt-get install -y $*"
    echo "Installing system packages: $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

ensure_postgres() {
    pg_isready -h "$DB_HOST" -p "$DB_PORT" -q 2>/dev/null && return 0
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        echo "No PostgreSQL server answers on $DB_HOST:$DB_PORT."
        apt_install postgresql
    fi
    local version
    version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)"
    [ -n "$version" ] || stop "PostgreSQL is installed but has no cluster." "sudo pg_createcluster --start 15 main"
    can_be_root || stop "the PostgreSQL server is stopped." "sudo pg_ctlcluster $version main start"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || \
        as_root pg_ctlcluster "$version" main start
    for _ in $(seq 20); do pg_isready -h "$DB_HOST" -p "$DB_PORT" -q 2>/dev/null && return 0; sleep 0.5; done
    stop "PostgreSQL does not answer on $DB_HOST:$DB_PORT." "sudo pg_ctlcluster $version main status"
}

ensure_role() {
    psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc "SELECT 1" >/dev/null 2>&1 && return 0
    # a server just installed by apt: the role is missing, and TCP asks for a password
    if can_be_root && command -v runuser >/dev/null 2>&1; then
        as_root runuser -u postgres -- psql -p "$DB_PORT" -tAc \
            "DO \$\$BEGIN CREATE ROLE \"$DB_USER\" LOGIN CREATEDB; EXCEPTION WHEN duplicate_object THEN NULL; END\$\$" \
            >/dev/null
    fi
    psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc "SELECT 1" >/dev/null 2>&1 && return 0
    # the local socket, where Debian lets a user in as the role of the same name
    if psql -h /var/run/postgresql -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc "SELECT 1" >/dev/null 2>&1; then
        DB_HOST=/var/run/postgresql
        return 0
    fi
    stop "PostgreSQL refuses the role $DB_USER on $DB_HOST:$DB_PORT." \
         "sudo -u postgres createuser --createdb $DB_USER" \
         "or PGHOST=... PGPORT=... PGUSER=... tools/start.sh"
}
