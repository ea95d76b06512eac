"""The parts of the HSDS API every endpoint shares: query parameters, the page object,
JSON answers any web page may read (``Access-Control-Allow-Origin: *``) and errors that
say what is wrong in Japanese and in English."""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import wraps
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.search import fold, variants

PER_PAGE = 50
MAX_PER_PAGE = 200
SEARCH_MAX_CHARS = 100
PAGING = frozenset({"page", "per_page", "format"})

View = TypeVar("View", bound=Callable[..., HttpResponse])


def json_response(data: Any, status: int = 200) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def open_to_every_site(view: View) -> View:
    """Open data: any web page may read the answers, errors included."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response.setdefault("Cache-Control", "public, max-age=300")
        return response

    return wrapper  # type: ignore[return-value]


@dataclass(frozen=True)
class Message:
    """One translatable sentence and its values, rendered in each language on demand."""

    text: Promise
    values: dict[str, Any] = field(default_factory=dict)

    def render(self, language: str) -> str:
        with translation.override(language):
            return str(self.text) % self.values if self.values else str(self.text)


class BadRequest(Exception):
    def __init__(self, parameter: str, message: Message) -> None:
        super().__init__(parameter)
        self.parameter = parameter
        self.message = message


def error_response(status: int, message: Message, parameter: str = "") -> HttpResponse:
    error: dict[str, Any] = {"status": status}
    if parameter:
        error["parameter"] = parameter
    error["message"] = {"ja": message.render("ja"), "en": message.render("en")}
    return json_response({"error": error}, status=status)


def not_found(message: Message) -> HttpResponse:
    return error_response(404, message)


@dataclass
class Query:
    page: int = 1
    per_page: int = PER_PAGE
    search: str = ""
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: str = ""
    organization_id: uuid.UUID | None = None
    modified_after: datetime | None = None


def _uuid(name: str, value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise BadRequest(
            name,
            Message(
                _("%(name)s は UUID（例: %(example)s）で指定してください。"),
                {"name": name, "example": "ac148810-d857-441c-9679-408f346de14b"},
            ),
        ) from None


def _whole_number(name: str, value: str, low: int, high: int | None) -> int:
    number = int(value) if value.strip().isdigit() else -1
    if number < low or (high is not None and number > high):
        if high is None:
            message = Message(
                _("%(name)s は %(low)d 以上の整数で指定してください。"), {"name": name, "low": low}
            )
        else:
            message = Message(
                _("%(name)s は %(low)d から %(high)d までの整数で指定してください。"),
                {"name": name, "low": low, "high": high},
            )
        raise BadRequest(name, message)
    return number


def _moment(value: str) -> datetime:
    try:
        if len(value) == 10:
            moment = datetime.combine(date.fromisoformat(value), time.min)
        else:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadRequest(
            "modified_after",
            Message(
                _(
                    "modified_after は ISO 8601 の日付か日時"
                    "（例: 2026-12-01 や 2026-12-01T09:00:00+09:00）で指定してください。"
                )
            ),
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)  # Asia/Tokyo, as the directory keeps time
    return moment


def parse_query(
    request: HttpRequest, *, filters: Sequence[str], taxonomy_ids: Sequence[str] = ()
) -> Query:
    """The endpoint's parameters, checked; the first wrong one raises :class:`BadRequest`."""
    allowed = sorted(PAGING | set(filters))
    params = request.GET
    for name in params:
        if name not in allowed:
            raise BadRequest(
                name,
                Message(
                    _("「%(name)s」はこの一覧では使えません。使えるのは %(allowed)s です。"),
                    {"name": name, "allowed": ", ".join(allowed)},
                ),
            )
    query = Query()
    if params.get("format", "json") != "json":
        raise BadRequest("format", Message(_("format は json だけに対応しています。")))
    if "page" in params:
        query.page = _whole_number("page", params["page"], 1, None)
    if "per_page" in params:
        query.per_page = _whole_number("per_page", params["per_page"], 1, MAX_PER_PAGE)
    search = params.get("search", "").strip()
    if len(search) > SEARCH_MAX_CHARS:
        raise BadRequest(
            "search",
            Message(_("search は %(max)d 文字までにしてください。"), {"max": SEARCH_MAX_CHARS}),
        )
    query.search = search
    if params.get("taxonomy_term_id"):
        query.taxonomy_term_id = _uuid("taxonomy_term_id", params["taxonomy_term_id"])
    if params.get("taxonomy_id"):
        wanted = str(_uuid("taxonomy_id", params["taxonomy_id"]))
        if wanted not in taxonomy_ids:
            raise BadRequest(
                "taxonomy_id",
                Message(_("この taxonomy_id の分類はありません。/taxonomies で確かめてください。")),
            )
        query.taxonomy_id = wanted
    if params.get("organization_id"):
        query.organization_id = _uuid("organization_id", params["organization_id"])
    if params.get("modified_after"):
        query.modified_after = _moment(params["modified_after"].strip())
    return query


def words_match(text: str, search: str) -> bool:
    """Every word of ``search`` (or one of its synonyms) is in ``text``, folded like the
    directory's own search."""
    folded = fold(text)
    return all(any(v in folded for v in variants(word)) for word in search.split()[:8])


def page_object(items: Sequence[Any], query: Query, render: Callable[[Any], Any]) -> dict[str, Any]:
    """The HSDS page object. A page past the last is a bad request that names the last."""
    total = len(items)
    total_pages = max(1, math.ceil(total / query.per_page))
    if query.page > total_pages:
        raise BadRequest(
            "page",
            Message(_("page は %(last)d までです。"), {"last": total_pages}),
        )
    start = (query.page - 1) * query.per_page
    contents = [render(item) for item in items[start : start + query.per_page]]
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": query.page,
        "size": len(contents),
        "first_page": query.page == 1,
        "last_page": query.page == total_pages,
        "empty": total == 0,
        "contents": contents,
    }
