"""Personal details: sealed at rest, read only with a record, rotated, purged, chained."""

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, models, transaction
from django.template import Context, Template
from django.test.utils import isolate_apps
from django.utils import timezone

from tsunagari.partners.tests.conftest import *  # noqa: F403
from tsunagari.partners.tests.conftest import signed_in
from tsunagari.sensitive.crypto import SealError, keyring, new_key
from tsunagari.sensitive.fields import EncryptedTextField, Sealed
from tsunagari.sensitive.maintenance import purge_expired, rotate
from tsunagari.sensitive.models import AccessRecord, SensitiveModel

pytestmark = pytest.mark.django_db(transaction=True)

PLAIN = "堺市北区に住む山田花子さん、夜なら電話できます"


@pytest.fixture
def letter_model() -> Iterator[Any]:
    """A record kind of its own, made for these tests only (not in the app registry)."""
    with isolate_apps("tsunagari.sensitive"):

        class Letter(SensitiveModel):
            body = EncryptedTextField()
            contact = EncryptedTextField()
            finished_at = models.DateTimeField(null=True)

            class Meta:
                app_label = "sensitive"

            @classmethod
            def expired(cls, now: Any) -> Any:
                return cls._default_manager.filter(
                    finished_at__lt=now - timedelta(days=365)
                ).exclude(body="")

        with connection.schema_editor() as editor:
            editor.create_model(Letter)
        try:
            yield Letter
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(Letter)


def raw_column(model: Any, pk: Any, column: str = "body") -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s",  # noqa: S608
            [model._meta.pk.get_db_prep_value(pk, connection)],
        )
        return str(cursor.fetchone()[0])


def test_it_stores_only_ciphertext_and_reads_back_with_a_record(
    letter_model: Any, sara: Any
) -> None:
    letter = letter_model.objects.create(body=PLAIN)
    stored = raw_column(letter_model, letter.pk)
    assert stored.startswith("v1:dev:")
    assert "山田" not in stored and PLAIN not in stored

    fresh = letter_model.objects.get(pk=letter.pk)
    assert AccessRecord.objects.count() == 0
    assert fresh.reveal("body", reader=sara, purpose="電話をかけるため") == PLAIN
    record = AccessRecord.objects.get()
    assert (record.actor_label, record.action, record.fields) == ("事務局 さら", "read", "body")
    assert record.object_id == str(letter.pk) and record.purpose == "電話をかけるため"
    assert "山田" not in record.payload()


def test_it_never_prints_the_plaintext(letter_model: Any) -> None:
    letter = letter_model.objects.create(body=PLAIN)
    fresh = letter_model.objects.get(pk=letter.pk)
    shown = Template("{{ letter.body }} {{ letter }}").render(Context({"letter": fresh}))
    assert "山田" not in shown and "••••" in shown
    assert "山田" not in repr(fresh.body) and "山田" not in str(fresh.__dict__)
    assert str(letter_model.objects.get(pk=letter.pk).contact) == ""


def test_a_value_moved_to_another_row_or_field_does_not_decrypt(
    letter_model: Any, sara: Any
) -> None:
    first = letter_model.objects.create(body=PLAIN)
    second = letter_model.objects.create(body="別の人")
    token = letter_model.objects.get(pk=first.pk).body
    letter_model.objects.filter(pk=second.pk).update(body=token, contact=token)
    moved = letter_model.objects.get(pk=second.pk)
    with pytest.raises(SealError):
        moved.reveal("body", reader=sara, purpose="確認")
    with pytest.raises(SealError):
        moved.reveal("contact", reader=sara, purpose="確認")


def test_plaintext_cannot_be_written_past_save(letter_model: Any) -> None:
    letter = letter_model.objects.create(body=PLAIN)
    with pytest.raises(ValueError, match="plaintext"):
        letter_model.objects.filter(pk=letter.pk).update(body="平文の住所")
    assert "平文" not in raw_column(letter_model, letter.pk)


def test_rotation_reencrypts_with_the_new_key_and_old_values_keep_reading(
    letter_model: Any, sara: Any, settings: Any
) -> None:
    old, new = f"old:{new_key()}", f"new:{new_key()}"
    settings.SENSITIVE_KEYS = old
    letter = letter_model.objects.create(body=PLAIN, contact="099-9999-9999")
    assert raw_column(letter_model, letter.pk).startswith("v1:old:")

    settings.SENSITIVE_KEYS = f"{new},{old}"
    assert keyring().current == "new"
    assert (
        letter_model.objects.get(pk=letter.pk).reveal("body", reader=sara, purpose="確認") == PLAIN
    )
    assert rotate([letter_model]) == {"sensitive.Letter": 1}
    assert raw_column(letter_model, letter.pk).startswith("v1:new:")
    assert raw_column(letter_model, letter.pk, "contact").startswith("v1:new:")
    assert rotate([letter_model]) == {"sensitive.Letter": 0}

    settings.SENSITIVE_KEYS = new  # the old key is gone now
    fresh = letter_model.objects.get(pk=letter.pk)
    assert fresh.reveal_many(["body", "contact"], reader=sara, purpose="確認") == {
        "body": PLAIN,
        "contact": "099-9999-9999",
    }
    settings.SENSITIVE_KEYS = old
    with pytest.raises(SealError):
        fresh.reveal("body", reader=sara, purpose="確認")


