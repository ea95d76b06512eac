import csv

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from tsunagari.core.access import public, staff
from tsunagari.supporters.certificate import FontMissing, certificate_pdf
from tsunagari.supporters.course import LESSONS, LESSONS_BY_SLUG
from tsunagari.supporters.forms import LectureForm, LessonQuizForm, RegisterForm
from tsunagari.supporters.models import Lecture, Supporter
from tsunagari.supporters.stats import by_ward_and_month

CERTIFICATE_SALT = "supporters.certificate"
CERTIFICATE_LINK_SECONDS = 24 * 60 * 60


@public
@require_safe
def course(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "supporters/course.html",
        {"lessons": LESSONS, "lectures": Lecture.objects.upcoming()[:3]},
    )


@public
@require_http_methods(["GET", "POST"])
def lesson(request: HttpRequest, slug: str) -> HttpResponse:
    current = LESSONS_BY_SLUG.get(slug)
    if current is None:
        raise Http404
    index = LESSONS.index(current)
    form = LessonQuizForm(request.POST or None, lesson=current)
    checked = form.checked() if request.method == "POST" and form.is_valid() else None
    return render(
        request,
        "supporters/lesson.html",
        {
            "lesson": current,
            "number": index + 1,
            "total": len(LESSONS),
            "form": form,
            "checked": checked,
            "next": LESSONS[index + 1] if index + 1 < len(LESSONS) else None,
        },
    )


@public
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        supporter = Supporter.register(
            name=form.cleaned_data["name"], ward=form.cleaned_data["ward"]
        )
        token = signing.dumps(supporter.pk, salt=CERTIFICATE_SALT)
        return render(
            request, "supporters/registered.html", {"supporter": supporter, "token": token}
        )
    return render(request, "supporters/register.html", {"form": form})


@public
@require_safe
def certificate(request: HttpRequest, token: str) -> HttpResponse:
    """The certificate, for the person who just registered (a signed link valid for a day)."""
    try:
        pk = signing.loads(token, salt=CERTIFICATE_SALT, max_age=CERTIFICATE_LINK_SECONDS)
        supporter = Supporter.objects.get(pk=pk)
    except (signing.BadSignature, Supporter.DoesNotExist):
        raise Http404 from None
    try:
        body = certificate_pdf(supporter)
    except FontMissing:
        return render(request, "supporters/certificate_unavailable.html", status=503)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="tsunagari-supporter-{supporter.number}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@public
@require_safe
def lectures(request: HttpRequest) -> HttpResponse:
    return render(request, "supporters/lectures.html", {"lectures": Lecture.objects.upcoming()})


@staff
@require_http_methods(["GET", "POST"])
def staff_home(request: HttpRequest) -> HttpResponse:
    form = LectureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("講座を追加しました。"))
        return redirect("supporters:staff")
    months, rows = by_ward_and_month()
    return render(
        request,
        "supporters/staff.html",
        {
            "months": months,
            "rows": rows,
            "total": Supporter.objects.count(),
            "supporters": Supporter.objects.all()[:200],
            "form": form,
            "lectures": Lecture.objects.upcoming(),
        },
    )


@staff
@require_safe
def staff_export(request: HttpRequest) -> HttpResponse:
    """Counts only (ward × month); names never leave the staff page."""
    months, rows = by_ward_and_month()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="supporters-by-ward-month.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("区"), *months, _("合計")])
    for label, counts, total in rows:
        writer.writerow([label, *counts, total])
    return response
