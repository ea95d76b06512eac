"""Public news and the secretariat's notices and meetings for members."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tsunagari.core.access import member, public, staff
from tsunagari.partners import services
from tsunagari.partners.access import (
    is_platform_staff,
    organizations_for,
    require_membership,
)
from tsunagari.partners.forms import (
    AttendanceForm,
    NoticeForm,
)
from tsunagari.partners.models import (
    Attendance,
    Member,
    Notice,
)


@public
@require_GET
def news(request: HttpRequest) -> HttpResponse:
    return render(
        request, "partners/news.html", {"notices": Notice.objects.filter(is_public=True)[:50]}
    )


@public
@require_GET
def news_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(Notice, pk=pk, is_public=True)
    return render(request, "partners/news_detail.html", {"notice": notice})


def _notices_for(request: HttpRequest) -> Any:
    if is_platform_staff(request.user):
        return Notice.objects.all()
    sectors = list(
        Member.objects.approved()
        .filter(organization__in=organizations_for(request.user))
        .values_list("sector", flat=True)
    )
    if not sectors:
        return Notice.objects.none()
    return Notice.objects.filter(Q(sector="") | Q(sector__in=sectors))


@member
@require_GET
def notices(request: HttpRequest) -> HttpResponse:
    require_membership(request)
    return render(request, "partners/notices.html", {"notices": _notices_for(request)[:100]})


@member
@require_http_methods(["GET", "POST"])
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_membership(request)
    notice = get_object_or_404(_notices_for(request), pk=pk)
    own = [o for o in organizations_for(request.user) if notice.reaches(o)]
    answers = {
        a.organization_id: a for a in Attendance.objects.filter(notice=notice, organization__in=own)
    }
    form = None
    if notice.is_meeting and own:
        form = AttendanceForm(request.POST or None)
        if request.method == "POST":
            organization = next(
                (o for o in own if str(o.pk) == request.POST.get("organization")), None
            )
            if organization is None:
                raise Http404
            if form.is_valid():
                services.attendance_answer(
                    notice=notice,
                    organization=organization,
                    answer=form.cleaned_data["answer"],
                    people=form.cleaned_data["people"],
                    by=request.user,
                )
                messages.success(request, _("出欠の回答を受け付けました。"))
                return redirect("partners:notice_detail", pk=notice.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "partners/notice_detail.html",
        {"notice": notice, "form": form, "own": [(o, answers.get(o.pk)) for o in own]},
    )


@staff
@require_http_methods(["GET", "POST"])
def notice_new(request: HttpRequest) -> HttpResponse:
    form = NoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["kind"] == "meeting" and not form.cleaned_data["starts_at"]:
            form.add_error("starts_at", _("会議の日時を入力してください。"))
        else:
            count = services.notice_post(notice=form.save(commit=False), by=request.user)
            messages.success(
                request,
                _("お知らせを掲載し、%(count)d件のメールを送信待ちにしました。") % {"count": count},
            )
            return redirect("partners:notices")
    return render(request, "partners/notice_form.html", {"form": form})


@staff
@require_GET
def notice_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(Notice, pk=pk)
    rows = Attendance.objects.filter(notice=notice).select_related("organization")
    return render(request, "partners/notice_attendance.html", {"notice": notice, "rows": rows})
