"""Sign-in accounts for a laptop or a demonstration: a random password and a ready TOTP device.

Only while DEBUG is on. The password and the authenticator secret are returned once,
for the command to print; only the password's hash and the device key are stored,
as for any account.
"""

import secrets
from base64 import b32encode
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from tsunagari.accounts.models import User

REFUSED = (
    "DEBUG が off（本番）のときは、パスワードつきのアカウントをコマンドで作りません。"
    "本番では招待のメールからアカウントを作ってください。"
)


@dataclass(frozen=True)
class LocalAccount:
    user: User
    password: str
    totp_secret: str  # base32, what an authenticator app asks for
    otpauth_url: str

    def lines(self) -> list[str]:
        return [
            f"  メールアドレス（ログインID）: {self.user.username}",
            f"  パスワード: {self.password}",
            f"  認証アプリの秘密の鍵: {self.totp_secret}",
            f"  認証アプリ用のURL: {self.otpauth_url}",
        ]


def refuse_unless_debug() -> None:
    if not settings.DEBUG:
        raise CommandError(REFUSED)


@transaction.atomic
def local_account(
    *, email: str, display_name: str, staff: bool = False, reset: bool = True
) -> LocalAccount | None:
    """Create (or, with ``reset``, renew) an account with a fresh password and TOTP device.

    Returns None when the account exists and ``reset`` is off: its password was printed before.
    """
    refuse_unless_debug()
    user = User.objects.filter(username=email.lower()).first()
    if user is not None and not reset:
        return None
    if user is None:
        user = User(username=email.lower(), email=email.lower())
    password = secrets.token_urlsafe(12)
    user.display_name = display_name
    user.is_active = True
    if staff:
        user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name="認証アプリ", confirmed=True)
    return LocalAccount(
        user=user,
        password=password,
        totp_secret=b32encode(device.bin_key).decode(),
        otpauth_url=device.config_url,
    )
