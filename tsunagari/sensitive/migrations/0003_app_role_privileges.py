"""On PostgreSQL, the application's role (DATABASE_APP_ROLE) cannot UPDATE, DELETE or
TRUNCATE the access records (tsunagari/sensitive/privileges.py)."""

from django.conf import settings
from django.db import migrations


def up(apps, schema_editor):
    from tsunagari.sensitive.privileges import restrict_app_role

    restrict_app_role(schema_editor.connection, settings.DATABASE_APP_ROLE)


class Migration(migrations.Migration):
    dependencies = [("sensitive", "0002_append_only")]
    operations = [migrations.RunPython(up, migrations.RunPython.noop)]
