"""Importing answers from a CSV file: every line checked first, then all written or none."""

import csv
import io

from django.db import transaction
from django.utils.translation import gettext as _

from tsunagari.core.text import join_list
from tsunagari.survey.forms import IMPORT_COLUMNS, PaperForm
from tsunagari.survey.models import Channel, SurveyResponse, Wave

MAX_ERRORS_SHOWN = 20


class ImportFailed(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def import_answers(wave: Wave, raw: bytes) -> int:
    """Write one answer per line; raise ImportFailed naming the bad lines (nothing written)."""
    if not wave.accepts_answers:
        raise ImportFailed([_("この調査はいま回答を受け付けていません。")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(
            [_("ファイルをUTF-8で保存してからもう一度取り込んでください。")]
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in IMPORT_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportFailed(
            [_("1行目に次の見出しがありません: %(columns)s") % {"columns": join_list(missing)}]
        )
    problems: list[str] = []
    rows: list[SurveyResponse] = []
    for number, line in enumerate(reader, start=2):
        form = PaperForm({c: (line.get(c) or "").strip() for c in IMPORT_COLUMNS})
        if not form.is_valid():
            for field, errors in form.errors.items():
                value = (line.get(field) or "").strip()
                problems.append(
                    _("%(line)d行目の「%(column)s」（%(value)s）: %(error)s")
                    % {"line": number, "column": field, "value": value, "error": errors[0]}
                )
            continue
        rows.append(SurveyResponse(wave=wave, channel=Channel.IMPORT, **form.answer_fields()))
    if problems:
        shown = problems[:MAX_ERRORS_SHOWN]
        if len(problems) > MAX_ERRORS_SHOWN:
            shown.append(
                _("ほかに%(count)d件の問題があります。") % {"count": len(problems) - len(shown)}
            )
        raise ImportFailed(shown)
    if not rows:
        raise ImportFailed([_("取り込む行がありません。")])
    with transaction.atomic():
        SurveyResponse.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
