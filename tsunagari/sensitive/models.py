"""Personal details under lock: the base for models that hold them, and the access record.

Every read of an encrypted value goes through :meth:`SensitiveModel.reveal`,
which writes an :class:`AccessRecord` (who, when, which record, which fields,
why — never the content) in the same transaction. Changes to sensitive records
(a status move, an erasure) are recorded the same way. The access records form
an append-only chain: each holds the hash of the one before it, so an altered
or removed entry is found by ``manage.py audit_verify``; ``audit_head`` prints
the latest hash to keep outside the system. Database triggers (migration 0002)
refuse UPDATE of the table, and DELETE on PostgreSQL.
"""

import hashlib
import json
import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.sensitive.crypto import keyring
from tsunagari.sensitive.fields import Sealed, aad, encrypted_fields

GENESIS = "0" * 64
# An arbitrary fixed number: the PostgreSQL advisory lock that serialises appends.
_CHAIN_LOCK = 0x5453_4E47


class Action(models.TextChoices):
    READ = "read", _("閲覧")
    CHANGE = "change", _("変更")
    ERASE = "erase", _("消去")
    ROTATE = "rotate", _("鍵の更新")


class AppendOnlyQuerySet(models.QuerySet["AccessRecord"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("access records are never changed")

    def delete(self) -> Any:
        raise PermissionError("access records are never deleted")


class AccessRecord(models.Model):
    at = models.DateTimeField(_("日時"), db_index=True)
    # The reader's id and name are copied, not linked: a deleted account must not alter the chain.
    actor_id = models.BigIntegerField(_("利用者ID"), null=True, db_index=True)
    actor_label = models.CharField(_("利用者"), max_length=200)
    action = models.CharField(_("操作"), max_length=10, choices=Action.choices)
    table = models.CharField(_("記録の種類"), max_length=100)
    object_id = models.CharField(_("記録のID"), max_length=64, db_index=True)
    fields = models.CharField(_("項目"), max_length=500, blank=True)
    purpose = models.CharField(_("目的・理由"), max_length=200)
    prev_hash = models.CharField(max_length=64, unique=True)
    hash = models.CharField(max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["id"]
        verbose_name = _("閲覧・変更の記録")
        verbose_name_plural = _("閲覧・変更の記録")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.table}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("access records are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("access records are never deleted")

    def payload(self) -> str:
        return json.dumps(
            [
                self.prev_hash,
                self.at.astimezone(UTC).isoformat(timespec="microseconds"),
                self.actor_id,
                self.actor_label,
                self.action,
                self.table,
                self.object_id,
                self.fields,
                self.purpose,
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )

    def compute_hash(self) -> str:
        return hashlib.sha256(self.payload().encode()).hexdigest()

    @classmethod
    def append(
        cls,
        *,
        actor: Any,
        action: str,
        table: str,
        object_id: str,
        fields: list[str] | tuple[str, ...] = (),
        purpose: str,
    ) -> "AccessRecord":
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
            last = cls.objects.order_by("-id").values_list("hash", flat=True).first()
            record = cls(
                at=timezone.now(),
                actor_id=getattr(actor, "pk", None),
                actor_label=_label(actor),
                action=action,
                table=table,
                object_id=str(object_id),
                fields=",".join(fields)[:500],
                purpose=str(purpose)[:200],
                prev_hash=last or GENESIS,
            )
            record.hash = record.compute_hash()
            record.save()
            return record

    @classmethod
    def log_change(
        cls, *, actor: Any, obj: models.Model, action: str, detail: str
    ) -> "AccessRecord":
        """A change to a sensitive record (``detail`` names what, e.g. a status — never content)."""
        return cls.append(
            actor=actor,
            action=Action.CHANGE,
            table=obj._meta.db_table,
            object_id=str(obj.pk),
            fields=(action,),
            purpose=detail,
        )

    @classmethod
    def first_broken(cls) -> "AccessRecord | None":
        """The first entry whose hash or link does not hold, or None when the chain is whole."""
        previous = GENESIS
        for record in cls.objects.order_by("id").iterator(chunk_size=2000):
            if record.prev_hash != previous or record.compute_hash() != record.hash:
                return record
            previous = record.hash
        return None

    @classmethod
    def head(cls) -> str:
        return cls.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS


def _label(actor: Any) -> str:
    if actor is None:
        return "system"
    name = getattr(actor, "display_name", "") or getattr(actor, "get_username", lambda: "")()
    return str(name)[:200] or f"user {actor.pk}"


class SensitiveModel(models.Model):
    """A record that holds personal details in :class:`EncryptedTextField` columns."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True

    @classmethod
    def access_records_visible_to(cls, user: Any) -> list[str] | None:
        """Whose access records `/sensitive/access/` may show this user, for this table.

        ``None`` (the default): every verified staff member sees them. A model whose very
        records say too much (the council's cases, docs/decisions/0041) returns the ids
        of the records this user is entitled to; every other row of its table is left out."""
        return None

    def reveal(self, field: str, *, reader: Any, purpose: str) -> str:
        return self.reveal_many([field], reader=reader, purpose=purpose)[field]

    def reveal_many(self, fields: list[str], *, reader: Any, purpose: str) -> dict[str, str]:
        known = {f.name for f in encrypted_fields(type(self))}
        unknown = set(fields) - known
        if unknown:
            raise ValueError(f"not encrypted fields: {sorted(unknown)}")
        AccessRecord.append(
            actor=reader,
            action=Action.READ,
            table=self._meta.db_table,
            object_id=str(self.pk),
            fields=fields,
            purpose=purpose,
        )
        ring = keyring()
        out: dict[str, str] = {}
        for name in fields:
            value: Sealed = getattr(self, name)
            if value.pending is not None:
                out[name] = value.pending
            else:
                out[name] = ring.decrypt(value.token, aad(self, name)) if value.token else ""
        return out

    def erase_sensitive(self, *, actor: Any, reason: str) -> None:
        """Blank every encrypted field; only the fact that the record existed stays."""
        names = [f.name for f in encrypted_fields(type(self))]
        with transaction.atomic():
            for name in names:
                setattr(self, name, "")
            self.save()
            AccessRecord.append(
                actor=actor,
                action=Action.ERASE,
                table=self._meta.db_table,
                object_id=str(self.pk),
                fields=names,
                purpose=reason,
            )

    @classmethod
    def expired(cls, now: datetime) -> "models.QuerySet[Any] | None":
        """Records whose retention period has ended (None: this kind keeps nothing to purge)."""
        return None

    def purge(self) -> None:
        """What ``purge_expired`` does to one expired record: erase its details by default."""
        self.erase_sensitive(actor=None, reason=str(_("保存期間の終了")))
