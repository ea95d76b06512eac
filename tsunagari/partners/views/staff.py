"""The secretariat's pages: applications and the network at a glance."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from tsunagari.core.access import staff
from tsunagari.core.transitions import InvalidTransition
from tsunagari.partners import network, services
from tsunagari.partners.forms import (
    StaffDecisionForm,
)
from tsunagari.partners.models import (
    Member,
    Sector,
)


@staff
@require_GET
def staff_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "partners/staff_home.html",
        {
            "applications": services.pending_applications(),
            "approved": Member.objects.approved().select_related("organization"),
        },
    )


@staff
@require_http_methods(["GET", "POST"])
def staff_application(request: HttpRequest, pk: int) -> HttpResponse:
    member_ = get_object_or_404(Member.objects.select_related("organization"), pk=pk)
    form = StaffDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action, message = request.POST.get("action"), form.cleaned_data["message"]
        try:
            if action == "approve":
                services.member_approve(member=member_, by=request.user, message=message)
                messages.success(request, _("承認しました。担当者に招待のメールを送ります。"))
            elif action == "ask_back" and message:
                services.member_ask_back(member=member_, by=request.user, message=message)
                messages.success(request, _("確認のメールを送りました。"))
            elif action == "ask_back":
                form.add_error("message", _("確認したいことを書いてください。"))
            elif action == "leave":
                withdrawn = services.member_leave(member=member_, by=request.user)
                messages.success(
                    request, _("退会の扱いにしました。参加団体の一覧には出なくなります。")
                )
                if withdrawn:
                    messages.info(
                        request,
                        ngettext(
                            "この団体のつどい%(count)d件の公開をやめました。",
                            "この団体のつどい%(count)d件の公開をやめました。",
                            withdrawn,
                        )
                        % {"count": withdrawn},
                    )
            elif action == "decline":
                services.member_decline(member=member_, by=request.user, message=message)
                messages.success(request, _("見送りにしました。"))
            else:
                form.add_error(None, _("操作を選んでください。"))
        except InvalidTransition:
            form.add_error(None, _("いまの状態ではこの操作はできません。"))
        if not form.errors:
            return redirect("partners:staff_home")
    return render(
        request,
        "partners/staff_application.html",
        {"member": member_, "form": form},
        status=400 if form.errors else 200,
    )


@staff
@require_GET
def network_view(request: HttpRequest) -> HttpResponse:
    labels, nodes, edges = network.picture()
    outside, total, percent = network.share_outside_welfare()
    return render(
        request,
        "partners/network.html",
        {
            "labels": labels,
            "nodes": nodes,
            "edges": edges,
            "size": network.SIZE,
            "pairs": network.sector_pairs(edges),
            "by_sector": network.members_by_sector(),
            "outside": outside,
            "total": total,
            "percent": percent,
            "few_wards": network.wards_with_few_members(),
            "few_needs": network.needs_with_few_services(),
            "few_members": network.FEW_MEMBERS,
            "few_services": network.FEW_SERVICES,
            "welfare_sectors": [s.label for s in Sector if s in Sector.welfare()],
        },
    )
