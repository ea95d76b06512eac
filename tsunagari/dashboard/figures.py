"""The dashboard's figures. Each is one table; the page and its CSV export use the same rows.

Everything here reads other apps' data without writing to it: the navigator's
need tallies, the survey's results, the directory's services, the supporters
and the partners' members.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagari.directory.needs import NEEDS, NEEDS_BY_CODE
from tsunagari.measures.coverage import sakai_wards, services_by_ward
from tsunagari.navigator.models import NeedTally, week_of
from tsunagari.partners.models import Member, Sector
from tsunagari.supporters.stats import by_ward_and_month
from tsunagari.survey import reference
from tsunagari.survey.models import Wave
from tsunagari.survey.results import INDICATORS, compute

UNMET_WEEKS = 12


@dataclass
class Figure:
    slug: str
    title: str
    summary: str
    headers: list[str]
    rows: list[list[Any]]
    detail_url: str
    notes: list[str] = field(default_factory=list)
    gaps: set[tuple[int, int]] = field(default_factory=set)  # (row, column) cells that are gaps

    def cells(self) -> list[list[tuple[Any, bool]]]:
        return [
            [(v, (r, c) in self.gaps) for c, v in enumerate(row)] for r, row in enumerate(self.rows)
        ]


def unmet_needs() -> Figure:
    since = week_of(timezone.localdate()) - timedelta(weeks=UNMET_WEEKS - 1)
    totals: dict[str, dict[str, int]] = {}
    for row in (
        NeedTally.objects.filter(week__gte=since)
        .values("need_code", "matched")
        .annotate(n=Sum("count"))
    ):
        cell = totals.setdefault(row["need_code"], {"asked": 0, "unmet": 0})
        cell["asked"] += row["n"]
        if not row["matched"]:
            cell["unmet"] += row["n"]
    ordered = sorted(totals.items(), key=lambda item: -item[1]["unmet"])
    rows: list[list[Any]] = [
        [
            str(NEEDS_BY_CODE[code].label) if code in NEEDS_BY_CODE else _("読みとれなかった"),
            c["asked"],
            c["unmet"],
        ]
        for code, c in ordered
    ]
    unmet = sum(c["unmet"] for c in totals.values())
    return Figure(
        "unmet",
        _("見つからなかったお悩み"),
        _("この%(weeks)d週間に、相談先が見つからなかった回数は%(n)d回です。")
        % {"weeks": UNMET_WEEKS, "n": unmet},
        [_("お悩み"), _("たずねられた回数"), _("相談先が見つからなかった回数")],
        rows,
        reverse("navigator:unmet"),
        gaps={(r, 2) for r, row in enumerate(rows) if row[2]},
    )


def survey() -> Figure:
    wave = (
        Wave.objects.filter(is_demo=False).exclude(status="draft").first()
        or Wave.objects.filter(is_demo=True).first()
    )
    if wave is None:
        return Figure(
            "survey",
            _("実態把握調査"),
            _("まだ調査がありません。"),
            [],
            [],
            reverse("survey:waves"),
        )
    results = compute(wave)
    national = {f.indicator: f for f in reference.figures() if f.series == "national_r6"}
    rows: list[list[Any]] = []
    for indicator in INDICATORS:
        cell = results.overall(indicator.code)
        if cell is None:
            continue
        interval = (
            f"{cell.percent_lower}〜{cell.percent_upper}"
            if cell.lower is not None and not cell.suppressed
            else ""
        )
        figure = national.get(indicator.code)
        rows.append(
            [
                str(indicator.label),
                cell.n,
                cell.percent_estimate,
                interval,
                figure.percent if figure else "",
            ]
        )
    notes = (
        []
        if results.weighted
        else [_("重みづけしていない値です。理由は調査の結果のページにあります。")]
    )
    if wave.is_demo:
        notes.insert(0, _("架空のデモ用の調査です。実際の堺市の数字ではありません。"))
    return Figure(
        "survey",
        _("実態把握調査"),
        _("%(name)s（回答%(n)d件）") % {"name": wave.name, "n": results.n_answers},
        [_("指標"), _("回答数"), _("割合（%）"), _("95%信頼区間"), _("全国調査（令和6年）")],
        rows,
        reverse("survey:results", args=[wave.pk]),
        notes=notes,
    )


def coverage() -> Figure:
    """Needs × wards: public services a person in the ward can reach (0 = a gap)."""
    wards = sakai_wards()
    reach = services_by_ward([n.code for n in NEEDS])
    rows: list[list[Any]] = [[str(n.label), *[reach[n.code][w] for w, _l in wards]] for n in NEEDS]
    gaps = {(r, c) for r, row in enumerate(rows) for c, v in enumerate(row) if c and v == 0}
    return Figure(
        "coverage",
        _("お悩み × 区で使える相談先"),
        _("相談先がひとつもない組み合わせ: %(n)d") % {"n": len(gaps)},
        [_("お悩み"), *[label for _w, label in wards]],
        rows,
        reverse("measures:index") + "#ward-matrix",
        gaps=gaps,
        notes=[_("市全域・大阪府・全国の相談先は、すべての区に数えています。")],
    )


def supporters() -> Figure:
    _months, by_ward = by_ward_and_month()
    rows: list[list[Any]] = [[label, total] for label, _counts, total in by_ward]
    total = sum(r[1] for r in rows)
    return Figure(
        "supporters",
        _("つながりサポーター"),
        _("登録したサポーター: %(n)d人") % {"n": total},
        [_("区"), _("人数")],
        rows,
        reverse("supporters:staff"),
    )


def members() -> Figure:
    counts = dict(Member.objects.approved().values_list("sector").annotate(n=Count("pk")))
    welfare = Sector.welfare()
    rows: list[list[Any]] = [
        [str(label), counts.get(code, 0), _("福祉") if code in welfare else _("福祉の外")]
        for code, label in Sector.choices
    ]
    total = sum(counts.values())
    outside = sum(n for code, n in counts.items() if code not in welfare)
    share = f"{outside / total * 100:.0f}" if total else "0"
    return Figure(
        "members",
        _("参加団体の分野"),
        _("参加団体%(total)d団体のうち、福祉の外の分野は%(outside)d団体（%(share)s%%）です。")
        % {"total": total, "outside": outside, "share": share},
        [_("分野"), _("団体数"), _("区分")],
        rows,
        reverse("partners:members"),
    )


def arrivals() -> Figure:
    from tsunagari.handbook.staff import arrivals_by_venue

    rows, total = arrivals_by_venue(weeks=UNMET_WEEKS)
    return Figure(
        "arrivals",
        _("ポスターから来た人"),
        _(
            "この%(weeks)d週間に、ポスターやカードのQRコードからナビに来たのは%(n)d回です（回数だけで、だれかは記録しません）。"
        )
        % {"weeks": UNMET_WEEKS, "n": total},
        [_("場所の種類"), _("回数")],
        rows,
        reverse("handbook:staff"),
    )


FIGURES: dict[str, Callable[[], Figure]] = {
    "unmet": unmet_needs,
    "survey": survey,
    "coverage": coverage,
    "supporters": supporters,
    "members": members,
    "arrivals": arrivals,
}
