"""The access records cannot be changed by the application, and on PostgreSQL not deleted.

Triggers hold even for the table's owner. SQLite keeps DELETE possible because
Django's test flush empties tables with DELETE; a deleted entry in the middle
breaks the hash chain (`audit_verify`), and one at the end is found by comparing
`audit_head` with the hash kept outside. In production, also give the
application a role without UPDATE/DELETE on the table (docs/decisions/0019).
"""

from django.db import migrations

PG_UP = [
    """
CREATE OR REPLACE FUNCTION sensitive_accessrecord_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'access records are append-only';
END;
$$ LANGUAGE plpgsql
""",
    """
CREATE TRIGGER sensitive_accessrecord_no_update
    BEFORE UPDATE OR DELETE ON sensitive_accessrecord
    FOR EACH ROW EXECUTE FUNCTION sensitive_accessrecord_append_only()
""",
]
PG_DOWN = [
    "DROP TRIGGER IF EXISTS sensitive_accessrecord_no_update ON sensitive_accessrecord",
    "DROP FUNCTION IF EXISTS sensitive_accessrecord_append_only()",
]
SQLITE_UP = [
    """
CREATE TRIGGER sensitive_accessrecord_no_update
BEFORE UPDATE ON sensitive_accessrecord
BEGIN
    SELECT RAISE(ABORT, 'access records are append-only');
END
"""
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS sensitive_accessrecord_no_update"]


def up(apps, schema_editor):
    for sql in {"postgresql": PG_UP, "sqlite": SQLITE_UP}.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def down(apps, schema_editor):
    for sql in {"postgresql": PG_DOWN, "sqlite": SQLITE_DOWN}.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("sensitive", "0001_initial")]
    operations = [migrations.RunPython(up, down)]
