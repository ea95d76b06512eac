"""The replica router: reads go to the replica, except right after a person's own write."""

from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from tsunagari.core.dbrouters import (
    PIN_COOKIE,
    PrimaryReplicaRouter,
    ReplicaPinMiddleware,
    reading_from_primary,
)
from tsunagari.directory.models import Service

pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")

router = PrimaryReplicaRouter()


@pytest.fixture
def two_aliases(settings: Any) -> None:
    settings.DATABASES = {
        **settings.DATABASES,
        "replica": {**settings.DATABASES["default"], "TEST": {"MIRROR": "default"}},
    }


def through_middleware(request: HttpRequest, view: Any) -> tuple[HttpResponse, list[str]]:
    """Run a view behind the middleware; return the response and where each read went."""
    reads: list[str] = []

    def get_response(request: HttpRequest) -> HttpResponse:
        return view(request, reads)

    return ReplicaPinMiddleware(get_response)(request), reads


def reading_view(request: HttpRequest, reads: list[str]) -> HttpResponse:
    reads.append(router.db_for_read(Service))
    return HttpResponse("ok")


def writing_view(request: HttpRequest, reads: list[str]) -> HttpResponse:
    reads.append(router.db_for_read(Service))
    router.db_for_write(Service)
    reads.append(router.db_for_read(Service))
    return HttpResponse("saved")


def test_it_reads_a_visitors_page_from_the_replica(two_aliases: None, rf: RequestFactory) -> None:
    response, reads = through_middleware(rf.get("/"), reading_view)
    assert reads == ["replica"]
    assert PIN_COOKIE not in response.cookies


def test_it_reads_a_change_and_the_next_pages_from_the_primary(
    two_aliases: None, rf: RequestFactory
) -> None:
    response, reads = through_middleware(rf.post("/partners/board/offer/1/edit/"), writing_view)
    assert reads == ["default", "default"]
    pin = response.cookies[PIN_COOKIE]
    assert pin["httponly"] and int(pin["max-age"]) > 0
    following = rf.get("/partners/board/offer/1/")
    following.COOKIES[PIN_COOKIE] = pin.value
    _, reads = through_middleware(following, reading_view)
    assert reads == ["default"]  # the page after 保存しました shows what was saved


def test_it_goes_back_to_the_replica_once_the_pin_has_expired(
    two_aliases: None, rf: RequestFactory
) -> None:
    request = rf.get("/")
    request.COOKIES[PIN_COOKIE] = "1000"  # long past
    _, reads = through_middleware(request, reading_view)
    assert reads == ["replica"]
    request.COOKIES[PIN_COOKIE] = "not a time"
    _, reads = through_middleware(request, reading_view)
    assert reads == ["replica"]


def test_it_reads_from_the_primary_after_a_write_within_a_page_view(
    two_aliases: None, rf: RequestFactory
) -> None:
    response, reads = through_middleware(rf.get("/navi/"), writing_view)
    assert reads == ["replica", "default"]
    assert PIN_COOKIE not in response.cookies  # bookkeeping does not pin the visitor
    assert not reading_from_primary()  # and the next request starts afresh


def test_it_uses_the_primary_alone_when_no_replica_is_configured(rf: RequestFactory) -> None:
    _, reads = through_middleware(rf.get("/"), reading_view)
    assert reads == ["default"]


def test_it_migrates_only_the_primary() -> None:
    assert router.allow_migrate("default", "directory")
    assert not router.allow_migrate("replica", "directory")


@pytest.mark.django_db
def test_it_relates_rows_read_through_either_alias(two_aliases: None) -> None:
    a, b = Service(), Service()
    a._state.db, b._state.db = "default", "replica"
    assert router.allow_relation(a, b) is True
