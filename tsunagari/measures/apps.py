from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "tsunagari.measures"
    verbose_name = _("施策マップ")

    def ready(self) -> None:
        checks.register(check_seed_files)


def check_seed_files(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """The plan and measures files staff maintain must have their columns and known target groups."""
    from tsunagari.measures.models import TargetGroup
    from tsunagari.measures.seed import DATA, MEASURE_COLUMNS, PLAN_COLUMNS, SeedError, read_rows

    try:
        read_rows(DATA / "plan.tsv", PLAN_COLUMNS)
        for number, row in read_rows(DATA / "measures.tsv", MEASURE_COLUMNS):
            if row["target_group"] not in TargetGroup.values:
                raise SeedError(
                    f"measures.tsv line {number}: unknown target group {row['target_group']!r}"
                )
    except (OSError, SeedError) as error:
        return [checks.Error(str(error), id="measures.E001")]
    return []
