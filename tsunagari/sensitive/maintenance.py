"""Key rotation and retention, over any list of models that keep personal details."""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction

from tsunagari.sensitive.crypto import key_id, keyring
from tsunagari.sensitive.fields import Sealed, aad, encrypted_fields
from tsunagari.sensitive.models import AccessRecord, Action, SensitiveModel


def rotate(models: Iterable[type[SensitiveModel]]) -> dict[str, int]:
    """Re-encrypt with the current key every value sealed with an older one."""
    ring = keyring()
    counts: dict[str, int] = {}
    for model in models:
        fields = encrypted_fields(model)
        changed = 0
        with transaction.atomic():
            for obj in model._default_manager.select_for_update().iterator(chunk_size=500):
                updates: dict[str, Sealed] = {}
                for field in fields:
                    sealed: Sealed = getattr(obj, field.attname)
                    if sealed.token and key_id(sealed.token) != ring.current:
                        where = aad(obj, field.name)
                        plain = ring.decrypt(sealed.token, where)
                        updates[field.attname] = Sealed(token=ring.encrypt(plain, where))
                if updates:
                    model._default_manager.filter(pk=obj.pk).update(**updates)
                    changed += 1
            if changed:
                AccessRecord.append(
                    actor=None,
                    action=Action.ROTATE,
                    table=model._meta.db_table,
                    object_id=f"{changed} rows",
                    fields=[f.name for f in fields],
                    purpose=f"key {ring.current}",
                )
        counts[model._meta.label] = changed
    return counts


def purge_expired(models: Iterable[type[SensitiveModel]], now: datetime) -> dict[str, int]:
    """Erase the details of every record whose retention period ended before ``now``."""
    counts: dict[str, int] = {}
    for model in models:
        expired = model.expired(now)
        if expired is None:
            continue
        count = 0
        for obj in expired.iterator(chunk_size=200):
            with transaction.atomic():
                obj.purge()
            count += 1
        counts[model._meta.label] = count
    return counts
