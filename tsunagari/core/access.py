"""Who may use a view. Deny by default.

Every view must declare its audience with one of the decorators below;
:class:`tsunagari.core.middleware.DenyByDefaultMiddleware` refuses any view that
has not. Object-level checks (is this *your* organisation's listing?) live in
each app as ``get_<thing>_for_user(request, pk)`` helpers that answer 404 to
outsiders.
"""

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

View = TypeVar("View", bound=Callable[..., HttpResponse])


class Audience(StrEnum):
    PUBLIC = "public"  # anyone, anonymously
    MEMBER = "member"  # any signed-in user (object checks narrow it further)
    STAFF = "staff"  # platform staff (the city's secretariat)
    SYSADMIN = "sysadmin"  # system administrators


def _mark(view: Any, audience: Audience) -> Any:
    view.audience = audience
    return view


def public(view: View) -> View:
    """Anyone may use this view, signed in or not."""
    return _mark(view, Audience.PUBLIC)


def _guarded(audience: Audience, allowed: Callable[[Any], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _mark(wrapper, audience)

    return decorator


def is_platform_staff(user: Any) -> bool:
    """The city's secretariat (and system administrators); False for anonymous visitors."""
    return bool(user.is_authenticated and getattr(user, "is_platform_staff", False))


member = _guarded(Audience.MEMBER, lambda user: user.is_active)
staff = _guarded(Audience.STAFF, is_platform_staff)
sysadmin = _guarded(Audience.SYSADMIN, lambda user: user.is_active and user.is_superuser)


def audience_of(view: Any) -> Audience | None:
    """The declared audience of a resolved view function, if any."""
    for candidate in (view, getattr(view, "view_class", None), getattr(view, "__wrapped__", None)):
        if candidate is not None and getattr(candidate, "audience", None):
            return Audience(candidate.audience)
    return None
