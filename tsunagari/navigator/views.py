"""The navigator's pages: the answer, guided mode, the JSON API, and unmet needs for staff."""

import hashlib
import time
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tsunagari.core.access import public, staff
from tsunagari.core.clientip import client_ip
from tsunagari.core.middleware import keep_private
from tsunagari.core.throttle import first_time
from tsunagari.directory import municipalities
from tsunagari.directory.models import Service, Ward
from tsunagari.directory.needs import NEEDS, NEEDS_BY_CODE
from tsunagari.handbook.arrivals import arrival_redirect
from tsunagari.navigator.forms import WARD_CHOICES, AskForm, ChoicesForm
from tsunagari.navigator.index import directory_index
from tsunagari.navigator.models import NeedTally, week_of
from tsunagari.navigator.recommend import (
    Answer,
    Preferences,
    Recommendation,
    parse_ward,
    recommend,
    recommend_needs,
)
from tsunagari.navigator.subneeds import expand, subneeds_of
from tsunagari.navigator.subneeds import label as subneed_label
from tsunagari.navigator.tallies import count_answer, flush
from tsunagari.navigator.text import SCANNED_CHARS, reply_language
from tsunagari.translations.content import shown_text, texts_for

CHOICE_KEYS = ("who", "age", "need", "first", "how", "when")
TALLY_REPEAT_SECONDS = 6 * 60 * 60  # the same question from the same client counts once a while


def _record(answer: Answer) -> None:
    """Count what was understood and whether anything matched — nothing else."""
    matched = {
        need.code: any(need.code in service.needs for service in answer.services)
        for need in answer.needs[:4]
    }
    count_answer(needs=matched, ward=answer.ward)


def _prefs(choices: ChoicesForm) -> Preferences:
    data = choices.cleaned_data
    return Preferences(
        ward=data.get("ward") or "",
        asking_for=data.get("who") or "",
        age_group="" if data.get("age") == "adult" else (data.get("age") or ""),
        channels=tuple(data.get("how") or ()),
        now=data.get("when") == "now",
    )


def _options(context: dict[str, Any], *, needs: list[str], ward: str, q: str = "") -> None:
    """Plain option lists for the page's forms (cheaper than rendering widgets)."""
    context["need_options"] = [(n.code, n.label, n.code in needs) for n in NEEDS]
    context["ward_options"] = [(value, label, value == ward) for value, label in WARD_CHOICES]
    context["q_value"] = q[:SCANNED_CHARS]


# Answers (data, not HTML) in Django's cache — Redis when REDIS_URL is set, so every worker
# and machine shares them — for the same question and choices in the same language, minute
# (open-now changes by the minute) and version of the directory index. Popular worries
# repeat; the page is rendered for each request, and the count for the unmet-needs page
# is taken for every request.
ANSWER_SECONDS = 120
ANSWER_KEY_PREFIX = "navigator:answer:"


@dataclass
class _Computed:
    """What a question's answer is, as plain data: kept in the cache, so it holds codes and
    strings, never the labels' lazy translations (each one unpickled rebuilds its class, a
    third of a cached answer's time) nor anything of the page itself."""

    answer: Answer | None
    status: int = 200
    flags: dict[str, bool] = field(default_factory=dict)  # empty, no_needs, guided, …
    ward: str = ""
    q: str = ""
    needs: list[str] = field(default_factory=list)  # the options ticked on the page
    chosen: list[str] = field(default_factory=list)  # guided mode's choices, as codes


def _params(request: HttpRequest) -> QueryDict:
    """The question and choices: from the form (POST, long texts stay out of addresses and
    logs) or from the address (GET, short questions and guided choices one can share)."""
    return request.POST if request.method == "POST" else request.GET


