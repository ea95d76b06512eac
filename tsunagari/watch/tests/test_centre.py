"""The centre's side: acknowledging, recording, transferring and closing; reading the sealed
details only with two-factor sign-in and a purpose; escalation when nobody acknowledges."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from tsunagari.outbox.models import Message
from tsunagari.partners.tests.conftest import signed_in
from tsunagari.sensitive.models import AccessRecord
from tsunagari.watch.models import ActionKind, Report, ReportStatus
from tsunagari.watch.services import watch_escalate_overdue
from tsunagari.watch.tests.conftest import *  # noqa: F403
from tsunagari.watch.tests.conftest import WEDNESDAY_10, centre_client, report

pytestmark = pytest.mark.django_db


def test_the_centre_acknowledges_records_and_closes_and_each_step_is_in_the_history(
    shop, tsunagari_centre, kimura
):
    made = report(shop)
    client = centre_client(kimura)
    url = f"/watch/centre/reports/{made.pk}/"
    home = client.get("/watch/centre/").content.decode()
    assert made.reference in home

    assert client.post(url, {"action": "acknowledge"}).status_code == 302
    assert (
        client.post(url, {"action": "note", "note": "午後に訪問し、本人と話せた。"}).status_code
        == 302
    )
    assert client.post(url, {"action": "close", "outcome": "safe", "note": ""}).status_code == 302

    made.refresh_from_db()
    assert (made.status, made.outcome, made.acknowledged_by) == (
        ReportStatus.CLOSED,
        "safe",
        kimura,
    )
    assert [a.kind for a in made.actions.all()] == [
        ActionKind.RECEIVED,
        ActionKind.ACKNOWLEDGED,
        ActionKind.NOTE,
        ActionKind.CLOSED,
    ]
    # Each change by a person is in the access record (what changed, never the content).
    changes = AccessRecord.objects.filter(object_id=str(made.pk), action="change")
    assert changes.count() == 3
    assert not any("訪問" in r.purpose for r in changes)


def test_the_details_stay_masked_until_read_for_a_purpose_which_is_recorded(
    shop, tsunagari_centre, kimura
):
    made = report(shop)
    client = centre_client(kimura)
    client.post(f"/watch/centre/reports/{made.pk}/", {"action": "acknowledge"})
    client.post(
        f"/watch/centre/reports/{made.pk}/", {"action": "note", "note": "長男に電話で連絡した。"}
    )
    page = client.get(f"/watch/centre/reports/{made.pk}/").content.decode()
    assert "つながり町3丁目" not in page and "長男" not in page
    assert "••••" in page
    reads_before = AccessRecord.objects.filter(action="read").count()

    revealed = client.post(f"/watch/centre/reports/{made.pk}/reveal/", {"purpose": "対応のため"})

    text = revealed.content.decode()
    assert "つながり町3丁目の角の家" in text
    assert "新聞が4日分たまっています。" in text
    assert "長男に電話で連絡した。" in text
    assert "no-store" in revealed["Cache-Control"]  # private, no-store (core.middleware)
    reads = AccessRecord.objects.filter(action="read").order_by("id")[reads_before:]
    assert {(r.table, r.purpose, r.actor_id) for r in reads} >= {
        ("watch_report", "対応のため", kimura.pk),
        ("watch_reportaction", "対応のため", kimura.pk),
    }
    assert next(r for r in reads if r.table == "watch_report").fields == "place,details"


def test_reading_without_a_purpose_reveals_nothing(shop, tsunagari_centre, kimura):
    made = report(shop)
    response = centre_client(kimura).post(
        f"/watch/centre/reports/{made.pk}/reveal/", {"purpose": "好奇心"}
    )
    assert response.status_code == 302
    assert not AccessRecord.objects.filter(action="read").exists()


def test_a_centre_person_without_two_factor_is_sent_to_the_second_step(
    shop, tsunagari_centre, kimura
):
    made = report(shop)
    client = signed_in(Client(), kimura, verified=False)  # password only: no second step yet
    for response in (
        client.get(f"/watch/centre/reports/{made.pk}/"),
        client.post(f"/watch/centre/reports/{made.pk}/reveal/", {"purpose": "対応のため"}),
        client.post(f"/watch/centre/reports/{made.pk}/", {"action": "acknowledge"}),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:otp_verify"))
    made.refresh_from_db()
    assert made.status == ReportStatus.RECEIVED


def test_another_centres_report_is_404_for_every_page(
    shop, tsunagari_centre, hidamari_centre, hayashi
):
    made = report(shop)
    client = centre_client(hayashi)
    assert client.get(f"/watch/centre/reports/{made.pk}/").status_code == 404
    assert (
        client.post(f"/watch/centre/reports/{made.pk}/", {"action": "acknowledge"}).status_code
        == 404
    )
    assert (
        client.post(
            f"/watch/centre/reports/{made.pk}/reveal/", {"purpose": "対応のため"}
        ).status_code
        == 404
    )
    assert made.reference not in client.get("/watch/centre/").content.decode()


def test_a_wrongly_routed_report_is_passed_on_and_the_figures_count_it(
    shop, tsunagari_centre, hidamari_centre, kimura, hayashi, sara
):
    made = report(shop)
    kimura_client = centre_client(kimura)
    response = kimura_client.post(
        f"/watch/centre/reports/{made.pk}/",
        {"action": "transfer", "to": str(hidamari_centre.pk), "note": "ひだまり通の家でした。"},
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.centre == hidamari_centre
    assert kimura_client.get(f"/watch/centre/reports/{made.pk}/").status_code == 404
    assert Message.objects.filter(to="hidamari-centre@example.org").exists()
    centre_client(hayashi).post(f"/watch/centre/reports/{made.pk}/", {"action": "acknowledge"})
    other = report(shop, place="つながり町5丁目")
    kimura_client.post(f"/watch/centre/reports/{other.pk}/", {"action": "acknowledge"})

    page = centre_client(sara).get("/watch/staff/figures/").content.decode()
    assert 'id="watch-first-try">50%（1 / 2）' in page


def test_a_transfer_without_a_reason_is_refused_and_nothing_changes(
    shop, tsunagari_centre, hidamari_centre, kimura
):
    made = report(shop)
    response = centre_client(kimura).post(
        f"/watch/centre/reports/{made.pk}/",
        {"action": "transfer", "to": str(hidamari_centre.pk), "note": ""},
    )
    assert response.status_code == 400
    assert "この項目を入力してください" in response.content.decode()
    made.refresh_from_db()
    assert made.centre == tsunagari_centre


def test_a_move_the_state_does_not_allow_is_refused_with_a_message(shop, tsunagari_centre, kimura):
    made = report(shop)
    client = centre_client(kimura)
    response = client.post(
        f"/watch/centre/reports/{made.pk}/", {"action": "close", "outcome": "safe"}, follow=True
    )
    assert "いまの状態では、その操作はできません" in response.content.decode()
    made.refresh_from_db()
    assert made.status == ReportStatus.RECEIVED


def test_an_unacknowledged_report_escalates_once_to_the_kikan_centre_and_staff(
    shop, tsunagari_centre, sakai_kikan, kimura, kato, sara
):
    made = report(shop)  # Wednesday 10:00: due 12:00
    assert made.ack_due_at == WEDNESDAY_10 + timedelta(hours=2)
    kato_client = centre_client(kato)
    assert kato_client.get(f"/watch/centre/reports/{made.pk}/").status_code == 404
    Message.objects.all().delete()

    assert watch_escalate_overdue(now=WEDNESDAY_10 + timedelta(hours=1, minutes=59)) == 0
    assert watch_escalate_overdue(now=WEDNESDAY_10 + timedelta(hours=2)) == 1
    assert watch_escalate_overdue(now=WEDNESDAY_10 + timedelta(hours=3)) == 0  # idempotent

    made.refresh_from_db()
    assert made.escalated_at == WEDNESDAY_10 + timedelta(hours=2)
    assert sorted(m.to for m in Message.objects.all()) == [
        "kato@example.org",
        "sakai-kikan@example.org",
        "sara@example.org",
    ]
    assert all("期限切れ" in m.subject for m in Message.objects.all())
    # The kikan centre can now open it, and acknowledge it in the centre's place.
    assert kato_client.get(f"/watch/centre/reports/{made.pk}/").status_code == 200
    kato_client.post(f"/watch/centre/reports/{made.pk}/", {"action": "acknowledge"})
    made.refresh_from_db()
    assert (made.status, made.acknowledged_by) == (ReportStatus.ACKNOWLEDGED, kato)


def test_an_acknowledged_report_never_escalates(shop, tsunagari_centre, kimura):
    made = report(shop)
    centre_client(kimura).post(f"/watch/centre/reports/{made.pk}/", {"action": "acknowledge"})
    assert watch_escalate_overdue(now=WEDNESDAY_10 + timedelta(days=3)) == 0


def test_a_report_on_friday_evening_escalates_on_monday_not_over_the_weekend(
    shop, tsunagari_centre, sara
):
    friday = WEDNESDAY_10 + timedelta(days=2, hours=7)  # Friday 17:00
    made = report(shop, now=friday)
    assert watch_escalate_overdue(now=friday + timedelta(days=2)) == 0  # Sunday 17:00
    assert watch_escalate_overdue(now=made.ack_due_at) == 1
    assert made.ack_due_at.isoformat() == "2026-12-07T10:30:00+09:00"


def test_the_escalate_command_runs_the_same_function(shop, tsunagari_centre, sara, capsys):
    from django.core.management import call_command

    report(shop, now=WEDNESDAY_10 - timedelta(days=7))
    call_command("watch_escalate")
    assert "escalated: 1" in capsys.readouterr().out
    call_command("watch_escalate")
    assert "escalated: 0" in capsys.readouterr().out
    assert Report.objects.get().escalated_at is not None
