"""The story of issue 9: a 見守り report escalates into a council case; two members hold a
conference and record a decision; a former member and a city staff member who is not on
the council get 404 at every case address; every read is in the access record, whose
chain verifies — and stops verifying once a row is altered by hand."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.urls import reverse

from tsunagari.council.models import Case, CaseSource, Conference, CouncilMember, MemberBody, Task
from tsunagari.council.tests.conftest import council_signed_in
from tsunagari.council.tests.test_access import case_urls
from tsunagari.sensitive.models import AccessRecord
from tsunagari.watch.models import ActionKind, Report
from tsunagari.watch.tests.conftest import *  # noqa: F403 — the centre, kimura, the shop
from tsunagari.watch.tests.conftest import _demo_areas  # noqa: F401 — routes by the demo table
from tsunagari.watch.tests.conftest import report as submit_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def m_kimura(kimura: Any, tsunagari_centre: Any, council: Any, today: date) -> Any:
    """kimura of the つながり centre also sits on the council for the centre."""
    body = MemberBody.objects.create(council=council, name=tsunagari_centre.name)
    return CouncilMember.objects.create(
        user=kimura,
        body=body,
        starts_on=today - timedelta(days=30),
        pledge_signed_on=today - timedelta(days=30),
        pledge_version="テスト1",
    )


def reads_since(mark: int) -> list[AccessRecord]:
    return list(AccessRecord.objects.filter(id__gt=mark, action="read"))


def last_id() -> int:
    return AccessRecord.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_the_council_story(
    shop: Any,
    kimura: Any,
    bob: Any,
    eiko: Any,
    sara: Any,
    m_kimura: Any,
    m_bob: Any,
    m_eiko: Any,
    today: date,
) -> None:
    # A newspaper shop reports a concern; the つながり centre takes it and, being on the
    # council, takes it to the council from the report's own page.
    report = submit_report(shop, place="つながり町3丁目の角の家（テスト）")
    as_kimura = council_signed_in(Client(), kimura)
    report_url = reverse("watch:report_detail", args=[report.pk])
    as_kimura.post(report_url, {"action": "acknowledge"})
    assert "協議会のケースにする" in as_kimura.get(report_url).content.decode()
    escalated = as_kimura.post(report_url, {"action": "council"})
    case = Case.objects.get()
    assert escalated["Location"] == reverse("council:case", args=[case.pk])
    assert case.source == CaseSource.WATCH and case.source_ref == f"watch.report:{report.pk}"
    report.refresh_from_db()
    assert report.council_at is not None
    assert report.actions.filter(kind=ActionKind.COUNCIL, by=kimura).count() == 1
    # Twice is refused and still one case; the report stays the centre's to handle.
    as_kimura.post(report_url, {"action": "council"})
    assert Case.objects.count() == 1
    assert Report.objects.get(pk=report.pk).status == "acknowledged"
    # eiko was listed while her term ran (her old link is the point of the test below).
    case.listings.create(member=m_eiko, added_by=m_kimura)

    as_bob = council_signed_in(Client(), bob)
    mark = last_id()
    as_kimura.post(reverse("council:case_add_member", args=[case.pk]), {"member": str(m_bob.pk)})
    assert case.listings.filter(member=m_bob).exists()

    # Bob now sees the case, started from the report's place and details: the read is his.
    detail = as_bob.get(reverse("council:case", args=[case.pk])).content.decode()
    assert "つながり町3丁目の角の家（テスト）" in detail
    assert "新聞が4日分たまっています。" in detail
    bob_reads = [r for r in reads_since(mark) if r.actor_id == bob.pk]
    assert any(r.object_id == str(case.pk) and "person_name" in r.fields for r in bob_reads)

    # Both hold a conference; kimura records it with a decision and a task for bob.
    response = as_kimura.post(
        reverse("council:conference_new", args=[case.pk]),
        {
            "held_on": today.isoformat(),
            "attendees": [str(m_kimura.pk), str(m_bob.pk)],
            "agenda": "（テスト）安否の確認と今後",
            "minutes": "（テスト）民生委員と一緒に訪問することにした。",
            "decisions": "（テスト）今週中に訪問し、食堂に誘う。",
        },
    )
    conference = Conference.objects.get(case=case)
    assert response["Location"] == reverse("council:conference", args=[case.pk, conference.pk])
    assert set(conference.attendees.all()) == {m_kimura, m_bob}
    as_kimura.post(
        reverse("council:task_new", args=[case.pk, conference.pk]),
        {
            "description": "（テスト）訪問する",
            "owner": str(m_bob.pk),
            "due_on": (today + timedelta(days=5)).isoformat(),
        },
    )
    task = Task.objects.get(conference=conference)

    mark = last_id()
    minutes = as_bob.get(reverse("council:conference", args=[case.pk, conference.pk]))
    assert "今週中に訪問し、食堂に誘う" in minutes.content.decode()
    read_fields = {(r.object_id, r.fields) for r in reads_since(mark)}
    assert (str(conference.pk), "agenda,minutes,decisions") in read_fields
    assert (str(task.pk), "description") in read_fields
    as_bob.post(reverse("council:task_done", args=[case.pk, task.pk]))
    task.refresh_from_db()
    assert task.status == "done"
    printed = as_bob.get(reverse("council:conference_print", args=[case.pk, conference.pk]))
    assert "食堂 ぼぶ が" in printed.content.decode()

    # The former member and the city's staff member get 404 everywhere and read nothing.
    mark = last_id()
    for outsider in (eiko, sara):
        client = council_signed_in(Client(), outsider)
        for method, url in case_urls(case, conference, task):
            assert getattr(client, method)(url).status_code == 404, (outsider, url)
    assert last_id() == mark

    # Every read so far names kimura or bob (the hand-over read the report as kimura);
    # no access record holds the content.
    reads = AccessRecord.objects.filter(action="read")
    assert set(reads.values_list("actor_id", flat=True)) <= {kimura.pk, bob.pk}
    handover = reads.get(object_id=str(report.pk), actor_id=kimura.pk)
    assert handover.fields == "place,details" and "協議会" in handover.purpose
    assert not any(
        "角の家" in r.payload() or "新聞が" in r.payload() for r in AccessRecord.objects.all()
    )

    call_command("audit_verify")
    tampered = reads.filter(actor_id=bob.pk).first()
    assert tampered is not None
    _alter_by_hand(tampered.pk)
    with pytest.raises(CommandError, match=f"id={tampered.pk}"):
        call_command("audit_verify")
    assert Case.objects.get(pk=case.pk).status == "open"


def _alter_by_hand(pk: int) -> None:
    """What someone with database access would do: bypass the triggers and rewrite a row."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE sensitive_accessrecord DISABLE TRIGGER sensitive_accessrecord_no_update"
            )
        else:
            cursor.execute("DROP TRIGGER sensitive_accessrecord_no_update")
        cursor.execute(
            "UPDATE sensitive_accessrecord SET actor_label = %s WHERE id = %s", ["誰か", pk]
        )


