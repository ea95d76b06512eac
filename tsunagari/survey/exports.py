"""A wave's results as CSV and XLSX: the same rows as the table on the page."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from tsunagari.survey.results import Results


def header() -> list[str]:
    return [
        _("指標"),
        _("集計の単位"),
        _("区分"),
        _("回答数"),
        _("割合（%）"),
        _("95%信頼区間の下限（%）"),
        _("95%信頼区間の上限（%）"),
        _("重みづけ"),
    ]


def table_rows(results: Results) -> list[list[str | int]]:
    weighted = _("あり") if results.weighted else _("なし（重みづけしていない値）")
    rows: list[list[str | int]] = []
    for indicator, _code, grouping, cells in results.rows():
        for cell in cells:
            if cell.suppressed:
                values = [_("非表示（10件未満）"), "", ""]
            else:
                values = [
                    cell.percent(cell.estimate),
                    cell.percent(cell.lower),
                    cell.percent(cell.upper),
                ]
            rows.append(
                [
                    str(indicator.label),
                    str(grouping),
                    cell.label or _("全体"),
                    cell.n,
                    *values,
                    weighted,
                ]
            )
    return rows


def as_csv(results: Results) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header())
    writer.writerows(table_rows(results))
    return "\ufeff" + out.getvalue()  # the BOM lets Excel read the Japanese correctly


def as_xlsx(results: Results) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 - a new workbook always has one sheet
    sheet.title = "results"
    sheet.append(header())
    for row in table_rows(results):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
