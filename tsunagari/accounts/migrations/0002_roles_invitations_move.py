"""Roles and invitations move from ``partners`` to ``accounts`` (docs/decisions/0041).

Only Django's idea of the models moves: the tables keep their names (``db_table``), so no row
moves and no column changes, on SQLite and PostgreSQL alike. partners 0005 drops the models from
its own state after this one has taken them. Their content types (and so the admin
permissions given to people) are renamed rather than created anew.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MOVED = ("role", "invitation")


def _move_content_types(apps, from_app: str, to_app: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label=to_app, model=model).exists():
            ContentType.objects.filter(app_label=from_app, model=model).update(app_label=to_app)


def forwards(apps, schema_editor) -> None:
    _move_content_types(apps, "partners", "accounts")


def backwards(apps, schema_editor) -> None:
    _move_content_types(apps, "accounts", "partners")


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('directory', '0006_source_note_longer_source_date'),
        ('partners', '0004_applicant_answer_contact_hidden_by_default'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Invitation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.EmailField(max_length=254, verbose_name='招待するメールアドレス')),
                        ('kind', models.CharField(choices=[('admin', '団体の管理者'), ('member', '団体のメンバー')], default='member', max_length=10, verbose_name='役割')),
                        ('token_hash', models.CharField(blank=True, db_index=True, max_length=64)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='作成日時')),
                        ('expires_at', models.DateTimeField(blank=True, null=True, verbose_name='有効期限')),
                        ('accepted_at', models.DateTimeField(blank=True, null=True, verbose_name='受けた日時')),
                        ('accepted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('invited_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='directory.organization', verbose_name='団体')),
                    ],
                    options={
                        'verbose_name': '招待',
                        'verbose_name_plural': '招待',
                        'db_table': 'partners_invitation',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Role',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('admin', '団体の管理者'), ('member', '団体のメンバー')], default='member', max_length=10, verbose_name='役割')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='roles', to='directory.organization')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='roles', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': '団体での役割',
                        'verbose_name_plural': '団体での役割',
                        'db_table': 'partners_role',
                        'constraints': [models.UniqueConstraint(fields=('user', 'organization'), name='unique_role')],
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
