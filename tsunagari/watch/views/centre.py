"""The 地域包括支援センター's pages: the reports routed to it, and one report's handling.

Opening a report needs two-factor sign-in for every role; its place, details and notes stay
masked until the reader asks to see them with a purpose (one access record per reading)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tsunagari.core.access import member
from tsunagari.core.transitions import InvalidTransition
from tsunagari.council.access import active_membership
from tsunagari.directory.models import Organization
from tsunagari.partners.access import is_platform_staff, organizations_for
from tsunagari.sensitive.access import two_factor_required
from tsunagari.watch import services
from tsunagari.watch.access import get_report_for_user, reports_for
from tsunagari.watch.forms import CloseForm, NoteForm, RevealForm, TransferForm
from tsunagari.watch.models import Report, ReportStatus
from tsunagari.watch.tables import centre_names


def centres() -> QuerySet[Organization]:
    return Organization.objects.filter(name__in=centre_names()).order_by("name")


def _require_centre_person(request: HttpRequest) -> None:
    if is_platform_staff(request.user):
        return
    if not organizations_for(request.user).filter(name__in=centre_names()).exists():
        raise PermissionDenied


@member
@require_GET
def centre_home(request: HttpRequest) -> HttpResponse:
    _require_centre_person(request)
    reports = reports_for(request.user)
    return render(
        request,
        "watch/centre_home.html",
        {
            "open_reports": reports.exclude(status=ReportStatus.CLOSED).order_by(
                "-immediate_danger", "ack_due_at"
            ),
            "closed_reports": reports.filter(status=ReportStatus.CLOSED).order_by("-closed_at")[
                :50
            ],
        },
    )


def _forms(report: Report, data: Any = None) -> dict[str, Any]:
    return {
        "note_form": NoteForm(data if data and data.get("action") == "note" else None),
        "transfer_form": TransferForm(
            data if data and data.get("action") == "transfer" else None,
            centres=centres().exclude(pk__in=[report.centre_id] if report.centre_id else []),
        ),
        "close_form": CloseForm(data if data and data.get("action") == "close" else None),
        "reveal_form": RevealForm(),
    }


def _render(
    request: HttpRequest, report: Report, forms: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "watch/report_detail.html",
        {
            "report": report,
            "actions": report.actions.select_related("by", "centre"),
            "council_member": active_membership(request.user),
            **forms,
        },
        status=status,
    )


@member
@two_factor_required
@require_http_methods(["GET", "POST"])
def report_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    report = get_report_for_user(request, pk)
    if request.method == "GET":
        return _render(request, report, _forms(report))
    action = request.POST.get("action", "")
    forms = _forms(report, request.POST)
    try:
        if action == "acknowledge":
            services.report_acknowledge(report=report, by=request.user)
            messages.success(
                request, _("受けました。報告した事業所のページにも「対応中」と出ます。")
            )
            return redirect("watch:report_detail", pk=report.pk)
        if action == "council":
            # Only a current, pledged council member can open a case (docs/decisions/0026).
            membership = active_membership(request.user)
            if membership is None:
                raise PermissionDenied
            case = services.report_to_council(report=report, by=membership)
            messages.success(
                request,
                _("地域協議会のケースにしました。協議会で話し合う人をケースに加えてください。"),
            )
            return redirect("council:case", pk=case.pk)
        if action == "note" and forms["note_form"].is_valid():
            services.report_record(
                report=report, by=request.user, note=forms["note_form"].cleaned_data["note"]
            )
            messages.success(request, _("対応を記録しました。"))
            return redirect("watch:report_detail", pk=report.pk)
        if action == "transfer" and forms["transfer_form"].is_valid():
            data = forms["transfer_form"].cleaned_data
            services.report_transfer(
                report=report, to=data["to"], by=request.user, note=data["note"]
            )
            messages.success(request, _("%(centre)s に回しました。") % {"centre": data["to"]})
            return redirect("watch:centre_home")
        if action == "close" and forms["close_form"].is_valid():
            data = forms["close_form"].cleaned_data
            services.report_close(
                report=report, by=request.user, outcome=data["outcome"], note=data["note"]
            )
            messages.success(request, _("対応を終えました。"))
            return redirect("watch:report_detail", pk=report.pk)
    except InvalidTransition:
        messages.error(
            request, _("いまの状態では、その操作はできません。画面を読み込み直してください。")
        )
        return redirect("watch:report_detail", pk=report.pk)
    if action not in ("note", "transfer", "close"):
        messages.error(request, _("操作がわかりませんでした。もう一度えらんでください。"))
        return redirect("watch:report_detail", pk=report.pk)
    report.refresh_from_db()
    return _render(request, report, forms, status=400)


@member
@two_factor_required
@require_POST
def report_reveal(request: HttpRequest, pk: Any) -> HttpResponse:
    """Show the place, details and notes once, for a stated purpose (recorded, never the content)."""
    report = get_report_for_user(request, pk)
    form = RevealForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("見る目的をえらんでください。"))
        return redirect("watch:report_detail", pk=report.pk)
    purpose = form.cleaned_data["purpose"]
    revealed = report.reveal_many(["place", "details"], reader=request.user, purpose=purpose)
    actions = list(report.actions.select_related("by", "centre"))
    for action in actions:
        if action.note:
            action.revealed_note = action.reveal(  # type: ignore[attr-defined]
                "note", reader=request.user, purpose=purpose
            )
    response = render(
        request,
        "watch/report_detail.html",
        {
            "report": report,
            "actions": actions,
            "revealed": revealed,
            "council_member": active_membership(request.user),
            **_forms(report),
        },
    )
    response["Cache-Control"] = "no-store"
    return response
