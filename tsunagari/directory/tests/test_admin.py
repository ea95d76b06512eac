"""The Japanese admin: staff keep listings, mark them verified, retire them."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tsunagari.directory.models import (
    Location,
    Organization,
    Service,
    ServiceStatus,
    TaxonomyTerm,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:directory_service_changelist"


def signed_in(client: Client, user: Any) -> Client:
    """Sign in and pass the second (TOTP) step, as staff must before the admin."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="テスト用", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def staff(client: Client, sara: Any) -> Client:
    return signed_in(client, sara)


@pytest.fixture
def org() -> Organization:
    return Organization.objects.create(name="堺市")


def make(org: Organization, name: str, **fields: Any) -> Service:
    return Service.objects.create(organization=org, name=name, **fields)


def act(client: Client, action: str, *services: Service) -> Any:
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [str(s.pk) for s in services]},
        follow=True,
    )


def test_it_sends_anonymous_visitors_to_the_admin_login(client: Client) -> None:
    for name in (CHANGELIST, "admin:directory_organization_changelist", "admin:index"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]


def test_it_does_not_let_a_signed_in_non_staff_user_in(client: Client, plain_user: Any) -> None:
    client.force_login(plain_user)
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_it_lists_services_for_staff_in_japanese(staff: Client, org: Organization) -> None:
    make(org, "堺市こころの電話相談")
    response = staff.get(reverse(CHANGELIST))
    html = response.content.decode()
    assert response.status_code == 200
    assert "堺市こころの電話相談" in html
    assert "確認済みにする" in html
    assert "終了にする" in html
    assert "12か月以上確認していない" in html


def test_it_searches_services_by_name(staff: Client, org: Organization) -> None:
    make(org, "堺市消費生活センター")
    make(org, "堺市子ども相談所")
    html = staff.get(reverse(CHANGELIST), {"q": "消費"}).content.decode()
    assert "堺市消費生活センター" in html
    assert "堺市子ども相談所" not in html


def test_it_marks_selected_services_verified_today(
    staff: Client, sara: Any, org: Organization
) -> None:
    first = make(org, "相談先A", needs_reverification=True)
    second = make(org, "相談先B", assured_date=date(2020, 1, 1))
    untouched = make(org, "相談先C")
    response = act(staff, "mark_verified", first, second)
    assert "2 件を確認済みにしました" in response.content.decode()
    today = timezone.localdate()
    for service in (first, second):
        service.refresh_from_db()
        assert service.assured_date == today
        assert service.assurer_email == sara.email
        assert service.needs_reverification is False
    untouched.refresh_from_db()
    assert untouched.assured_date is None


def test_it_refuses_to_verify_a_retired_service(staff: Client, org: Organization) -> None:
    ended = make(org, "終わった相談先", status=ServiceStatus.DEFUNCT)
    response = act(staff, "mark_verified", ended)
    assert "終了しているため、確認済みにできませんでした" in response.content.decode()
    ended.refresh_from_db()
    assert ended.assured_date is None


def test_it_retires_selected_services(staff: Client, org: Organization) -> None:
    ending = make(org, "終わる相談先")
    staying = make(org, "続く相談先")
    response = act(staff, "retire", ending)
    assert "1 件を終了にしました" in response.content.decode()
    ending.refresh_from_db()
    staying.refresh_from_db()
    assert ending.status == ServiceStatus.DEFUNCT
    assert staying.status == ServiceStatus.ACTIVE
    assert ending not in Service.objects.public()


def test_it_lists_only_services_not_verified_for_12_months(
    staff: Client, org: Organization
) -> None:
    today = timezone.localdate()
    make(org, "ずっと未確認")
    make(org, "去年より前に確認", assured_date=today - timedelta(days=400))
    make(org, "先月確認", assured_date=today - timedelta(days=30))
    html = staff.get(reverse(CHANGELIST), {"stale": "yes"}).content.decode()
    assert "ずっと未確認" in html
    assert "去年より前に確認" in html
    assert "先月確認" not in html


def test_it_opens_a_service_with_its_inlines(staff: Client, org: Organization) -> None:
    service = make(org, "堺市こころの電話相談", hours_text="平日 9:00-17:00")
    html = staff.get(reverse("admin:directory_service_change", args=[service.pk])).content.decode()
    for heading in ("電話番号", "受付時間", "分類（お悩み・対象・相談方法）", "相談先の場所"):
        assert heading in html


def test_it_lets_staff_change_a_service_name(staff: Client, org: Organization) -> None:
    service = make(org, "旧い名前")
    url = reverse("admin:directory_service_change", args=[service.pk])
    form = {
        "organization": str(org.pk),
        "name": "新しい名前",
        "review_status": "published",
        "area": "city",
        "confidence": "unverified",
    }
    for prefix in (
        "phones",
        "schedules",
        "attributes",
        "service_at_locations",
        "translations-contenttranslation-content_type-object_id",  # translations per field
    ):
        form.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = staff.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    service.refresh_from_db()
    assert service.name == "新しい名前"
    assert service.status == ServiceStatus.ACTIVE


def test_it_does_not_let_staff_delete_a_service(staff: Client, org: Organization) -> None:
    service = make(org, "消せない相談先")
    response = staff.get(reverse("admin:directory_service_delete", args=[service.pk]))
    assert response.status_code == 403
    assert Service.objects.filter(pk=service.pk).exists()


def test_it_shows_locations_organizations_and_terms_to_staff(
    staff: Client, org: Organization
) -> None:
    Location.objects.create(name="堺区役所", organization=org)
    for name, text in (
        ("admin:directory_location_changelist", "堺区役所"),
        ("admin:directory_organization_changelist", "堺市"),
        (
            "admin:directory_taxonomyterm_changelist",
            str(TaxonomyTerm.objects.get(taxonomy="need", code="suicide")),
        ),
    ):
        response = staff.get(reverse(name))
        assert response.status_code == 200
        assert text in response.content.decode()
