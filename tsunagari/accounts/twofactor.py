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


def is_verified(user: Any) -> bool:
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())
