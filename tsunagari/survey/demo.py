"""A synthetic demo wave: made-up answers and made-up margins, labelled as such everywhere.

Nothing here describes Sakai. The answers are random draws from a simple latent
model so that the pages and the benchmark have something realistic in shape to
show; the margins are round invented numbers, not the city's population.
"""

import random
from typing import Any

from tsunagari.survey.models import (
    AgeBand,
    Household,
    Margin,
    Sex,
    SurveyResponse,
    Wave,
    margin_categories,
)

DEMO_NAME = "（架空のデモ）令和8年度市民アンケート"
# Older people answer mailed surveys more often: the sample leans old, raking corrects it.
AGE_SAMPLE_WEIGHTS = [2, 5, 7, 9, 10, 12, 13, 9]
DEMO_MARGINS: dict[str, dict[str, int]] = {
    "age_band": dict(
        zip(
            [a.value for a in AgeBand],
            [30000, 80000, 85000, 105000, 95000, 95000, 90000, 70000],
            strict=True,
        )
    ),
    "sex": {"male": 310000, "female": 340000},
    "ward": dict(
        zip(
            [c for c, _l in margin_categories("ward")],
            [130000, 95000, 65000, 95000, 105000, 120000, 40000],
            strict=True,
        )
    ),
}


def _item(latent: float, rng: random.Random, top: int) -> int:
    return max(1, min(top, round(latent + rng.gauss(0, 0.7))))


def synthetic_answers(n: int, *, seed: int = 10) -> list[dict[str, Any]]:
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    ages = [a.value for a in AgeBand]
    wards = [c for c, _l in margin_categories("ward")]
    households = [h.value for h in Household]
    rows = []
    for _ in range(n):
        age = rng.choices(ages, AGE_SAMPLE_WEIGHTS)[0]
        household = rng.choice(households)
        latent = rng.gauss(
            1.9
            + (0.4 if household == Household.ALONE else 0.0)
            + (0.3 if age in ("16-19", "20-29") else 0.0),
            0.6,
        )
        rows.append(
            {
                "age_band": age,
                "sex": rng.choices(
                    [Sex.MALE.value, Sex.FEMALE.value, Sex.OTHER.value], [48, 50, 2]
                )[0],
                "ward": rng.choices(wards, [14, 10, 7, 10, 12, 12, 5])[0],
                "household": household,
                "lonely_1": _item(latent, rng, 4),
                "lonely_2": _item(latent, rng, 4),
                "lonely_3": _item(latent, rng, 4),
                "direct": None if rng.random() < 0.02 else _item(latent * 1.1, rng, 5),
            }
        )
    return rows


def load_demo_wave(n: int = 1200) -> Wave:
    """Create (or recreate) the demo wave with ``n`` synthetic answers and its invented margins."""
    Wave.objects.filter(is_demo=True, name=DEMO_NAME).delete()
    wave = Wave.objects.create(
        name=DEMO_NAME,
        is_demo=True,
        status="closed",
        sampling_notes="架空のデモです。回答も人口の数も作りものです。実際の堺市の数字ではありません。",
    )
    SurveyResponse.objects.bulk_create(
        [SurveyResponse(wave=wave, channel="paper", **row) for row in synthetic_answers(n)]
    )
    Margin.replace_for(wave, DEMO_MARGINS)
    return wave
