"""Small builders for directory rows in tests. Numbers look fake on purpose (000-0000-0000)."""

from datetime import time
from typing import Any

from tsunagari.directory.models import (
    Area,
    Attribute,
    Confidence,
    Organization,
    Phone,
    Schedule,
    Service,
    TaxonomyTerm,
)
from tsunagari.directory.needs import NEEDS_BY_CODE


def need_term(code: str) -> TaxonomyTerm:
    """The need term (made again when a transactional test flushed the migration's rows)."""
    term, _ = TaxonomyTerm.objects.get_or_create(
        taxonomy="need", code=code, defaults={"name": str(NEEDS_BY_CODE[code].label)}
    )
    return term


def make_service(
    name: str = "（テスト）こころの相談",
    *,
    needs: tuple[str, ...] = ("mental",),
    area: str = Area.CITY,
    ward: str = "",
    phone: str | None = "000-0000-0000",
    all_day: bool = False,
    **fields: Any,
) -> Service:
    organization, _ = Organization.objects.get_or_create(name="（テスト）堺の団体")
    service = Service.objects.create(
        organization=organization,
        name=name,
        area=area,
        ward=ward,
        source_name="テスト用の出典",
        source_url="example.org/test",
        source_date="2026-11-01",
        confidence=Confidence.CONFIRMED,
        **fields,
    )
    for code in needs:
        Attribute.objects.create(service=service, taxonomy_term=need_term(code))
    if phone:
        Phone.objects.create(
            service=service, number=phone, source_url="example.org/test", source_date="2026-11-01"
        )
    if all_day:
        Schedule.objects.create(
            service=service,
            freq="WEEKLY",
            byday="MO,TU,WE,TH,FR,SA,SU",
            opens_at=time(0, 0),
            closes_at=time(0, 0),
        )
    return service
