"""The application's PostgreSQL role may append access records, never change or remove them.

Production runs migrations as the owner of the tables and the site as another role,
``DATABASE_APP_ROLE`` (docs/decisions/0019, 0026). Migration 0003 — and this
function, for a role created later — gives that role SELECT and INSERT on the access
record table and takes away UPDATE, DELETE and TRUNCATE, whatever broader grant it had.
The triggers of migration 0002 stay as a second wall (they hold even for the owner).
"""

from typing import Any

TABLE = "sensitive_accessrecord"


def restrict_app_role(connection: Any, role: str) -> bool:
    """Apply the grants on PostgreSQL; False (nothing done) elsewhere or without a role."""
    if connection.vendor != "postgresql" or not role:
        return False
    quoted = connection.ops.quote_name(role)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            raise RuntimeError(f"DATABASE_APP_ROLE {role!r} does not exist on the database server")
        cursor.execute(f"GRANT SELECT, INSERT ON {TABLE} TO {quoted}")
        cursor.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {TABLE} FROM {quoted}")
    return True
