"""The secretariat's pages: registrations and their decisions, printable cards, the figures."""

from datetime import datetime, time, timedelta
from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from tsunagari.core.access import staff
from tsunagari.core.transitions import InvalidTransition
from tsunagari.directory.hours import TOKYO
from tsunagari.watch import services
from tsunagari.watch.access import get_business_for_staff
from tsunagari.watch.figures import watch_figures
from tsunagari.watch.models import BusinessStatus, Report, ReportStatus, Routing, WatchBusiness
from tsunagari.watch.views.qr import qr_svg, report_url

DECISIONS = {
    "approve": gettext_lazy("承認しました。担当者にQRカードの案内を送ります。"),
    "decline": gettext_lazy("見送りにしました。担当者にお知らせを送ります。"),
    "suspend": gettext_lazy("休止にしました。QRコードの報告フォームは使えなくなります。"),
    "resume": gettext_lazy("協力を再開しました。"),
    "withdraw": gettext_lazy("登録をやめた扱いにしました。"),
    "renew": gettext_lazy(
        "新しいQRコードにしました。前のカードは使えません。担当者に案内を送ります。"
    ),
}
PERIODS = (30, 90, 365)


@staff
@require_GET
def staff_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "watch/staff_home.html",
        {
            "applied": WatchBusiness.objects.filter(status=BusinessStatus.APPLIED),
            "businesses": WatchBusiness.objects.exclude(status=BusinessStatus.APPLIED),
            "needs_staff": Report.objects.filter(
                Q(routing=Routing.STAFF) | Q(escalated_at__isnull=False),
                status=ReportStatus.RECEIVED,
            ).select_related("business", "centre"),
        },
    )


@staff
@require_http_methods(["GET", "POST"])
def staff_business(request: HttpRequest, pk: Any) -> HttpResponse:
    business = get_business_for_staff(pk)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in DECISIONS:
            messages.error(request, _("操作がわかりませんでした。もう一度えらんでください。"))
            return redirect("watch:staff_business", pk=business.pk)
        try:
            if action == "approve":
                services.business_approve(business=business, by=request.user)
            else:
                services.business_decide(business=business, action=action, by=request.user)
        except InvalidTransition:
            messages.error(request, _("いまの状態では、その操作はできません。"))
        else:
            messages.success(request, DECISIONS[action])
        return redirect("watch:staff_business", pk=business.pk)
    return render(
        request,
        "watch/staff_business.html",
        {"business": business, "reports": business.reports.select_related("centre")[:50]},
    )


@staff
@require_GET
def staff_card(request: HttpRequest, pk: Any) -> HttpResponse:
    business = get_business_for_staff(pk)
    url = report_url(business)
    return render(
        request,
        "watch/card.html",
        {"business": business, "qr_svg": qr_svg(url), "report_url": url, "staff_view": True},
    )


@staff
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    try:
        days = int(request.GET.get("days", "90"))
    except ValueError:
        days = 90
    if days not in PERIODS:
        days = 90
    today = timezone.localdate()
    until = datetime.combine(today + timedelta(days=1), time(0), tzinfo=TOKYO)
    since = until - timedelta(days=days)
    return render(
        request,
        "watch/figures.html",
        {
            "figures": watch_figures(since=since, until=until),
            "days": days,
            "periods": PERIODS,
        },
    )
