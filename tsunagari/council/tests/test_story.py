"""The story of issue 9: a 見守り report escalates into a council case; two members hold a
conference and record a decision; a former member and a city staff member who is not on
the council get 404 at every case address; every read is in the access record, whose
chain verifies — and stops verifying once a row is altered by hand."""

import datetime
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import isolate_apps
from django.urls import reverse

from tsunagari.council.models import Case, CaseMember, CaseSource, Conference, Task
from tsunagari.council.services import CaseDetails, case_open_from
from tsunagari.council.tests.conftest import council_signed_in
from tsunagari.council.tests.test_access import case_urls
from tsunagari.sensitive.fields import EncryptedTextField
from tsunagari.sensitive.models import AccessRecord, SensitiveModel

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_model() -> Iterator[Any]:
    """Stands in for the 見守り app's report (same hook, no table needed: it is never saved)."""
    with isolate_apps("tsunagari.council"):

        class WatchReport(SensitiveModel):
            council_source_kind = CaseSource.WATCH
            person_name = EncryptedTextField()
            note = EncryptedTextField()

            class Meta:
                app_label = "council"

            def council_case_details(self, *, reader: Any) -> CaseDetails:
                shown = self.reveal_many(
                    ["person_name", "note"], reader=reader, purpose="協議会への引き継ぎ"
                )
                return CaseDetails(person_name=shown["person_name"], situation=shown["note"])

        yield WatchReport


def reads_since(mark: int) -> list[AccessRecord]:
    return list(AccessRecord.objects.filter(id__gt=mark, action="read"))


def last_id() -> int:
    return AccessRecord.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_the_council_story(
    report_model: Any,
    alice: Any,
    bob: Any,
    eiko: Any,
    sara: Any,
    m_alice: Any,
    m_bob: Any,
    m_eiko: Any,
    today: datetime.date,
) -> None:
    # A 見守り volunteer's report reaches alice, who escalates it.
    report = report_model(pk=uuid.uuid4())
    report.person_name = "テスト 一郎"
    report.note = "（テスト）新聞がたまっている。声をかけても出てこない。"
    case = case_open_from(source=report, by=m_alice)
    assert case.source == CaseSource.WATCH and case.source_ref.endswith(str(report.pk))
    assert case_open_from(source=report, by=m_alice) == case  # twice is still one case
    CaseMember.objects.create(case=case, member=m_eiko, added_by=m_alice)  # listed while in term

    as_alice = council_signed_in(Client(), alice)
    as_bob = council_signed_in(Client(), bob)
    mark = last_id()
    as_alice.post(reverse("council:case_add_member", args=[case.pk]), {"member": str(m_bob.pk)})
    assert case.listings.filter(member=m_bob).exists()

    # Bob now sees the case: the read is recorded under his name.
    detail = as_bob.get(reverse("council:case", args=[case.pk]))
    assert "テスト 一郎" in detail.content.decode()
    bob_reads = [r for r in reads_since(mark) if r.actor_id == bob.pk]
    assert any(r.object_id == str(case.pk) and "person_name" in r.fields for r in bob_reads)

    # Both hold a conference; alice records it with a decision and a task for bob.
    response = as_alice.post(
        reverse("council:conference_new", args=[case.pk]),
        {
            "held_on": today.isoformat(),
            "attendees": [str(m_alice.pk), str(m_bob.pk)],
            "agenda": "（テスト）安否の確認と今後",
            "minutes": "（テスト）民生委員と一緒に訪問することにした。",
            "decisions": "（テスト）今週中に訪問し、食堂に誘う。",
        },
    )
    conference = Conference.objects.get(case=case)
    assert response["Location"] == reverse("council:conference", args=[case.pk, conference.pk])
    assert set(conference.attendees.all()) == {m_alice, m_bob}
    as_alice.post(
        reverse("council:task_new", args=[case.pk, conference.pk]),
        {
            "description": "（テスト）訪問する",
            "owner": str(m_bob.pk),
            "due_on": (today + datetime.timedelta(days=5)).isoformat(),
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

    # Every read so far names a listed member; none holds the content.
    reads = AccessRecord.objects.filter(action="read")
    assert set(reads.values_list("actor_id", flat=True)) <= {alice.pk, bob.pk}
    assert not any(
        "一郎" in r.payload() or "新聞" in r.payload() for r in AccessRecord.objects.all()
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