def test_retention_erases_details_after_the_period_and_keeps_the_fact(letter_model: Any) -> None:
    with time_machine.travel("2025-01-10 10:00 +0900", tick=False):
        done = letter_model.objects.create(body=PLAIN, finished_at=timezone.now())
        open_one = letter_model.objects.create(body="まだ続いている", finished_at=None)
    with time_machine.travel("2025-12-01 10:00 +0900", tick=False):
        assert purge_expired([letter_model], timezone.now()) == {"sensitive.Letter": 0}
    with time_machine.travel("2026-01-11 10:00 +0900", tick=False):
        assert purge_expired([letter_model], timezone.now()) == {"sensitive.Letter": 1}
    assert letter_model.objects.count() == 2
    assert raw_column(letter_model, done.pk) == ""
    assert raw_column(letter_model, open_one.pk).startswith("v1:")
    erased = AccessRecord.objects.get(action="erase")
    assert erased.object_id == str(done.pk) and erased.actor_label == "system"


def test_erasing_on_withdrawn_consent_blanks_every_field(letter_model: Any, bob: Any) -> None:
    letter = letter_model.objects.create(body=PLAIN, contact="夜に電話")
    letter.erase_sensitive(actor=bob, reason="同意の撤回")
    assert (
        raw_column(letter_model, letter.pk) == ""
        and raw_column(letter_model, letter.pk, "contact") == ""
    )
    record = AccessRecord.objects.get()
    assert (record.action, record.purpose, record.fields) == ("erase", "同意の撤回", "body,contact")


def test_the_chain_verifies_and_names_the_first_altered_entry(letter_model: Any, sara: Any) -> None:
    letter = letter_model.objects.create(body=PLAIN)
    for n in range(4):
        letter.reveal("body", reader=sara, purpose=f"確認 {n}")
    call_command("audit_verify")
    head = AccessRecord.head()
    last = AccessRecord.objects.order_by("-id").first()
    assert last is not None and len(head) == 64 and head == last.hash

    third = AccessRecord.objects.order_by("id")[2]
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE sensitive_accessrecord SET purpose = %s WHERE id = %s", ["改ざん", third.id]
            )
    call_command("audit_verify")  # the refused change left the chain whole

    _drop_trigger()
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE sensitive_accessrecord SET purpose = %s WHERE id = %s", ["改ざん", third.id]
            )
        with pytest.raises(CommandError, match=f"id={third.id}"):
            call_command("audit_verify")
    finally:
        _restore_trigger()


def test_the_application_cannot_change_or_delete_access_records(
    letter_model: Any, sara: Any
) -> None:
    letter = letter_model.objects.create(body=PLAIN)
    letter.reveal("body", reader=sara, purpose="確認")
    record = AccessRecord.objects.get()
    record.purpose = "書き換え"
    with pytest.raises(PermissionError):
        record.save()
    with pytest.raises(PermissionError):
        record.delete()
    with pytest.raises(PermissionError):
        AccessRecord.objects.all().update(purpose="x")
    with pytest.raises(PermissionError):
        AccessRecord.objects.all().delete()
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM sensitive_accessrecord")
    assert AccessRecord.objects.get().purpose == "確認"


def _drop_trigger() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE sensitive_accessrecord DISABLE TRIGGER sensitive_accessrecord_no_update"
            )
        else:
            cursor.execute("DROP TRIGGER sensitive_accessrecord_no_update")


def _restore_trigger() -> None:
    from importlib import import_module

    migration = import_module("tsunagari.sensitive.migrations.0002_append_only")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE sensitive_accessrecord ENABLE TRIGGER sensitive_accessrecord_no_update"
            )
        else:
            cursor.execute(migration.SQLITE_UP[0])


def test_the_access_log_lists_who_read_what_for_verified_staff_only(
    client: Any, letter_model: Any, sara: Any, bob: Any
) -> None:
    letter = letter_model.objects.create(body=PLAIN)
    letter.reveal("body", reader=bob, purpose="本人に折り返すため")
    today = timezone.localdate().isoformat()
    url = f"/sensitive/access/?start={today}&end={today}"

    assert client.get(url).status_code == 302  # anonymous: sign in first
    signed_in(client, bob, otp=True)
    assert client.get(url).status_code == 403
    client.logout()
    signed_in(client, sara, verified=False)
    assert "/accounts/two-factor/" in client.get(url)["Location"]
    signed_in(client, sara)
    page = client.get(url).content.decode()
    assert "本人に折り返すため" in page and "食堂 ぼぶ" in page and str(letter.pk) in page
    assert "山田" not in page

    wrong = client.get(f"/sensitive/access/?start={today}&end=2000-01-01").content.decode()
    assert "「いつから」は「いつまで」より前の日にしてください。" in wrong


def test_production_refuses_the_development_key(settings: Any) -> None:
    from tsunagari.sensitive.checks import keys_configured

    settings.SENSITIVE_KEYS = ""
    assert [e.id for e in keys_configured(None)] == ["sensitive.E001"]
    settings.SENSITIVE_KEYS = "a:short"
    assert [e.id for e in keys_configured(None)] == ["sensitive.E002"]
    settings.SENSITIVE_KEYS = f"k1:{new_key()}"
    assert keys_configured(None) == []


def test_sealed_is_falsy_when_empty() -> None:
    assert not Sealed() and Sealed(pending="x") and str(Sealed(token="v1:a:b")) == "••••"
