"""Roles and invitations now belong to ``accounts`` (its migration 0002 took them, same
tables): drop them from this app's state only; the tables stay (docs/decisions/0041)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0004_applicant_answer_contact_hidden_by_default'),
        ('accounts', '0002_roles_invitations_move'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='role',
                    name='organization',
                ),
                migrations.RemoveField(
                    model_name='role',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='Invitation',
                ),
                migrations.DeleteModel(
                    name='Role',
                ),
            ],
        ),
    ]
