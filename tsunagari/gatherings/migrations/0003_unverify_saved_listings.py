"""Gatherings' Services got assured_date whenever an organiser saved them; nobody had checked them.

Clear it where no person's address was recorded with it (staff approvals and owner
confirmations always record one), and copy the new holiday-rest flag to the Service
so "open now" agrees with the calendar.
"""

from typing import Any

from django.db import migrations


def forwards(apps: Any, schema_editor: Any) -> None:
    Gathering = apps.get_model("gatherings", "Gathering")
    Service = apps.get_model("directory", "Service")
    for gathering in Gathering.objects.exclude(service=None).only("service_id", "skips_holidays"):
        Service.objects.filter(pk=gathering.service_id, assurer_email="").update(assured_date=None)
        Service.objects.filter(pk=gathering.service_id).update(
            closes_on_public_holidays=gathering.skips_holidays,
            closes_over_new_year=gathering.skips_holidays,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("gatherings", "0002_lifecycle_holidays_cancellations_joining"),
        ("directory", "0003_service_contact_fields"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
