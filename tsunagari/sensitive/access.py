"""Two-factor sign-in for everyone who reads or changes personal details.

The sign-in middleware asks only admins and staff for a second factor. A view
that shows or changes sensitive data adds :func:`two_factor_required` under its
audience decorator, so an ordinary member must also have confirmed a code in
this session.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from tsunagari.accounts.twofactor import is_verified

View = TypeVar("View", bound=Callable[..., HttpResponse])


def two_factor_required(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_verified(request.user):
            return redirect_to_login(request.get_full_path(), login_url="accounts:otp_verify")
        return view(request, *args, **kwargs)

    wrapper.two_factor = True  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
