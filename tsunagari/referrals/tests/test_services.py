"""Sending, duplicates, mail, the deadline rounds, retention — what people and the database notice."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from tsunagari.outbox.models import Message
from tsunagari.referrals import services
from tsunagari.referrals.models import EventKind, Referral, ReferralStatus
from tsunagari.referrals.tests.conftest import refer
from tsunagari.sensitive.models import AccessRecord, Action

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")


def test_it_stores_the_details_encrypted_and_only_reveal_reads_them(referral, charlie):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT person_name, contact_how, note FROM referrals_referral WHERE id = %s",
            [referral.pk.hex if connection.vendor == "sqlite" else referral.pk],
        )
        row = cursor.fetchone()
    assert all(value.startswith("v1:") for value in row)
    assert "山田" not in "".join(row) and "099-9999" not in "".join(row)
    fresh = Referral.objects.get(pk=referral.pk)
    assert str(fresh.person_name) == "••••"
    assert fresh.reveal("person_name", reader=charlie, purpose="連絡のため") == "山田 花子"
    read = AccessRecord.objects.filter(object_id=str(referral.pk), action=Action.READ).get()
    assert read.actor_id == charlie.pk and read.fields == "person_name"
    assert "山田" not in read.payload()


def test_it_mails_the_receiving_organisation_without_personal_details(referral):
    to = set(Message.objects.values_list("to", flat=True))
    assert to == {"shotenkai@example.org", "charlie@example.org"}
    message = Message.objects.order_by("pk")[0]
    assert referral.reference in message.subject
    assert "山田" not in message.body and "099-9999" not in message.body
    assert "つながりテスト食堂" in message.body


def test_it_sends_a_referral_for_a_desk_outside_the_platform_to_staff(relayed, sara):
    assert relayed.relayed
    assert set(Message.objects.values_list("to", flat=True)) == {"sara@example.org"}
    assert "取り次いで" in Message.objects.get().body


def test_it_refuses_the_same_person_for_the_same_service_while_open(referral, bob, org_a, desk_b):
    with pytest.raises(services.DuplicateReferral) as caught:
        refer(
            bob, org_a, desk_b, name="ﾔﾏﾀﾞ 花子".replace("ﾔﾏﾀﾞ", "山田"), contact_how="099 9999 9999"
        )
    assert caught.value.existing == referral
    assert Referral.objects.count() == 1


def test_it_allows_the_same_person_again_once_the_first_has_ended(referral, alice, org_a, desk_b):
    services.referral_withdraw(referral=referral, by=alice, reason="別の窓口にしました")
    again = refer(alice, org_a, desk_b)
    assert again.pk != referral.pk


def test_it_tells_the_sender_the_outcome(referral, charlie):
    Message.objects.all().delete()
    services.referral_move(referral=referral, to=ReferralStatus.ACKNOWLEDGED, by=charlie)
    services.referral_move(referral=referral, to=ReferralStatus.CONTACTED, by=charlie)
    services.referral_move(referral=referral, to=ReferralStatus.CONNECTED, by=charlie)
    subjects = list(
        Message.objects.filter(to="alice@example.org").values_list("subject", flat=True)
    )
    assert any("受けた" in s for s in subjects)
    assert any("支援につながった" in s for s in subjects)
    assert not any("連絡がついた" in s for s in subjects)  # a step, shown on the page only


def test_it_ends_the_previous_referral_when_passed_on(referral, charlie, org_b, city_desk):
    services.referral_move(referral=referral, to=ReferralStatus.ACKNOWLEDGED, by=charlie)
    onward = refer(charlie, org_b, city_desk, previous=referral)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REFERRED_ON
    assert referral.next_referral == onward
    assert onward.from_organization == org_b


def _sent_at(moment: datetime, alice, org_a, desk_b) -> Referral:
    with time_machine.travel(moment, tick=False):
        return refer(alice, org_a, desk_b)


def test_it_reminds_once_before_the_deadline_and_escalates_once_after(
    alice, charlie, org_a, desk_b, sara
):
    # Friday 4 December 2026, 10:00: due Tuesday 10:00, reminder Monday 10:00.
    friday = datetime(2026, 12, 4, 10, tzinfo=TOKYO)
    referral = _sent_at(friday, alice, org_a, desk_b)
    assert referral.ack_due_at == datetime(2026, 12, 8, 10, tzinfo=TOKYO)
    assert referral.remind_at == datetime(2026, 12, 7, 10, tzinfo=TOKYO)
    Message.objects.all().delete()

    saturday = datetime(2026, 12, 5, 12, tzinfo=TOKYO)
    assert services.referrals_run_deadlines(now=saturday) == services.Round(0, 0)

    monday = datetime(2026, 12, 7, 10, 5, tzinfo=TOKYO)
    assert services.referrals_run_deadlines(now=monday) == services.Round(1, 0)
    assert services.referrals_run_deadlines(now=monday) == services.Round(0, 0)
    reminders = Message.objects.filter(subject__contains="まだ受けていない")
    assert set(reminders.values_list("to", flat=True)) == {
        "shotenkai@example.org",
        "charlie@example.org",
    }

    tuesday = datetime(2026, 12, 8, 10, 1, tzinfo=TOKYO)
    assert services.referrals_run_deadlines(now=tuesday) == services.Round(0, 1)
    assert services.referrals_run_deadlines(now=tuesday + timedelta(days=3)) == services.Round(0, 0)
    [escalation] = Message.objects.filter(subject__contains="期限までに受けられなかった")
    assert escalation.to == "sara@example.org"
    assert "山田" not in escalation.body and "商店会のよろず相談" in escalation.body
    kinds = list(referral.events.values_list("kind", flat=True))
    assert kinds == [EventKind.SENT, EventKind.REMINDED, EventKind.ESCALATED]


def test_it_neither_reminds_nor_escalates_an_acknowledged_referral(alice, org_a, desk_b, charlie):
    referral = _sent_at(datetime(2026, 12, 4, 10, tzinfo=TOKYO), alice, org_a, desk_b)
    referral.acknowledge(by=charlie)
    late = datetime(2026, 12, 20, tzinfo=TOKYO)
    assert services.referrals_run_deadlines(now=late) == services.Round(0, 0)


def test_the_command_runs_the_rounds(alice, org_a, desk_b, capsys):
    _sent_at(datetime(2026, 12, 4, 10, tzinfo=TOKYO), alice, org_a, desk_b)
    with time_machine.travel(datetime(2026, 12, 9, 9, tzinfo=TOKYO), tick=False):
        call_command("referral_deadlines")
        call_command("referral_deadlines")
    assert capsys.readouterr().out.split() == [
        "reminded=1",
        "escalated=1",
        "reminded=0",
        "escalated=0",
    ]


def test_it_erases_finished_referrals_after_the_retention_period(referral, charlie, settings):
    settings.REFERRAL_RETENTION_DAYS = 30
    with time_machine.travel(datetime(2026, 12, 4, 10, tzinfo=TOKYO), tick=False):
        referral.end(ReferralStatus.NOT_ELIGIBLE, by=charlie, reason="市外の方でした")
    open_one = refer(charlie, referral.to_organization, referral.service, name="別の人")
    with time_machine.travel(datetime(2027, 1, 2, tzinfo=TOKYO), tick=False):
        call_command("purge_expired")
    referral.refresh_from_db()
    assert not referral.is_erased  # 29 days: kept
    with time_machine.travel(datetime(2027, 1, 4, tzinfo=TOKYO), tick=False):
        call_command("purge_expired")
    referral = Referral.objects.get(pk=referral.pk)
    assert referral.is_erased
    assert referral.reveal("person_name", reader=charlie, purpose="試験") == ""
    assert referral.events.filter(kind=EventKind.ERASED).exists()
    assert not Referral.objects.get(pk=open_one.pk).is_erased


def test_the_task_worker_runs_the_rounds_every_fifteen_minutes(alice, charlie, sara, org_a, desk_b):
    from tsunagari.core.tasks import PERIODIC, Worker, load_task_modules
    from tsunagari.referrals.tasks import referral_deadlines

    load_task_modules()
    assert PERIODIC[referral_deadlines.module_path][1] == timedelta(minutes=15)
    _sent_at(datetime(2026, 12, 4, 10, tzinfo=TOKYO), alice, org_a, desk_b)
    worker = Worker(interval=0, sleep=lambda _: None)
    with time_machine.travel(datetime(2026, 12, 9, 9, tzinfo=TOKYO), tick=False):
        referral_deadlines.enqueue()
        referral_deadlines.enqueue()  # twice: the second finds nothing left to do
        assert worker.run_round() and worker.run_round()
    assert Message.objects.filter(subject__contains="まだ受けていない").count() == 2
    assert Message.objects.filter(subject__contains="期限までに受けられなかった").count() == 1


def test_it_writes_the_onward_reason_and_relayed_consent_as_whole_sentences(
    referral, charlie, org_b, city_desk
):
    from django.utils import translation

    from tsunagari.referrals.models import ReferralEvent

    services.referral_move(referral=referral, to=ReferralStatus.ACKNOWLEDGED, by=charlie)
    with translation.override("en"):  # charlie works in English
        onward = refer(charlie, org_b, city_desk, previous=referral)
    reason = ReferralEvent.objects.filter(referral=referral).exclude(reason="").last()
    assert reason is not None
    assert reason.reason == f"Referred on to {city_desk.name} ({onward.reference})."
    assert onward.consent.shared_with == (
        f"{onward.to_organization.name} (relayed by the Tsunagari secretariat)"
    )
