"""The backup drill: back up, lose data, restore, compare every table's count and
checksum, and read the personal details again with the escrowed keys."""

import base64
import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tsunagari.core.backup import fingerprint, new_backup_key
from tsunagari.council.models import Case, Council, CouncilMember, MemberBody
from tsunagari.council.services import case_open, conference_record
from tsunagari.sensitive.crypto import SealError, new_key
from tsunagari.sensitive.models import AccessRecord

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "テスト 三郎 DRILLMARK"


@pytest.fixture
def keys(settings: Any) -> dict[str, str]:
    sensitive = new_key()
    settings.SENSITIVE_KEYS = f"esc1:{sensitive}"
    settings.BACKUP_KEY = new_backup_key()
    return {"sensitive": sensitive, "backup": settings.BACKUP_KEY}


@pytest.fixture
def member(db: None, sara: Any) -> CouncilMember:
    council = Council.objects.create(name="テスト協議会", coordinating_body="テスト機関")
    body = MemberBody.objects.create(council=council, name="テスト機関")
    today = timezone.localdate()
    return CouncilMember.objects.create(
        user=sara,
        body=body,
        starts_on=today - datetime.timedelta(days=10),
        pledge_signed_on=today - datetime.timedelta(days=10),
        pledge_version="テスト1",
    )


def run(*args: Any, **kwargs: Any) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


def test_the_backup_drill(tmp_path: Path, keys: dict[str, str], member: CouncilMember) -> None:
    case = case_open(by=member, person_name=NAME, situation="（テスト）DRILLMARK の状況")
    conference_record(
        case=case,
        by=member,
        held_on=timezone.localdate(),
        attendees=[member],
        agenda="議題",
        minutes="議事",
        decisions="決定",
    )
    case.reveal("person_name", reader=member.user, purpose="訓練")
    before = fingerprint()
    archive = tmp_path / "drill.tgb"
    said = run("backup", out=str(archive))
    assert "バックアップを書きました" in said

    data = archive.read_bytes()
    assert b"DRILLMARK" not in data and NAME.encode() not in data
    assert b"SQLite format 3" not in data and b"PGDMP" not in data  # the dump is not readable
    assert keys["sensitive"].encode() not in data
    assert base64.urlsafe_b64decode(keys["sensitive"] + "=") not in data

    # The disaster: a case is lost, a new one appears, more reads are recorded.
    Case.objects.filter(pk=case.pk).delete()
    case_open(by=member, person_name="後から", situation="x")
    assert fingerprint() != before

    said = run("restore", str(archive), interactive=False)
    assert "一致しました" in said
    assert fingerprint() == before
    restored = Case.objects.get(pk=case.pk)
    assert restored.reveal("person_name", reader=member.user, purpose="訓練の確認") == NAME
    assert restored.conferences.count() == 1
    assert AccessRecord.first_broken() is None
    run("audit_verify")


def test_the_backup_is_useless_without_the_escrowed_sensitive_keys(
    tmp_path: Path, keys: dict[str, str], member: CouncilMember, settings: Any
) -> None:
    case = case_open(by=member, person_name=NAME, situation="x")
    archive = tmp_path / "b.tgb"
    run("backup", out=str(archive))
    run("restore", str(archive), interactive=False)
    settings.SENSITIVE_KEYS = f"esc1:{new_key()}"  # the same id, another key: not the escrow
    with pytest.raises(SealError):
        Case.objects.get(pk=case.pk).reveal("person_name", reader=None, purpose="訓練")


def test_it_refuses_a_wrong_key_a_changed_or_cut_archive_and_changes_nothing(
    tmp_path: Path, keys: dict[str, str], member: CouncilMember, settings: Any
) -> None:
    case_open(by=member, person_name=NAME, situation="x")
    archive = tmp_path / "b.tgb"
    run("backup", out=str(archive))
    case_open(by=member, person_name="あと", situation="y")
    now = fingerprint()

    settings.BACKUP_KEY = new_backup_key()
    with pytest.raises(CommandError, match="復号できません"):
        run("restore", str(archive), interactive=False)
    settings.BACKUP_KEY = keys["backup"]

    data = archive.read_bytes()
    changed = tmp_path / "changed.tgb"
    changed.write_bytes(data[:-10] + bytes([data[-10] ^ 1]) + data[-9:])
    cut = tmp_path / "cut.tgb"
    cut.write_bytes(data[: len(data) // 2])
    other = tmp_path / "other.txt"
    other.write_text("hello")
    for bad, message in (
        (changed, "復号できません"),
        (cut, "切れています"),
        (other, "ではありません"),
    ):
        with pytest.raises(CommandError, match=message):
            run("restore", str(bad), interactive=False)
    assert fingerprint() == now


def test_it_says_what_is_missing(tmp_path: Path, settings: Any, db: None) -> None:
    settings.BACKUP_KEY = ""
    with pytest.raises(CommandError, match="BACKUP_KEY が設定されていません"):
        run("backup", out=str(tmp_path / "x.tgb"))
    assert not (tmp_path / "x.tgb").exists()
    with pytest.raises(CommandError, match="ファイルがありません"):
        run("restore", str(tmp_path / "none.tgb"), interactive=False)
    key = run("backup", new_key=True).strip()
    assert len(base64.urlsafe_b64decode(key + "=")) == 32
