from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from tsunagari.accounts.twofactor import is_verified, requires_two_factor
from tsunagari.core.access import Audience, audience_of


class TwoFactorRequiredMiddleware:
    """Send organisation admins and staff to the second sign-in step before any non-public page.

    Public pages stay open (a staff member may read the directory like anyone);
    the sign-in steps themselves are marked ``otp_exempt``. The admin site is
    covered too: it declares no audience, so it is not public.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if getattr(view_func, "otp_exempt", False) or audience_of(view_func) == Audience.PUBLIC:
            return None
        if is_verified(user) or not requires_two_factor(user):
            return None
        return redirect_to_login(request.get_full_path(), login_url="accounts:otp_verify")