def test_only_a_council_member_who_took_the_report_can_take_it_to_the_council(
    shop: Any, kimura: Any, m_bob: Any, m_kimura: Any, bob: Any, hayashi: Any
) -> None:
    report = submit_report(shop, place="つながり町1丁目（テスト）")
    url = reverse("watch:report_detail", args=[report.pk])
    as_kimura = council_signed_in(Client(), kimura)
    page = as_kimura.get(url).content.decode()
    assert "協議会のケースにする" not in page  # not acknowledged yet
    refused = as_kimura.post(url, {"action": "council"}, follow=True)
    assert "いまの状態では、その操作はできません。" in refused.content.decode()
    # bob sits on the council but is not the centre's: the report is not his to see.
    assert council_signed_in(Client(), bob).post(url, {"action": "council"}).status_code == 404
    # hayashi is another centre's person and not on the council.
    assert council_signed_in(Client(), hayashi).post(url, {"action": "council"}).status_code == 404
    assert not Case.objects.exists()
    report.refresh_from_db()
    assert report.council_at is None


def test_a_centre_person_not_on_the_council_cannot_open_a_case(
    shop: Any, kimura: Any, council: Any
) -> None:
    report = submit_report(shop, place="つながり町2丁目（テスト）")
    url = reverse("watch:report_detail", args=[report.pk])
    as_kimura = council_signed_in(Client(), kimura)
    as_kimura.post(url, {"action": "acknowledge"})
    assert "協議会のケースにする" not in as_kimura.get(url).content.decode()
    assert as_kimura.post(url, {"action": "council"}).status_code == 403
    assert not Case.objects.exists()
