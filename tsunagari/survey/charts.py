"""Bar charts drawn as SVG by a template; the numbers are the table's, never recomputed."""

from dataclasses import dataclass
from typing import Any

from tsunagari.survey.results import Cell

ROW_HEIGHT = 28
LABEL_WIDTH = 110
BAR_WIDTH = 220  # 100 %


@dataclass
class Bar:
    label: str
    y: int
    width: float
    text: str
    ci_from: float
    ci_to: float


def bar_chart(cells: list[Cell], *, title: str, chart_id: str) -> dict[str, Any]:
    bars = []
    shown = [c for c in cells if not c.suppressed and c.estimate is not None]
    for index, cell in enumerate(shown):
        estimate = cell.estimate or 0.0
        bars.append(
            Bar(
                label=cell.label,
                y=index * ROW_HEIGHT,
                width=round(estimate * BAR_WIDTH, 1),
                text=f"{estimate * 100:.1f}%",
                ci_from=round(
                    LABEL_WIDTH + (cell.lower if cell.lower is not None else estimate) * BAR_WIDTH,
                    1,
                ),
                ci_to=round(
                    LABEL_WIDTH + (cell.upper if cell.upper is not None else estimate) * BAR_WIDTH,
                    1,
                ),
            )
        )
    return {
        "id": chart_id,
        "title": title,
        "bars": bars,
        "height": max(len(bars), 1) * ROW_HEIGHT + 4,
        "label_width": LABEL_WIDTH,
        "width": LABEL_WIDTH + BAR_WIDTH + 70,
        "hidden": len(cells) - len(shown),
    }
