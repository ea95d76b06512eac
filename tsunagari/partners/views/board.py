"""Offers and requests (できること／してほしいこと), partner suggestions and contact requests."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tsunagari.core.access import member
from tsunagari.core.transitions import InvalidTransition
from tsunagari.directory.models import Organization
from tsunagari.partners import services
from tsunagari.partners.access import (
    get_organization_for_user,
    is_platform_staff,
    organizations_for,
    require_membership,
)
from tsunagari.partners.forms import (
    ContactForm,
    OfferForm,
    RequestForm,
)
from tsunagari.partners.matching import suggest_partners
from tsunagari.partners.models import (
    ContactRequest,
    MemberStatus,
    Offer,
    Partnership,
    Posting,
    Request,
)


@member
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    require_membership(request)
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
    require_membership(request)
    model, _form = _posting_kind(kind)
    posting = get_object_or_404(
        model.objects.select_related("organization__member"),  # type: ignore[attr-defined]
        pk=pk,
        organization__member__status=MemberStatus.APPROVED,
    )
    mine = organizations_for(request.user).filter(pk=posting.organization_id).exists()
    suggestions = suggest_partners(posting) if mine or is_platform_staff(request.user) else []
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
    require_membership(request)
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
