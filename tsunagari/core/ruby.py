"""Readings for やさしい日本語 (decision 0039).

The ja-easy catalog marks a reading as ``｜漢字《かんじ》`` (U+FF5C before the base, the
reading in U+300A/U+300B). In an HTML page the mark becomes ``<ruby>漢字<rt>かんじ</rt></ruby>``
in text; where markup cannot go (attributes, ``<title>``, ``<option>``, ``<textarea>``,
scripts and styles) and outside HTML (JSON, plain-text mail, PDFs) it is stripped to the
base text, so nobody ever reads the marks themselves.
"""

import json
import re
from typing import Any

MARK = re.compile(r"｜([^｜《》<>\n]{1,40})《([^｜《》<>\n]{1,40})》")
# A tag (quoted attribute values may hold ">"), a comment, or a doctype.
TOKEN = re.compile(r"<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.S)
# Elements whose content is text that markup cannot enter.
PLAIN_TEXT_ELEMENTS = ("title", "option", "textarea", "script", "style")
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")


def has_marks(text: str) -> bool:
    return "《" in text and MARK.search(text) is not None


def strip(text: str) -> str:
    """``｜漢字《かんじ》`` → ``漢字``: for JSON, mail, PDFs and attributes."""
    if "《" not in text:
        return text
    return MARK.sub(r"\1", text)


def to_ruby(text: str) -> str:
    """``｜漢字《かんじ》`` → ``<ruby>漢字<rt>かんじ</rt></ruby>`` in a run of HTML text."""
    return MARK.sub(r"<ruby>\1<rt>\2</rt></ruby>", text)


def html_with_ruby(html: str) -> str:
    """Ruby in the text of a page; the marks stripped wherever markup cannot go."""
    if not has_marks(html):
        return html
    out: list[str] = []
    inside: str | None = None  # the plain-text element we are in, if any
    position = 0
    for match in TOKEN.finditer(html):
        text = html[position : match.start()]
        out.append(strip(text) if inside else to_ruby(text))
        tag = match.group(0)
        out.append(strip(tag))
        name = TAG_NAME.match(tag)
        if name:
            closing, element = name.group(1) == "/", name.group(2).lower()
            if inside is None and not closing and element in PLAIN_TEXT_ELEMENTS:
                inside = element
            elif closing and element == inside:
                inside = None
        position = match.end()
    rest = html[position:]
    out.append(strip(rest) if inside else to_ruby(rest))
    return "".join(out)


def _strip_values(value: Any) -> Any:
    if isinstance(value, str):
        return strip(value)
    if isinstance(value, list):
        return [_strip_values(item) for item in value]
    if isinstance(value, dict):
        return {strip(key): _strip_values(item) for key, item in value.items()}
    return value


def json_without_marks(text: str) -> str:
    """A JSON document with the marks stripped from its strings (which JSON may escape
    as \\uff5c…\\u300a…, so the text is read, not searched)."""
    if "《" not in text and "\\u300a" not in text.lower():
        return text
    try:
        data = json.loads(text)
    except ValueError:
        return strip(text)
    cleaned = _strip_values(data)
    if cleaned == data:
        return text
    return json.dumps(cleaned, ensure_ascii=False)
