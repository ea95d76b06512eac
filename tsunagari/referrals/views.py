"""Referral pages: members refer and act; a person asks a desk to contact them; public figures."""

import hashlib
import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tsunagari.core.access import member, public
from tsunagari.core.transitions import InvalidTransition
from tsunagari.council.access import active_membership
from tsunagari.directory.models import Service
from tsunagari.directory.models.service import ServiceKind
from tsunagari.navigator.text import SCANNED_CHARS
from tsunagari.partners.access import is_platform_staff, organizations_for, require_membership
from tsunagari.referrals import services
from tsunagari.referrals.access import get_referral_for_user, is_receiver, is_sender
from tsunagari.referrals.figures import public_figures
from tsunagari.referrals.forms import (
    ConsentWithdrawalForm,
    MoveForm,
    ReasonForm,
    ReferralForm,
    SelfReferralForm,
    new_submission_key,
)
from tsunagari.referrals.models import Referral, ReferralStatus
from tsunagari.sensitive.access import two_factor_required

DETAIL_FIELDS = ["person_name", "contact_how", "contact_when", "note", "navigator_text"]


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    # same-origin, not no-referrer: browsers send "Origin: null" with no-referrer, which fails CSRF.
    response["Referrer-Policy"] = "same-origin"
    return response


# ------------------------------------------------------------------ members


@member
@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    require_membership(request)
    own = organizations_for(request.user)
    visible = Referral.objects.visible_to(request.user).select_related(
        "service", "to_organization", "from_organization"
    )
    context = {
        "received": visible.filter(to_organization__in=own, relayed=False),
        "sent": visible.filter(from_organization__in=own),
        "relayed": visible.filter(relayed=True) if is_platform_staff(request.user) else None,
    }
    return _private(render(request, "referrals/list.html", context))


def _previous_for(request: HttpRequest) -> Referral | None:
    """The referral being passed on (ほかへつないだ), when the receiver refers onwards."""
    pk = request.GET.get("previous") or request.POST.get("previous")
    return _passed_on(request, pk) if pk else None


def _passed_on(request: HttpRequest, pk: Any) -> Referral:
    previous = get_referral_for_user(request, pk)
    if not is_receiver(request.user, previous) or previous.status not in (
        ReferralStatus.ACKNOWLEDGED,
        ReferralStatus.CONTACTED,
    ):
        raise Http404
    return previous


@member
@two_factor_required
@require_http_methods(["GET", "POST"])
def referral_new(request: HttpRequest, service_pk: Any) -> HttpResponse:
    own = organizations_for(request.user)
    if not own.exists():
        raise PermissionDenied
    service = get_object_or_404(Service.objects.public(), pk=service_pk, kind=ServiceKind.DESK)
    previous = _previous_for(request)
    form = ReferralForm(request.POST or None, organizations=own)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = services.referral_send(
                sender=request.user,
                from_organization=data["from_organization"],
                service=service,
                person_name=data["person_name"],
                contact_how=data["contact_how"],
                contact_when=data["contact_when"],
                language=data["language"],
                needs=data["needs"],
                urgency=data["urgency"],
                note=data["note"],
                consent_method=data["consent_method"],
                consent_given_on=data["consent_given_on"],
                shared=data["shared"],
                previous=previous,
            )
        except services.DuplicateReferral as duplicate:
            form.add_error(
                None,
                _(
                    "この方は、すでにこの相談先へつながれていて、まだ終わっていません"
                    "（参照番号 %(ref)s）。同じつなぎは送れません。"
                )
                % {"ref": duplicate.existing.reference},
            )
        except InvalidTransition:
            form.add_error(None, _("元のつなぎの状態が変わりました。もう一度確かめてください。"))
        else:
            messages.success(
                request,
                _("つなぎを送りました（参照番号 %(ref)s）。受ける側にメールで知らせます。")
                % {"ref": referral.reference},
            )
            return redirect("referrals:detail", referral.pk)
    context = {"form": form, "service": service, "previous": previous}
    return _private(render(request, "referrals/new.html", context, status=_status(request, form)))


def _status(request: HttpRequest, form: Any) -> int:
    return 400 if request.method == "POST" and form.errors else 200


def _detail_context(request: HttpRequest, referral: Referral, **forms: Any) -> dict[str, Any]:
    receiver = is_receiver(request.user, referral)
    sender = is_sender(request.user, referral)
    return {
        "referral": referral,
        "events": referral.events.select_related("actor"),
        "consent": getattr(referral, "consent", None),
        "receiver": receiver,
        "sender": sender,
        "move_form": MoveForm(current=referral.status) if receiver and referral.is_open else None,
        "can_refer_on": receiver
        and referral.status in (ReferralStatus.ACKNOWLEDGED, ReferralStatus.CONTACTED),
        "can_go_to_council": receiver
        and referral.can_go_to_council
        and active_membership(request.user) is not None,
        "withdraw_form": ReasonForm() if sender and referral.is_open else None,
        "consent_form": ConsentWithdrawalForm() if not referral.is_erased else None,
        **forms,
    }


