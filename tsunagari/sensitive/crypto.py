"""AES-GCM for personal details, with keys from the environment.

``SENSITIVE_KEYS`` holds ``kid:base64key`` pairs separated by commas; the first
is the current key, the others are still read (key rotation). Keys are never
stored in the database. Each value carries the id of its key, and its
authenticated data binds it to one table, row and field, so a value copied to
another row or field does not decrypt. On a laptop (DEBUG on) without keys, a
development key is derived from SECRET_KEY; a production start without keys is
refused by the system check in ``checks.py``.
"""

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

PREFIX = "v1"
NONCE_BYTES = 12


class SealError(Exception):
    """A value names a key that is not configured, or does not authenticate."""


@dataclass(frozen=True)
class KeyRing:
    current: str
    keys: dict[str, bytes]

    @classmethod
    def parse(cls, spec: str) -> "KeyRing":
        keys: dict[str, bytes] = {}
        order: list[str] = []
        for part in (p.strip() for p in spec.split(",")):
            if not part:
                continue
            kid, sep, encoded = part.partition(":")
            if not sep or not kid or ":" in encoded:
                raise ValueError("SENSITIVE_KEYS: each key is kid:base64key")
            key = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
            if len(key) != 32:
                raise ValueError(f"SENSITIVE_KEYS: key {kid} must be 32 bytes")
            if kid in keys:
                raise ValueError(f"SENSITIVE_KEYS: key id {kid} appears twice")
            keys[kid] = key
            order.append(kid)
        if not order:
            raise ValueError("SENSITIVE_KEYS is empty")
        return cls(current=order[0], keys=keys)

    @classmethod
    def development(cls) -> "KeyRing":
        key = hashlib.sha256(b"tsunagari-sensitive-dev:" + settings.SECRET_KEY.encode()).digest()
        return cls(current="dev", keys={"dev": key})

    def encrypt(self, plain: str, aad: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(self.keys[self.current]).encrypt(nonce, plain.encode(), aad.encode())
        body = base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")
        return f"{PREFIX}:{self.current}:{body}"

    def decrypt(self, token: str, aad: str) -> str:
        kid = key_id(token)
        if kid not in self.keys:
            raise SealError(f"key {kid} is not configured")
        body = token.split(":", 2)[2]
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        try:
            plain = AESGCM(self.keys[kid]).decrypt(
                raw[:NONCE_BYTES], raw[NONCE_BYTES:], aad.encode()
            )
        except Exception as exc:  # cryptography raises InvalidTag
            raise SealError("the value does not belong here or was altered") from exc
        return plain.decode()

    def blind_index(self, value: str, purpose: str) -> str:
        """A keyed hash to compare values (duplicates) without storing them."""
        key = hashlib.sha256(b"blind:" + self.keys[self.current]).digest()
        return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def key_id(token: str) -> str:
    prefix, _sep, rest = token.partition(":")
    if prefix != PREFIX or ":" not in rest:
        raise SealError("not an encrypted value")
    return rest.split(":", 1)[0]


@cache
def _ring_for(spec: str, secret: str) -> KeyRing:
    return KeyRing.parse(spec) if spec else KeyRing.development()


def keyring() -> KeyRing:
    return _ring_for(settings.SENSITIVE_KEYS, settings.SECRET_KEY)


def new_key() -> str:
    return base64.urlsafe_b64encode(AESGCM.generate_key(bit_length=256)).decode().rstrip("=")
