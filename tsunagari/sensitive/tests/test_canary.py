"""Canary scan (issue 9, item 3): no plaintext of a sensitive field ever leaves the fields.

A marker goes into every encrypted field of every SensitiveModel subclass there is; the
records are read (``reveal``), changed (``log_change``) and shown on the council's pages;
then the whole database — the SQLite file image or ``pg_dump`` output, which includes the
access records and every history table — the captured log output (SQL included) and the
caches are searched for the markers. Zero hits.

Records are made by a generic factory that fills required fields by type; a model the
factory cannot make may offer ``canary_example(cls) -> unsaved instance``.
"""

import datetime
import decimal
import logging
import os
import shutil
import subprocess  # noqa: S404 — pg_dump, a fixed argument list
import uuid
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection, models
from django.test import Client
from django.utils import timezone

from tsunagari.sensitive.fields import encrypted_fields
from tsunagari.sensitive.models import AccessRecord, SensitiveModel
from tsunagari.sensitive.registry import sensitive_models

pytestmark = pytest.mark.django_db(transaction=True)


def _value(field: models.Field, n: int) -> Any:  # type: ignore[type-arg]
    token = uuid.uuid4().hex[:12]
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.EmailField):
        return f"canary-{token}@example.org"
    if isinstance(field, models.URLField):
        return "https://example.org/"
    if isinstance(field, models.GenericIPAddressField):
        return "127.0.0.1"
    if isinstance(field, models.CharField | models.TextField | models.SlugField):
        return token[: field.max_length or 12]
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.IntegerField | models.FloatField):
        return 1
    if isinstance(field, models.DecimalField):
        return decimal.Decimal(1)
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return timezone.localdate()
    if isinstance(field, models.TimeField):
        return datetime.time(12, 0)
    if isinstance(field, models.DurationField):
        return datetime.timedelta(days=1)
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(field, models.JSONField):
        return {}
    raise LookupError(f"the canary factory cannot fill {field!r}")


def make(model: type[models.Model], n: int = 0) -> models.Model:
    """A saved row of ``model`` with every required field filled (related rows made too)."""
    if hasattr(model, "canary_example"):
        instance = model.canary_example()
        instance.save()
        return instance
    kwargs: dict[str, Any] = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.has_default() or field.null:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        if isinstance(field, models.ForeignKey):
            kwargs[field.name] = make(field.related_model, n + 1)  # type: ignore[arg-type]
        elif field.blank and isinstance(field, models.CharField | models.TextField):
            continue
        else:
            kwargs[field.name] = _value(field, n)
    return model._default_manager.create(**kwargs)


def test_no_marker_reaches_the_database_dump_the_logs_or_the_cache(
    caplog: pytest.LogCaptureFixture, settings: Any
) -> None:
    settings.DEBUG = True  # so that Django logs every SQL statement with its parameters
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    connection.force_debug_cursor = True
    try:
        markers, scanned = _plant_markers()
        _read_and_show(scanned)
        dump = _database_bytes()
        logs = caplog.text + "\n".join(str(r.args) for r in caplog.records)
        cached = _cache_bytes()
    finally:
        connection.force_debug_cursor = False

    assert {m.__name__ for m in scanned} >= {"Case", "CaseNote", "Conference", "Task"}
    assert len(markers) >= 7
    assert len(dump) > 10_000 and "INSERT" in logs  # the scans saw real material
    hits = [
        (marker, where)
        for marker in markers
        for where, haystack in (("database", dump), ("logs", logs.encode()), ("cache", cached))
        if marker.encode() in haystack
    ]
    assert hits == []
    records = AccessRecord.objects.all()
    assert records.filter(action="read").exists()
    assert not any(m in r.payload() for r in records for m in markers)


def _plant_markers() -> tuple[list[str], dict[type[SensitiveModel], list[Any]]]:
    markers: list[str] = []
    scanned: dict[type[SensitiveModel], list[Any]] = {}
    for model in sensitive_models():
        instance = make(model)
        for field in encrypted_fields(model):
            marker = f"CANARY{uuid.uuid4().hex[:16]}"
            markers.append(marker)
            setattr(instance, field.name, f"{marker} 堺市の山田さん 099-9999-9999")
        instance.save()
        AccessRecord.log_change(actor=None, obj=instance, action="canary", detail="test")
        scanned.setdefault(model, []).append(instance)
    return markers, scanned


def _read_and_show(scanned: dict[type[SensitiveModel], list[Any]]) -> None:
    from tsunagari.council.models import Case, CaseMember, Conference
    from tsunagari.council.tests.conftest import council_signed_in

    for model, instances in scanned.items():
        for instance in instances:
            fresh = model._default_manager.get(pk=instance.pk)
            names = [f.name for f in encrypted_fields(model)]
            shown = fresh.reveal_many(names, reader=None, purpose="漏えい検査")
            assert all(v.startswith("CANARY") for v in shown.values())
    # Show the council's pages to a listed member: the plaintext is in the response only.
    case = scanned[Case][0]
    reader = case.opened_by
    reader.pledge_signed_on = timezone.localdate() - datetime.timedelta(days=1)
    reader.pledge_version = "canary"
    reader.starts_on = timezone.localdate() - datetime.timedelta(days=1)
    reader.ends_on = None
    reader.save()
    reader.user.is_active = True
    reader.user.save()
    CaseMember.objects.get_or_create(case=case, member=reader)
    conference = scanned[Conference][0]
    conference.case = case
    conference.save()
    client = council_signed_in(Client(), reader.user)
    page = client.get(f"/council/cases/{case.pk}/")
    assert page.status_code == 200 and b"CANARY" in page.content
    printed = client.get(f"/council/cases/{case.pk}/conferences/{conference.pk}/print/")
    assert printed.status_code == 200 and b"CANARY" in printed.content


def _database_bytes() -> bytes:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return bytes(connection.connection.serialize())  # the database file's bytes
    if connection.vendor == "postgresql":
        if shutil.which("pg_dump") is None:
            pytest.skip("pg_dump is not installed: the PostgreSQL dump cannot be searched")
        db = connection.settings_dict
        env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
        args = ["pg_dump", "--no-owner", "-h", str(db.get("HOST") or "localhost")]
        if db.get("PORT"):
            args += ["-p", str(db["PORT"])]
        if db.get("USER"):
            args += ["-U", str(db["USER"])]
        done = subprocess.run(  # noqa: S603
            [*args, str(db["NAME"])], env=env, capture_output=True, check=True, timeout=120
        )
        return done.stdout
    pytest.skip(f"no dump for {connection.vendor}")


def _cache_bytes() -> bytes:
    found = b""
    for alias in caches:
        store = getattr(caches[alias], "_cache", None)  # LocMemCache keeps pickled values
        if isinstance(store, dict):
            found += b"".join(
                v if isinstance(v, bytes) else repr(v).encode() for v in store.values()
            )
            found += repr(list(store.keys())).encode()
    return found