@member
@require_GET
def referral_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    """The facts of a referral: where it is, its history, the consent. No personal details."""
    referral = get_referral_for_user(request, pk)
    return _private(render(request, "referrals/detail.html", _detail_context(request, referral)))


@member
@two_factor_required
@require_GET
def referral_onward(request: HttpRequest, pk: Any) -> HttpResponse:
    """The receiver looks for the service to pass the person on to (ほかへつないだ)."""
    previous = _passed_on(request, pk)
    q = str(request.GET.get("q", "")).strip()[:100]
    desks = (
        Service.objects.public()
        .filter(kind=ServiceKind.DESK)
        .exclude(pk=previous.service_id)
        .select_related("organization")
    )
    if q:
        desks = desks.filter(name__icontains=q)
    context = {"referral": previous, "desks": desks[:30], "q": q}
    return _private(render(request, "referrals/onward.html", context))


@member
@two_factor_required
@require_GET
def referral_details(request: HttpRequest, pk: Any) -> HttpResponse:
    """The person's details, decrypted for this reader; the read is recorded."""
    referral = get_referral_for_user(request, pk)
    purpose = (
        "受けたつなぎへの対応" if is_receiver(request.user, referral) else "送ったつなぎの確認"
    )
    details = referral.reveal_many(DETAIL_FIELDS, reader=request.user, purpose=purpose)
    return _private(
        render(request, "referrals/details.html", {"referral": referral, "details": details})
    )


