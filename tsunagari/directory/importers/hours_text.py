"""Turn published opening-hours text into Schedule rows — only when it is unambiguous.

The grammar is deliberately small. Text that hedges (要確認, 異なる, による, 原則…)
or that we cannot read completely gives ``None``: the page then says nothing
about "open now" and shows the text as published. Guessing hours for a crisis
line is worse than saying we do not know.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import time

from tsunagari.directory.hours import WEEKDAYS

HEDGES = ("要確認", "未確認", "異なる", "による", "原則", "につながる", "応相談", "不定期", "変更")
FEE_WORDS = ("無料", "匿名可", "匿名", "通話料有料", "有料")
OTHER_CHANNELS = re.compile(r"^(メール|チャット|SNS|LINE|\d+言語)$")

JP_DAYS = {"月": "MO", "火": "TU", "水": "WE", "木": "TH", "金": "FR", "土": "SA", "日": "SU"}
EVERY_DAY = ",".join(WEEKDAYS)
WEEKDAYS_ONLY = "MO,TU,WE,TH,FR"

TIME_RANGE = re.compile(r"^(\d{1,2}):(\d{2})-(翌)?(\d{1,2}):(\d{2})$")
MONTHDAY = re.compile(r"^毎月(\d{1,2})日$")


@dataclass
class Rule:
    freq: str
    byday: str = ""
    bymonthday: str = ""
    opens_at: time = time(0)
    closes_at: time = time(0)

    def as_fields(self) -> dict[str, object]:
        return {
            "freq": self.freq,
            "byday": self.byday,
            "bymonthday": self.bymonthday,
            "opens_at": self.opens_at,
            "closes_at": self.closes_at,
        }


@dataclass
class ParsedHours:
    rules: list[Rule] = field(default_factory=list)
    closes_on_public_holidays: bool = False
    closes_over_new_year: bool = False


class Unreadable(Exception):
    pass


def _time(hour: str, minute: str) -> time:
    h, m = int(hour), int(minute)
    if h == 24 and m == 0:
        return time(0)  # 24:00 = midnight, the end of the day
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise Unreadable
    return time(h, m)


def _periods(text: str) -> list[tuple[time, time]]:
    if text in ("24時間", "24時間365日"):
        return [(time(0), time(0))]
    periods = []
    for part in re.split(r"[,、]\s*", text):
        match = TIME_RANGE.match(part.strip())
        if not match:
            raise Unreadable
        oh, om, next_day, ch, cm = match.groups()
        opens, closes = _time(oh, om), _time(ch, cm)
        if next_day is None and closes != time(0) and closes <= opens:
            raise Unreadable  # "22:00-6:00" without 翌 is probably a typo; do not guess
        periods.append((opens, closes))
    return periods


def _days(text: str) -> tuple[str, str, str]:
    """(freq, byday, bymonthday) for a day expression."""
    if text in ("毎日", "365日", ""):
        return "WEEKLY", EVERY_DAY, ""
    if text == "平日":
        return "WEEKLY", WEEKDAYS_ONLY, ""
    if match := MONTHDAY.match(text):
        day = int(match.group(1))
        if not 1 <= day <= 31:
            raise Unreadable
        return "MONTHLY", "", str(day)
    if match := re.fullmatch(r"([月火水木金土日])-([月火水木金土日])", text):
        names = list(JP_DAYS)
        first, last = names.index(match.group(1)), names.index(match.group(2))
        if first > last:
            raise Unreadable
        return "WEEKLY", ",".join(JP_DAYS[n] for n in names[first : last + 1]), ""
    parts = text.split("・")
    if all(p in JP_DAYS for p in parts):
        return "WEEKLY", ",".join(JP_DAYS[p] for p in parts), ""
    raise Unreadable


def _clause(text: str) -> list[Rule]:
    text = text.strip()
    if text.startswith("電話"):
        text = text.removeprefix("電話").strip()
    if text.startswith("24時間365日"):
        return [Rule("WEEKLY", EVERY_DAY)]
    if text == "24時間":
        return [Rule("WEEKLY", EVERY_DAY)]
    match = re.match(r"^(\S+?)\s*(24時間|\d{1,2}:\d{2}-.*)$", text)
    if not match:
        raise Unreadable
    freq, byday, bymonthday = _days(match.group(1))
    return [
        Rule(freq, byday, bymonthday, opens, closes) for opens, closes in _periods(match.group(2))
    ]


def parse_hours(raw: str) -> ParsedHours | None:
    """Schedule rules for the text, or None when it is not unambiguous."""
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text or any(word in text for word in HEDGES):
        return None
    result = ParsedHours()
    for note in re.findall(r"\(([^)]*)\)", text):
        if note in ("12/29-1/3休み", "年末年始休み", "年末年始除く"):
            result.closes_over_new_year = True
        elif note in ("祝日・年末年始除く", "祝日・年末年始を除く", "土日祝・年末年始除く"):
            result.closes_on_public_holidays = True
            result.closes_over_new_year = True
        elif note in ("祝日除く", "祝日を除く"):
            result.closes_on_public_holidays = True
        else:
            return None
    text = re.sub(r"\([^)]*\)", " ", text)
    for word in FEE_WORDS:
        text = re.sub(rf"・{word}(?=・|$|、|\s)", "", text)
    if text.startswith("平日"):
        # 平日 is Monday–Friday except public holidays.
        result.closes_on_public_holidays = True
    try:
        for clause in _split_clauses(text):
            if OTHER_CHANNELS.match(clause):
                continue  # "電話24時間、メール、チャット": the other channels say nothing about the phone
            result.rules.extend(_clause(clause))
    except Unreadable:
        return None
    return result if result.rules else None


def _split_clauses(text: str) -> list[str]:
    """Split on 、 between clauses, but keep "9:00-12:00, 12:45-17:00" together."""
    clauses: list[str] = []
    for part in re.split(r"、", text):
        part = " ".join(part.split())
        if not part:
            continue
        if clauses and re.match(r"^\d{1,2}:\d{2}-", part):
            clauses[-1] = f"{clauses[-1]}, {part}"
        else:
            clauses.append(part)
    return clauses
