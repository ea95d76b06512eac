"""A wave's results: raking weights, weighted shares with 95% confidence intervals.

Weights come from raking (iterative proportional fitting) the answers to the
population margins staff entered (age band, sex, ward); shares and their
design-based intervals (Taylor linearisation, logit intervals) from the ``svy``
package (docs/decisions/0010-issue10-survey-statistics.md). If margins are
missing or invalid, or raking does not converge, the page says so and every
figure is unweighted. Cells with fewer than ``SMALL_CELL`` answers are suppressed.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import polars as pl
import svy
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tsunagari.core.text import join_list
from tsunagari.survey.models import MARGIN_DIMENSIONS, AgeBand, Wave, margin_categories
from tsunagari.survey.scoring import BANDS, DIRECT_AT_LEAST_SOMETIMES, DIRECT_CHOICES, ucla_score

SMALL_CELL = 10
ANSWER_FIELDS = ["age_band", "sex", "ward", "lonely_1", "lonely_2", "lonely_3", "direct"]
RAKE_TOLERANCE = 1e-6
RAKE_MAX_ITER = 100


class Status:
    WEIGHTED = "weighted"
    NO_MARGINS = "no_margins"
    BAD_MARGINS = "bad_margins"
    NOT_CONVERGED = "not_converged"
    NO_ANSWERS = "no_answers"


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str | Promise


def _direct_label(value: int) -> Promise:
    return dict(DIRECT_CHOICES)[value]


INDICATORS: list[Indicator] = [
    Indicator(
        "direct_any", _("孤独感が「しばしばある・常にある」「時々ある」「たまにある」の合計")
    ),
    *[
        Indicator(f"direct_{v}", _direct_label(v))
        for v in sorted(DIRECT_AT_LEAST_SOMETIMES, reverse=True)
    ],
    *[Indicator(f"band_{b.code}", b.label) for b in reversed(BANDS)],
]
GROUPINGS: list[tuple[str, str | Promise]] = [
    ("", _("全体")),
    ("age_band", _("年齢別")),
    ("ward", _("区別")),
]


@dataclass
class Cell:
    group: str
    label: str
    n: int
    estimate: float | None = None
    lower: float | None = None
    upper: float | None = None

    @property
    def suppressed(self) -> bool:
        return self.n < SMALL_CELL

    def percent(self, value: float | None) -> str:
        return "" if value is None or self.suppressed else f"{value * 100:.1f}"

    @property
    def percent_estimate(self) -> str:
        return self.percent(self.estimate)

    @property
    def percent_lower(self) -> str:
        return self.percent(self.lower)

    @property
    def percent_upper(self) -> str:
        return self.percent(self.upper)


@dataclass
class Results:
    wave: Wave
    status: str
    n_answers: int
    n_weighted: int = 0
    problems: list[str] = field(default_factory=list)
    # indicator code -> grouping -> cells
    table: dict[str, dict[str, list[Cell]]] = field(default_factory=dict)

    @property
    def weighted(self) -> bool:
        return self.status == Status.WEIGHTED

    def overall(self, indicator: str) -> Cell | None:
        cells = self.table.get(indicator, {}).get("", [])
        return cells[0] if cells else None

    def rows(self) -> list[tuple[Indicator, str, str | Promise, list[Cell]]]:
        """Flat rows for tables and exports: (indicator, grouping code, grouping label, cells)."""
        return [
            (indicator, code, label, self.table[indicator.code][code])
            for indicator in INDICATORS
            for code, label in GROUPINGS
            if indicator.code in self.table
        ]


def margin_problems(margins: dict[str, dict[str, int]]) -> list[str]:
    """What is wrong with a set of margins, in words staff can act on (empty when fine)."""
    problems: list[str] = []
    totals: dict[str, int] = {}
    for dimension in MARGIN_DIMENSIONS:
        counts = margins.get(dimension, {})
        missing = [label for code, label in margin_categories(dimension) if code not in counts]
        if missing:
            problems.append(str(_("入力されていない区分があります: %s") % join_list(missing)))
            continue
        totals[dimension] = sum(counts.values())
    if len(set(totals.values())) > 1:
        listed = join_list(f"{n:,}" for n in totals.values())
        problems.append(
            str(
                _("年齢・性別・区の合計が一致しません（%s）。同じ人口の数を入れてください。")
                % listed
            )
        )
    return problems


def answers_frame(rows: Iterable[dict[str, Any]]) -> pl.DataFrame:
    """Answer rows as a frame with one 0/1 column per indicator (null when not answered)."""
    records = []
    for row in rows:
        score = ucla_score([row["lonely_1"], row["lonely_2"], row["lonely_3"]])
        direct = row["direct"]
        record: dict[str, Any] = {k: row[k] or "" for k in ("age_band", "sex", "ward")}
        record["direct_any"] = (
            None if direct is None else float(direct in DIRECT_AT_LEAST_SOMETIMES)
        )
        for v in DIRECT_AT_LEAST_SOMETIMES:
            record[f"direct_{v}"] = None if direct is None else float(direct == v)
        for band in BANDS:
            record[f"band_{band.code}"] = None if score is None else float(band.contains(score))
        records.append(record)
    schema: dict[str, Any] = {"age_band": pl.Utf8, "sex": pl.Utf8, "ward": pl.Utf8}
    schema.update({i.code: pl.Float64 for i in INDICATORS})
    return pl.DataFrame(records, schema=schema)


def rake(frame: pl.DataFrame, margins: dict[str, dict[str, int]]) -> pl.DataFrame:
    """The frame with a ``weight`` column raked to the margins. Raises svy's WeightingError."""
    base = frame.with_columns(pl.lit(1.0).alias("base_weight"))
    sample = svy.Sample(base, svy.Design(wgt="base_weight"))
    controls = {d: {c: float(n) for c, n in counts.items()} for d, counts in margins.items()}
    raked = sample.weighting.rake(
        controls=controls,  # type: ignore[arg-type]
        wgt_name="weight",
        tol=RAKE_TOLERANCE,
        max_iter=RAKE_MAX_ITER,
        on_nonconvergence="error",
    )
    data = raked.data
    assert isinstance(data, pl.DataFrame)  # noqa: S101 - svy keeps an eager frame eager
    return data.select([*frame.columns, "weight"])