@member
@two_factor_required
@require_POST
def referral_move(request: HttpRequest, pk: Any) -> HttpResponse:
    referral = get_referral_for_user(request, pk)
    if not is_receiver(request.user, referral):
        raise Http404
    form = MoveForm(request.POST, current=referral.status)
    if form.is_valid():
        try:
            services.referral_move(
                referral=referral,
                to=form.cleaned_data["to"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except InvalidTransition:
            messages.error(request, _("いまの状態からは、その変更はできません。"))
        else:
            messages.success(request, _("記録しました。送った側にも見えます。"))
        return redirect("referrals:detail", referral.pk)
    return _detail_with_errors(request, referral, move_form=form)


@member
@two_factor_required
@require_POST
def referral_council(request: HttpRequest, pk: Any) -> HttpResponse:
    """The receiver, being a current council member, opens a council case from the referral."""
    referral = get_referral_for_user(request, pk)
    membership = active_membership(request.user)
    if not is_receiver(request.user, referral) or membership is None:
        raise Http404
    try:
        case = services.referral_to_council(referral=referral, by=membership)
    except InvalidTransition:
        messages.error(request, _("いまの状態からは、その変更はできません。"))
        return redirect("referrals:detail", referral.pk)
    messages.success(
        request, _("地域協議会のケースにしました。協議会で話し合う人をケースに加えてください。")
    )
    return redirect("council:case", pk=case.pk)


def _detail_with_errors(request: HttpRequest, referral: Referral, **forms: Any) -> HttpResponse:
    context = _detail_context(request, referral, **forms)
    return _private(render(request, "referrals/detail.html", context, status=400))


@member
@two_factor_required
@require_POST
def referral_withdraw(request: HttpRequest, pk: Any) -> HttpResponse:
    referral = get_referral_for_user(request, pk)
    if not is_sender(request.user, referral):
        raise Http404
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _detail_with_errors(request, referral, withdraw_form=form)
    try:
        services.referral_withdraw(
            referral=referral, by=request.user, reason=form.cleaned_data["reason"]
        )
    except InvalidTransition:
        messages.error(request, _("終わったつなぎは取り下げられません。"))
    else:
        messages.success(request, _("つなぎを取り下げました。受ける側に知らせます。"))
    return redirect("referrals:detail", referral.pk)


@member
@two_factor_required
@require_POST
def referral_consent_withdraw(request: HttpRequest, pk: Any) -> HttpResponse:
    referral = get_referral_for_user(request, pk)
    form = ConsentWithdrawalForm(request.POST)
    if not form.is_valid():
        return _detail_with_errors(request, referral, consent_form=form)
    try:
        services.referral_withdraw_consent(
            referral=referral, by=request.user, reason=form.cleaned_data["reason"]
        )
    except InvalidTransition:
        messages.error(request, _("この方の情報は、もう消してあります。"))
    else:
        messages.success(
            request,
            _("同意の取り消しを記録し、お名前と連絡先を消しました。つないだ記録は残ります。"),
        )
    return redirect("referrals:detail", referral.pk)


# ------------------------------------------------------------------ the person themselves


def _rate_limited(request: HttpRequest) -> bool:
    """At most REFERRAL_SELF_PER_HOUR requests an hour from one address (a hash of it)."""
    address = request.META.get("REMOTE_ADDR", "")
    bucket = int(time.time() // 3600)
    key = "referrals:self:" + hashlib.sha256(f"{address}:{bucket}".encode()).hexdigest()[:32]
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:
        count = 1
    return count > settings.REFERRAL_SELF_PER_HOUR


def _consent_label(service: Service, relayed: bool) -> str:
    if relayed:
        return _(
            "この内容を「%(org)s」と、取り次ぐ「つながり」事務局に伝えることに同意します。"
        ) % {"org": service.organization.name}
    return _("この内容を「%(org)s」に伝えることに同意します。") % {"org": service.organization.name}


SESSION_TOKENS = "referral_tokens"


@public
@require_http_methods(["GET", "POST"])
def self_referral(request: HttpRequest, service_pk: Any) -> HttpResponse:
    """「この窓口から連絡してほしい」: how to reach me, when, consent. No account."""
    service = get_object_or_404(
        Service.objects.public().select_related("organization__member"),
        pk=service_pk,
        kind=ServiceKind.DESK,
    )
    relayed = not services.is_member(service.organization)
    label = _consent_label(service, relayed)
    arriving = request.method == "POST" and "submission_key" not in request.POST
    if request.method == "GET" or arriving:
        # From the navigator's answer: what they typed comes along, but is not attached.
        typed = str(request.POST.get("q", ""))[:SCANNED_CHARS] if arriving else ""
        form = SelfReferralForm(
            initial={"submission_key": new_submission_key(), "navigator_text": typed},
            consent_label=label,
        )
        return _self_form(request, form, service, relayed)
    form = SelfReferralForm(request.POST, consent_label=label)
    if not form.is_valid():
        return _self_form(request, form, service, relayed, status=400)
    data = form.cleaned_data
    # Pressed twice: the first one counts, the second goes to the same page.
    earlier = Referral.objects.filter(submission_key=data["submission_key"]).first()
    if earlier is not None:
        return redirect("referrals:self_done", earlier.reference)
    if _rate_limited(request):
        form.add_error(
            None, _("短い時間に何度も送られました。しばらくたってから、もう一度お試しください。")
        )
        return _self_form(request, form, service, relayed, status=429)
    try:
        made = services.referral_self_send(
            service=service,
            person_name=data["person_name"],
            contact_how=data["contact_how"],
            contact_when=data["contact_when"],
            language=data["language"],
            navigator_text=form.attached_text(),
            submission_key=data["submission_key"],
        )
    except services.DuplicateReferral:
        form.add_error(
            None,
            _(
                "同じ連絡先から、この窓口へのお願いをもう受け付けています。窓口からの連絡をお待ちください。"
            ),
        )
        return _self_form(request, form, service, relayed, status=400)
    tokens = request.session.get(SESSION_TOKENS, {})
    tokens[made.referral.reference] = made.token
    request.session[SESSION_TOKENS] = tokens
    return redirect("referrals:self_done", made.referral.reference)


def _self_form(
    request: HttpRequest, form: Any, service: Service, relayed: bool, status: int = 200
) -> HttpResponse:
    context = {"form": form, "service": service, "relayed": relayed}
    return _private(render(request, "referrals/self_form.html", context, status=status))


@public
@require_GET
def self_referral_done(request: HttpRequest, reference: str) -> HttpResponse:
    """The reference code and the secret link — shown only in the browser that sent it."""
    token = request.session.get(SESSION_TOKENS, {}).get(reference)
    if not token:
        raise Http404
    referral = get_object_or_404(Referral.objects.select_related("service"), reference=reference)
    link = request.build_absolute_uri(_status_path(reference=referral.reference, token=token))
    return _private(
        render(request, "referrals/self_done.html", {"referral": referral, "link": link})
    )


def _status_path(*, reference: str, token: str) -> str:
    from django.urls import reverse

    return reverse("referrals:status", args=[reference, token])


@public
@require_http_methods(["GET", "POST"])
def referral_status(request: HttpRequest, reference: str, token: str) -> HttpResponse:
    """Where a self-referral stands, without any personal detail. A wrong link learns nothing."""
    referral = Referral.objects.select_related("service").filter(reference=reference).first()
    if referral is None or not referral.status_token_matches(token):
        return _private(render(request, "referrals/status_invalid.html", status=404))
    if referral.status_link_expired():
        return _private(render(request, "referrals/status_expired.html", status=410))
    if request.method == "POST":
        if not referral.is_erased:
            with transaction.atomic():
                services.referral_withdraw_consent(
                    referral=referral, by=None, reason="本人が状況ページから取り消し"
                )
            messages.success(request, _("お願いを取り消し、連絡先を消しました。"))
        return redirect(request.path)
    return _private(render(request, "referrals/status.html", {"referral": referral}))


# ------------------------------------------------------------------ public figures


@public
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "referrals/figures.html",
        {"rows": public_figures(), "minimum": settings.REFERRAL_FIGURES_MINIMUM},
    )
