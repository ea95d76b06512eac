"""A model field whose value is only ever stored encrypted.

The attribute holds a :class:`Sealed`: printing it shows dots, never the
plaintext, so a template or a log line cannot leak it by accident. Plaintext
assigned to the attribute is encrypted in ``pre_save``, when the row's primary
key is known (the authenticated data is ``table|pk|field``). Reading goes
through :meth:`tsunagari.sensitive.models.SensitiveModel.reveal`, which writes
an access record first. The field is not editable, so admin pages and model
forms never show it.
"""

from typing import Any

from django.db import models

from tsunagari.sensitive.crypto import keyring

MASK = "••••"


class Sealed:
    """An encrypted value (``token``), or plaintext waiting to be encrypted on save."""

    __slots__ = ("token", "pending")

    def __init__(self, token: str = "", pending: str | None = None) -> None:
        self.token = token
        self.pending = pending

    def __bool__(self) -> bool:
        return bool(self.token or self.pending)

    def __str__(self) -> str:
        return MASK if self else ""

    def __repr__(self) -> str:
        return "<Sealed>" if self else "<Sealed empty>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sealed) and (self.token, self.pending) == (
            other.token,
            other.pending,
        )

    def __hash__(self) -> int:
        return hash((self.token, self.pending))


def aad(instance: models.Model, field_name: str) -> str:
    return f"{instance._meta.db_table}|{instance.pk}|{field_name}"


class _SealedAttribute:
    def __init__(self, field: "EncryptedTextField") -> None:
        self.field = field

    def __get__(self, instance: Any, owner: Any) -> Any:
        if instance is None:
            return self
        return instance.__dict__.get(self.field.attname, Sealed())

    def __set__(self, instance: Any, value: Any) -> None:
        if value is None or value == "":
            value = Sealed()
        elif isinstance(value, str):
            value = Sealed(pending=value)
        elif not isinstance(value, Sealed):
            raise TypeError("an encrypted field takes text")
        instance.__dict__[self.field.attname] = value


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Text stored as ``v1:<key id>:<nonce+ciphertext>`` (AES-GCM)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs["editable"] = False
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("editable", None)
        return name, path, args, kwargs

    def contribute_to_class(self, cls: Any, name: str, private_only: bool = False) -> None:
        super().contribute_to_class(cls, name, private_only)
        setattr(cls, self.attname, _SealedAttribute(self))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Sealed:
        return Sealed(token=value) if value else Sealed()

    def to_python(self, value: Any) -> Any:
        return value

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = getattr(model_instance, self.attname)
        if value.pending is not None:
            if model_instance.pk is None:
                raise ValueError("an encrypted value needs the row's key before it is saved")
            value = Sealed(token=keyring().encrypt(value.pending, aad(model_instance, self.name)))
            setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value: Any) -> Any:
        if value is None or value == "":
            return ""
        if isinstance(value, Sealed):
            if value.pending is not None:
                raise ValueError("plaintext is encrypted only through save()")
            return value.token
        raise ValueError("plaintext is never written to an encrypted column")

    def value_to_string(self, obj: models.Model) -> str:
        # serialisers (dumpdata) get the ciphertext, never the plaintext
        value = getattr(obj, self.attname)
        return value.token if isinstance(value, Sealed) else ""


def encrypted_fields(model: type[models.Model]) -> list[EncryptedTextField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
