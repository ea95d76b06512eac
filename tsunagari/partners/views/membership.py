"""Joining the platform, the public member list, and an organisation's own pages."""

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tsunagari.accounts.models import Role
from tsunagari.core.access import member, public
from tsunagari.directory.models import Ward
from tsunagari.directory.needs import NEEDS
from tsunagari.partners import services
from tsunagari.partners.access import (
    get_organization_for_user,
    is_platform_staff,
    organizations_for,
)
from tsunagari.partners.forms import (
    AnswerForm,
    ApplicationForm,
    InvitationForm,
    ProfileForm,
)
from tsunagari.partners.models import (
    ContactRequest,
    ContactStatus,
    Member,
    MemberStatus,
    Notice,
    Offer,
    Request,
    Sector,
)
from tsunagari.partners.uploads import CONTENT_TYPES, delete_replaced_logo
from tsunagari.translations.content import attach


@public
@require_GET
def members(request: HttpRequest) -> HttpResponse:
    qs = Member.objects.approved().select_related("organization")
    sector, need, ward = (
        request.GET.get("sector", ""),
        request.GET.get("need", ""),
        request.GET.get("ward", ""),
    )
    if sector in Sector.values:
        qs = qs.filter(sector=sector)
    rows = list(qs)
    if need:
        rows = [m for m in rows if need in m.needs]
    if ward:
        rows = [m for m in rows if ward in m.wards]
    organizations = attach(m.organization for m in rows)  # names in the reader's language
    return render(
        request,
        "partners/members.html",
        {
            "members": rows,
            "content_missing": any(o.content.missing for o in organizations),
            "sectors": Sector.choices,
            "needs": NEEDS,
            "wards": Ward.sakai_wards(),
            "sector": sector,
            "need": need,
            "ward": ward,
        },
    )


@public
@require_GET
def member_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    member_ = get_object_or_404(
        Member.objects.approved().select_related("organization"), organization__pk=pk
    )
    offers = Offer.objects.filter(organization=member_.organization, is_open=True)
    wanted = Request.objects.filter(organization=member_.organization, is_open=True)
    return render(
        request,
        "partners/member_detail.html",
        {"member": member_, "offers": offers, "wanted": wanted},
    )


@public
@require_GET
def logo(request: HttpRequest, pk: Any) -> HttpResponse:
    """A member's logo, only while it is an approved member; never the raw media directory."""
    member_ = get_object_or_404(Member.objects.approved(), organization__pk=pk)
    ext = member_.logo.name.rsplit(".", 1)[-1] if member_.logo else ""
    if ext not in CONTENT_TYPES:
        raise Http404
    try:
        handle = member_.logo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=CONTENT_TYPES[ext])
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cache-Control"] = "public, max-age=3600"
    return response  # type: ignore[return-value]


@public
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.member_apply(**form.cleaned_data)
        return redirect("partners:join_thanks")
    return render(request, "partners/join.html", {"form": form})


@public
@require_GET
def join_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "partners/join_thanks.html")


@public
@require_http_methods(["GET", "POST"])
def application_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The applicant answers the secretariat's questions here. The signed link is the permission."""
    member_ = services.member_from_answer_token(token)
    if member_ is None:
        return render(request, "partners/application_answer_invalid.html", status=404)
    form = AnswerForm(request.POST or None)
    answered = member_.status != MemberStatus.ASKED_BACK
    if request.method == "POST" and not answered and form.is_valid():
        services.member_answer(member=member_, text=form.cleaned_data["answer"])
        messages.success(request, _("お答えを事務局に届けました。ありがとうございます。"))
        return redirect("partners:application_answer", token=token)
    return render(
        request,
        "partners/application_answer.html",
        {"member": member_, "form": form, "answered": answered},
        status=400 if form.errors else 200,
    )


@member
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    orgs = list(organizations_for(request.user).select_related("member"))
    roles = {r.organization_id: r for r in Role.objects.filter(user_id=request.user.pk)}  # type: ignore[misc]
    received = ContactRequest.objects.filter(to_organization__in=orgs, status=ContactStatus.PENDING)
    notices = (
        Notice.objects.filter(Q(sector="") | Q(sector__in=[o.member.sector for o in orgs]))[:5]
        if orgs
        else []
    )
    return render(
        request,
        "partners/dashboard.html",
        {
            "organizations": [(o, roles.get(o.pk)) for o in orgs],
            "received": received,
            "notices": notices,
            "is_staff": is_platform_staff(request.user),
        },
    )


@member
@require_http_methods(["GET", "POST"])
def org_edit(request: HttpRequest, pk: Any) -> HttpResponse:
    organization = get_organization_for_user(request, pk, admin=True)
    member_ = organization.member  # type: ignore[attr-defined]
    form = ProfileForm(
        request.POST or None,
        request.FILES or None,
        instance=member_,
        initial={"description": organization.description},
    )
    old_logo = member_.logo.name or ""
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            delete_replaced_logo(saved.logo, old_logo)
            organization.description = form.cleaned_data["description"]
            organization.save(update_fields=["description", "updated_at"])
        messages.success(request, _("団体の情報を保存しました。"))
        return redirect("partners:org_edit", pk=organization.pk)
    return render(request, "partners/org_edit.html", {"organization": organization, "form": form})


@member
@require_http_methods(["GET", "POST"])
def org_people(request: HttpRequest, pk: Any) -> HttpResponse:
    organization = get_organization_for_user(request, pk, admin=True)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.invitation_create(
            organization=organization,
            email=form.cleaned_data["email"],
            kind=form.cleaned_data["kind"],
            by=request.user,
        )
        messages.success(request, _("招待のメールを送りました。"))
        return redirect("partners:org_people", pk=organization.pk)
    roles = Role.objects.filter(organization=organization).select_related("user")
    pending = organization.invitations.filter(accepted_at__isnull=True)  # type: ignore[attr-defined]
    return render(
        request,
        "partners/org_people.html",
        {"organization": organization, "roles": roles, "pending": pending, "form": form},
    )
