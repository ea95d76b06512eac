"""Who must use two-factor sign-in (TOTP, django-otp), and whether this session has.

Everyone who can change what the public sees — platform staff, and every person acting for
an organisation, admin or member — signs in with a second factor (docs/decisions/0024):
a stolen password alone must not change a listing, its web address, or a gathering.
Only a signed-in person with no role (who can change nothing) is spared.
"""

from typing import Any

from tsunagari.core.access import is_platform_staff


def requires_two_factor(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    if is_platform_staff(user):
        return True
    return bool(user.roles.exists())


RECOVERY_CODES = 10


def issue_recovery_codes(user: Any) -> list[str]:
    """Ten new one-time recovery codes (django-otp static tokens), replacing any earlier ones.

    Each works once in place of the app's six digits, for a person whose phone is away.
    """
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def reset_two_factor(user: Any) -> int:
    """Forget every second factor of a person (a lost phone): they register anew at next sign-in."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += StaticDevice.objects.filter(user=user).delete()[0]
    return removed


def is_verified(user: Any) -> bool:
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())
