from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from tsunagari.core.access import member, public, staff
from tsunagari.core.transitions import InvalidTransition
from tsunagari.gatherings.access import (
    gatherings_for,
    get_gathering_for_owner_or_staff,
    get_gathering_for_user,
)
from tsunagari.gatherings.feed import calendar_for
from tsunagari.gatherings.forms import CalendarFilterForm, CancellationForm, GatheringForm
from tsunagari.gatherings.history import history_rows, snapshot
from tsunagari.gatherings.models import Gathering, GatheringQuerySet, GatheringState, Session
from tsunagari.listings.models import ChangeAction
from tsunagari.partners.access import get_organization_for_user, organizations_for
from tsunagari.translations.content import attach
from tsunagari.translations.fields import fields_of
from tsunagari.translations.forms import TranslationChange, TranslationFormSet
from tsunagari.translations.pages import translations_page

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
        .prefetch_related("audiences", "cancellations")
    )
    return form, gatherings


@public
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    form, published = _filtered(request)
    gatherings: list[Any] = attach(published)  # titles in the reader's language where entered
    start, end = form.date_range()
    days: dict[date, list[Session]] = defaultdict(list)
    for gathering in gatherings:
        for session in gathering.sessions(start, end):
            days[session.starts_at.date()].append(session)
    agenda = [
        (day, sorted(days[day], key=lambda s: (s.starts_at, s.gathering.title)))
        for day in sorted(days)
    ]
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
            "content_missing": any(g.content.title.fallback for g in gatherings),
        },
    )


Agenda = list[tuple[date, list[Session]]]


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
        Gathering.objects.visible()
        .select_related("organization__member")
        .prefetch_related("audiences", "cancellations"),
        pk=pk,
    )
    member_ = getattr(gathering.organization, "member", None)
    contact_public = bool(member_ and member_.contact_public and member_.contact_email)
    attach([gathering, gathering.organization])  # the reader's language, the Japanese where missing
    return render(
        request,
        "gatherings/detail.html",
        {
            "gathering": gathering,
            "upcoming": gathering.upcoming_sessions(),
            "member": member_,
            "contact_public": contact_public,
        },
    )


@member
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    organizations = organizations_for(request.user)
    if not organizations.exists():
        raise Http404
    gatherings = (
        gatherings_for(request.user)
        .kept()
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
            for field, value in snapshot(gathering).items():
                if value:
                    gathering.log_change(
                        action=ChangeAction.CREATE,
                        field=field,
                        before="",
                        after=value,
                        by=request.user,
                    )
        messages.success(request, _("つどいを下書きとして保存しました。公開すると予定表に出ます。"))
        return redirect("gatherings:edit", pk=gathering.pk)
    return render(
        request,
        "gatherings/form.html",
        {"form": form, "organization": organization, "gathering": None},
    )


@member
@require_http_methods(["GET", "POST"])
def translations(request: HttpRequest, pk: str) -> HttpResponse:
    """The owners write the gathering's words in other languages (decision 0039), with the
    same access as editing; each change goes to its history like any other edit."""
    gathering = get_gathering_for_user(request, pk, kept=True)

    def save(formset: TranslationFormSet) -> list[TranslationChange]:
        with transaction.atomic():
            changes = formset.save_and_tell()
            for change in changes:
                gathering.log_change(
                    action=ChangeAction.UPDATE,
                    field=change.history_field,
                    before=change.before,
                    after=change.after,
                    by=request.user,
                )
        return changes

    return translations_page(
        request,
        gathering,
        fields=fields_of(Gathering),
        save=save,
        context={
            "record_name": gathering.title,
            "back_url": reverse("gatherings:edit", args=[gathering.pk]),
            "back_label": _("つどいの編集にもどる"),
        },
    )


@member
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: str) -> HttpResponse:
    gathering = get_gathering_for_user(request, pk, kept=True)
    before = snapshot(gathering)
    form = GatheringForm(request.POST or None, instance=gathering)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            gathering = form.save(commit=False)
            if any(field in form.changed_data for field in PLACE_FIELDS):
                gathering.record_place_entry(gathering.organization)
            gathering.save()
            form.save_m2m()
            after = snapshot(gathering)
            for field in after:
                if before[field] != after[field]:
                    gathering.log_change(
                        action=ChangeAction.UPDATE,
                        field=field,
                        before=before[field],
                        after=after[field],
                        by=request.user,
                    )
            if gathering.service_id or gathering.is_published:
                gathering.sync_service()
        messages.success(request, _("つどいを保存しました。"))
        return redirect("gatherings:edit", pk=gathering.pk)
    return render(
        request,
        "gatherings/form.html",
        {
            "form": form,
            "organization": gathering.organization,
            "gathering": gathering,
            "cancel_form": CancellationForm(gathering=gathering),
            "cancellations": gathering.cancellations.filter(day__gte=timezone.localdate()),
        },
    )


