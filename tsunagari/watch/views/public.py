"""Pages a business reaches without an account: joining, its card (mailed link), the report
form behind the QR code, and a report's status (secret link). None shows a report's details."""

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from tsunagari.core.access import public
from tsunagari.navigator.urgent import SITUATIONS
from tsunagari.watch import services
from tsunagari.watch.forms import BusinessForm, ReportForm
from tsunagari.watch.models import WatchBusiness
from tsunagari.watch.views.qr import qr_svg, report_url

ELDER_EMERGENCY = next(s for s in SITUATIONS if s.code == "elder_emergency")


@public
@require_GET
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "watch/about.html")


@public
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    form = BusinessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.business_apply(
            name=data["name"],
            kind=data["kind"],
            ward=data["ward"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
        )
        return redirect("watch:join_thanks")
    return render(request, "watch/join.html", {"form": form})


@public
@require_GET
def join_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "watch/join_thanks.html")


@public
@require_GET
def card(request: HttpRequest, token: str) -> HttpResponse:
    business = WatchBusiness.by_card_token(token)
    if business is None:
        return render(request, "watch/link_invalid.html", {"reason": "invalid"}, status=404)
    url = report_url(business)
    return render(
        request,
        "watch/card.html",
        {
            "business": business,
            "qr_svg": qr_svg(url),
            "report_url": url,
            "reports": business.reports.order_by("-received_at")[:50],
        },
    )


@public
@require_http_methods(["GET", "POST"])
def report_form(request: HttpRequest, token: str) -> HttpResponse:
    business = WatchBusiness.by_report_token(token)
    if business is None:
        return render(request, "watch/qr_invalid.html", status=404)
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            report, _created = services.report_submit(
                business=business,
                idempotency_key=data["key"],
                kind=data["kind"],
                place=data["place"],
                details=data["details"],
                noticed_on=data["noticed_on"],
                immediate_danger=data["immediate_danger"],
                ward=data["ward"],
            )
            return redirect(
                reverse("watch:status", args=[services.status_token(report)]) + "?sent=1"
            )
    else:
        form = ReportForm(
            initial={"key": uuid.uuid4(), "ward": business.ward, "noticed_on": timezone.localdate()}
        )
    return render(
        request,
        "watch/report_form.html",
        {"business": business, "form": form, "emergency": ELDER_EMERGENCY},
    )


@public
@require_GET
def status(request: HttpRequest, token: str) -> HttpResponse:
    report, reason = services.report_from_status_token(token)
    if report is None:
        return render(request, "watch/link_invalid.html", {"reason": reason}, status=404)
    return render(
        request,
        "watch/status.html",
        {
            "report": report,
            "sent": request.GET.get("sent") == "1",
            "emergency": ELDER_EMERGENCY,
        },
    )
