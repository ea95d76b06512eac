from collections import defaultdict
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from tsunagari.core.access import member, public
from tsunagari.core.transitions import InvalidTransition
from tsunagari.gatherings.access import gatherings_for, get_gathering_for_user
from tsunagari.gatherings.feed import calendar_for
from tsunagari.gatherings.forms import CalendarFilterForm, GatheringForm
from tsunagari.gatherings.models import Gathering, GatheringQuerySet
from tsunagari.partners.access import get_organization_for_user, organizations_for

PLACE_FIELDS = ("ward", "place_name", "address_text")
# Meetings on one calendar page; more days are one link away.
PAGE_SIZE = 80


def _filtered(request: HttpRequest) -> tuple[CalendarFilterForm, GatheringQuerySet]:
    form = CalendarFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    gatherings = (
        Gathering.objects.published()
        .filtered(**form.filters())
        .select_related("organization")
        .prefetch_related("audiences")
    )
    return form, gatherings


@public
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    form, gatherings = _filtered(request)
    start, end = form.date_range()
    days: dict[date, list[tuple[datetime, Gathering]]] = defaultdict(list)
    for gathering in gatherings:
        for moment in gathering.occurrences(start, end):
            days[moment.date()].append((moment, gathering))
    agenda = [(day, sorted(days[day], key=lambda item: item[0])) for day in sorted(days)]
    agenda, shown_until = _first_page(agenda)
    more_url = ""
    if shown_until is not None:
        more = request.GET.copy()
        more["start"] = (shown_until + timedelta(days=1)).isoformat()
        more["end"] = end.isoformat()
        more_url = f"{reverse('gatherings:calendar')}?{more.urlencode()}"
    query = request.GET.urlencode()
    feed_url = reverse("gatherings_feed") + (f"?{query}" if query else "")
    return render(
        request,
        "gatherings/calendar.html",
        {
            "form": form,
            "agenda": agenda,
            "start": start,
            "end": agenda[-1][0] if shown_until else end,
            "feed_url": feed_url,
            "more_url": more_url,
        },
    )


Agenda = list[tuple[date, list[tuple[datetime, Gathering]]]]


def _first_page(agenda: Agenda) -> tuple[Agenda, date | None]:
    """Whole days up to PAGE_SIZE meetings, so the page stays light on an old phone.

    Returns the days shown and, if some were left for the next page, the last day shown.
    """
    shown: Agenda = []
    count = 0
    for day, items in agenda:
        if shown and count + len(items) > PAGE_SIZE:
            return shown, shown[-1][0]
        shown.append((day, items))
        count += len(items)
    return shown, None


@public
@require_safe  # calendar apps may check the feed with HEAD before they fetch it
def feed(request: HttpRequest) -> HttpResponse:
    """The calendar as iCalendar; the same GET filters as the page (ward, kind, audience, start, end)."""
    form, gatherings = _filtered(request)
    if form.is_bound and (request.GET.get("start") or request.GET.get("end")):
        start, end = form.date_range()
        gatherings_list = [g for g in gatherings if g.occurrences(start, end)]
    else:
        gatherings_list = list(gatherings)
    body = calendar_for(
        gatherings_list,
        url_for=lambda g: request.build_absolute_uri(reverse("gatherings:detail", args=[g.pk])),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tsunagari-events.ics"'
    return response


@public
@require_GET
def detail(request: HttpRequest, pk: str) -> HttpResponse:
    gathering = get_object_or_404(
        Gathering.objects.published().select_related("organization"), pk=pk
    )
    today = timezone.localdate()
    upcoming = gathering.occurrences(today, date(today.year + 1, today.month, 1))[:6]
    return render(request, "gatherings/detail.html", {"gathering": gathering, "upcoming": upcoming})


@member
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    organizations = organizations_for(request.user)
    if not organizations.exists():
        raise Http404
    gatherings = (
        gatherings_for(request.user)
        .select_related("organization")
        .order_by("organization__name", "title")
    )
    return render(
        request,
        "gatherings/manage.html",
        {"organizations": organizations, "gatherings": gatherings},
    )


@member
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, org_pk: str) -> HttpResponse:
    organization = get_organization_for_user(request, org_pk)
    form = GatheringForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            gathering = form.save(commit=False)
            gathering.organization = organization
            gathering.created_by = request.user
            gathering.record_place_entry(organization)
            gathering.save()
            form.save_m2m()
        messages.success(request, _("つどいを下書きとして保存しました。公開すると予定表に出ます。"))
        return redirect("gatherings:edit", pk=gathering.pk)
    return render(
        request,
        "gatherings/form.html",
        {"form": form, "organization": organization, "gathering": None},
    )


@member
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: str) -> HttpResponse:
    gathering = get_gathering_for_user(request, pk)
    form = GatheringForm(request.POST or None, instance=gathering)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            gathering = form.save(commit=False)
            if any(field in form.changed_data for field in PLACE_FIELDS):
                gathering.record_place_entry(gathering.organization)
            gathering.save()
            form.save_m2m()
            if gathering.service_id or gathering.is_published:
                gathering.sync_service()
        messages.success(request, _("つどいを保存しました。"))
        return redirect("gatherings:edit", pk=gathering.pk)
    return render(
        request,
        "gatherings/form.html",
        {"form": form, "organization": gathering.organization, "gathering": gathering},
    )


@member
@require_POST
def publish(request: HttpRequest, pk: str) -> HttpResponse:
    gathering = get_gathering_for_user(request, pk)
    try:
        gathering.publish()
    except InvalidTransition:
        messages.error(request, _("このつどいはすでに公開されています。"))
    else:
        messages.success(request, _("つどいを公開しました。予定表と相談先さがしに出ます。"))
    return redirect("gatherings:edit", pk=gathering.pk)


@member
@require_POST
def withdraw(request: HttpRequest, pk: str) -> HttpResponse:
    gathering = get_gathering_for_user(request, pk)
    try:
        gathering.withdraw()
    except InvalidTransition:
        messages.error(request, _("このつどいは公開されていません。"))
    else:
        messages.success(request, _("つどいの公開をやめました。"))
    return redirect("gatherings:edit", pk=gathering.pk)
