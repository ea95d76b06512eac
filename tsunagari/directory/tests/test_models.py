"""Behaviour on the directory models: visibility, staleness, codes and transitions."""

from datetime import date
from typing import Any

import pytest

from tsunagari.directory.models import (
    Attribute,
    Organization,
    ReviewStatus,
    Service,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
    months_before,
)

pytestmark = pytest.mark.django_db


def make(name: str = "相談先", **fields: Any) -> Service:
    org, _ = Organization.objects.get_or_create(name="テスト団体")
    return Service.objects.create(organization=org, name=name, **fields)


def tag(service: Service, taxonomy: str, *codes: str) -> None:
    for code in codes:
        Attribute.objects.create(
            service=service, taxonomy_term=TaxonomyTerm.objects.get(taxonomy=taxonomy, code=code)
        )


def test_it_shows_only_active_published_services_in_public() -> None:
    shown = make("公開中")
    make("終了", status=ServiceStatus.DEFUNCT)
    make("確認待ち", review_status=ReviewStatus.PENDING)
    make("休止中", status=ServiceStatus.INACTIVE)
    assert list(Service.objects.public()) == [shown]


def test_it_lists_services_not_checked_for_12_months_as_stale() -> None:
    today = date(2026, 11, 29)
    never = make("未確認")
    old = make("古い", assured_date=date(2025, 11, 28))
    make("ちょうど1年", assured_date=date(2025, 11, 29))
    make("最近", assured_date=date(2026, 10, 1))
    assert set(Service.objects.stale(today)) == {never, old}
    assert set(Service.objects.stale(today, months=2)) == {
        never,
        old,
        Service.objects.get(name="ちょうど1年"),
    }


def test_it_counts_months_back_to_the_end_of_a_shorter_month() -> None:
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 12) == date(2025, 1, 15)
    assert months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)


def test_it_reads_need_channel_and_audience_codes() -> None:
    line = make("いのちの電話")
    tag(line, Taxonomy.NEED, "suicide", "mental")
    tag(line, Taxonomy.CHANNEL, "phone")
    tag(line, Taxonomy.AUDIENCE, "anyone")
    assert line.need_codes == ["mental", "suicide"]
    assert line.channel_codes == ["phone"]
    assert line.audience_codes == ["anyone"]


def test_it_reads_codes_of_many_services_without_extra_queries(
    django_assert_num_queries: Any,
) -> None:
    for i in range(4):
        tag(make(f"相談先{i}"), Taxonomy.NEED, "money")
    with django_assert_num_queries(2):
        codes = [s.need_codes for s in Service.objects.prefetch_related("terms")]
    assert codes == [["money"]] * 4


def test_it_marks_a_service_verified_today() -> None:
    desk = make(needs_reverification=True)
    desk.mark_verified(by_email="sara@example.org", today=date(2026, 11, 29))
    desk.refresh_from_db()
    assert desk.assured_date == date(2026, 11, 29)
    assert desk.assurer_email == "sara@example.org"
    assert desk.needs_reverification is False
    assert desk not in Service.objects.stale(date(2026, 11, 29))


def test_it_marks_verified_with_the_local_date_by_default() -> None:
    desk = make()
    desk.mark_verified()
    assert desk.assured_date is not None


def test_it_refuses_to_verify_a_retired_service() -> None:
    desk = make(status=ServiceStatus.DEFUNCT)
    with pytest.raises(ValueError, match="終了した相談先"):
        desk.mark_verified(today=date(2026, 11, 29))
    desk.refresh_from_db()
    assert desk.assured_date is None


def test_it_retires_a_service_and_hides_it() -> None:
    desk = make()
    desk.retire()
    desk.refresh_from_db()
    assert desk.status == ServiceStatus.DEFUNCT
    assert desk not in Service.objects.public()


def test_it_refuses_to_retire_twice() -> None:
    desk = make(status=ServiceStatus.DEFUNCT)
    with pytest.raises(ValueError, match="すでに終了"):
        desk.retire()


def test_it_retires_a_paused_service() -> None:
    desk = make(status=ServiceStatus.TEMPORARILY_CLOSED)
    desk.retire()
    assert Service.objects.get(pk=desk.pk).status == ServiceStatus.DEFUNCT