def _in_margins(frame: pl.DataFrame, margins: dict[str, dict[str, int]]) -> pl.DataFrame:
    """Answers that can be weighted: every raking dimension answered with a counted category."""
    keep = pl.lit(True)
    for dimension, counts in margins.items():
        keep = keep & pl.col(dimension).is_in([c for c, n in counts.items() if n > 0])
    return frame.filter(keep)


def _empty_categories(frame: pl.DataFrame, margins: dict[str, dict[str, int]]) -> list[str]:
    empty = []
    for dimension, counts in margins.items():
        present = set(frame[dimension].unique().to_list())
        labels = dict(margin_categories(dimension))
        empty += [labels.get(c, c) for c, n in counts.items() if n > 0 and c not in present]
    return empty


def estimate(frame: pl.DataFrame, weight: str) -> dict[str, dict[str, list[Cell]]]:
    sample = svy.Sample(frame, svy.Design(wgt=weight))
    table: dict[str, dict[str, list[Cell]]] = {}
    labels: dict[str, dict[str, str]] = {
        "age_band": {v: str(label) for v, label in AgeBand.choices},
        "ward": dict(margin_categories("ward")),
    }
    for indicator in INDICATORS:
        table[indicator.code] = {}
        answered = frame.filter(pl.col(indicator.code).is_not_null())
        for grouping, _label in GROUPINGS:
            counts: dict[str, int]
            if grouping:
                counts = dict(answered.group_by(grouping).len().iter_rows())
                order = [c for c in labels[grouping] if counts.get(c)]
            else:
                counts, order = {"": answered.height}, [""]
            cells = {
                g: Cell(g, str(labels[grouping][g]) if grouping else "", int(counts.get(g, 0)))
                for g in order
            }
            if answered.height and answered[indicator.code].n_unique() > 1:
                result = sample.estimation.prop(
                    indicator.code, by=grouping or None, drop_nulls=True
                )
                for row in result.to_polars().iter_rows(named=True):  # type: ignore[union-attr]
                    if row[indicator.code] != 1.0:
                        continue
                    cell = cells.get(row[grouping] if grouping else "")
                    if cell is not None:
                        cell.estimate, cell.lower, cell.upper = row["est"], row["lci"], row["uci"]
            for g, cell in cells.items():  # a share of exactly 0 or 1 has no interval
                if cell.estimate is None and cell.n:
                    rows = answered.filter(pl.col(grouping) == g) if grouping else answered
                    cell.estimate = float(rows[indicator.code].mean() or 0.0)  # type: ignore[arg-type]
            table[indicator.code][grouping] = list(cells.values())
    return table


def wave_margins(wave: Wave) -> dict[str, dict[str, int]]:
    margins: dict[str, dict[str, int]] = {}
    for m in wave.margins.all():
        margins.setdefault(m.dimension, {})[m.category] = m.population
    return margins


def compute(wave: Wave, rows: Iterable[dict[str, Any]] | None = None) -> Results:
    if rows is None:
        rows = wave.responses.values(*ANSWER_FIELDS)
    frame = answers_frame(rows)
    results = Results(wave=wave, status=Status.NO_ANSWERS, n_answers=frame.height)
    if not frame.height:
        return results
    margins = wave_margins(wave)
    weighted: pl.DataFrame | None = None
    if not margins:
        results.status = Status.NO_MARGINS
    elif problems := margin_problems(margins):
        results.status, results.problems = Status.BAD_MARGINS, problems
    else:
        usable = _in_margins(frame, margins)
        if empty := _empty_categories(usable, margins):
            results.status = Status.BAD_MARGINS
            results.problems = [
                str(_("人口を入れた区分に回答がひとつもありません: %s") % join_list(empty))
            ]
        else:
            try:
                weighted = rake(usable, margins)
                results.status, results.n_weighted = Status.WEIGHTED, usable.height
            except svy.SvyError as error:
                converged = getattr(error, "code", "") != "CONVERGENCE_FAILED"
                results.status = Status.BAD_MARGINS if converged else Status.NOT_CONVERGED
                results.problems = [str(getattr(error, "title", "") or type(error).__name__)]
    if weighted is not None:
        results.table = estimate(weighted, "weight")
    else:
        results.table = estimate(frame.with_columns(pl.lit(1.0).alias("weight")), "weight")
    return results
