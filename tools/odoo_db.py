#!/usr/bin/env python3
"""Database chores of tools/test.sh, done the way Odoo does them (the database
and its filestore together).

    odoo_db.py duplicate SOURCE TARGET    copy a database and its filestore
    odoo_db.py rename SOURCE TARGET       rename a database and its filestore
    odoo_db.py drop NAME [NAME...]        drop databases and their filestores
    odoo_db.py list PREFIX                the databases whose name starts with PREFIX

Odoo's options (--db_host, --db_port, --db_user, --addons-path, ...) come from
the environment variable CQ_ODOO_ARGS (one per line).
"""

import os
import shutil
import sys
from contextlib import closing

import odoo
from odoo.service import db as db_service
from odoo.tools import SQL


def _server_cursor():
    cr = odoo.sql_db.db_connect("postgres").cursor()
    cr._cnx.autocommit = True
    return closing(cr)


def main(argv):
    odoo.tools.config.parse_config([arg for arg in os.environ.get("CQ_ODOO_ARGS", "").splitlines() if arg])
    command, names = argv[0], argv[1:]
    if command == "duplicate":
        db_service.exp_duplicate_database(names[0], names[1])
    elif command == "rename":
        source, target = names
        odoo.sql_db.close_db(source)
        with _server_cursor() as cr:
            cr.execute(SQL("ALTER DATABASE %s RENAME TO %s", SQL.identifier(source), SQL.identifier(target)))
        from_fs, to_fs = odoo.tools.config.filestore(source), odoo.tools.config.filestore(target)
        if os.path.exists(from_fs):
            shutil.move(from_fs, to_fs)
    elif command == "drop":
        for name in names:
            try:
                db_service.exp_drop(name)
            except Exception as error:  # noqa: BLE001 - in use by another run: left for later
                print(f"could not drop {name}: {error}", file=sys.stderr)
    elif command == "list":
        with _server_cursor() as cr:
            cr.execute(SQL("SELECT datname FROM pg_database WHERE datname LIKE %s ORDER BY datname",
                           names[0].replace("_", r"\_") + "%"))
            for (name,) in cr.fetchall():
                print(name)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
