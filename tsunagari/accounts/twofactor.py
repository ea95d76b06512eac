"""Who must use two-factor sign-in (TOTP, django-otp), and whether this session has.

Organisation admins and platform staff can change what the public sees and read
other people's contact details, so a stolen password alone must not be enough.
"""

from typing import Any

from tsunagari.core.access import is_platform_staff
from tsunagari.partners.models import RoleKind


def requires_two_factor(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    if is_platform_staff(user):
        return True
    return bool(user.roles.filter(kind=RoleKind.ADMIN).exists())


def is_verified(user: Any) -> bool:
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())
