"""The public self-check: warm words for each band, and the separate series of shared results."""

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from tsunagari.survey.models import SelfCheck
from tsunagari.survey.scoring import BANDS, band_of, ucla_score

WORDS = {
    "3": _(
        "いまは、ひとりだと感じることはあまりないようです。その気持ちを大切に、まわりの人にも目を向けてみてください。"
    ),
    "4-6": _(
        "ときどき、さみしさを感じることがあるかもしれません。だれにでもある気持ちです。気になるときは、話せる場所をのぞいてみてください。"
    ),
    "7-9": _(
        "さみしさや、取り残されたような気持ちを感じることが多いようです。ひとりでかかえこまなくて大丈夫です。話を聞いてくれる相談先や、気軽に行ける居場所があります。"
    ),
    "10-12": _(
        "いま、とても孤独を感じているようです。あなたの気持ちを聞いてくれる人がいます。よかったら、下の相談先にいまの気持ちを話してみてください。"
    ),
}


def self_check_series() -> list[dict[str, object]]:
    """Shared self-checks by month and band. Never mixed with survey answers."""
    rows = (
        SelfCheck.objects.annotate(month=TruncMonth("answered_on"))
        .values("month", "lonely_1", "lonely_2", "lonely_3")
        .annotate(n=Count("id"))
    )
    months: dict[object, dict[str, int]] = {}
    for row in rows:
        band = band_of(ucla_score([row["lonely_1"], row["lonely_2"], row["lonely_3"]]))
        if band is not None:
            counts = months.setdefault(row["month"], {b.code: 0 for b in BANDS})
            counts[band.code] += row["n"]
    return [
        {"month": month, "counts": [counts[b.code] for b in BANDS], "total": sum(counts.values())}
        for month, counts in sorted(months.items(), key=lambda item: str(item[0]), reverse=True)
    ]
