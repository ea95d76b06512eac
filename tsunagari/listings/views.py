from django.contrib import messages
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tsunagari.core.access import member, public, staff
from tsunagari.core.transitions import InvalidTransition
from tsunagari.directory.models import ReviewStatus, Service
from tsunagari.listings.access import (
    get_listing_for_owner_or_staff,
    get_listing_for_user,
    listings_for,
)
from tsunagari.listings.forms import ListingForm, SendBackForm
from tsunagari.listings.models import (
    CONFIRM_AFTER_MONTHS,
    ChangeAction,
    ListingChange,
)
from tsunagari.listings.services import (
    EDITABLE_FIELDS,
    confirmation_from_token,
    last_send_back_message,
    listing_approve,
    listing_confirm,
    listing_create,
    listing_send_back,
    listing_translations_save,
    listing_update,
    need_codes_of,
)
from tsunagari.partners.access import get_organization_for_user, organizations_for
from tsunagari.partners.models import need_labels
from tsunagari.translations.forms import TranslationChange, TranslationFormSet
from tsunagari.translations.pages import translations_page


@member
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    organizations = organizations_for(request.user)
    if not organizations.exists():
        raise Http404
    listings = (
        listings_for(request.user)
        .select_related("organization")
        .order_by("organization__name", "name")
    )
    return render(
        request, "listings/mine.html", {"organizations": organizations, "listings": listings}
    )


@member
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, org_pk: str) -> HttpResponse:
    organization = get_organization_for_user(request, org_pk)
    form = ListingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        service = listing_create(
            organization=organization, data=data, need_codes=data["need_codes"], by=request.user
        )
        messages.success(
            request, _("登録しました。事務局が確認してから公開されます。しばらくお待ちください。")
        )
        return redirect("listings:edit", pk=service.pk)
    return render(
        request, "listings/form.html", {"form": form, "organization": organization, "service": None}
    )


@member
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: str) -> HttpResponse:
    service = get_listing_for_user(request, pk)
    form = ListingForm(
        request.POST or None,
        instance=service,
        initial={"need_codes": need_codes_of(service)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = listing_update(
            service=service, data=data, need_codes=data["need_codes"], by=request.user
        )
        if changes:
            messages.success(request, _("変更を保存しました。変更の記録にも残りました。"))
        else:
            messages.info(request, _("変更はありませんでした。"))
        return redirect("listings:edit", pk=service.pk)
    service.refresh_from_db()
    return render(
        request,
        "listings/form.html",
        {
            "form": form,
            "organization": service.organization,
            "service": service,
            "send_back_message": last_send_back_message(service),
        },
    )


@member
@require_http_methods(["GET", "POST"])
def translations(request: HttpRequest, pk: str) -> HttpResponse:
    """The owners write their listing in other languages: whoever may edit it, and only the
    fields they keep (decision 0039); reviewed like their edits (decision 0005)."""
    service = get_listing_for_user(request, pk)

    def save(formset: TranslationFormSet) -> list[TranslationChange]:
        return listing_translations_save(service=service, formset=formset, by=request.user)

    published = service.review_status == ReviewStatus.PUBLISHED
    return translations_page(
        request,
        service,
        fields=EDITABLE_FIELDS,
        save=save,
        context={
            "record_name": service.name,
            "note": _("公開中の掲載を変えると、すぐに公開ページに反映され、事務局も変更を見ます。")
            if published
            else "",
            "back_url": reverse("listings:edit", args=[service.pk]),
            "back_label": _("掲載情報の編集にもどる"),
        },
    )


@member
@require_GET
def history(request: HttpRequest, pk: str) -> HttpResponse:
    service = get_listing_for_owner_or_staff(request, pk)
    changes = ListingChange.for_service(service)
    return render(request, "listings/history.html", {"service": service, "changes": changes})


@staff
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    pending = Service.objects.filter(review_status=ReviewStatus.PENDING).select_related(
        "organization"
    )
    # Owners' edits to published listings go live at once; staff look over them here afterwards.
    recent_edits = ListingChange.objects.filter(last_action_type=ChangeAction.UPDATE).order_by(
        "-last_action_date"
    )[:50]
    names = dict(
        Service.objects.filter(pk__in={c.resource_id for c in recent_edits}).values_list(
            "pk", "name"
        )
    )
    edits = [(change, names.get(change.resource_id, "")) for change in recent_edits]
    return render(request, "listings/review_queue.html", {"pending": pending, "edits": edits})


@staff
@require_GET
def review(request: HttpRequest, pk: str) -> HttpResponse:
    service = get_object_or_404(Service.objects.select_related("organization"), pk=pk)
    return render(
        request,
        "listings/review.html",
        {
            "service": service,
            "form": SendBackForm(),
            "need_labels": need_labels(need_codes_of(service)),
        },
    )


@staff
@require_POST
def approve(request: HttpRequest, pk: str) -> HttpResponse:
    service = get_object_or_404(Service, pk=pk)
    try:
        listing_approve(service=service, by=request.user)
    except InvalidTransition:
        messages.error(request, _("この掲載は確認待ちではないので、承認できません。"))
        return redirect("listings:review", pk=service.pk)
    messages.success(request, _("公開しました。団体にメールでお知らせします。"))
    return redirect("listings:review_queue")


@staff
@require_POST
def send_back(request: HttpRequest, pk: str) -> HttpResponse:
    service = get_object_or_404(Service.objects.select_related("organization"), pk=pk)
    form = SendBackForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "listings/review.html",
            {"service": service, "form": form, "need_labels": need_labels(need_codes_of(service))},
            status=400,
        )
    try:
        listing_send_back(service=service, by=request.user, message=form.cleaned_data["message"])
    except InvalidTransition:
        messages.error(request, _("この掲載は確認待ちではないので、差し戻せません。"))
        return redirect("listings:review", pk=service.pk)
    messages.success(request, _("差し戻しました。団体にメールでお知らせします。"))
    return redirect("listings:review_queue")


@staff
@require_GET
def overdue(request: HttpRequest) -> HttpResponse:
    """Public listings no person has checked in 12 months: never-checked ones first, with their sources.

    Imported records carry a source date but no assured_date until a person checks them,
    so a list that counted from creation would say 「ありません」 about all of them.
    """
    today = timezone.localdate()
    services = list(
        Service.objects.public()
        .stale(today, months=CONFIRM_AFTER_MONTHS)
        .select_related("organization")
        .order_by(F("assured_date").asc(nulls_first=True), "organization__name", "name")
    )
    never = [service for service in services if service.assured_date is None]
    old = [service for service in services if service.assured_date is not None]
    return render(
        request,
        "listings/overdue.html",
        {"never": never, "old": old, "today": today, "months": CONFIRM_AFTER_MONTHS},
    )


@public
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The one-click page from the yearly mail. The signed token is the permission."""
    confirmation = confirmation_from_token(token)
    if confirmation is None:
        return render(request, "listings/confirm_invalid.html", status=404)
    service = confirmation.service
    if request.method == "POST" and confirmation.confirmed_at is None:
        try:
            listing_confirm(request=confirmation)
        except ValueError as exc:  # the listing has ended meanwhile
            messages.error(request, str(exc))
        confirmation.refresh_from_db()
        service.refresh_from_db()
    return render(
        request,
        "listings/confirm.html",
        {
            "service": service,
            "confirmation": confirmation,
            "need_labels": need_labels(need_codes_of(service)),
        },
    )