# What each state button does: the transition, and what the organiser is told.
STATE_ACTIONS: dict[str, tuple[str, Any, Any]] = {
    "publish": (
        "publish",
        gettext_lazy("つどいを公開しました。予定表と相談先さがしに出ます。"),
        gettext_lazy("このつどいはすでに公開されています。"),
    ),
    "withdraw": (
        "withdraw",
        gettext_lazy("つどいの公開をやめました。"),
        gettext_lazy("このつどいは公開されていません。"),
    ),
    "pause": (
        "pause",
        gettext_lazy(
            "お休みにしました。ページには「いまはお休みしています」と出て、予定表には出ません。"
        ),
        gettext_lazy("公開中のつどいだけをお休みにできます。"),
    ),
    "end": (
        "end",
        gettext_lazy("つどいを終了にしました。ページには「このつどいは終わりました」と出ます。"),
        gettext_lazy("このつどいは終了にできません。"),
    ),
    "delete": (
        "delete_by_organizer",
        gettext_lazy("つどいを削除しました。変更の記録は残ります。"),
        gettext_lazy("このつどいは削除できません。"),
    ),
}


@member
@require_POST
def change_state(request: HttpRequest, pk: str, action: str) -> HttpResponse:
    gathering = get_gathering_for_user(request, pk, kept=True)
    method, done, refused = STATE_ACTIONS[action]
    try:
        getattr(gathering, method)(by=request.user)
    except InvalidTransition:
        messages.error(request, str(refused))
    else:
        if gathering.state == GatheringState.SUBMITTED:
            done = gettext_lazy(
                "公開のお願いを受け付けました。事務局が確認してから公開します。確認が済むと、予定表と相談先さがしに出ます。"
            )
        messages.success(request, str(done))
        if action == "delete":
            return redirect("gatherings:manage")
    return redirect("gatherings:edit", pk=gathering.pk)


@member
@require_POST
def cancel_session(request: HttpRequest, pk: str) -> HttpResponse:
    gathering = get_gathering_for_user(request, pk, kept=True)
    form = CancellationForm(request.POST, gathering=gathering)
    if not form.is_valid():
        return render(
            request,
            "gatherings/form.html",
            {
                "form": GatheringForm(instance=gathering),
                "organization": gathering.organization,
                "gathering": gathering,
                "cancel_form": form,
                "cancellations": gathering.cancellations.filter(day__gte=timezone.localdate()),
            },
            status=400,
        )
    day = form.cleaned_data["day"]
    gathering.cancel_session(day, reason=form.cleaned_data["reason"], by=request.user)
    messages.success(
        request,
        _("%(day)sの回を中止にしました。予定表とカレンダーアプリに「中止」と出ます。")
        % {"day": date_format(day, "MONTH_DAY_FORMAT")},
    )
    return redirect("gatherings:edit", pk=gathering.pk)


@member
@require_POST
def restore_session(request: HttpRequest, pk: str, cancellation_pk: int) -> HttpResponse:
    gathering = get_gathering_for_user(request, pk, kept=True)
    cancellation = get_object_or_404(gathering.cancellations, pk=cancellation_pk)
    gathering.restore_session(cancellation, by=request.user)
    messages.success(request, _("中止を取り消しました。その日は予定どおり開きます。"))
    return redirect("gatherings:edit", pk=gathering.pk)


@member
@require_GET
def history(request: HttpRequest, pk: str) -> HttpResponse:
    gathering = get_gathering_for_owner_or_staff(request, pk)
    return render(
        request,
        "gatherings/history.html",
        {"gathering": gathering, "rows": history_rows(gathering)},
    )


# --- staff review of a member's first publication (decision 0024) ------------------------


@staff
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    waiting = (
        Gathering.objects.filter(state=GatheringState.SUBMITTED)
        .select_related("organization")
        .order_by("updated_at")
    )
    return render(request, "gatherings/review_queue.html", {"gatherings": waiting})


def _submitted(pk: str) -> Gathering:
    try:
        return Gathering.objects.get(pk=pk, state=GatheringState.SUBMITTED)
    except (Gathering.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


@staff
@require_POST
def approve(request: HttpRequest, pk: str) -> HttpResponse:
    gathering = _submitted(pk)
    gathering.approve(by=request.user)
    messages.success(request, _("つどいを公開しました。予定表と相談先さがしに出ます。"))
    return redirect("gatherings:review_queue")


@staff
@require_POST
def send_back(request: HttpRequest, pk: str) -> HttpResponse:
    gathering = _submitted(pk)
    message = (request.POST.get("message") or "").strip()[:2000]
    if not message:
        messages.error(request, _("差し戻す理由を書いてください。"))
        return redirect("gatherings:review_queue")
    gathering.send_back(by=request.user, message=message)
    messages.success(request, _("つどいを下書きに戻し、団体に理由を伝えました。"))
    return redirect("gatherings:review_queue")
