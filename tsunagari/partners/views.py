"""Views of the platform: joining, the member list, offers and needs, contacts, notices, staff pages."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tsunagari.core.access import member, public, staff
from tsunagari.directory.models import Organization, Ward
from tsunagari.directory.needs import NEEDS
from tsunagari.partners import network, services
from tsunagari.partners.access import get_organization_for_user, organizations_for
from tsunagari.partners.forms import (
    ApplicationForm,
    AttendanceForm,
    ContactForm,
    InvitationForm,
    NoticeForm,
    OfferForm,
    ProfileForm,
    RequestForm,
    StaffDecisionForm,
)
from tsunagari.partners.matching import suggest_partners
from tsunagari.partners.models import (
    Attendance,
    ContactRequest,
    ContactStatus,
    InvalidTransition,
    Member,
    MemberStatus,
    Notice,
    Offer,
    Partnership,
    Posting,
    Request,
    Role,
    Sector,
)
from tsunagari.partners.uploads import CONTENT_TYPES


def _is_staff(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_staff or user.is_superuser))


def _require_membership(request: HttpRequest) -> None:
    """Pages for members of the platform: people of an approved member, and staff."""
    if not _is_staff(request.user) and not organizations_for(request.user).exists():
        raise PermissionDenied


# ---------------------------------------------------------------- public


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
    return render(
        request,
        "partners/members.html",
        {
            "members": rows,
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


# ---------------------------------------------------------------- members


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
            "is_staff": _is_staff(request.user),
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
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
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


@member
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    _require_membership(request)
    return render(
        request,
        "partners/board.html",
        {
            "offers": Offer.objects.filter(is_open=True).select_related("organization")[:100],
            "wanted": Request.objects.filter(is_open=True).select_related("organization")[:100],
        },
    )


POSTINGS: dict[str, tuple[type[Posting], type[OfferForm] | type[RequestForm]]] = {
    "offer": (Offer, OfferForm),
    "request": (Request, RequestForm),
}


def _posting_kind(kind: str) -> tuple[type[Posting], Any]:
    if kind not in POSTINGS:
        raise Http404
    return POSTINGS[kind]


def _own_posting(request: HttpRequest, kind: str, pk: int) -> Posting:
    model, _form = _posting_kind(kind)
    return get_object_or_404(model, pk=pk, organization__in=organizations_for(request.user))


@member
@require_http_methods(["GET", "POST"])
def posting_new(request: HttpRequest, pk: Any, kind: str) -> HttpResponse:
    organization = get_organization_for_user(request, pk)
    model, form_class = _posting_kind(kind)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        posting = form.save(commit=False)
        posting.organization = organization
        posting.created_by = request.user
        posting.save()
        messages.success(request, _("登録しました。つながれそうな団体をご覧ください。"))
        return redirect("partners:posting_detail", kind=kind, pk=posting.pk)
    return render(
        request,
        "partners/posting_form.html",
        {"form": form, "organization": organization, "kind": kind, "model": model},
    )


@member
@require_http_methods(["GET", "POST"])
def posting_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    posting = _own_posting(request, kind, pk)
    _model, form_class = _posting_kind(kind)
    form = form_class(request.POST or None, instance=posting)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("保存しました。"))
        return redirect("partners:posting_detail", kind=kind, pk=posting.pk)
    return render(
        request,
        "partners/posting_form.html",
        {"form": form, "organization": posting.organization, "kind": kind, "posting": posting},
    )


@member
@require_POST
def posting_close(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    posting = _own_posting(request, kind, pk)
    try:
        posting.close() if posting.is_open else posting.reopen()
    except InvalidTransition:
        pass
    return redirect("partners:posting_detail", kind=kind, pk=posting.pk)


@member
@require_GET
def posting_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    _require_membership(request)
    model, _form = _posting_kind(kind)
    posting = get_object_or_404(
        model.objects.select_related("organization__member"),  # type: ignore[attr-defined]
        pk=pk,
        organization__member__status=MemberStatus.APPROVED,
    )
    mine = organizations_for(request.user).filter(pk=posting.organization_id).exists()
    suggestions = suggest_partners(posting) if mine or _is_staff(request.user) else []
    return render(
        request,
        "partners/posting_detail.html",
        {"posting": posting, "kind": kind, "mine": mine, "suggestions": suggestions},
    )


@member
@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest, pk: Any) -> HttpResponse:
    own = organizations_for(request.user)
    if not own.exists():
        raise PermissionDenied
    target = get_object_or_404(Organization, pk=pk, member__status=MemberStatus.APPROVED)
    own = own.exclude(pk=target.pk)
    if not own.exists():
        raise Http404
    # The posting it is about: the target's, or one of the sender's own (from the suggestions).
    about = Q(organization=target) | Q(organization__in=own)
    offer_pk, request_pk = request.GET.get("offer", ""), request.GET.get("request", "")
    offer = Offer.objects.filter(about, pk=offer_pk).first() if offer_pk.isdigit() else None
    wanted = Request.objects.filter(about, pk=request_pk).first() if request_pk.isdigit() else None
    form = ContactForm(request.POST or None, organizations=own)
    if request.method == "POST" and form.is_valid():
        services.contact_request_send(
            from_organization=form.cleaned_data["from_organization"],
            to_organization=target,
            sender=request.user,
            message=form.cleaned_data["message"],
            offer=offer,
            request=wanted,
        )
        messages.success(request, _("連絡のお願いを送りました。相手の担当者にメールで届きます。"))
        return redirect("partners:contacts")
    return render(
        request,
        "partners/contact_form.html",
        {"form": form, "target": target, "offer": offer, "wanted": wanted},
    )


@member
@require_GET
def contacts(request: HttpRequest) -> HttpResponse:
    _require_membership(request)
    own = organizations_for(request.user)
    received = ContactRequest.objects.filter(to_organization__in=own).select_related(
        "from_organization", "to_organization"
    )
    sent = ContactRequest.objects.filter(from_organization__in=own).select_related(
        "from_organization", "to_organization"
    )
    partnerships = Partnership.objects.filter(
        Q(organization_a__in=own) | Q(organization_b__in=own)
    ).select_related("organization_a", "organization_b")
    return render(
        request,
        "partners/contacts.html",
        {"received": received, "sent": sent, "partnerships": partnerships},
    )


@member
@require_POST
def contact_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    contact = get_object_or_404(
        ContactRequest, pk=pk, to_organization__in=organizations_for(request.user)
    )
    try:
        if decision == "accept":
            services.contact_request_accept(contact=contact, by=request.user)
            messages.success(request, _("つながりました。連携として記録しました。"))
        elif decision == "decline":
            services.contact_request_decline(contact=contact, by=request.user)
            messages.info(request, _("今回は見送りにしました。"))
        else:
            raise Http404
    except InvalidTransition:
        messages.info(request, _("この連絡のお願いには、すでに返事をしています。"))
    return redirect("partners:contacts")


def _notices_for(request: HttpRequest) -> Any:
    if _is_staff(request.user):
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
    _require_membership(request)
    return render(request, "partners/notices.html", {"notices": _notices_for(request)[:100]})


@member
@require_http_methods(["GET", "POST"])
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_membership(request)
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


# ---------------------------------------------------------------- staff


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
                services.member_approve(member=member_, by=request.user)
                messages.success(request, _("承認しました。担当者に招待のメールを送ります。"))
            elif action == "ask_back" and message:
                services.member_ask_back(member=member_, by=request.user, message=message)
                messages.success(request, _("確認のメールを送りました。"))
            elif action == "ask_back":
                form.add_error("message", _("確認したいことを書いてください。"))
            elif action == "leave":
                member_.leave(by=request.user)
                messages.success(
                    request, _("退会の扱いにしました。参加団体の一覧には出なくなります。")
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
