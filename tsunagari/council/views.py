"""Council pages. The notice is public; everything else is for listed, current,
pledged members with a second sign-in factor, and answers 404 to everyone else.

Every personal detail shown is read through ``reveal``/``reveal_many`` here, in the
view, so each page view leaves access records; templates only get plain strings.
"""

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tsunagari.core.access import member, public
from tsunagari.core.transitions import InvalidTransition
from tsunagari.council.access import cases_for, get_case_for_user, get_member_for_user
from tsunagari.council.forms import (
    CaseMemberForm,
    CaseOpenForm,
    CloseForm,
    ConferenceForm,
    NoteForm,
    PledgeForm,
    TaskForm,
)
from tsunagari.council.models import (
    PURPOSE_READ,
    Case,
    Conference,
    Council,
    CouncilMember,
    PledgeText,
    Task,
)
from tsunagari.council.services import case_open, conference_record, note_add, task_assign
from tsunagari.sensitive.access import two_factor_required


def _purpose() -> str:
    return str(PURPOSE_READ)


def _posted(request: HttpRequest) -> Any:
    """The submitted data, or None for GET (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


@public
@require_GET
def notice(request: HttpRequest) -> HttpResponse:
    """The 公示: name, coordinating body and member bodies, as staff entered them."""
    council = Council.current()
    today = timezone.localdate()
    bodies = [b for b in council.bodies.all() if b.is_current(today)] if council else []
    return render(request, "council/notice.html", {"council": council, "bodies": bodies})


@member
@two_factor_required
@never_cache
@require_http_methods(["GET", "POST"])
def pledge(request: HttpRequest) -> HttpResponse:
    """A member in term signs the current secrecy pledge; nobody else has this page."""
    today = timezone.localdate()
    user: Any = request.user
    membership = (
        CouncilMember.objects.filter(user=user, starts_on__lte=today)
        .exclude(ends_on__lt=today)
        .select_related("body")
        .first()
    )
    text = PledgeText.current()
    if membership is None or text is None:
        raise Http404
    form = PledgeForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        membership.sign_pledge(text, on=today)
        messages.success(request, _("守秘義務の誓約を記録しました。"))
        return redirect("council:cases")
    return render(
        request, "council/pledge.html", {"form": form, "pledge": text, "membership": membership}
    )


@member
@two_factor_required
@never_cache
@require_GET
def cases(request: HttpRequest) -> HttpResponse:
    me = get_member_for_user(request)
    listed = cases_for(me).order_by("status", "-opened_at")
    return render(request, "council/cases.html", {"me": me, "cases": listed})


@member
@two_factor_required
@never_cache
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    me = get_member_for_user(request)
    form = CaseOpenForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        case = case_open(by=me, **form.cleaned_data)
        messages.success(
            request, _("ケース %(number)s を受け付けました。") % {"number": case.number}
        )
        return redirect("council:case", pk=case.pk)
    return render(request, "council/case_new.html", {"form": form})


@member
@two_factor_required
@never_cache
@require_GET
def case_detail(request: HttpRequest, pk: str) -> HttpResponse:
    me, case = get_case_for_user(request, pk)
    details = case.reveal_many(
        ["person_name", "situation", "outcome_note"], reader=request.user, purpose=_purpose()
    )
    notes = [
        (note, note.reveal("body", reader=request.user, purpose=_purpose()))
        for note in case.notes.select_related("written_by__user")
    ]
    context = {
        "me": me,
        "case": case,
        "details": details,
        "notes": notes,
        "conferences": case.conferences.all(),
        "listed": case.listings.select_related("member__user", "member__body"),
        "member_form": CaseMemberForm(case=case, adder=me),
        "note_form": NoteForm(),
        "moves": case.allowed_moves(),
    }
    return render(request, "council/case_detail.html", context)


def _invalid(request: HttpRequest, form: Any) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@member
@two_factor_required
@require_POST
def case_add_member(request: HttpRequest, pk: str) -> HttpResponse:
    me, case = get_case_for_user(request, pk)
    form = CaseMemberForm(request.POST, case=case, adder=me)
    if form.is_valid():
        try:
            case.add_member(form.cleaned_data["member"], by=me)
        except InvalidTransition:
            messages.error(request, _("終了したケースには構成員を加えられません。"))
        else:
            messages.success(request, _("構成員をケースに加えました。"))
    else:
        _invalid(request, form)
    return redirect("council:case", pk=case.pk)


@member
@two_factor_required
@never_cache
@require_http_methods(["GET", "POST"])
def note_new(request: HttpRequest, pk: str) -> HttpResponse:
    me, case = get_case_for_user(request, pk)
    form = NoteForm(_posted(request))
    if case.is_closed:
        messages.error(request, _("終了したケースには記録を足せません。"))
        return redirect("council:case", pk=case.pk)
    if request.method == "POST" and form.is_valid():
        note_add(case=case, by=me, **form.cleaned_data)
        messages.success(request, _("記録を残しました。"))
        return redirect("council:case", pk=case.pk)
    return render(request, "council/note_form.html", {"form": form, "case": case})


@member
@two_factor_required
@require_POST
def case_move(request: HttpRequest, pk: str, move: str) -> HttpResponse:
    me, case = get_case_for_user(request, pk)
    if move not in ("start_support", "begin_follow_up"):
        raise Http404
    try:
        getattr(case, move)(by=me)
    except InvalidTransition:
        messages.error(request, _("いまの状態からは、その操作はできません。"))
    else:
        messages.success(request, _("ケースの状態を変えました。"))
    return redirect("council:case", pk=case.pk)


@member
@two_factor_required
@never_cache
@require_http_methods(["GET", "POST"])
def case_close(request: HttpRequest, pk: str) -> HttpResponse:
    me, case = get_case_for_user(request, pk)
    if case.is_closed:
        messages.error(request, _("このケースはもう終了しています。"))
        return redirect("council:case", pk=case.pk)
    form = CloseForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        case.close(by=me, outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"])
        messages.success(request, _("ケースを終了しました。"))
        return redirect("council:case", pk=case.pk)
    return render(request, "council/close.html", {"form": form, "case": case})


@member
@two_factor_required
@never_cache
@require_http_methods(["GET", "POST"])
def conference_new(request: HttpRequest, pk: str) -> HttpResponse:
    me, case = get_case_for_user(request, pk)
    if case.is_closed:
        messages.error(request, _("終了したケースには会議を記録できません。"))
        return redirect("council:case", pk=case.pk)
    form = ConferenceForm(_posted(request), case=case)
    if request.method == "POST" and form.is_valid():
        conference = conference_record(case=case, by=me, **form.cleaned_data)
        messages.success(request, _("会議の記録を残しました。"))
        return redirect("council:conference", pk=case.pk, conference_pk=conference.pk)
    return render(request, "council/conference_form.html", {"form": form, "case": case})


def _conference(case: Case, conference_pk: str) -> Conference:
    try:
        return case.conferences.prefetch_related("attendees__user", "attendees__body").get(
            pk=conference_pk
        )
    except (Conference.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def _conference_context(
    request: HttpRequest, me: CouncilMember, case: Case, conference: Conference
) -> dict[str, Any]:
    texts = conference.reveal_many(
        ["agenda", "minutes", "decisions"], reader=request.user, purpose=_purpose()
    )
    tasks = [
        (task, task.reveal("description", reader=request.user, purpose=_purpose()))
        for task in conference.tasks.select_related("owner__user", "owner__body")
    ]
    person_name = case.reveal("person_name", reader=request.user, purpose=_purpose())
    return {
        "me": me,
        "case": case,
        "conference": conference,
        "texts": texts,
        "tasks": tasks,
        "person_name": person_name,
    }


@member
@two_factor_required
@never_cache
@require_GET
def conference_detail(request: HttpRequest, pk: str, conference_pk: str) -> HttpResponse:
    me, case = get_case_for_user(request, pk)
    conference = _conference(case, conference_pk)
    context = _conference_context(request, me, case, conference)
    context["task_form"] = TaskForm(case=case)
    return render(request, "council/conference_detail.html", context)


@member
@two_factor_required
@never_cache
@require_GET
def conference_print(request: HttpRequest, pk: str, conference_pk: str) -> HttpResponse:
    """The minutes for the meeting table, watermarked with who printed them and when."""
    me, case = get_case_for_user(request, pk)
    conference = _conference(case, conference_pk)
    context = _conference_context(request, me, case, conference)
    context["watermark"] = _("%(name)s が %(time)s に表示") % {
        "name": str(request.user),
        "time": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
    }
    context["watermark_rows"] = range(12)
    return render(request, "council/conference_print.html", context)


@member
@two_factor_required
@require_POST
def task_new(request: HttpRequest, pk: str, conference_pk: str) -> HttpResponse:
    me, case = get_case_for_user(request, pk)
    conference = _conference(case, conference_pk)
    form = TaskForm(request.POST, case=case)
    if case.is_closed:
        messages.error(request, _("終了したケースには役割を足せません。"))
    elif form.is_valid():
        task_assign(conference=conference, by=me, **form.cleaned_data)
        messages.success(request, _("役割を記録しました。"))
    else:
        _invalid(request, form)
    return redirect("council:conference", pk=case.pk, conference_pk=conference.pk)


@member
@two_factor_required
@require_POST
def task_done(request: HttpRequest, pk: str, task_pk: str) -> HttpResponse:
    me, case = get_case_for_user(request, pk)
    try:
        task = Task.objects.select_related("conference").get(pk=task_pk, conference__case=case)
    except (Task.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    try:
        with transaction.atomic():
            task.mark_done(by=me)
    except InvalidTransition:
        messages.error(request, _("この役割はもう済んでいます。"))
    else:
        messages.success(request, _("役割を済みにしました。"))
    return redirect("council:conference", pk=case.pk, conference_pk=task.conference_id)