def _answer_key(params: QueryDict) -> str:
    """A short cache key: a digest, so that no question is readable in the cache."""
    parts = (
        get_language(),
        tuple(sorted((k, tuple(params.getlist(k))) for k in params if k != "csrfmiddlewaretoken")),
        int(time.time() // 60),
        directory_index().token,
    )
    return ANSWER_KEY_PREFIX + hashlib.sha256(repr(parts).encode()).hexdigest()


def _municipality(params: QueryDict) -> str | None:
    """A listed municipality's code from ?municipality=…, or None (every listing)."""
    code = str(params.get("municipality", "")).strip()
    return code if code in municipalities.known() else None


def _in_reader_language(
    services: list[Recommendation],
) -> tuple[list[Recommendation], bool]:
    """The recommended services' names, hours and contact words in the reader's language
    (the Japanese where no translation was entered), and whether any stayed Japanese."""
    language = get_language() or settings.LANGUAGE_CODE
    found = texts_for(Service, [s.id for s in services], language)
    shown = []
    for service in services:
        texts = found.get(str(service.id), {})
        shown.append(
            replace(
                service,
                name=shown_text(service.name, texts.get("name", ""), language),
                hours_text=shown_text(service.hours_text, texts.get("hours_text", ""), language),
                contact_text=shown_text(
                    service.contact_text, texts.get("contact_text", ""), language
                ),
            )
        )
    missing = any(
        getattr(value, "fallback", False)
        for s in shown
        for value in (s.name, s.hours_text, s.contact_text)
    )
    return shown, missing


def _compute_answer(params: QueryDict) -> _Computed:
    """The answer (or None) and what the page shows about it, for these parameters."""
    computed = _Computed(None, ward=parse_ward(params.get("ward")))
    if "q" in params:
        ask = AskForm(params)
        ask.is_valid()
        q = str(getattr(ask, "cleaned_data", {}).get("q") or "")
        computed.q = q
        if q.strip():
            computed.answer = recommend(q, ward=computed.ward, municipality=_municipality(params))
        else:
            computed.flags["empty"] = True
    elif any(key in params for key in CHOICE_KEYS):
        choices = ChoicesForm(params)
        if not choices.is_valid():
            computed.flags["choice_errors"] = True
            computed.status = 400
        elif not choices.ordered_needs():
            computed.flags["no_needs"] = True
        else:
            computed.chosen = choices.ordered_needs()
            computed.answer = recommend_needs(expand(computed.chosen), _prefs(choices))
            computed.flags["guided"] = True
    result = computed.answer
    if result is not None:
        result.services, computed.flags["content_missing"] = _in_reader_language(result.services)
        computed.needs = [n.code for n in result.needs[:4]]
        computed.ward = result.ward
        computed.q = result.q if "q" in params else ""
    return computed


def _page_context(computed: _Computed) -> dict[str, Any]:
    """The page's context: the computed answer with the labels in the page's language."""
    context: dict[str, Any] = dict(computed.flags)
    _options(context, needs=computed.needs, ward=computed.ward, q=computed.q)
    if computed.chosen:
        context["chosen_labels"] = [subneed_label(code) for code in computed.chosen]
    result = computed.answer
    if result is not None:
        context.update(
            {
                "answer": result,
                "needs": [(n, NEEDS_BY_CODE[n.code]) for n in result.needs],
                "ward_label": Ward(result.ward).label if result.ward else "",
            }
        )
    return context


@public
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest) -> HttpResponse:
    """The answer page: a question (form POST, or ?q=…&ward=…) or guided choices (?need=…).

    Nothing the person wrote is stored; the answer is kept in the cache (under a digest)
    for a minute or two so that the same question asked again is not read again.
    """
    arrived = arrival_redirect(request)  # ?c=poster-library: counted, then the tag is dropped
    if arrived is not None:
        return arrived
    params = _params(request)
    # A question written in English or another language in Latin letters is answered in
    # English, unless the person chose a language themselves.
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    reply = "" if chosen else reply_language(str(params.get("q", ""))[:SCANNED_CHARS])
    with translation.override(reply) if reply else nullcontext():
        return _answer_page(request, params)


def _answer_page(request: HttpRequest, params: QueryDict) -> HttpResponse:
    key = _answer_key(params)
    computed = cache.get(key)
    if computed is None:
        computed = _compute_answer(params)
        cache.set(key, computed, ANSWER_SECONDS)
    # A question asked again by the same client (a reload, the back button) counts once.
    if computed.answer is not None and first_time(
        "navigator-tally", client_ip(request), key, seconds=TALLY_REPEAT_SECONDS
    ):
        _record(computed.answer)
    context = {
        **_page_context(computed),
        "printed_at": date_format(timezone.localtime(), "DATETIME_FORMAT"),
    }
    response = render(request, "navigator/answer.html", context, status=computed.status)
    return keep_private(response)


# ------------------------------------------------------------------ guided mode

