from odoo.tools import SQL


def claim(model, where, limit):
    """At most `limit` records of `model` matching the SQL condition `where`,
    locked for this transaction and skipped by any other worker running the
    same job at the same time (FOR UPDATE SKIP LOCKED)."""
    model.flush_model()
    model.env.cr.execute(
        SQL(
            "SELECT id FROM %s WHERE %s ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED",
            SQL.identifier(model._table),
            where,
            limit,
        )
    )
    return model.browse(row[0] for row in model.env.cr.fetchall())