STEPS: list[tuple[str, tuple[str, ...]]] = [
    ("who", ("who",)),
    ("age", ("age",)),
    ("need", ("need",)),
    ("how", ("first", "how")),
    ("when", ("when",)),
    ("ward", ("ward",)),
]


def _hidden_items(choices: ChoicesForm, skip: tuple[str, ...]) -> list[tuple[str, Any]]:
    return [(k, v) for k, v in choices.query_items() if k not in skip]


@public
@require_GET
def guided(request: HttpRequest) -> HttpResponse:
    """Guided mode: one question a page, as plain forms. Only choices travel in the URL."""
    choices = ChoicesForm(request.GET)
    valid = choices.is_valid()
    try:
        done = max(0, min(int(request.GET.get("s", "0")), len(STEPS)))
    except ValueError:
        done = 0
    error = ""
    if not valid:
        done = 0
        choices = ChoicesForm({})
        choices.is_valid()
        error = _("えらんだ内容を読みとれませんでした。はじめからえらんでください。")
    elif done == 3 and not choices.cleaned_data.get("need"):
        done = 2
        error = _("困っていることを、ひとつ以上えらんでください。")
    name, fields = STEPS[min(done, len(STEPS) - 1)]
    needs_chosen = choices.cleaned_data.get("need") or []
    context = {
        "step": name,
        "number": done + 1,
        "total": len(STEPS),
        "next_s": done + 1,
        "hidden": _hidden_items(choices, fields),
        "form": choices,
        "error": error,
        "needs": NEEDS,
        "chosen_needs": [(code, subneed_label(code)) for code in needs_chosen],
        "subneeds": {need.code: subneeds_of(need.code) for need in NEEDS},
        "last": name == "ward",
        "back": _back_query(choices, done),
    }
    # The steps carry what the person chose about their life: kept by nobody.
    return keep_private(
        render(
            request, "navigator/guided.html", context, status=400 if error and not valid else 200
        )
    )


def _back_query(choices: ChoicesForm, done: int) -> str:
    if done <= 0:
        return ""
    query = QueryDict(mutable=True)
    for key, value in choices.query_items():
        query.appendlist(key, value)
    query["s"] = str(done - 1)
    return query.urlencode()


# ------------------------------------------------------------------ API


@public
@require_GET
def api_recommend(request: HttpRequest) -> JsonResponse:
    """GET /api/v1/recommend?q=…&ward=…&municipality=… — the same JSON as `manage.py recommend --json`."""
    q = request.GET.get("q")
    if q is None or not q.strip():
        return JsonResponse(
            {"error": _("q に相談したいことを書いてください。")},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    ward_value = request.GET.get("ward", "")
    ward = parse_ward(ward_value)
    if ward_value.strip() and not ward:
        return JsonResponse(
            {"error": _("ward は堺市の区（例: 堺区、sakai）で書いてください。")},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    code = request.GET.get("municipality", "").strip()
    if code and code not in municipalities.known():
        return JsonResponse(
            {"error": _("municipality は自治体コード（例: 堺市は271403）で書いてください。")},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    result = recommend(q, ward=ward, municipality=code or None)
    response = JsonResponse(result.as_json(), json_dumps_params={"ensure_ascii": False})
    return keep_private(response)


# ------------------------------------------------------------------ staff


@staff
@require_GET
def unmet(request: HttpRequest) -> HttpResponse:
    """Needs people asked about, by code and ward, week by week, and how often nothing matched."""
    flush()
    since = week_of(timezone.localdate()) - timedelta(weeks=11)
    rows = (
        NeedTally.objects.filter(week__gte=since)
        .values("week", "need_code", "ward", "matched")
        .annotate(total=Sum("count"))
        .order_by("-week", "need_code", "ward")
    )
    table: dict[tuple[Any, str, str], dict[str, int]] = {}
    for row in rows:
        key = (row["week"], row["need_code"], row["ward"])
        cell = table.setdefault(key, {"asked": 0, "unmet": 0})
        cell["asked"] += row["total"]
        if not row["matched"]:
            cell["unmet"] += row["total"]
    lines = [
        {
            "week": week,
            "need": NEEDS_BY_CODE[code].label if code in NEEDS_BY_CODE else _("読みとれなかった"),
            "code": code,
            "ward": Ward(ward).label if ward in Ward.values else _("区の指定なし"),
            **cell,
        }
        for (week, code, ward), cell in table.items()
    ]
    return render(request, "navigator/unmet.html", {"lines": lines, "since": since})
